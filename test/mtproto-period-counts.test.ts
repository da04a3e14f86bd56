/**
 * Counting messages per month without reading history, on the Telegram
 * emulator: `getHistory` positions at dates, `messages.search` from the
 * account itself, and the pulse's cache of ended months in a real Redis.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatInfo, Message, Sender } from "@tgstats/engine";
import { ChatCache, ChatFence, PulseCountCache, botApiIdOf } from "@tgstats/platform";
import { countAccountPulse, type CountedDialog } from "@tgstats/worker";
import {
  FloodWaitDelayError,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  VirtualClock,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import { makeMessage, messageAt, unix } from "./helpers/messages.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";

const ACCOUNT = { id: 4242, username: "stats_reader", firstName: "Stats Reader" };
const ME: Sender = { kind: "user", id: ACCOUNT.id, name: "Stats Reader" };
const ANN: Sender = { kind: "user", id: 7, name: "Ann" };
const BOB: Sender = { kind: "user", id: 8, name: "Bob" };

const GROWING: ChatInfo = {
  kind: "channel",
  id: 1_900_000_001,
  name: "Growing",
  type: "private_supergroup",
};
const DYING: ChatInfo = { kind: "chat", id: 910_001, name: "Dying", type: "private_group" };
const NEWS: ChatInfo = {
  kind: "channel",
  id: 1_900_000_003,
  name: "News",
  type: "private_channel",
};
/** Two chats too big to read a page at a time for three months: counted by positions and searches. */
const BIG: ChatInfo = {
  kind: "channel",
  id: 1_900_000_004,
  name: "Big",
  type: "private_supergroup",
};
const YOUNG: ChatInfo = {
  kind: "channel",
  id: 1_900_000_005,
  name: "Young",
  type: "private_supergroup",
};
const HIDDEN: ChatInfo = {
  kind: "channel",
  id: 1_900_000_002,
  name: "Hidden",
  type: "private_supergroup",
};

const at = messageAt;

function chat(info: ChatInfo, messages: Message[]): EmulatedChat {
  return {
    info,
    username: null,
    accessHash: BigInt(info.id) * 31n,
    accountIsMember: true,
    messages,
  };
}

/**
 * Growing: id 4 was deleted (a gap), id 6 is Bob joining (a service record:
 * history counts it, search does not). A message exactly at 1 Feb 00:00 UTC
 * is February's.
 */
const GROWING_MESSAGES = [
  at(1, "2026-01-15T10:00:00Z", ANN),
  at(2, "2026-02-01T00:00:00Z", ME),
  at(3, "2026-02-20T10:00:00Z", ME),
  at(5, "2026-03-02T10:00:00Z", ANN),
  at(6, "2026-03-03T10:00:00Z", BOB, true),
  at(7, "2026-03-04T10:00:00Z", ME),
];
/** Dying: December (before the window), then 1 Jan and the last second of January. */
const DYING_MESSAGES = [
  at(1, "2025-12-01T10:00:00Z", ANN),
  at(2, "2025-12-02T10:00:00Z", ME),
  at(3, "2026-01-01T10:00:00Z", ANN),
  at(4, "2026-01-31T23:59:59Z", ME),
];
const NEWS_POSTS = [
  at(1, "2026-02-10T09:00:00Z", { kind: "channel", id: NEWS.id, name: "News" }),
  at(2, "2026-03-10T09:00:00Z", { kind: "channel", id: NEWS.id, name: "News" }),
  at(3, "2026-03-11T09:00:00Z", { kind: "channel", id: NEWS.id, name: "News" }),
];
/** Hidden: the account joined after message 2, so it sees 3 (February) and 4 (March). */
const HIDDEN_MESSAGES = [
  at(1, "2026-01-05T10:00:00Z", ANN),
  at(2, "2026-01-06T10:00:00Z", ME),
  at(3, "2026-02-05T10:00:00Z", ME),
  at(4, "2026-03-05T10:00:00Z", ANN),
];

