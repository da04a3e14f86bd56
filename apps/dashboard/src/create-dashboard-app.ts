import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { Queue } from "bullmq";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import basicAuth from "express-basic-auth";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { STATS_QUEUE, findQueueNames, redisPingCheck, runReadinessChecks } from "@tgstats/platform";

/** Queues added while the dashboard runs show up within this time. */
const DEFAULT_REDISCOVER_EVERY_MS = 10_000;

/** Options of {@link createDashboardApp}. */
export interface DashboardOptions {
  redisUrl: string;
  /** BullMQ key prefix of the queues (REDIS_KEY_PREFIX). */
  queuePrefix: string;
  /** Basic-auth credentials for everything but /healthz and /readyz. */
  username: string;
  password: string;
  logger?: Logger;
  /**
   * True lets the board change queues (add, retry, promote, clean, remove jobs); default
   * false: Bull Board's read-only mode, where every such route answers 405.
   */
  allowWrites?: boolean;
  /** How old the list of queues may get before a page load looks for new ones (default 10 s). */
  rediscoverEveryMs?: number;
}

/** The dashboard: its express app, and what to close on shutdown. */
export interface Dashboard {
  app: Express;
  /** Looks for tgstats queues in Redis now and shows every one found; returns their names, sorted. */
  refreshQueues(): Promise<string[]>;
  /** Closes the queues and the Redis connection. */
  close(): Promise<void>;
}

/**
 * Creates the dashboard: Bull Board for the stats queue and every other
 * `tgstats-…` queue found under the prefix, read-only unless `allowWrites`,
 * behind HTTP basic auth, plus
 * unauthenticated `/healthz` (process alive) and `/readyz` (Redis answers)
 * for probes. Queues are looked for on the first page load and again when
 * the list is older than `rediscoverEveryMs`.
 *
 * @example
 * const dashboard = createDashboardApp({ redisUrl, queuePrefix: "tgstats", username: "admin", password });
 * dashboard.app.listen(3000);
 */
export function createDashboardApp(options: DashboardOptions): Dashboard {
  // Fail a command after two reconnect attempts: a page should show an error, not hang.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on("error", (error: Error) => options.logger?.debug({ err: error }, "Redis error"));
  const queues = new Map<string, Queue>();
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath("/");
  const board = createBullBoard({
    queues: [],
    serverAdapter,
    options: { uiConfig: { boardTitle: "tgstats" } },
  });
  const rediscoverEveryMs = options.rediscoverEveryMs ?? DEFAULT_REDISCOVER_EVERY_MS;
  let discoveredAtMs = Number.NEGATIVE_INFINITY;

  const show = (name: string): void => {
    if (queues.has(name)) return;
    // skipMetasUpdate: looking at a queue must not write to it.
    const queue = new Queue(name, {
      connection: redis,
      prefix: options.queuePrefix,
      skipMetasUpdate: true,
    });
    queue.on("error", (error) => options.logger?.debug({ err: error, queue: name }, "queue error"));
    queues.set(name, queue);
    board.addQueue(new BullMQAdapter(queue, { readOnlyMode: options.allowWrites !== true }));
  };
  show(STATS_QUEUE);

  const refreshQueues = async (): Promise<string[]> => {
    for (const name of await findQueueNames(redis, options.queuePrefix)) show(name);
    discoveredAtMs = performance.now();
    return [...queues.keys()].sort();
  };

  const rediscoverWhenStale = async (_req: Request, _res: Response, next: NextFunction) => {
    if (performance.now() - discoveredAtMs >= rediscoverEveryMs)
      // Redis down: keep showing the queues already known; Bull Board reports the outage itself.
      await refreshQueues().catch((error: unknown) =>
        options.logger?.warn({ err: error }, "could not look for queues"),
      );
    next();
  };

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await runReadinessChecks({ redis: redisPingCheck(redis) }, 1000);
    res.status(report.failing.length === 0 ? 200 : 503).json(report);
  });
  app.use(
    basicAuth({
      users: { [options.username]: options.password },
      challenge: true,
      realm: "tgstats",
    }),
  );
  app.use(rediscoverWhenStale);
  app.use(serverAdapter.getRouter() as express.Router);

  return {
    app,
    refreshQueues,
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      redis.disconnect();
    },
  };
}
