import { Queue, Worker, type Job } from "bullmq";
import type { Api } from "grammy";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import {
  ChatDirectory,
  ChatFence,
  ConfigError,
  QUEUE_STREAMS,
  STATS_QUEUE,
  accountQueueName,
  configSecrets,
  deleteJobEvents,
  redisKeys,
  type RedisKeys,
  createLogger,
  createSecretScrubber,
  renderReportCharts,
} from "@tgstats/shared";
import {
  ChatCache,
  OpsServerError,
  countBotApiErrors,
  createTgstatsMetrics,
  redisPingCheck,
  startOpsServer,
  type ReadinessCheck,
  type SecretScrubber,
  type TgstatsMetrics,
} from "@tgstats/shared";
import {
  acquireSessionLease,
  NoFreeSessionError,
  type SessionLease,
} from "./accounts/session-lease.js";
import { startReadableChatsPublisher } from "./accounts/readable-chats-publisher.js";
import { loadWorkerConfig, sessionPool, type WorkerConfig } from "./config.js";
import {
  DeliveryJournals,
  createDeliveryApi,
  createFileDownloader,
  scrubOutgoingTexts,
} from "./delivery/index.js";
import { CheckpointStore } from "./jobs/checkpoint-store.js";
import { createSplitPartProcessor } from "./jobs/split/split-part-processor.js";
import {
  dispatchByJobName,
  type WorkerJobData,
  type WorkerJobResult,
} from "./jobs/job-dispatch.js";
import { ForgottenJobError } from "./jobs/forgotten-job-error.js";
import { SplitPartStore } from "./jobs/split/split-part-store.js";
import { withScrubbedFailures } from "./jobs/scrubbed-failures.js";
import { tellWhenStalledOut } from "./jobs/stalled-out-jobs.js";
import { createStatsProcessor } from "./jobs/stats-processor.js";
import {
  SessionInvalidError,
  TelegramEmulator,
  connectTelegramAccount,
  connectTelegramAccountWithClient,
  createEmulatedClient,
  botApiIdOf,
  createRedisAccessHashStore,
  createRedisUsernameCache,
  createRedisUsernameLookupLimiter,
  emulatedChatsFromExport,
  type FloodPolicy,
  type TelegramAccount,
} from "./mtproto/index.js";

/** Exit code for a configuration an operator must fix (sysexits EX_CONFIG): not worth restarting. */
const EXIT_CONFIG = 78;
/** SIGTERM must end the process within this time, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 9_000;
/** The emulated account's id when none is configured; it keeps the sandbox's old name. */
const DEFAULT_EMULATED_ACCOUNT_ID = 777_000_001;

/** The emulator the worker reads from in sandbox and tests, playing the configured account. */
async function createEmulator(config: WorkerConfig, path: string): Promise<TelegramEmulator> {
  const memberOf =
    config.TG_EMULATOR_MEMBER_OF === undefined
      ? null
      : new Set(config.TG_EMULATOR_MEMBER_OF.split(",").map((id) => Number(id.trim())));
  const chats = (await emulatedChatsFromExport(path, { accountIsMember: true })).map((chat) =>
    memberOf === null ? chat : { ...chat, accountIsMember: memberOf.has(botApiIdOf(chat.info)) },
  );
  const id = config.TG_EMULATOR_ACCOUNT_ID;
  return new TelegramEmulator({
    account: {
      id,
      username: id === DEFAULT_EMULATED_ACCOUNT_ID ? "tgstats_reader" : `tgstats_reader_${id}`,
      firstName: "Stats Reader",
    },
    chats,
    latencyMs: config.TG_EMULATOR_LATENCY_MS,
    floodPolicy:
      config.TG_EMULATOR_FLOOD === undefined
        ? undefined
        : (JSON.parse(config.TG_EMULATOR_FLOOD) as FloodPolicy),
    authorized: config.TG_EMULATOR_UNAUTHORIZED !== "1",
  });
}

