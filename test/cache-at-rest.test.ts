import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatCache, redisKeys, type CachedHistory } from "@tgstats/platform";
import {
  ReportBuilder,
  mergeReportStates,
  toReportJson,
  type Message,
  type ReportState,
} from "@tgstats/engine";
import { alice, bob, makeMessage, unix } from "./helpers/messages.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";

const CACHE_KEYS = redisKeys("tgstats").cache;

const CHAT = { id: 1, name: "Test", type: "private_supergroup" } as const;
const WINDOW_IDS = 6;

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url);
});

beforeEach(async () => {
  await client.flushall();
});

afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

function fold(messages: readonly Message[]): ReportState {
  const builder = new ReportBuilder({ timeZone: "UTC", replyWindowIds: WINDOW_IDS });
  builder.addBatch(messages);
  return builder.state;
}

function text(id: number, iso: string, words: string, replyToId: number | null = null): Message {
  return makeMessage({
    id,
    dateUnix: unix(iso),
    sender: id % 2 === 0 ? bob : alice,
    text: words,
    replyToId,
  });
}

describe("the stored form of a report state", () => {
  it("keeps a word of 3 messages, drops one of 2 and one said 3× in 1 message, and states the cut", () => {
    // By hand. Words: zebra 2 messages (count 2) → dropped; trio 3 messages (3) → kept;
    // lonely 1 message (count 3) → dropped. Largest dropped word count: 3.
    // Phrases: "zebra trio" 2 messages (2), "trio lonely" 1 (1), "lonely lonely" 1 (2):
    // all dropped, the largest count is 2.
    const state = fold([
      text(1, "2024-01-02T10:00:00Z", "zebra trio"),
      text(2, "2024-01-03T10:00:00Z", "zebra trio"),
      text(3, "2024-01-04T10:00:00Z", "trio lonely lonely lonely"),
    ]);
    const fresh = toReportJson(state, { chat: CHAT });
    expect(fresh.words).toEqual([
      { word: "lonely", count: 3 },
      { word: "trio", count: 3 },
      { word: "zebra", count: 2 },
    ]);
    const stored = toReportJson(state.forRest(), { chat: CHAT });
    expect(stored.words).toEqual([{ word: "trio", count: 3 }]);
    expect(stored.bigrams).toEqual([]);
    expect(stored.wordStats).toEqual({
      exact: false,
      errorBound: 3,
      bigramErrorBound: 2,
      rareErrorBound: 3,
      rareBigramErrorBound: 2,
      minMessagesAtRest: 3,
    });
    expect(stored.notes).toEqual([
      "Words and phrases used in fewer than 3 messages of a month are not stored, so word counts may be low by up to 3 (phrases by up to 2).",
    ]);
    // Everything but the words is untouched.
    expect({ ...stored, words: [], bigrams: [], wordStats: null, notes: [] }).toEqual({
      ...fresh,
      words: [],
      bigrams: [],
      wordStats: null,
      notes: [],
    });
  });
});

