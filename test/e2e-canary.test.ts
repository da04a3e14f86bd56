import { writeFileSync } from "node:fs";
import path from "node:path";
import { QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATS_QUEUE, accountQueueName } from "@tgstats/platform";
import { waitForResults } from "@tgstats/sandbox";
import { startSandboxSystem, type SandboxSystem } from "@tgstats/sandbox";
import { dumpRedisText, keysContaining } from "./helpers/redis-dump.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const PREFIX = "tgstats-canary";
const ACCOUNT_ID = 777_000_001;

/** Text of messages that occur once (or twice, or repeat a word in one message): none may stay at rest. */
const ONE_OFF_TEXTS: Record<number, string> = {
  40: "violetsubmarine harmonicaglow marzipanorbit",
  372: "zebracanary17 quokkaflight",
  381: "coffee meeting",
  390: "wombatecho wombatecho wombatecho",
  401: "narwhaltwice",
  418: "narwhaltwice",
};
/** A word in exactly 3 messages (k = 3): it is kept. */
const THRICE_IDS = new Set([377, 395, 433]);
/** Everyday messages: each word and phrase occurs in dozens of them. */
const COMMON_TEXTS = [
  "morning coffee with friends",
  "project meeting starts soon",
  "lunch plans tomorrow",
];

/** What must not be found anywhere in Redis: the one-off words and one-off phrases. */
const CANARIES = [
  "violetsubmarine",
  "harmonicaglow",
  "marzipanorbit",
  "zebracanary17",
  "quokkaflight",
  "wombatecho",
  "narwhaltwice",
  // A phrase of one message made of everyday words.
  "coffee meeting",
];
/** What must be found: the word of 3 messages and everyday phrases. */
const KEPT = ["pelicanthrice", "morning coffee", "project meeting"];

const MESSAGES = 450;
const START_UNIX = Date.UTC(2024, 4, 1) / 1000;

/** A supergroup export: 450 messages in May 2024 (one month), newest ids hold the canaries. */
function writeCanaryExport(): string {
  const people = [
    { name: "Ann Example", id: "user6100001" },
    { name: "Ben Example", id: "user6100002" },
    { name: "Cid Example", id: "user6100003" },
  ];
  const messages = Array.from({ length: MESSAGES }, (_, index) => {
    const id = index + 1;
    const dateUnix = START_UNIX + index * 90 * 60;
    const person = people[index % people.length]!;
    const text =
      ONE_OFF_TEXTS[id] ??
      (THRICE_IDS.has(id) ? "pelicanthrice spotted" : COMMON_TEXTS[id % COMMON_TEXTS.length]!);
    return {
      id,
      type: "message",
      date: new Date(dateUnix * 1000).toISOString().slice(0, 19),
      date_unixtime: String(dateUnix),
      from: person.name,
      from_id: person.id,
      text,
      text_entities: [{ type: "plain", text }],
    };
  });
  const file = path.join(makeTempDir("tgstats-canary-"), "result.json");
  writeFileSync(
    file,
    JSON.stringify({
      name: "Plain group",
      type: "private_supergroup",
      id: 1_650_000_077,
      messages,
    }),
  );
  return file;
}

let redis: TestRedis;
let admin: Redis;
let system: SandboxSystem;
const logs: string[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  admin = new Redis(redis.url);
  system = await startSandboxSystem({
    exportPath: writeCanaryExport(),
    redisUrl: redis.url,
    keyPrefix: PREFIX,
    env: {
      // Three history requests per 4 s, never slept through: the job waits with its
      // checkpoint in Redis, which is at rest too.
      TG_EMULATOR_FLOOD: JSON.stringify({ "messages.GetHistory": { requests: 3, perSeconds: 4 } }),
      FLOOD_SLEEP_THRESHOLD_S: "0",
      CHECKPOINT_EVERY_PAGES: "1",
      LOG_LEVEL: "warn",
    },
    log: (line) => logs.push(line),
  });
  system.startBot();
  await system.botApi.waitFor((call) => call.method === "deleteWebhook", 30_000);
}, 60_000);

afterAll(async () => {
  await system.stop();
  admin.disconnect();
  await redis.stop();
});

/** The keys holding each text of `needles`, for a failure message that names them. */
function holders(dump: ReadonlyMap<string, string>, needles: string[]): Record<string, string[]> {
  return Object.fromEntries(needles.map((needle) => [needle, keysContaining(dump, needle)]));
}

describe("what stays at rest after /stats (canary export)", () => {
  it("keeps no one-off word or phrase in any Redis key, while waiting with a checkpoint or after delivery", async () => {
    const connection = { url: redis.url };
    const events = [STATS_QUEUE, accountQueueName(ACCOUNT_ID)].map(
      (queue) => new QueueEvents(queue, { connection, prefix: PREFIX }),
    );
    await Promise.all(events.map((queueEvents) => queueEvents.waitUntilReady()));
    // The first flood wait parks the job with its checkpoint: dump Redis right then.
    const whileWaiting = new Promise<Map<string, string>>((resolve) => {
      for (const queueEvents of events)
        queueEvents.once("delayed", () => resolve(dumpRedisText(admin)));
    });
    try {
      const from = system.botApi.calls.length;
      system.startWorker();
      system.send("/stats");
      await waitForResults(system.botApi, system.botChatId, 150_000, { fromCall: from });
      const waiting = await whileWaiting;
      const delivered = await dumpRedisText(admin);

      // The checkpoint was there, and it holds words (the newest pages were read).
      expect(keysContaining(waiting, ":checkpoint:").length).toBeGreaterThan(0);
      for (const [moment, dump] of [
        ["while waiting", waiting],
        ["after delivery", delivered],
      ] as const) {
        expect({ moment, found: holders(dump, CANARIES) }).toEqual({
          moment,
          found: Object.fromEntries(CANARIES.map((canary) => [canary, []])),
        });
        for (const kept of KEPT)
          expect({ moment, kept, keys: keysContaining(dump, kept).length }).not.toEqual({
            moment,
            kept,
            keys: 0,
          });
      }
    } finally {
      await Promise.all(events.map((queueEvents) => queueEvents.close()));
    }
  }, 180_000);
});
