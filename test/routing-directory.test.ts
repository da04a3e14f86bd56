import fc from "fast-check";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ChatDirectory,
  accountsAbleToRead,
  pickReader,
  readableByAnyAccount,
  type ReaderAccount,
} from "@tgstats/platform";
import { MonthBuckets } from "@tgstats/platform/month-buckets";
import type { Message, Sender } from "@tgstats/engine";
import { planSplit } from "@tgstats/worker";
import { makeMessage, unix } from "./helpers/messages.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";

const TEAM = -1001234567890;
const NEWS = -1009876543210;
const QUIZ = -1005555555555;
/** Redis PEXPIREs the keys in real time; long enough never to fire during a test. */
const TTL_MS = 600_000;

const readerA: ReaderAccount = { id: 5, username: "reader_a" };
const readerB: ReaderAccount = { id: 30, username: "reader_b" };
const readerC: ReaderAccount = { id: 200, username: null };

let redis: TestRedis;
let client: Redis;
let nowMs: number;
let directory: ChatDirectory;
let prefixCount = 0;

beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

beforeEach(() => {
  nowMs = 1_700_000_000_000;
  // A fresh prefix per test: nothing published by an earlier test is visible.
  directory = new ChatDirectory(client, `routing-test-${++prefixCount}`, () => nowMs);
});

