import { Redis } from "ioredis";
import { ChatDirectory } from "@tgstats/shared";
import { startWorkerProcess, waitUntil, type WorkerProcess } from "./worker-process.js";

/** One emulated Telegram account of a fleet. */
export interface FleetAccount {
  id: number;
  /** Bot API ids of the chats it is in (default: every chat of the export). */
  memberOf?: number[];
}

/** Options of {@link startWorkerFleet}. */
export interface WorkerFleetOptions {
  redisUrl: string;
  botApiRoot: string;
  botToken: string;
  queuePrefix: string;
  exportPath: string;
  accounts: FleetAccount[];
  /** Environment every worker gets on top (latency, flood policy, split threshold…). */
  env?: Record<string, string>;
  /** How long to wait for every worker to publish its chats (default 60 s). */
  readyTimeoutMs?: number;
}

/** Worker processes, one per emulated account, each publishing what it reads. */
export interface WorkerFleet {
  workers: WorkerProcess[];
  /** SIGTERM, then SIGKILL whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one real worker process per account on the Telegram emulator (each
 * its own account, as `docker compose up --scale worker=N` with N sessions
 * would) and waits until every account has published its readable chats.
 */
export async function startWorkerFleet(options: WorkerFleetOptions): Promise<WorkerFleet> {
  const workers = options.accounts.map((account) =>
    startWorkerProcess({
      REDIS_URL: options.redisUrl,
      BOT_TOKEN: options.botToken,
      BOT_API_ROOT: options.botApiRoot,
      QUEUE_PREFIX: options.queuePrefix,
      TG_EMULATOR_EXPORT: options.exportPath,
      TG_EMULATOR_ACCOUNT_ID: String(account.id),
      ...(account.memberOf === undefined
        ? {}
        : { TG_EMULATOR_MEMBER_OF: account.memberOf.join(",") }),
      ...options.env,
    }),
  );
  const fleet: WorkerFleet = {
    workers,
    async stop(graceMs = 10_000) {
      for (const worker of workers)
        if (worker.child.exitCode === null) worker.child.kill("SIGTERM");
      const timer = setTimeout(() => {
        for (const worker of workers)
          if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
      }, graceMs);
      await Promise.all(workers.map((worker) => worker.exited));
      clearTimeout(timer);
    },
  };
  const redis = new Redis(options.redisUrl);
  try {
    const directory = new ChatDirectory(redis, options.queuePrefix);
    const wanted = options.accounts.map((account) => account.id);
    await waitUntil(
      async () => {
        const exited = workers.find((worker) => worker.child.exitCode !== null);
        if (exited !== undefined) throw new Error(`a worker exited:\n${exited.output()}`);
        const { accounts } = await directory.readersOf(0);
        const live = new Set(accounts.map((account) => account.id));
        return wanted.every((id) => live.has(id)) ? true : undefined;
      },
      options.readyTimeoutMs ?? 60_000,
      `${wanted.length} workers to publish their chats`,
    );
  } catch (error) {
    await fleet.stop(0);
    throw error;
  } finally {
    redis.disconnect();
  }
  return fleet;
}
