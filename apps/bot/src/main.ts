import { run, type RunnerHandle } from "@grammyjs/runner";
import { once } from "node:events";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import {
  ChatCache,
  EXIT_CONFIG,
  armShutdownDeadline,
  onStopSignal,
  runService,
  QUEUE_STREAMS,
  QueueRegistry,
  STATS_QUEUE,
  countBotApiErrors,
  createTgstatsMetrics,
  redisKeys,
  redisPingCheck,
  serveOpsEndpoints,
  type StatsJobInput,
  type StatsJobResult,
} from "@tgstats/platform";
import { BotTokenRejectedError, createBotApiLink, tokenRejection } from "./bot-api-link.js";
import { registerCommands } from "./commands.js";
import { loadBotConfig, type BotConfig } from "./config.js";
import { PRODUCER_REDIS_OPTIONS, createBot } from "./create-bot.js";
import { BOT_RUNNER_OPTIONS } from "./polling.js";

/** SIGTERM must end the process within this time, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 5_000;
/** How long start-up waits for Redis before polling anyway (answering "unavailable" meanwhile). */
const REDIS_READY_WAIT_MS = 5_000;
/** The bot only deletes cached aggregates (/forget); the worker decides how long they live. */
const CACHE_TTL_SECONDS = 30 * 86_400;

async function waitForRedis(redis: Redis, logger: Logger): Promise<void> {
  if (redis.status === "ready") return;
  try {
    await once(redis, "ready", { signal: AbortSignal.timeout(REDIS_READY_WAIT_MS) });
  } catch {
    logger.warn(
      { waitedMs: REDIS_READY_WAIT_MS },
      "Redis is not reachable yet; polling anyway, requests are answered 'temporarily unavailable' until it is",
    );
  }
}

async function start(config: BotConfig, logger: Logger): Promise<void> {
  const redis = new Redis(config.REDIS_URL, PRODUCER_REDIS_OPTIONS);
  let lastRedisError = 0;
  redis.on("error", (error: Error) => {
    // ioredis reports every failed reconnect; one line per 10 s is enough.
    if (Date.now() - lastRedisError < 10_000) return;
    lastRedisError = Date.now();
    logger.warn({ err: error }, "Redis connection error");
  });
  const queue = new Queue<StatsJobInput, StatsJobResult>(STATS_QUEUE, {
    connection: redis,
    prefix: config.REDIS_KEY_PREFIX,
    streams: QUEUE_STREAMS,
  });
  queue.on("error", (error) => logger.debug({ err: error }, "queue error"));
  // The accounts' own queues (routing), opened on first use and closed with the shared one.
  const accountQueues = new QueueRegistry({
    connection: redis,
    prefix: config.REDIS_KEY_PREFIX,
    onError: (error, name) => logger.debug({ err: error, queue: name }, "queue error"),
  });
  const lifetime = new AbortController();
  const metrics = createTgstatsMetrics({ service: "bot" });
  const stopWatchingQueue = metrics.watchQueue(queue);
  const link = createBotApiLink({ logger });
  let runner: RunnerHandle | undefined = undefined;
  const shutdown = async (reason: string): Promise<void> => {
    logger.info({ reason }, "shutting down");
    armShutdownDeadline(logger, SHUTDOWN_DEADLINE_MS);
    // Stops polling and waits for the updates in hand to be handled.
    if (runner?.isRunning() === true) await runner.stop();
    stopWatchingQueue();
    lifetime.abort();
    await Promise.all([queue.close(), accountQueues.closeAll()]);
    redis.disconnect();
    logger.info("stopped");
  };
  let stopping: Promise<void> | undefined;
  const stop = (reason: string): Promise<void> => (stopping ??= shutdown(reason));
  // Aborts start-up steps that wait on the Bot API (getMe retries while it is unreachable).
  const startup = new AbortController();
  onStopSignal((signalName) => {
    startup.abort(new Error(`${signalName} during start-up`));
    void stop(signalName);
  });
  await serveOpsEndpoints(
    {
      port: config.OPS_PORT,
      host: config.OPS_HOST,
      registry: metrics.registry,
      // Not ready before getMe answered: a token or Bot API problem shows here.
      readiness: { redis: redisPingCheck(redis), botApi: link.readiness },
      signal: lifetime.signal,
    },
    logger,
  );
  await waitForRedis(redis, logger);
  const bot = createBot({
    config,
    redis,
    queue,
    accountQueues,
    cache: new ChatCache(redis, {
      ttlSeconds: CACHE_TTL_SECONDS,
      prefix: redisKeys(config.REDIS_KEY_PREFIX).cache,
    }),
    logger,
    keyPrefix: config.REDIS_KEY_PREFIX,
  });
  bot.api.config.use(link.pollingMonitor);
  // Installed last, so it counts each call's final outcome after auto-retry.
  bot.api.config.use(countBotApiErrors(metrics.botApiErrors));
  try {
    await link.identify(bot, startup.signal);
  } catch (error) {
    if (startup.signal.aborted) return stop("stopped during start-up");
    throw error;
  }
  logger.info(
    { username: bot.botInfo.username, apiRoot: config.BOT_API_ROOT ?? null },
    "bot identified",
  );
  try {
    await registerCommands(bot.api, AbortSignal.timeout(10_000));
  } catch (error) {
    // The menu is a convenience: a failure must not keep the bot from answering.
    logger.warn({ err: error }, "could not register the command menu");
  }

  // getUpdates answers 409 while a webhook is set; polling needs it gone.
  await bot.api.deleteWebhook();
  if (startup.signal.aborted) return stop("stopped during start-up");
  // The runner handles updates concurrently; grammY's built-in polling takes one at a time.
  runner = run(bot, BOT_RUNNER_OPTIONS);
  logger.info({ username: bot.botInfo.username }, "bot polling");
  try {
    await runner.task();
  } catch (error) {
    // A token revoked while polling ends the bot the way a refused one does at start.
    throw tokenRejection(error) ?? error;
  }
  // Polling ends only through stop(); this returns the shutdown already under way.
  await stop("polling ended");
}

await runService({
  name: "bot",
  loadConfig: loadBotConfig,
  start: (config, { logger }) => start(config, logger),
  // A refused token: restarting cannot help until an operator fixes it.
  knownFailure: (error) =>
    error instanceof BotTokenRejectedError
      ? { exitCode: EXIT_CONFIG, step: "identify" }
      : undefined,
});