async function connectAccount(
  config: WorkerConfig,
  lease: SessionLease | null,
  redis: Redis,
  signal: AbortSignal,
): Promise<TelegramAccount> {
  const cacheSeconds = Math.round(config.USERNAME_CACHE_HOURS * 3600);
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const common = {
    floodSleepThresholdSeconds: config.FLOOD_SLEEP_THRESHOLD_S,
    requestTimeoutMs: config.MTPROTO_REQUEST_TIMEOUT_MS,
    accessHashes: createRedisAccessHashStore(redis, keys.accessHash),
    usernames: createRedisUsernameCache(redis, {
      keyBase: keys.username,
      ttlSeconds: cacheSeconds,
      // A name can be taken at any moment: "does not exist" is trusted for less long.
      notFoundTtlSeconds: Math.min(cacheSeconds, 3600),
    }),
    usernameLookups: createRedisUsernameLookupLimiter(redis, {
      keyBase: keys.usernameLookups,
      points: config.USERNAME_LOOKUPS_PER_HOUR,
      durationSeconds: 3600,
    }),
    signal,
    // Requests wait while the lease is paused: the session is used only while it is ours.
    gate:
      lease === null ? undefined : (requestSignal?: AbortSignal) => lease.whenUsable(requestSignal),
  };
  if (config.TG_EMULATOR_EXPORT !== undefined) {
    const emulator = await createEmulator(config, config.TG_EMULATOR_EXPORT);
    return connectTelegramAccountWithClient(createEmulatedClient(emulator), common);
  }
  return connectTelegramAccount({
    ...common,
    apiId: config.TG_API_ID!,
    apiHash: config.TG_API_HASH!,
    session: lease?.session ?? "",
  });
}

/**
 * Leases one session of the pool (none in emulator mode without a pool).
 * A lease that cannot be renewed in time (Redis unreachable) pauses MTProto
 * requests until it is taken back; losing it to another process aborts every
 * request at once and stops the worker.
 */
async function leaseSession(
  config: WorkerConfig,
  redis: Redis,
  logger: Logger,
  metrics: TgstatsMetrics,
  lifetime: AbortController,
  stop: (reason: string) => void,
): Promise<SessionLease | null> {
  const pool = sessionPool(config);
  if (pool.length === 0) return null;
  const lease = await acquireSessionLease(redis, {
    prefix: redisKeys(config.REDIS_KEY_PREFIX).lease,
    sessions: pool,
    ttlMs: config.LEASE_TTL_MS,
    waitMs: config.LEASE_WAIT_MS,
    signal: lifetime.signal,
    onLost: (reason) => {
      logger.error({ session: lease.fingerprint, reason }, "session lease lost; stopping at once");
      metrics.leaseHeld.set({ account: lease.fingerprint }, 0);
      lifetime.abort();
      stop(`session lease lost: ${reason}`);
    },
    onPaused: (reason) => {
      logger.warn(
        { session: lease.fingerprint, reason },
        "session lease not renewed; Telegram requests paused until Redis answers",
      );
      metrics.leaseHeld.set({ account: lease.fingerprint }, 0);
    },
    onResumed: () => {
      logger.info(
        { session: lease.fingerprint },
        "session lease taken back; Telegram requests resume",
      );
      metrics.leaseHeld.set({ account: lease.fingerprint }, 1);
    },
  });
  metrics.leaseHeld.set({ account: lease.fingerprint }, 1);
  logger.info(
    { session: lease.fingerprint, holder: lease.holder, pool: pool.length },
    "session leased",
  );
  return lease;
}

/** Serves /metrics, /healthz and /readyz; a busy port is logged, not fatal: the jobs matter more. */
async function startOps(
  config: WorkerConfig,
  metrics: TgstatsMetrics,
  readiness: Record<string, ReadinessCheck>,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  try {
    const ops = await startOpsServer({
      port: config.OPS_PORT,
      host: config.OPS_HOST,
      registry: metrics.registry,
      readiness,
      signal,
    });
    logger.info(
      { opsHost: ops.host, opsPort: ops.port },
      "ops server listening: /metrics, /healthz, /readyz",
    );
  } catch (error) {
    if (!(error instanceof OpsServerError)) throw error;
    logger.error({ opsPort: config.OPS_PORT }, error.message);
  }
}

/** What {@link createJobProcessor} is built from: the worker's shared pieces. */
interface JobProcessorDeps {
  config: WorkerConfig;
  keys: RedisKeys;
  redis: Redis;
  account: TelegramAccount;
  api: Api;
  logger: Logger;
  metrics: TgstatsMetrics;
  directory: ChatDirectory;
  openQueue: (name: string) => Queue;
  onSessionInvalid: () => void;
}