describe("ChatDirectory", () => {
  it("tells the readers of a chat and all live accounts, with their usernames", async () => {
    await directory.publish(readerA, [TEAM, NEWS], TTL_MS);
    await directory.publish(readerB, [NEWS], TTL_MS);
    expect(await directory.readersOf(TEAM)).toEqual({
      readers: [{ id: 5, username: "reader_a" }],
      accounts: [
        { id: 5, username: "reader_a" },
        { id: 30, username: "reader_b" },
      ],
    });
    expect(await directory.readersOf(NEWS)).toEqual({
      readers: [
        { id: 5, username: "reader_a" },
        { id: 30, username: "reader_b" },
      ],
      accounts: [
        { id: 5, username: "reader_a" },
        { id: 30, username: "reader_b" },
      ],
    });
    expect(await directory.readersOf(QUIZ)).toEqual({
      readers: [],
      accounts: [
        { id: 5, username: "reader_a" },
        { id: 30, username: "reader_b" },
      ],
    });
  });

  it("knows nothing before anyone publishes", async () => {
    expect(await directory.readersOf(TEAM)).toEqual({ readers: [], accounts: [] });
  });

  it("withdraws a chat at once when the account publishes again without it", async () => {
    await directory.publish(readerA, [TEAM, NEWS], TTL_MS);
    await directory.publish(readerB, [TEAM], TTL_MS);
    nowMs += 1000;
    await directory.publish(readerA, [NEWS], TTL_MS);
    expect((await directory.readersOf(TEAM)).readers).toEqual([{ id: 30, username: "reader_b" }]);
    expect((await directory.readersOf(NEWS)).readers).toEqual([{ id: 5, username: "reader_a" }]);
    // An account that reads nothing stays an account (it can be added to chats).
    await directory.publish(readerA, [], TTL_MS);
    expect(await directory.readersOf(NEWS)).toEqual({
      readers: [],
      accounts: [
        { id: 5, username: "reader_a" },
        { id: 30, username: "reader_b" },
      ],
    });
  });

  it("takes the username of the latest publication, null included", async () => {
    await directory.publish(readerA, [TEAM], TTL_MS);
    await directory.publish({ id: 5, username: "renamed" }, [TEAM], TTL_MS);
    expect((await directory.readersOf(TEAM)).readers).toEqual([{ id: 5, username: "renamed" }]);
    await directory.publish({ id: 5, username: null }, [TEAM], TTL_MS);
    expect(await directory.readersOf(TEAM)).toEqual({
      readers: [{ id: 5, username: null }],
      accounts: [{ id: 5, username: null }],
    });
  });

  it("drops an account's entries once its TTL has passed, unless refreshed", async () => {
    await directory.publish(readerA, [TEAM], 1000);
    nowMs += 500;
    await directory.publish(readerB, [TEAM], 1000);
    // A expires at +1000, B at +1500 (clock-based scores; Redis's own expiry is real time).
    nowMs = 1_700_000_000_000 + 999;
    expect((await directory.readersOf(TEAM)).readers.map((r) => r.id)).toEqual([5, 30]);
    nowMs = 1_700_000_000_000 + 1001;
    expect(await directory.readersOf(TEAM)).toEqual({
      readers: [{ id: 30, username: "reader_b" }],
      accounts: [{ id: 30, username: "reader_b" }],
    });
    nowMs = 1_700_000_000_000 + 1501;
    expect(await directory.readersOf(TEAM)).toEqual({ readers: [], accounts: [] });
    // A refresh brings the account back.
    await directory.publish(readerA, [TEAM], 1000);
    expect(await directory.readersOf(TEAM)).toEqual({
      readers: [{ id: 5, username: "reader_a" }],
      accounts: [{ id: 5, username: "reader_a" }],
    });
  });

  it("withdraws an account from every chat and from the accounts", async () => {
    await directory.publish(readerA, [TEAM, NEWS], TTL_MS);
    await directory.publish(readerB, [TEAM], TTL_MS);
    await directory.withdraw(5);
    expect(await directory.readersOf(TEAM)).toEqual({
      readers: [{ id: 30, username: "reader_b" }],
      accounts: [{ id: 30, username: "reader_b" }],
    });
    expect(await directory.readersOf(NEWS)).toEqual({
      readers: [],
      accounts: [{ id: 30, username: "reader_b" }],
    });
    // Withdrawing an account that never published changes nothing.
    await directory.withdraw(777);
    expect((await directory.readersOf(TEAM)).accounts).toEqual([{ id: 30, username: "reader_b" }]);
  });

  it("orders readers and accounts by numeric id, whatever the publication order", async () => {
    // Later publications expire later, so the expiry order is 200, 30, 5 and the
    // text order "200" < "30" < "5": only a numeric sort gives 5, 30, 200.
    await directory.publish(readerC, [TEAM], TTL_MS);
    nowMs += 10;
    await directory.publish(readerB, [TEAM], TTL_MS);
    nowMs += 10;
    await directory.publish(readerA, [TEAM], TTL_MS);
    const expected = [
      { id: 5, username: "reader_a" },
      { id: 30, username: "reader_b" },
      { id: 200, username: null },
    ];
    expect(await directory.readersOf(TEAM)).toEqual({ readers: expected, accounts: expected });
  });

  it("publishes more chats than one Redis write holds", async () => {
    const chats = Array.from({ length: 1234 }, (_, index) => -1001000000000 - index);
    await directory.publish(readerA, chats, TTL_MS);
    for (const chat of [chats[0]!, chats[499]!, chats[500]!, chats[1233]!])
      expect((await directory.readersOf(chat)).readers).toEqual([readerA]);
    await directory.publish(readerA, chats.slice(0, 1), TTL_MS);
    expect((await directory.readersOf(chats[0]!)).readers).toEqual([readerA]);
    expect((await directory.readersOf(chats[1233]!)).readers).toEqual([]);
  });
});

