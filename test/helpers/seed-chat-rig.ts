import { Queue } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import { STATS_QUEUE, type StatsJobData, type StatsJobResult } from "@tgstats/platform";
import type { ReportJson } from "@tgstats/engine";
import type { FakeBotApi } from "@tgstats/sandbox";
import { afterAll, beforeAll } from "vitest";
import { startTestRedis, type TestRedis } from "./redis-server.js";
import { startedLater } from "./started-later.js";
import {
  BOT_TOKEN,
  reportFromExport,
  startSeedBotApi,
  writeSeedExport,
  type SeedExport,
} from "./worker-harness.js";

/** Options of {@link startSeedChatRig}. */
export interface SeedChatRigOptions {
  /** The queues' key prefix, own to the test file. */
  prefix: string;
  messages: number;
  spanDays: number;
  people: number;
  /** Redis with AOF, for tests that restart it (see {@link startTestRedis}). */
  appendOnly?: boolean;
}

/** What worker-process tests share: their own Redis, a seed chat, the fake Bot API and the stats queue. */
export interface SeedChatRig {
  redis: TestRedis;
  seed: SeedExport;
  /** The seed export's report by the export reader: the reference to compare with. */
  reference: ReportJson;
  /** Messages in the seed export, by the export reader (the reference). */
  referenceMessages: number;
  botApi: FakeBotApi;
  /** A Bot API client, to post the "Queued" status message as the bot does. */
  api: Api;
  queue: Queue<StatsJobData, StatsJobResult>;
  /** A plain client for reading keys. */
  admin: Redis;
  /** The environment of a worker process on this rig (emulator seeded with the chat). */
  workerEnv: Record<string, string>;
  /** Stops what was started, newest first. */
  stop(): Promise<void>;
}

/** Starts a {@link SeedChatRig}; whatever started is stopped again when a later step fails. */
export async function startSeedChatRig(options: SeedChatRigOptions): Promise<SeedChatRig> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const redis = await startTestRedis({ appendOnly: options.appendOnly === true });
    cleanups.push(() => redis.stop());
    const seed = await writeSeedExport(options);
    const reference = await reportFromExport(seed.path, { timeZone: "UTC" });
    const botApi = await startSeedBotApi(seed);
    cleanups.push(() => botApi.close());
    const queue = new Queue<StatsJobData, StatsJobResult>(STATS_QUEUE, {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: options.prefix,
    });
    cleanups.push(() => queue.close());
    const admin = new Redis(redis.url, { maxRetriesPerRequest: null });
    cleanups.push(() => admin.disconnect());
    // Outage tests stop Redis on purpose; ioredis reconnects.
    queue.on("error", () => undefined);
    admin.on("error", () => undefined);
    return {
      redis,
      seed,
      reference,
      referenceMessages: reference.totals.messages,
      botApi,
      api: new Api(BOT_TOKEN, { apiRoot: botApi.apiRoot }),
      queue,
      admin,
      workerEnv: {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: options.prefix,
        BOT_TOKEN,
        BOT_API_ROOT: botApi.apiRoot,
        TG_EMULATOR_EXPORT: seed.path,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts a {@link SeedChatRig} on a Redis of its own with AOF, for tests that
 * kill and restart it; fails when `REDIS_URL` names a shared server instead.
 */
export async function startRestartableSeedChatRig(
  options: Omit<SeedChatRigOptions, "appendOnly">,
): Promise<SeedChatRig> {
  const rig = await startSeedChatRig({ ...options, appendOnly: true });
  if (rig.redis.restart === undefined) {
    await rig.stop();
    throw new Error("This test restarts Redis: unset REDIS_URL so it starts its own redis-server.");
  }
  return rig;
}

/** Starting Redis and writing the seed export take a while on a busy machine. */
const RIG_SETUP_TIMEOUT_MS = 60_000;

/** The rig of a test file: `start` runs in beforeAll, the rig stops in afterAll. */
function useRig(start: () => Promise<SeedChatRig>): SeedChatRig {
  let started: SeedChatRig | null = null;
  beforeAll(async () => {
    started = await start();
  }, RIG_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await started?.stop();
  });
  return startedLater(() => started, "The seed-chat rig");
}

/**
 * A {@link SeedChatRig} for all tests of a file, started before them and
 * stopped after them. The returned object stands for the rig once started.
 */
export function useSeedChatRig(options: SeedChatRigOptions): SeedChatRig {
  return useRig(() => startSeedChatRig(options));
}

/** {@link useSeedChatRig} on a Redis that survives kill and restart ({@link startRestartableSeedChatRig}). */
export function useRestartableSeedChatRig(
  options: Omit<SeedChatRigOptions, "appendOnly">,
): SeedChatRig {
  return useRig(() => startRestartableSeedChatRig(options));
}