/** The processor of every job on the worker's queues: stats jobs and split parts. */
function createJobProcessor(deps: JobProcessorDeps): ReturnType<typeof dispatchByJobName> {
  const { config, keys, redis, account, api, logger, metrics, directory, onSessionInvalid } = deps;
  const parts = new SplitPartStore(redis, keys.split);
  const checkpoints = new CheckpointStore(redis, keys.checkpoint);
  const fence = new ChatFence(redis, keys.forget);
  const statsProcessor = createStatsProcessor({
    account,
    ownerIds: config.OWNER_IDS,
    cache: new ChatCache(redis, {
      ttlSeconds: Math.round(config.CACHE_TTL_DAYS * 86_400),
      prefix: keys.cache,
    }),
    fence,
    api,
    downloadFile: createFileDownloader(api, config.BOT_TOKEN, config.BOT_API_ROOT),
    renderCharts: (report, signal) => renderReportCharts(report, { signal }),
    logger,
    checkpointEveryPages: config.CHECKPOINT_EVERY_PAGES,
    jobLockMs: config.JOB_LOCK_MS,
    checkpoints,
    deliveryJournals: new DeliveryJournals(redis, redisKeys(config.REDIS_KEY_PREFIX).delivery),
    metrics,
    onSessionInvalid,
    split: {
      directory,
      accountQueue: (accountId) => deps.openQueue(accountQueueName(accountId)),
      parts,
      minMessages: config.SPLIT_MIN_MESSAGES,
    },
  });
  const splitPartProcessor = createSplitPartProcessor({
    account,
    parts,
    checkpoints,
    fence,
    api,
    logger,
    onSessionInvalid,
    checkpointEveryPages: config.CHECKPOINT_EVERY_PAGES,
    messagesFetched: metrics.messagesFetched,
  });
  return dispatchByJobName(statsProcessor, splitPartProcessor);
}

/**
 * A BullMQ worker on one of the account's queues, with the listeners every
 * one needs: lost locks stop their attempt, stalled-out jobs are told, and
 * outcomes are logged.
 */
function createQueueWorker(
  name: string,
  processor: ReturnType<typeof dispatchByJobName>,
  deps: { config: WorkerConfig; redis: Redis; api: Api; logger: Logger; scrubber: SecretScrubber },
): Worker<WorkerJobData, WorkerJobResult> {
  const { config, logger } = deps;
  const scrubbed = withScrubbedFailures(processor, deps.scrubber);
  const worker = new Worker<WorkerJobData, WorkerJobResult>(name, scrubbed, {
    connection: deps.redis,
    prefix: config.REDIS_KEY_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.JOB_LOCK_MS,
    stalledInterval: config.JOB_LOCK_MS,
    // Each stall resumes from the last checkpoint, so a few are harmless.
    maxStalledCount: config.JOB_MAX_STALLS,
  });
  worker.on("failed", tellWhenStalledOut({ api: deps.api, logger }));
  worker.on("error", (error) => {
    // After a lost lock BullMQ cannot move the job ("Missing lock"): expected, the job is retried.
    const level = error.message.startsWith("Missing lock") ? "warn" : "error";
    logger[level]({ err: error, queue: name }, "worker error");
  });
  // A lock that expired (Redis down longer than JOB_LOCK_MS) lets the job run again
  // elsewhere: stop this attempt (it checkpoints) rather than deliver the report twice.
  worker.on("lockRenewalFailed", (jobIds) => {
    for (const jobId of jobIds) {
      logger.warn({ jobId, queue: name }, "job lock lost; stopping this attempt");
      worker.cancelJob(jobId, "job lock lost");
    }
  });
  worker.on("failed", (job, error) => {
    if (error instanceof ForgottenJobError && job !== undefined) {
      // A forgotten chat's job leaves no record, nor events (its data names the chat).
      forgetJob(job, worker.keys.events, deps.redis).catch((removeError: unknown) => {
        logger.warn(
          { err: removeError, jobId: job.id, queue: name },
          "could not remove a forgotten job",
        );
      });
      return;
    }
    logger.warn({ jobId: job?.id, queue: name, reason: error.message }, "job failed");
  });
  worker.on("completed", (job) => logger.info({ jobId: job.id, queue: name }, "job completed"));
  return worker;
}

/** Removes a failed job of a forgotten chat and its entries in the queue's event stream. */
async function forgetJob(job: Job, eventsKey: string | undefined, redis: Redis): Promise<void> {
  await job.remove();
  if (eventsKey !== undefined && job.id !== undefined)
    await deleteJobEvents(redis, eventsKey, new Set([job.id]));
}