/** `count` messages from `sender`, a minute apart from `fromIso`, ids from `firstId`. */
function series(firstId: number, count: number, fromIso: string, sender: Sender): Message[] {
  return Array.from({ length: count }, (_, index) =>
    makeMessage({ id: firstId + index, dateUnix: unix(fromIso) + index * 60, sender, text: "x" }),
  );
}

/** Big: 650 of Ann's in January; two of mine in February; in March one of mine and Bob joining. */
const BIG_MESSAGES = [
  ...series(1, 650, "2026-01-10T00:00:00Z", ANN),
  at(651, "2026-02-03T10:00:00Z", ME),
  at(652, "2026-02-04T10:00:00Z", ME),
  at(653, "2026-03-03T10:00:00Z", ME),
  at(654, "2026-03-04T10:00:00Z", BOB, true),
];
/** Young: began in March with 700 of Ann's and one of mine. */
const YOUNG_MESSAGES = [
  ...series(1, 700, "2026-03-02T00:00:00Z", ANN),
  at(701, "2026-03-09T10:00:00Z", ME),
];

function emulator(): TelegramEmulator {
  const target = new TelegramEmulator({
    account: ACCOUNT,
    chats: [
      chat(GROWING, GROWING_MESSAGES),
      chat(DYING, DYING_MESSAGES),
      chat(NEWS, NEWS_POSTS),
      chat(HIDDEN, HIDDEN_MESSAGES),
      chat(BIG, BIG_MESSAGES),
      chat(YOUNG, YOUNG_MESSAGES),
    ],
  });
  target.hideHistoryUpTo({ kind: "channel", id: HIDDEN.id }, 2);
  return target;
}

async function connect(target: TelegramEmulator) {
  return connectTelegramAccountWithClient(createEmulatedClient(target), {
    accessHashes: createMemoryAccessHashStore(),
  });
}

/** January to March 2026 in UTC, March running; month index = (year − 1970) × 12 + month − 1. */
const JAN = (2026 - 1970) * 12;
const MONTHS = {
  indexes: [JAN, JAN + 1, JAN + 2],
  startsUnix: ["2026-01-01", "2026-02-01", "2026-03-01"].map((day) => unix(`${day}T00:00:00Z`)),
};

function requestsSince(target: TelegramEmulator, from: number, method: string): number {
  return target.requestLog.slice(from).filter((entry) => entry.method === method).length;
}

/** `{ name: { month offset from January: [messages, own] } }`, and totals. */
function tableOf(
  dialogs: readonly CountedDialog[],
): Record<string, { total: number; months: Record<string, [number, number | null]> }> {
  return Object.fromEntries(
    dialogs.map((dialog) => [
      dialog.info.name ?? "",
      {
        total: dialog.total,
        months: Object.fromEntries(
          [...dialog.months]
            .filter(([, count]) => count.messages > 0)
            .map(([month, count]) => [
              month - JAN,
              [count.messages, count.own] as [number, number | null],
            ]),
        ),
      },
    ]),
  );
}

const FIRST_RUN_TABLE = {
  // Jan: Ann | Feb: me at 00:00:00, me | Mar: Ann, Bob's join (history only), me.
  Growing: { total: 6, months: { 0: [1, 0], 1: [2, 2], 2: [3, 1] } },
  // 1 Jan and 31 Jan 23:59:59 (mine); December is before the window.
  Dying: { total: 4, months: { 0: [2, 1] } },
  // A channel's posts are no one's own: not searched.
  News: { total: 3, months: { 1: [1, null], 2: [2, null] } },
  // Only what follows the hidden pre-history.
  Hidden: { total: 2, months: { 1: [1, 1], 2: [1, 0] } },
  Big: { total: 654, months: { 0: [650, 0], 1: [2, 2], 2: [2, 1] } },
  Young: { total: 701, months: { 2: [701, 1] } },
};

