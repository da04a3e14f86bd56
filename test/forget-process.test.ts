import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeBotApiCall } from "@tgstats/sandbox";
import { SANDBOX_MEMBER, startSandboxSystem, type SandboxSystem } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { writeSeedExport, type SeedExport } from "./helpers/worker-harness.js";
import { waitUntil } from "./helpers/worker-process.js";

/** The bot's and the worker's REDIS_KEY_PREFIX in this file. */
const PREFIX = "tgstats-forget-test";
/** The emulated account (the worker's default). */
const ACCOUNT_ID = 777_000_001;

let redis: TestRedis;
let admin: Redis;
let watcher: Redis;
let seed: SeedExport;
let system: SandboxSystem;
/** Every key the processes wrote, deleted or expired, from Redis's keyspace notifications. */
const touchedKeys = new Set<string>();
const logs: string[] = [];

/** Every key in Redis (the test's own server: only this file writes to it). */
async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of admin.scanStream({ match: "*", count: 1000 }))
    keys.push(...(batch as string[]));
  return keys.sort();
}

/** Bot API calls in the chat after the first `from` calls. */
function callsSince(from: number): FakeBotApiCall[] {
  return system.botApi.calls.slice(from).filter((call) => call.chatId === system.botChatId);
}

/** The first text the bot sent in the chat after call `from`. */
/** The first message sent since `from` whose text starts with `start` (any, by default). */
async function answerSince(from: number, start = ""): Promise<string> {
  return waitUntil(
    () =>
      callsSince(from).find(
        (call) => call.ok && call.method === "sendMessage" && call.text?.startsWith(start),
      )?.text,
    30_000,
    "the bot's answer",
  );
}

/** Redis's count of finished AOF rewrites. */
async function aofRewrites(): Promise<number> {
  const info = await admin.info("persistence");
  return Number(/^aof_rewrites:(\d+)/m.exec(info)?.[1] ?? "NaN");
}

beforeAll(async () => {
  redis = await startTestRedis({ appendOnly: true });
  admin = new Redis(redis.url);
  watcher = new Redis(redis.url);
  await admin.config("SET", "notify-keyspace-events", "KA");
  await watcher.psubscribe("__keyspace@0__:*");
  watcher.on("pmessage", (_pattern: string, channel: string) => {
    touchedKeys.add(channel.slice(channel.indexOf(":") + 1));
  });
  seed = await writeSeedExport({ messages: 1000, spanDays: 60, people: 8 });
  system = await startSandboxSystem({
    exportPath: seed.path,
    redisUrl: redis.url,
    keyPrefix: PREFIX,
    env: {
      // A checkpoint after every page, and a flood wait slept inside the request every
      // two pages: the job stays active for seconds between pages, long before its
      // ten pages are read and the cache is written.
      CHECKPOINT_EVERY_PAGES: "1",
      TG_EMULATOR_FLOOD: JSON.stringify({ "messages.GetHistory": { requests: 2, perSeconds: 6 } }),
      FLOOD_SLEEP_THRESHOLD_S: "60",
      LOG_LEVEL: "info",
    },
    log: (line) => logs.push(line),
  });
  system.botApi.setChatMember(system.botChatId, SANDBOX_MEMBER.id, "administrator");
  system.startBot();
  system.startWorker();
  await system.botApi.waitFor((call) => call.method === "deleteWebhook", 30_000);
}, 60_000);

afterAll(async () => {
  await system.stop();
  watcher.disconnect();
  admin.disconnect();
  await redis.stop();
});

