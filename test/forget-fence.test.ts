import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatCache,
  ChatFence,
  ChatForgottenError,
  STATS_JOB_SCHEMA_VERSION,
  redisKeys,
  type CachedHistory,
} from "@tgstats/platform";
import { ReportState } from "@tgstats/engine";
import { pino } from "pino";
import { createAofRewrite } from "@tgstats/bot";
import { CheckpointStore } from "@tgstats/worker";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { waitUntil } from "./helpers/worker-process.js";
import {
  ACCOUNT,
  runJob,
  startWorkerHarness,
  statsJob,
  writeSeedExport,
} from "./helpers/worker-harness.js";

const KEYS = redisKeys("tgstats-fence-test");
const CHAT_ID = -1001234567890;
const CACHE_KEY = `${KEYS.cache}:channel1234567890`;

let redis: TestRedis;
let client: Redis;
let fence: ChatFence;
let cache: ChatCache;

function history(): CachedHistory {
  return {
    highId: 42,
    months: new Map([["2024-03", new ReportState("UTC")]]),
    monthIds: new Map([["2024-03", { minId: 1, maxId: 42 }]]),
  };
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url);
  fence = new ChatFence(client, KEYS.forget);
  cache = new ChatCache(client, { ttlSeconds: 3600, prefix: KEYS.cache });
});

afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

describe("the forget fence", () => {
  it("refuses a cache write of a job that began before /forget, writing nothing", async () => {
    const token = await fence.token(CHAT_ID, "queue:1");
    await fence.raise(CHAT_ID, []);
    await expect(
      cache.save("channel1234567890", "UTC", history(), ["2024-03"], fence.writer(token)),
    ).rejects.toBeInstanceOf(ChatForgottenError);
    expect(await client.exists(CACHE_KEY)).toBe(0);
  });

  it("stops a job /forget marked, even when it takes its token afterwards, and lets a new one write", async () => {
    await fence.raise(CHAT_ID, ["queue:2"]);
    const marked = await fence.token(CHAT_ID, "queue:2");
    await expect(fence.check(marked)).rejects.toBeInstanceOf(ChatForgottenError);
    const fresh = await fence.token(CHAT_ID, "queue:3");
    await fence.check(fresh);
    await cache.save("channel1234567890", "UTC", history(), ["2024-03"], fence.writer(fresh));
    expect((await cache.load("channel1234567890", "UTC"))?.highId).toBe(42);
    expect(await client.ttl(CACHE_KEY)).toBeGreaterThan(3500);
    await client.del(CACHE_KEY);
  });

  it("refuses a checkpoint write after /forget", async () => {
    const checkpoints = new CheckpointStore(client, KEYS.checkpoint);
    const token = await fence.token(CHAT_ID, "queue:4");
    await fence.raise(CHAT_ID, []);
    await expect(
      checkpoints.save("queue:4", { months: 3 }, fence.writer(token)),
    ).rejects.toBeInstanceOf(ChatForgottenError);
    expect(await client.exists(`${KEYS.checkpoint}:queue:4`)).toBe(0);
  });
});

describe("a finished job's result", () => {
  it("holds ids and counts, never the chat's title, in the job and in the event stream", async () => {
    const title = "Zebra Canary Title Club";
    const seed = await writeSeedExport({ messages: 300, spanDays: 20, people: 5, chatName: title });
    const harness = await startWorkerHarness({ redis, seed });
    try {
      await harness.worker.waitUntilReady();
      const result = await runJob(harness, statsJob(seed));
      expect(result).toEqual({
        schemaVersion: STATS_JOB_SCHEMA_VERSION,
        chat: { id: seed.chatId },
        accountId: ACCOUNT.id,
        messages: result.messages,
        fetchedMessages: result.fetchedMessages,
        historyRequests: result.historyRequests,
        fromCache: false,
        deliveredMessageIds: result.deliveredMessageIds,
      });
      // The report itself did go out with the title.
      expect(harness.botApi.calls.some((call) => call.text?.includes(title) === true)).toBe(true);
      const [completed] = await harness.queue.getCompleted();
      const stored = await harness.redis.hgetall(harness.queue.toKey(completed!.id!));
      expect(stored.returnvalue).toBe(JSON.stringify(result));
      const events = await harness.redis.xrange(harness.queue.keys.events!, "-", "+");
      expect(events.some(([, fields]) => fields.includes("completed"))).toBe(true);
      expect(JSON.stringify(events)).not.toContain(title);
    } finally {
      await harness.close();
    }
  }, 60_000);
});

describe("the AOF rewrite after /forget", () => {
  it("is not asked of a Redis without AOF", async () => {
    const rewrite = createAofRewrite({
      redis: client,
      key: `${KEYS.forget}:aof-rewrite`,
      minIntervalMs: 60_000,
      logger: pino({ level: "silent" }),
    });
    expect(await rewrite.request()).toBe("off");
    expect(await client.exists(`${KEYS.forget}:aof-rewrite`)).toBe(0);
  });

  it("is logged, not thrown, when Redis refuses it: the /forget that asked has already deleted", async () => {
    const aof = await startTestRedis({ appendOnly: true });
    const admin = new Redis(aof.url);
    await admin.acl("SETUSER", "no-rewrite", "on", "nopass", "~*", "+@all", "-bgrewriteaof");
    const limited = new Redis(aof.url, { username: "no-rewrite", password: "" });
    const lines: string[] = [];
    try {
      const rewrite = createAofRewrite({
        redis: limited,
        key: `${KEYS.forget}:aof-rewrite`,
        minIntervalMs: 500,
        logger: pino({ level: "warn" }, { write: (line: string) => void lines.push(line) }),
      });
      expect(await rewrite.request()).toBe("refused");
      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
        "Redis refused an AOF rewrite: deleted data stays in the append-only file until Redis rewrites it",
      ]);
    } finally {
      limited.disconnect();
      admin.disconnect();
      await aof.stop();
    }
  }, 60_000);

  it("is requested at once, and a second one inside the interval follows when it ends", async () => {
    const aof = await startTestRedis({ appendOnly: true });
    const aofClient = new Redis(aof.url);
    try {
      const rewrites = async (): Promise<number> =>
        Number(/^aof_rewrites:(\d+)/m.exec(await aofClient.info("persistence"))?.[1]);
      const rewrite = createAofRewrite({
        redis: aofClient,
        key: `${KEYS.forget}:aof-rewrite`,
        minIntervalMs: 500,
        logger: pino({ level: "silent" }),
      });
      expect(await rewrite.request()).toBe("requested");
      await waitUntil(
        async () => ((await rewrites()) === 1 ? true : undefined),
        20_000,
        "1 rewrite",
      );
      expect(await rewrite.request()).toBe("deferred");
      await waitUntil(
        async () => ((await rewrites()) === 2 ? true : undefined),
        20_000,
        "2 rewrites",
      );
    } finally {
      aofClient.disconnect();
      await aof.stop();
    }
  }, 60_000);
});