describe("counting over MTProto", () => {
  it("countMessagesAt: the total and the messages dated strictly before the date, service and deletions as history has them", async () => {
    const target = emulator();
    const account = await connect(target);
    const growing = await account.resolveChat({ kind: "bot-chat", chatId: -1_001_900_000_001 });
    // 1 Feb 00:00:00 is the date of message 2: it is not before.
    expect(await account.countMessagesAt(growing, unix("2026-02-01T00:00:00Z"))).toEqual({
      total: 6,
      before: 1,
    });
    expect(await account.countMessagesAt(growing, unix("2026-02-01T00:00:01Z"))).toEqual({
      total: 6,
      before: 2,
    });
    // Before every message, and after every message (Bob's join counted).
    expect(await account.countMessagesAt(growing, unix("2025-01-01T00:00:00Z"))).toEqual({
      total: 6,
      before: 0,
    });
    expect(await account.countMessagesAt(growing, unix("2027-01-01T00:00:00Z"))).toEqual({
      total: 6,
      before: 6,
    });
    const hidden = await account.resolveChat({ kind: "bot-chat", chatId: -1_001_900_000_002 });
    expect(await account.countMessagesAt(hidden, unix("2026-03-01T00:00:00Z"))).toEqual({
      total: 2,
      before: 1,
    });
    expect(target.requestLog.filter((entry) => entry.method === "messages.GetHistory")).toSatisfy(
      (entries: { params: Record<string, unknown> }[]) =>
        entries.every((entry) => entry.params.limit === 1),
    );
  });

  it("countOwnMessages: the account's own messages from the first second up to the end, service records not found", async () => {
    const target = emulator();
    const account = await connect(target);
    const growing = await account.resolveChat({ kind: "bot-chat", chatId: -1_001_900_000_001 });
    const february = {
      fromUnix: unix("2026-02-01T00:00:00Z"),
      toUnix: unix("2026-03-01T00:00:00Z"),
    };
    // Message 2 is at February's first second: in.
    expect(await account.countOwnMessages(growing, february)).toBe(2);
    // Ending exactly at message 2's second leaves it out.
    expect(
      await account.countOwnMessages(growing, {
        fromUnix: unix("2026-01-01T00:00:00Z"),
        toUnix: unix("2026-02-01T00:00:00Z"),
      }),
    ).toBe(0);
    expect(
      await account.countOwnMessages(growing, {
        fromUnix: unix("2026-03-01T00:00:00Z"),
        toUnix: null,
      }),
    ).toBe(1);
    const search = target.requestLog.find((entry) => entry.method === "messages.Search");
    // Telegram's bounds are exclusive: min_date one second before the month.
    expect(search?.params).toMatchObject({
      minDate: unix("2026-02-01T00:00:00Z") - 1,
      maxDate: unix("2026-03-01T00:00:00Z"),
      limit: 1,
    });
  });
});