async function start(
  config: WorkerConfig,
  logger: Logger,
  scrubber: SecretScrubber,
): Promise<void> {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const lifetime = new AbortController();
  const metrics = createTgstatsMetrics({ service: "worker" });
  let sessionAuthorized = false;
  let lease: SessionLease | null = null;
  await startOps(
    config,
    metrics,
    {
      redis: redisPingCheck(redis),
      session: () => Promise.resolve(sessionAuthorized),
      lease: () => Promise.resolve(lease?.isValid() ?? true),
    },
    logger,
    lifetime.signal,
  );
  let requestStop: (reason: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
  // Registered before the lease and the connection: a stop during start-up must
  // still release the lease and checkpoint, not kill the process mid-way.
  for (const signalName of ["SIGTERM", "SIGINT"] as const)
    process.once(signalName, () => requestStop(signalName));
  lease = await leaseSession(config, redis, logger, metrics, lifetime, (reason) => {
    process.exitCode = 1;
    requestStop(reason);
  });
  const account = await connectAccount(config, lease, redis, lifetime.signal);
  sessionAuthorized = true;
  metrics.watchMtproto(account);
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const directory = new ChatDirectory(redis, keys.readers);
  startReadableChatsPublisher({
    account,
    directory,
    refreshMs: config.READABLE_CHATS_REFRESH_MS,
    logger,
    signal: lifetime.signal,
  });
  // Queues this worker adds to: its own (metrics) and other accounts' (parts of split reads).
  const queues = new Map<string, Queue>();
  const queue = (name: string): Queue => {
    let opened = queues.get(name);
    if (opened === undefined) {
      opened = new Queue(name, { connection: redis, prefix: keys.prefix, streams: QUEUE_STREAMS });
      opened.on("error", (error) => logger.debug({ err: error, queue: name }, "queue error"));
      queues.set(name, opened);
    }
    return opened;
  };
  const ownQueueName = accountQueueName(account.me.id);
  metrics.watchQueue(queue(STATS_QUEUE));
  metrics.watchQueue(queue(ownQueueName));
  logger.info(
    { account: account.me.id, emulator: config.TG_EMULATOR_EXPORT !== undefined },
    "Telegram account connected",
  );
  const api = createDeliveryApi(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT });
  api.config.use(countBotApiErrors(metrics.botApiErrors));
  api.config.use(scrubOutgoingTexts(scrubber));
  const onSessionInvalid = (): void => {
    sessionAuthorized = false;
    process.exitCode = EXIT_CONFIG;
    // A logged-out account can read nothing: stop routing jobs to it.
    directory.withdraw(account.me.id).catch(() => undefined);
    requestStop("session rejected by Telegram");
  };
  const processor = createJobProcessor({
    config,
    keys,
    redis,
    account,
    api,
    logger,
    metrics,
    directory,
    openQueue: queue,
    onSessionInvalid,
  });
  // The shared queue (any account may answer) and this account's own (chats only it can read).
  const workers = [STATS_QUEUE, ownQueueName].map((name) =>
    createQueueWorker(name, processor, { config, redis, api, logger, scrubber }),
  );

  async function shutdown(reason: string): Promise<void> {
    logger.info({ reason }, "shutting down: checkpointing active jobs");
    const deadline = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    // Abort first: processors checkpoint and move their jobs back to waiting, so close() returns quickly.
    for (const worker of workers) worker.cancelAllJobs(reason);
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all([...queues.values()].map((opened) => opened.close()));
    lifetime.abort();
    await account.destroy();
    if (lease !== null) {
      await lease.release().catch(() => undefined);
      metrics.leaseHeld.set({ account: lease.fingerprint }, 0);
    }
    redis.disconnect();
    logger.info("stopped");
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  logger.info(
    { queues: [STATS_QUEUE, ownQueueName], concurrency: config.WORKER_CONCURRENCY },
    "worker ready",
  );
  await shutdown(await stopRequested);
}

async function main(): Promise<void> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT_CONFIG;
    return;
  }
  const scrubber = createSecretScrubber(configSecrets(config));
  const logger = createLogger({
    name: "worker",
    level: config.LOG_LEVEL,
    scrubber,
  });
  try {
    await start(config, logger, scrubber);
  } catch (error) {
    if (error instanceof NoFreeSessionError) {
      // EX_TEMPFAIL: a supervisor restarting later may find a session freed.
      logger.fatal({ step: "lease" }, error.message);
      process.exitCode = 75;
      return;
    }
    if (error instanceof SessionInvalidError) {
      // Exiting with EX_CONFIG (not crashing) keeps supervisors from restarting into the same error.
      logger.fatal({ step: "session" }, error.message);
      process.exitCode = EXIT_CONFIG;
      return;
    }
    logger.fatal({ err: error }, "worker stopped on an unexpected error");
    process.exitCode = 1;
  }
}

await main();
// Open handles (Redis retries, GramJS timers) must not keep a stopped worker alive.
process.exit();