describe("pickReader", () => {
  const readers: ReaderAccount[] = [
    { id: 5, username: "reader_a" },
    { id: 30, username: "reader_b" },
    { id: 200, username: null },
    { id: 777000001, username: "reader_d" },
    { id: 777000002, username: "reader_e" },
  ];
  const chatIds = Array.from({ length: 300 }, (_, index) => -1001000000000 - index * 7919);

  it("picks nobody among no readers", () => {
    expect(pickReader([], TEAM)).toBeNull();
  });

  it("picks the only reader, returning the object passed in", () => {
    const only = { id: 42, username: "x", extra: true };
    expect(pickReader([only], TEAM)).toBe(only);
  });

  it("picks the same reader whatever the order of the readers", () => {
    const reversed = [...readers].reverse();
    const rotated = [...readers.slice(2), ...readers.slice(0, 2)];
    for (const chatId of chatIds) {
      const chosen = pickReader(readers, chatId)!.id;
      expect(pickReader(reversed, chatId)!.id).toBe(chosen);
      expect(pickReader(rotated, chatId)!.id).toBe(chosen);
    }
  });

  it("keeps a chat's reader when another reader leaves, and moves it only to a newcomer", () => {
    for (const chatId of chatIds) {
      const chosen = pickReader(readers, chatId)!;
      for (const leaving of readers) {
        if (leaving.id === chosen.id) continue;
        const rest = readers.filter((reader) => reader.id !== leaving.id);
        expect(pickReader(rest, chatId)!.id).toBe(chosen.id);
      }
      const newcomer = { id: 31337, username: null };
      expect([chosen.id, newcomer.id]).toContain(pickReader([...readers, newcomer], chatId)!.id);
    }
  });

  it("spreads chats over the readers", () => {
    const three = readers.slice(0, 3);
    const counts = new Map<number, number>();
    for (const chatId of chatIds) {
      const id = pickReader(three, chatId)!.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([5, 30, 200]);
    // About 100 each; 60 is far below what a fair hash gives for these fixed ids.
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(60);
  });
});

describe("who can read a chat", () => {
  const found = {
    readers: [{ id: 5, username: "reader_a" }],
    accounts: [
      { id: 5, username: "reader_a" },
      { id: 30, username: "reader_b" },
    ],
  };

  it("any account reads a public chat; only its members a private one", () => {
    expect(readableByAnyAccount({ username: "news_channel" })).toBe(true);
    expect(readableByAnyAccount({ username: null })).toBe(false);
    expect(readableByAnyAccount({})).toBe(false);
    expect(accountsAbleToRead({ username: "news_channel" }, found).map((a) => a.id)).toEqual([
      5, 30,
    ]);
    expect(accountsAbleToRead({ username: null }, found).map((a) => a.id)).toEqual([5]);
  });
});

describe("planSplit", () => {
  it("cuts (0,90] into three equal parts, one per account in order", () => {
    expect(planSplit({ minId: 0, maxId: 90 }, [7, 8, 9])).toEqual([
      { index: 0, minId: 0, maxId: 30, accountId: 7 },
      { index: 1, minId: 30, maxId: 60, accountId: 8 },
      { index: 2, minId: 60, maxId: 90, accountId: 9 },
    ]);
  });

  it("cuts an uneven width into parts one id apart at most", () => {
    // 10 ids over 3: 3, 3 and 4 ids.
    expect(planSplit({ minId: 100, maxId: 110 }, [1, 2, 3])).toEqual([
      { index: 0, minId: 100, maxId: 103, accountId: 1 },
      { index: 1, minId: 103, maxId: 106, accountId: 2 },
      { index: 2, minId: 106, maxId: 110, accountId: 3 },
    ]);
    // 11 ids over 4: 2, 3, 3 and 3 ids.
    expect(planSplit({ minId: 0, maxId: 11 }, [1, 2, 3, 4])).toEqual([
      { index: 0, minId: 0, maxId: 2, accountId: 1 },
      { index: 1, minId: 2, maxId: 5, accountId: 2 },
      { index: 2, minId: 5, maxId: 8, accountId: 3 },
      { index: 3, minId: 8, maxId: 11, accountId: 4 },
    ]);
  });

  it("makes no more parts than ids, leaving the last accounts out", () => {
    expect(planSplit({ minId: 5, maxId: 7 }, [1, 2, 3])).toEqual([
      { index: 0, minId: 5, maxId: 6, accountId: 1 },
      { index: 1, minId: 6, maxId: 7, accountId: 2 },
    ]);
    expect(planSplit({ minId: 5, maxId: 6 }, [1, 2, 3])).toEqual([
      { index: 0, minId: 5, maxId: 6, accountId: 1 },
    ]);
  });

  it("makes no parts of an empty or reversed range, or without accounts", () => {
    expect(planSplit({ minId: 5, maxId: 5 }, [1, 2])).toEqual([]);
    expect(planSplit({ minId: 9, maxId: 5 }, [1, 2])).toEqual([]);
    expect(planSplit({ minId: 0, maxId: 90 }, [])).toEqual([]);
  });

  it("gives one account the whole range", () => {
    expect(planSplit({ minId: 3, maxId: 1000 }, [42])).toEqual([
      { index: 0, minId: 3, maxId: 1000, accountId: 42 },
    ]);
  });

  it("covers any range exactly, without overlap, in parts of near-equal width", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000_000 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (minId, width, accounts) => {
          const maxId = minId + width;
          const parts = planSplit({ minId, maxId }, accounts);
          const count = Math.min(accounts.length, width);
          expect(parts.map((part) => part.index)).toEqual([...Array(count).keys()]);
          expect(parts.map((part) => part.accountId)).toEqual(accounts.slice(0, count));
          if (count === 0) return;
          expect(parts[0]!.minId).toBe(minId);
          expect(parts.at(-1)!.maxId).toBe(maxId);
          const widths = parts.map((part) => part.maxId - part.minId);
          for (let index = 1; index < parts.length; index++)
            expect(parts[index]!.minId).toBe(parts[index - 1]!.maxId);
          expect(widths.reduce((sum, w) => sum + w, 0)).toBe(width);
          expect(Math.min(...widths)).toBeGreaterThanOrEqual(Math.floor(width / count));
          expect(Math.max(...widths)).toBeLessThanOrEqual(Math.ceil(width / count));
        },
      ),
    );
  });
});