describe("the pulse's counts and their cache", () => {
  let redisServer: TestRedis;
  let redis: Redis;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    redisServer = await startTestRedis();
    redis = new Redis(redisServer.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await redisServer.stop();
  });

  it("counts each dialog the cheaper way, reading small ones and positioning big ones; a repeat asks only for the running month of a chat with new messages", async () => {
    const target = emulator();
    const account = await connect(target);
    const cache = new PulseCountCache(redis, { ttlSeconds: 3600, prefix: "t1:cache" });
    const deps = { account, cache, timeZone: "UTC" };

    const before = target.requestLog.length;
    const first = await countAccountPulse(deps, MONTHS, signal);
    expect(tableOf(first)).toEqual(FIRST_RUN_TABLE);
    // Growing, News, Hidden and Dying have at most 6 messages since the oldest month start
    // at or before their last message: that position, then one page read = 2 each, no search.
    // Big: 654 since 1 January (7 pages > 2 positions + 3 searches): positions at 1 Mar and
    // 1 Feb = 3, and 3 searches. Young: nothing before 1 March, so after 1 January's
    // position, 1 March's (also 0) ends the walk: 2, and 1 search for March.
    const historyRequests = target.requestLog
      .slice(before)
      .filter((entry) => entry.method === "messages.GetHistory");
    expect(historyRequests).toHaveLength(4 * 2 + 3 + 2);
    expect(historyRequests.filter((entry) => entry.params.limit === 100)).toHaveLength(4);
    expect(requestsSince(target, before, "messages.Search")).toBe(3 + 1);

    // Nothing new anywhere: nothing is asked.
    const unchangedFrom = target.requestLog.length;
    expect(tableOf(await countAccountPulse(deps, MONTHS, signal))).toEqual(FIRST_RUN_TABLE);
    expect(target.requestLog.length - unchangedFrom).toBe(1); // the dialog list alone

    // Two more in March: a message of Ann's and one of mine.
    target.addMessages(GROWING.id, [
      at(8, "2026-03-20T10:00:00Z", ANN),
      at(9, "2026-03-21T10:00:00Z", ME),
    ]);
    const repeatFrom = target.requestLog.length;
    const repeat = await countAccountPulse(deps, MONTHS, signal);
    expect(tableOf(repeat)).toEqual({
      ...FIRST_RUN_TABLE,
      Growing: { total: 8, months: { 0: [1, 0], 1: [2, 2], 2: [5, 2] } },
    });
    // Growing's March: its start's position (the total comes with it) and one page of its 5.
    expect(requestsSince(target, repeatFrom, "messages.GetHistory")).toBe(2);
    expect(requestsSince(target, repeatFrom, "messages.Search")).toBe(0);
  });

  it("when a month ends, a chat without new messages costs nothing and one with new messages asks for the new month only", async () => {
    const target = emulator();
    const account = await connect(target);
    const cache = new PulseCountCache(redis, { ttlSeconds: 3600, prefix: "t2:cache" });
    const deps = { account, cache, timeZone: "UTC" };
    await countAccountPulse(deps, MONTHS, signal);
    // April starts: February to April are shown.
    const april = {
      indexes: [JAN + 1, JAN + 2, JAN + 3],
      startsUnix: ["2026-02-01", "2026-03-01", "2026-04-01"].map((day) => unix(`${day}T00:00:00Z`)),
    };
    const quietFrom = target.requestLog.length;
    const quiet = await countAccountPulse(deps, april, signal);
    expect(tableOf(quiet).Growing).toEqual({ total: 6, months: { 1: [2, 2], 2: [3, 1] } });
    expect(requestsSince(target, quietFrom, "messages.GetHistory")).toBe(0);
    expect(requestsSince(target, quietFrom, "messages.Search")).toBe(0);

    target.addMessages(GROWING.id, [at(8, "2026-04-02T10:00:00Z", ME)]);
    const from = target.requestLog.length;
    const counted = await countAccountPulse(deps, april, signal);
    expect(tableOf(counted).Growing).toEqual({
      total: 7,
      months: { 1: [2, 2], 2: [3, 1], 3: [1, 1] },
    });
    // April 1's position and a page; March, counted while running, had no message since.
    expect(requestsSince(target, from, "messages.GetHistory")).toBe(2);
    expect(requestsSince(target, from, "messages.Search")).toBe(0);
  });

  /** Growing, Dying and News on a virtual clock, GetHistory limited to `requests` per `perSeconds`. */
  async function limited(requests: number, perSeconds: number) {
    const clock = new VirtualClock(Date.parse("2026-03-25T00:00:00Z"));
    const target = new TelegramEmulator({
      account: ACCOUNT,
      chats: [chat(GROWING, GROWING_MESSAGES), chat(DYING, DYING_MESSAGES), chat(NEWS, NEWS_POSTS)],
      floodPolicy: { "messages.GetHistory": { requests, perSeconds } },
      now: clock.now,
      sleep: clock.sleep,
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(target), {
      accessHashes: createMemoryAccessHashStore(),
      floodSleepThresholdSeconds: 1,
      sleep: clock.sleep,
    });
    return { clock, target, account };
  }
  const THREE_CHATS = {
    News: FIRST_RUN_TABLE.News,
    Growing: FIRST_RUN_TABLE.Growing,
    Dying: FIRST_RUN_TABLE.Dying,
  };

  it("waits out a flood wait of up to a minute and goes on", async () => {
    const { clock, target, account } = await limited(3, 30);
    const cache = new PulseCountCache(redis, { ttlSeconds: 3600, prefix: "t5:cache" });
    const counted = await countAccountPulse(
      { account, cache, timeZone: "UTC", sleep: clock.sleep },
      MONTHS,
      signal,
    );
    expect(tableOf(counted)).toEqual(THREE_CHATS);
    // Six requests, three a window: the fourth waited 30 s (all on the virtual clock), then all went through.
    expect(clock.sleptMs).toBe(30_000);
    expect(target.requestCount("messages.GetHistory")).toBe(7); // one refused, asked again
  });

  it("a count cut short by a longer flood wait resumes without asking again for the dialogs already counted", async () => {
    const { clock, target, account } = await limited(5, 120);
    const cache = new PulseCountCache(redis, { ttlSeconds: 3600, prefix: "t4:cache" });
    const deps = { account, cache, timeZone: "UTC", sleep: clock.sleep };
    // Dialogs by latest message: News, Growing, Dying, each a position and a page: Dying's page is
    // the 6th, refused for 120 s, longer than the count waits: the job is delayed.
    await expect(countAccountPulse(deps, MONTHS, signal)).rejects.toBeInstanceOf(
      FloodWaitDelayError,
    );
    clock.advance(120_000);
    const resumedFrom = target.requestLog.length;
    const counted = await countAccountPulse(deps, MONTHS, signal);
    expect(tableOf(counted)).toEqual(THREE_CHATS);
    // News and Growing were counted before the wait: not asked again.
    const peers = target.requestLog
      .slice(resumedFrom)
      .filter((entry) => entry.method === "messages.GetHistory")
      .map((entry) => entry.params.peer);
    expect(peers).toEqual([`chat${DYING.id}`, `chat${DYING.id}`]);
  });

  it("stores numbers only, beside the chat's cache with their own expiry; /forget deletes them, and a chat forgotten while counted is not stored", async () => {
    const target = emulator();
    const account = await connect(target);
    const cache = new PulseCountCache(redis, { ttlSeconds: 3600, prefix: "t3:cache" });
    const fence = new ChatFence(redis, "t3:forget");
    const forgottenWhileCounted = botApiIdOf(NEWS);
    await countAccountPulse(
      {
        account,
        cache,
        timeZone: "UTC",
        fence: async (botApiChatId) => {
          const writer = fence.writer(await fence.token(botApiChatId, "queue:1"));
          // /forget of News lands between its token and its write.
          if (botApiChatId === forgottenWhileCounted) await fence.raise(botApiChatId, []);
          return writer;
        },
      },
      MONTHS,
      signal,
    );
    const keys = (await redis.keys("t3:cache:*")).sort();
    expect(keys).toEqual(
      [
        `t3:cache:account${ACCOUNT.id}:chat${DYING.id}:pulse`,
        `t3:cache:channel${GROWING.id}:pulse`,
        `t3:cache:channel${HIDDEN.id}:pulse`,
        `t3:cache:channel${BIG.id}:pulse`,
        `t3:cache:channel${YOUNG.id}:pulse`,
      ].sort(),
    );
    const stored: unknown = JSON.parse(
      (await redis.hget(`t3:cache:channel${GROWING.id}:pulse`, `pulse|${ACCOUNT.id}|UTC`)) ??
        "null",
    );
    expect(stored).toEqual({
      version: 1,
      lastMessageId: 7,
      total: 6,
      runningMonth: JAN + 2,
      months: { [JAN]: [1, 0], [JAN + 1]: [2, 2], [JAN + 2]: [3, 1] },
    });
    expect(await redis.ttl(`t3:cache:channel${GROWING.id}:pulse`)).toBeGreaterThan(3500);

    // /forget of a supergroup and of a basic group: their counts go; no history was there.
    const chatCache = new ChatCache(redis, { ttlSeconds: 3600, prefix: "t3:cache" });
    expect(await chatCache.forgetBotChat(botApiIdOf(GROWING))).toBe(0);
    expect(await chatCache.forgetBotChat(botApiIdOf(DYING))).toBe(0);
    expect(await redis.exists(`t3:cache:channel${GROWING.id}:pulse`)).toBe(0);
    expect(await redis.exists(`t3:cache:account${ACCOUNT.id}:chat${DYING.id}:pulse`)).toBe(0);
  });
});