describe("/forget while the chat's report is being read (real bot and worker processes)", () => {
  it("stops the job, which writes nothing afterwards, and leaves nothing of the chat but its settings", async () => {
    const chatId = system.botChatId;
    const bareId = String(seed.chatId);
    let from = system.botApi.calls.length;
    system.send("/tz Europe/Berlin");
    expect(await answerSince(from)).toBe("The time zone of this chat is now Europe/Berlin.");

    from = system.botApi.calls.length;
    system.send("/stats");
    // The first checkpoint: the job is reading, and has cached nothing yet.
    const [checkpoint] = await waitUntil(
      async () => {
        const keys = (await allKeys()).filter((key) => key.includes(":checkpoint:"));
        return keys.length > 0 ? keys : undefined;
      },
      60_000,
      "the job's first checkpoint",
    );
    const jobId = checkpoint!.split(":").at(-1)!;
    expect(await admin.exists(`${PREFIX}:cache:channel${bareId}`)).toBe(0);

    const forgetFrom = system.botApi.calls.length;
    system.send("/forget");
    // The job's own note that it stopped may come first: the bot's answer is the one that says what went.
    expect(await answerSince(forgetFrom, "I deleted")).toBe(
      [
        "I deleted what I stored about this chat:",
        "• cached statistics: 0",
        "• queued reports: 0",
        "• reports under way, stopped: 1",
        "• records of finished reports: 0",
        "• saved reading progress: 1",
        "• the chat's address kept by reader accounts: 1",
        "Kept: this chat's settings (/tz, /lang, /settings admins-only and html). The next /stats reads the history again.",
      ].join("\n"),
    );

    // The job sees the fence at its next write, tells the chat, and its record goes.
    const stopped = await waitUntil(
      () =>
        callsSince(from).find(
          (call) =>
            call.ok &&
            // In the status message, or a new message when it could not be edited.
            (call.method === "editMessageText" || call.method === "sendMessage") &&
            call.text?.startsWith("This report was stopped"),
        )?.text,
      60_000,
      "the job to say it stopped",
    );
    expect(stopped).toBe(
      "This report was stopped: the chat's stored data was deleted with /forget. Send /stats again for a new one.",
    );
    await waitUntil(
      async () => ((await allKeys()).some((key) => key.includes(jobId)) ? undefined : true),
      30_000,
      "the stopped job's record to be removed",
    );

    const methods = callsSince(from).map((call) => call.method);
    expect(methods).not.toContain("sendMediaGroup");
    expect(methods).not.toContain("sendPhoto");
    expect(methods).not.toContain("sendDocument");
    const keys = await allKeys();
    expect(keys.filter((key) => key.startsWith(`${PREFIX}:cache:`))).toEqual([]);
    expect(keys.filter((key) => key.startsWith(`${PREFIX}:checkpoint:`))).toEqual([]);
    // What is left naming the chat: its settings, its rate-limit window, the fence for
    // jobs still running, and which account is in it (routing, republished by workers).
    expect(keys.filter((key) => key.includes(bareId)).sort()).toEqual(
      [
        `${PREFIX}:bot:chat:${chatId}`,
        `${PREFIX}:bot:rate:chat:${chatId}`,
        `${PREFIX}:forget:chat:${chatId}`,
        `${PREFIX}:readers:chat:${chatId}`,
      ].sort(),
    );
    expect(await admin.hget(`${PREFIX}:bot:chat:${chatId}`, "timeZone")).toBe("Europe/Berlin");
    expect(await admin.hget(`${PREFIX}:access-hash:${ACCOUNT_ID}`, `channel${bareId}`)).toBeNull();
    for (const stream of keys.filter((key) => key.endsWith(":events"))) {
      const entries = await admin.xrange(stream, "-", "+");
      expect(entries.filter(([, fields]) => fields.includes(jobId))).toEqual([]);
    }
    // Nothing else holds the chat's title either.
    const title = system.chat.name!;
    for (const key of keys) {
      const type = await admin.type(key);
      const text =
        type === "string"
          ? ((await admin.getBuffer(key)) ?? Buffer.alloc(0)).toString("latin1")
          : type === "hash"
            ? JSON.stringify(await admin.hgetall(key))
            : type === "stream"
              ? JSON.stringify(await admin.xrange(key, "-", "+"))
              : "";
      expect(text, key).not.toContain(title);
    }
  }, 150_000);

  it("has Redis rewrite its append-only file after the forget", { timeout: 45_000 }, async () => {
    await waitUntil(
      async () => ((await aofRewrites()) >= 1 ? true : undefined),
      30_000,
      "an AOF rewrite",
    );
    expect(await aofRewrites()).toBe(1);
  });

  it("let the bot and the worker touch only keys under their prefix", () => {
    expect(touchedKeys.size).toBeGreaterThan(10);
    expect([...touchedKeys].filter((key) => !key.startsWith(`${PREFIX}:`))).toEqual([]);
  });
});