describe("the month cache at rest", () => {
  // January: ids 1–5; February: ids 6–10, where 7 answers 2 (a January message)
  // and 9 answers 8. Odd ids are Alice's, even ones Bob's. Reply window: 6 ids.
  const january = [1, 2, 3, 4, 5].map((id) => text(id, `2024-01-0${id}T10:00:00Z`, "hello"));
  const february = [
    text(6, "2024-02-01T10:00:00Z", "hello"),
    text(7, "2024-02-02T10:00:00Z", "hello", 2),
    text(8, "2024-02-03T10:00:00Z", "hello"),
    text(9, "2024-02-04T10:00:00Z", "hello", 8),
    text(10, "2024-02-05T10:00:00Z", "hello"),
  ];
  const march = [11, 12, 13, 14, 15, 16, 17].map((id) =>
    text(id, `2024-03-${id}T10:00:00Z`, "hello"),
  );

  function history(months: Record<string, Message[]>): CachedHistory {
    const all = Object.values(months).flat();
    return {
      highId: Math.max(...all.map((message) => message.id)),
      months: new Map(Object.entries(months).map(([month, messages]) => [month, fold(messages)])),
      monthIds: new Map(
        Object.entries(months).map(([month, messages]) => [
          month,
          {
            minId: Math.min(...messages.map((m) => m.id)),
            maxId: Math.max(...messages.map((m) => m.id)),
          },
        ]),
      ),
    };
  }

  async function loaded(cache: ChatCache): Promise<CachedHistory> {
    const found = await cache.load("channel1", "UTC");
    if (found === null) throw new Error("nothing cached");
    return found;
  }

  it("keeps a month's reply index only for ids a later month answers or the next read may answer", async () => {
    const cache = new ChatCache(client, { ttlSeconds: 600, prefix: CACHE_KEYS });
    await cache.save("channel1", "UTC", history({ "2024-01": january, "2024-02": february }), [
      "2024-01",
      "2024-02",
    ]);
    let stored = await loaded(cache);
    // Newest id 10, window 6: ids above 4 may still be answered; 2 is answered by 7.
    expect(stored.months.get("2024-01")!.replies.indexedIds().sort()).toEqual([2, 5]);
    expect(
      stored.months
        .get("2024-02")!
        .replies.indexedIds()
        .sort((a, b) => a - b),
    ).toEqual([6, 7, 8, 9, 10]);
    const all = fold([...january, ...february]);
    const merged = mergeReportStates([...stored.months.values()]);
    expect(toReportJson(merged, { chat: CHAT }).replies).toEqual(
      toReportJson(all, { chat: CHAT }).replies,
    );
    expect(merged.replies.topPairs(5).map(({ from, to, count }) => ({ from, to, count }))).toEqual([
      { from: "user1", to: "user2", count: 2 },
    ]);

    // March comes (ids 11–17): the newest id is 17, so ids up to 11 can no longer be
    // answered; February's index shrinks to nothing and is rewritten though unchanged.
    stored.months.set("2024-03", fold(march));
    stored.monthIds.set("2024-03", { minId: 11, maxId: 17 });
    stored.highId = 17;
    await cache.save("channel1", "UTC", stored, ["2024-03"]);
    stored = await loaded(cache);
    expect(stored.months.get("2024-01")!.replies.indexedIds()).toEqual([2]);
    expect(stored.months.get("2024-02")!.replies.indexedIds()).toEqual([]);
    expect(stored.months.get("2024-03")!.replies.indexedIds()).toEqual([12, 13, 14, 15, 16, 17]);
    const again = mergeReportStates([...stored.months.values()]);
    expect(toReportJson(again, { chat: CHAT }).replies).toEqual(
      toReportJson(fold([...january, ...february, ...march]), { chat: CHAT }).replies,
    );
  });

  it("/forget finds a basic group whose Bot API id starts with -100 (it is no channel)", async () => {
    const cache = new ChatCache(client, { ttlSeconds: 600, prefix: CACHE_KEYS });
    // Basic group 100234567 is -100234567 in the Bot API; channel 234567 would be -1000000234567.
    for (const scope of ["account7:chat100234567", "account8:chat100234567", "channel234567"])
      await client.hset(`${CACHE_KEYS}:${scope}`, "UTC|meta", "{}");
    expect(await cache.forgetBotChat(-100234567)).toBe(2);
    expect(await client.exists(`${CACHE_KEYS}:account7:chat100234567`)).toBe(0);
    expect(await client.exists(`${CACHE_KEYS}:account8:chat100234567`)).toBe(0);
    expect(await client.exists(`${CACHE_KEYS}:channel234567`)).toBe(1);
    expect(await cache.forgetBotChat(-1000000234567)).toBe(1);
    expect(await client.exists(`${CACHE_KEYS}:channel234567`)).toBe(0);
  });

  it("deletes an entry of an older format instead of leaving it until it expires", async () => {
    const cache = new ChatCache(client, { ttlSeconds: 600, prefix: CACHE_KEYS });
    await client.hset(
      "tgstats:cache:channel1",
      "UTC|meta",
      JSON.stringify({ version: 1, highId: 5, months: {} }),
      "UTC|m:2024-01",
      "old",
    );
    expect(await cache.load("channel1", "UTC")).toBeNull();
    expect(await client.exists("tgstats:cache:channel1")).toBe(0);
  });
});
