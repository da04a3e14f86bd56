import { Queue, Worker, type Job } from "bullmq";
import type { Api } from "grammy";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import {
  ChatDirectory,
  ChatFence,
  EXIT_CONFIG,
  EXIT_TEMPFAIL,
  QueueRegistry,
  STATS_QUEUE,
  accountQueueName,
  armShutdownDeadline,
  deleteJobEvents,
  onStopSignal,
  redisKeys,
  type KnownFailure,
  type RedisKeys,
  type ServiceContext,
} from "@tgstats/platform";
import {
  ChatCache,
  PulseCountCache,
  countBotApiErrors,
  createTgstatsMetrics,
  redisPingCheck,
  serveOpsEndpoints,
  type SecretScrubber,
  type TgstatsMetrics,
} from "@tgstats/platform";
import {
  acquireSessionLease,
  NoFreeSessionError,
  type SessionLease,
} from "./accounts/session-lease.js";
import { startReadableChatsPublisher } from "./accounts/readable-chats-publisher.js";
import { sessionPool, type WorkerConfig } from "./config.js";
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
  connectTelegramAccount,
  createRedisAccessHashStore,
  createRedisUsernameCache,
  createRedisUsernameLookupLimiter,
  type TelegramAccount,
  type TelegramClientOptions,
} from "./mtproto/index.js";

/** SIGTERM must end the process within this time, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * Connects the worker's Telegram account. Production connects GramJS with the
 * leased session ({@link connectWithSession}); the sandbox passes the Telegram
 * emulator's client.
 */
export type AccountConnector = (
  options: TelegramClientOptions,
  lease: SessionLease | null,
) => Promise<TelegramAccount>;

/** Connects GramJS with api_id, api_hash and the leased session (or TG_SESSION). */
export function connectWithSession(
  config: Pick<WorkerConfig, "TG_API_ID" | "TG_API_HASH">,
): AccountConnector {
  const { TG_API_ID: apiId, TG_API_HASH: apiHash } = config;
  if (apiId === undefined || apiHash === undefined)
    throw new Error(
      "connectWithSession needs TG_API_ID and TG_API_HASH: load the config with loadWorkerConfig().",
    );
  return (options, lease) =>
    connectTelegramAccount({ ...options, apiId, apiHash, session: lease?.session ?? "" });
}

async function connectAccount(
  config: WorkerConfig,
  connector: AccountConnector,
  lease: SessionLease | null,
  redis: Redis,
  signal: AbortSignal,
): Promise<TelegramAccount> {
  const cacheSeconds = Math.round(config.USERNAME_CACHE_HOURS * 3600);
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const common: TelegramClientOptions = {
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
  return connector(common, lease);
}

/**
 * Leases one session of the pool (none without a pool: the sandbox's emulated worker).
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
  const cacheOptions = {
    ttlSeconds: Math.round(config.CACHE_TTL_DAYS * 86_400),
    prefix: keys.cache,
  };
  const statsProcessor = createStatsProcessor({
    account,
    ownerIds: config.OWNER_IDS,
    cache: new ChatCache(redis, cacheOptions),
    pulseCounts: new PulseCountCache(redis, cacheOptions),
    fence,
    api,
    downloadFile: createFileDownloader(api, config.BOT_TOKEN, config.BOT_API_ROOT),
    renderCharts: async (report, signal) => {
      // Loaded at the first report, not at start: ECharts, Skia and the fonts
      // are ~45 MB and ~0.5 s that an idle worker does not need.
      const { renderReportCharts } = await import("@tgstats/charts");
      return renderReportCharts(report, { signal });
    },
    renderPulseCharts: async (pulse, language, signal) => {
      const { renderPulseCharts } = await import("@tgstats/charts");
      return renderPulseCharts(pulse, { language, signal });
    },
    renderPage: async (report) => {
      // Loaded at the first report, as the charts are.
      const { renderReportHtml } = await import("@tgstats/report-html");
      return renderReportHtml(report);
    },
    logger,
    checkpointEveryPages: config.CHECKPOINT_EVERY_PAGES,
    firstLook: {
      historyPagesPerMinute: config.HISTORY_PAGES_PER_MINUTE,
      afterSeconds: config.FIRST_LOOK_AFTER_SECONDS,
    },
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

/**
 * Runs the worker until SIGTERM/SIGINT, a lost lease or a rejected session:
 * leases a session, connects the account with `connector`, publishes what it
 * reads, and processes the shared queue and the account's own.
 */
export async function startWorker(
  config: WorkerConfig,
  { logger, scrubber }: ServiceContext,
  connector: AccountConnector,
): Promise<void> {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const lifetime = new AbortController();
  const metrics = createTgstatsMetrics({ service: "worker" });
  let sessionAuthorized = false;
  let lease: SessionLease | null = null;
  await serveOpsEndpoints(
    {
      port: config.OPS_PORT,
      host: config.OPS_HOST,
      registry: metrics.registry,
      readiness: {
        redis: redisPingCheck(redis),
        session: () => Promise.resolve(sessionAuthorized),
        lease: () => Promise.resolve(lease?.isValid() ?? true),
      },
      signal: lifetime.signal,
    },
    logger,
  );
  let requestStop: (reason: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
  // Registered before the lease and the connection: a stop during start-up must
  // still release the lease and checkpoint, not kill the process mid-way.
  onStopSignal(requestStop);
  lease = await leaseSession(config, redis, logger, metrics, lifetime, (reason) => {
    process.exitCode = 1;
    requestStop(reason);
  });
  const account = await connectAccount(config, connector, lease, redis, lifetime.signal);
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
  const queues = new QueueRegistry({
    connection: redis,
    prefix: keys.prefix,
    onError: (error, name) => logger.debug({ err: error, queue: name }, "queue error"),
  });
  const queue = (name: string): Queue => queues.get(name);
  const ownQueueName = accountQueueName(account.me.id);
  metrics.watchQueue(queue(STATS_QUEUE));
  metrics.watchQueue(queue(ownQueueName));
  logger.info({ account: account.me.id }, "Telegram account connected");
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
    armShutdownDeadline(logger, SHUTDOWN_DEADLINE_MS);
    // Abort first: processors checkpoint and move their jobs back to waiting, so close() returns quickly.
    for (const worker of workers) worker.cancelAllJobs(reason);
    await Promise.all(workers.map((worker) => worker.close()));
    await queues.closeAll();
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

/** The worker's failures an operator must act on; anything else is a crash. */
export function workerKnownFailure(error: unknown): KnownFailure | undefined {
  // A supervisor restarting later may find a session freed.
  if (error instanceof NoFreeSessionError) return { exitCode: EXIT_TEMPFAIL, step: "lease" };
  // Not restarting into the same error: the session must be replaced.
  if (error instanceof SessionInvalidError) return { exitCode: EXIT_CONFIG, step: "session" };
  return undefined;
}