describe("MonthBuckets.absorb", () => {
  const ann: Sender = { kind: "user", id: 1, name: "Ann" };
  const ben: Sender = { kind: "user", id: 2, name: "Ben" };
  const news: Sender = { kind: "channel", id: 9, name: "News" };

  /**
   * Ids 1..12 over February and March 2024 (Berlin is UTC+1 then). The cut
   * after id 6 falls inside March, and replies cross it both ways.
   */
  const history: Message[] = [
    makeMessage({
      id: 1,
      dateUnix: unix("2024-02-10T09:00:00+01:00"),
      sender: ann,
      text: "hello world",
    }),
    makeMessage({
      id: 2,
      dateUnix: unix("2024-02-10T09:05:00+01:00"),
      sender: ben,
      text: "hi",
      replyToId: 1,
    }),
    makeMessage({
      id: 3,
      dateUnix: unix("2024-02-20T22:00:00+01:00"),
      sender: news,
      kind: "photo",
      views: 40,
    }),
    // 23:30 UTC on 29 February is 00:30 on 1 March in Berlin.
    makeMessage({
      id: 4,
      dateUnix: unix("2024-02-29T23:30:00Z"),
      sender: ann,
      text: "кот и мир 👍",
    }),
    makeMessage({
      id: 5,
      dateUnix: unix("2024-03-02T10:00:00+01:00"),
      sender: ben,
      kind: "sticker",
      stickerEmoji: "😂",
    }),
    makeMessage({
      id: 6,
      dateUnix: unix("2024-03-02T10:01:00+01:00"),
      sender: ann,
      text: "cat",
      replyToId: 5,
    }),
    makeMessage({
      id: 7,
      dateUnix: unix("2024-03-03T08:00:00+01:00"),
      sender: ben,
      text: "again",
      replyToId: 6,
    }),
    makeMessage({
      id: 8,
      dateUnix: unix("2024-03-03T08:02:00+01:00"),
      sender: ann,
      text: "the cat",
      replyToId: 4,
    }),
    makeMessage({
      id: 9,
      dateUnix: unix("2024-03-05T12:00:00+01:00"),
      kind: "service",
      serviceAction: "pin_message",
      sender: ann,
    }),
    makeMessage({
      id: 11,
      dateUnix: unix("2024-03-06T12:00:00+01:00"),
      sender: ben,
      text: "hello",
      replyToId: 10,
    }),
    makeMessage({
      id: 12,
      dateUnix: unix("2024-03-07T18:00:00+01:00"),
      sender: { ...ann, name: "Ann B." },
      text: "bye ❤️",
      replyToId: 11,
    }),
  ];
  const firstPart = history.filter((message) => message.id <= 6);
  const secondPart = history.filter((message) => message.id > 6);

  function foldOf(messages: readonly Message[]): MonthBuckets {
    const fold = new MonthBuckets("Europe/Berlin");
    for (const message of messages) fold.add(message);
    return fold;
  }

  function withoutWords(fold: MonthBuckets): unknown {
    return Object.fromEntries(
      [...fold.states()].map(([month, state]) => {
        const json: Partial<ReturnType<typeof state.toJSON>> = state.toJSON();
        delete json.words;
        return [month, json];
      }),
    );
  }

  /** Each month's words and phrases, most first. */
  function wordsOf(fold: MonthBuckets): Record<string, { term: string; count: number }[]> {
    return Object.fromEntries(
      [...fold.states()].map(([month, state]) => [
        month,
        [...state.words.words.top(Infinity), ...state.words.bigrams.top(Infinity)],
      ]),
    );
  }

  function statesJson(fold: MonthBuckets): unknown {
    return Object.fromEntries([...fold.states()].map(([month, state]) => [month, state.toJSON()]));
  }

  // A part's fold is absorbed in its at-rest form: its words and phrases of fewer than 3 of its
  // messages stay behind. No word or phrase here is in 3 messages of one part, so the merged
  // fold holds exactly the in-memory part's words, and everything else as one fold would.
  it("gives what one fold over both parts gives, but the absorbed part's rare words", () => {
    const whole = foldOf(history);
    const merged = foldOf(firstPart);
    merged.absorb(foldOf(secondPart).toJSON());
    expect([...merged.states().keys()].sort()).toEqual(["2024-02", "2024-03"]);
    expect(withoutWords(merged)).toEqual(withoutWords(whole));
    expect(wordsOf(merged)).toEqual(wordsOf(foldOf(firstPart)));
    expect(Object.fromEntries(merged.ids)).toEqual({
      "2024-02": { minId: 1, maxId: 3 },
      "2024-03": { minId: 4, maxId: 12 },
    });
  });

  it("gives the same when the later part absorbs the earlier one", () => {
    const merged = foldOf(secondPart);
    merged.absorb(foldOf(firstPart).toJSON());
    expect(withoutWords(merged)).toEqual(withoutWords(foldOf(history)));
    expect(wordsOf(merged)).toEqual({ "2024-02": [], ...wordsOf(foldOf(secondPart)) });
    expect(Object.fromEntries(merged.ids)).toEqual(Object.fromEntries(foldOf(history).ids));
  });

  it("absorbs parts into an empty fold, and folds on after absorbing", () => {
    const cuts = [history.slice(0, 3), history.slice(3, 7), history.slice(7)];
    const merged = new MonthBuckets("Europe/Berlin");
    merged.absorb(foldOf(cuts[0]!).toJSON());
    merged.absorb(foldOf(cuts[1]!).toJSON());
    for (const message of cuts[2]!) merged.add(message);
    expect(merged.toJSON()).toEqual(foldOf(history).toJSON());
    // states() does not consume anything: asking twice gives the same.
    expect(statesJson(merged)).toEqual(statesJson(merged));
  });

  it("does not change the absorbed JSON", () => {
    const json = foldOf(secondPart).toJSON();
    const copy = structuredClone(json);
    const merged = foldOf(firstPart);
    merged.absorb(json);
    merged.add(makeMessage({ id: 13, dateUnix: unix("2024-03-08T10:00:00+01:00"), sender: ben }));
    expect(json).toEqual(copy);
  });
});
