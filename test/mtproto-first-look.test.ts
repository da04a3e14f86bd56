/**
 * The first look's counting on the Telegram emulator: per-person search
 * counts (countMessagesFrom) and the figures countFirstLook asks for, with
 * values worked out by hand from the messages below.
 */
import { describe, expect, it } from "vitest";
import {
  firstLookJson,
  firstLookPlan,
  firstLookPositionDays,
  type ChatInfo,
  type Sender,
} from "@tgstats/engine";
import { countFirstLook, firstLookText } from "@tgstats/worker";
import {
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import { messageAt, unix } from "./helpers/messages.js";

const ACCOUNT = { id: 4242, username: "stats_reader", firstName: "Stats Reader" };
const ME: Sender = { kind: "user", id: ACCOUNT.id, name: "Stats Reader" };
const ANN: Sender = { kind: "user", id: 7, name: "Ann" };
const BOB: Sender = { kind: "user", id: 8, name: "Bob" };
/** Never in any answer before the search: the account cannot address her. */
const ZOE: Sender = { kind: "user", id: 99, name: "Zoe" };

const GROUP: ChatInfo = {
  kind: "channel",
  id: 1_900_000_011,
  name: "Group",
  type: "private_supergroup",
};

const at = messageAt;

/**
 * Ann: Jan 15, Feb 1 00:00:00 (February's first second), Feb 20, Mar 4;
 * Bob: his join on Mar 3 (a service record) and Mar 5; me: Feb 10.
 */
const MESSAGES = [
  at(1, "2026-01-15T10:00:00Z", ANN),
  at(2, "2026-02-01T00:00:00Z", ANN),
  at(3, "2026-02-10T10:00:00Z", ME),
  at(4, "2026-02-20T10:00:00Z", ANN),
  at(5, "2026-03-03T10:00:00Z", BOB, true),
  at(6, "2026-03-04T10:00:00Z", ANN),
  at(7, "2026-03-05T10:00:00Z", BOB),
];

function emulator(members?: EmulatedChat["members"]): TelegramEmulator {
  const chat: EmulatedChat = {
    info: GROUP,
    username: null,
    accessHash: 77n,
    accountIsMember: true,
    messages: MESSAGES,
    ...(members === undefined ? {} : { members }),
  };
  return new TelegramEmulator({ account: ACCOUNT, chats: [chat] });
}

async function connect(target: TelegramEmulator) {
  const account = await connectTelegramAccountWithClient(createEmulatedClient(target), {
    accessHashes: createMemoryAccessHashStore(),
  });
  const chat = await account.resolveChat({ kind: "bot-chat", chatId: -1_001_900_000_011 });
  return { account, chat };
}

const FEBRUARY = { fromUnix: unix("2026-02-01T00:00:00Z"), toUnix: unix("2026-03-01T00:00:00Z") };

describe("countMessagesFrom", () => {
  it("counts a person's messages from the first second up to the end, service records not found", async () => {
    const target = emulator();
    const { account, chat } = await connect(target);
    // The newest page shows Ann and Bob to the account (their access hashes).
    await account.fetchHistoryPage(chat, { offsetId: 0, limit: 100 });
    // Feb 1 00:00:00 is in; Feb 20 too.
    expect(await account.countMessagesFrom(chat, ANN.id, FEBRUARY)).toBe(2);
    // Ending at Feb 1 00:00:00 leaves that message out: only Jan 15.
    expect(
      await account.countMessagesFrom(chat, ANN.id, {
        fromUnix: unix("2026-01-01T00:00:00Z"),
        toUnix: unix("2026-02-01T00:00:00Z"),
      }),
    ).toBe(1);
    // Bob's join is a service record: only his Mar 5 message.
    expect(
      await account.countMessagesFrom(chat, BOB.id, {
        fromUnix: unix("2026-03-01T00:00:00Z"),
        toUnix: null,
      }),
    ).toBe(1);
    // The account itself needs no access hash.
    expect(await account.countMessagesFrom(chat, ME.id, FEBRUARY)).toBe(1);
    const searches = target.requestLog.filter((entry) => entry.method === "messages.Search");
    expect(searches.map((entry) => entry.params.fromId)).toEqual([
      "user7",
      "user7",
      "user8",
      // InputPeerSelf: the emulator's log names it user0.
      "user0",
    ]);
    expect(searches[0]?.params).toMatchObject({
      minDate: unix("2026-02-01T00:00:00Z") - 1,
      maxDate: unix("2026-03-01T00:00:00Z"),
      limit: 1,
    });
  });

  it("asks nothing for a person the connection was never shown, and answers null", async () => {
    const target = emulator();
    const { account, chat } = await connect(target);
    const before = target.requestLog.length;
    expect(await account.countMessagesFrom(chat, ZOE.id, FEBRUARY)).toBeNull();
    // Ann wrote, but no answer of this connection has shown her yet.
    expect(await account.countMessagesFrom(chat, ANN.id, FEBRUARY)).toBeNull();
    expect(target.requestLog.length).toBe(before);
  });

  it("reads only the first members asked for", async () => {
    const members = Array.from({ length: 5 }, (_, index) => ({
      id: 500 + index,
      name: `Member ${index}`,
    }));
    const target = emulator(members);
    const { account, chat } = await connect(target);
    const list = await account.memberList(chat, undefined, { maxMembers: 3 });
    // The account is listed first (the emulator's "recent" order) and left out as not a person of the list.
    expect(list?.members.map((member) => member.id)).toEqual([500, 501]);
    const pages = target.requestLog.filter((entry) => entry.method === "channels.GetParticipants");
    expect(pages.map((entry) => entry.params.limit)).toEqual([3]);
  });
});

describe("countFirstLook", () => {
  it("counts months from positions and ranks the candidates it can address", async () => {
    const target = emulator([
      { id: ANN.id, name: "Ann" },
      { id: 300, name: "Quiet" },
    ]);
    const { account, chat } = await connect(target);
    const json = await countFirstLook(
      {
        account,
        chat,
        options: { timeZone: "UTC", fromDate: "2026-01-01", toDate: "2026-03-31" },
        // Zoe is known from the cache but cannot be addressed: not asked.
        knownSenders: [{ id: ZOE.id, name: "Zoe" }],
        toRead: { messages: 250_000, minutes: 42 },
        nowUnix: unix("2026-06-01T00:00:00Z"),
      },
      new AbortController().signal,
    );
    expect(json).toEqual({
      chat: { name: "Group" },
      timeZone: "UTC",
      period: { from: "2026-01-01", to: "2026-03-31" },
      // Every record, Bob's join included.
      messages: 7,
      months: [
        { month: "2026-01", from: "2026-01-01", to: "2026-01-31", messages: 1 },
        { month: "2026-02", from: "2026-02-01", to: "2026-02-28", messages: 3 },
        { month: "2026-03", from: "2026-03-01", to: "2026-03-31", messages: 3 },
      ],
      // The last 14 days of the period: the last message is on 5 March.
      activeDays: { from: "2026-03-18", to: "2026-03-31", days: 14, active: 0 },
      // Newest page first (Bob, Ann, me, newest first), then the members (Quiet).
      topWriters: [
        { id: ANN.id, name: "Ann", messages: 4 },
        { id: BOB.id, name: "Bob", messages: 1 },
        { id: ME.id, name: "Stats Reader", messages: 1 },
      ],
      peopleAsked: 4,
      toRead: { messages: 250_000, minutes: 42 },
    });
    // Positions: Jan 1, Feb 1, Mar 1, each day from Mar 18 to Apr 1 (15); the newest page.
    expect(target.requestCount("messages.GetHistory")).toBe(3 + 15 + 1);
    expect(target.requestCount("messages.Search")).toBe(4);
  });
});

describe("the first look's plan and figures", () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

  it("without a range: the 12 months up to today, the running month cut at today", () => {
    const plan = firstLookPlan({ fromDay: null, toDay: null }, day("2026-03-05"))!;
    expect(plan.fromDay).toBe(day("2025-04-01"));
    expect(plan.toDay).toBe(day("2026-03-05"));
    expect(plan.segments).toHaveLength(12);
    expect(plan.segments.at(-1)).toEqual({
      month: "2026-03",
      fromDay: day("2026-03-01"),
      toDay: day("2026-03-05"),
    });
    // 12 bar starts (the first is the period's), the last 14 days (20 Feb … 5 Mar, 1 Mar
    // among them) and the day after today.
    expect(plan.activeFromDay).toBe(day("2026-02-20"));
    expect(firstLookPositionDays(plan)).toHaveLength(12 + 14 - 1 + 1);
  });

  it("a long range keeps its start for the total and shows its last 12 months", () => {
    const plan = firstLookPlan({ fromDay: day("2024-01-20"), toDay: null }, day("2026-03-05"))!;
    expect(plan.segments[0]?.month).toBe("2025-04");
    const days = firstLookPositionDays(plan);
    expect(days[0]).toBe(day("2024-01-20"));
    // The period's start, 12 bar starts, 14 days (1 Mar among them), the day after.
    expect(days).toHaveLength(1 + 12 + 14 - 1 + 1);
    // A range after today has nothing to count.
    expect(
      firstLookPlan({ fromDay: day("2026-04-01"), toDay: null }, day("2026-03-05")),
    ).toBeNull();
  });

  it("writers: by messages, then id; 10 at most", () => {
    const plan = firstLookPlan(
      { fromDay: day("2026-01-01"), toDay: day("2026-01-31") },
      day("2026-02-01"),
    )!;
    const writers = Array.from({ length: 12 }, (_, index) => ({
      id: 20 - index,
      name: `P${index}`,
      messages: index < 2 ? 5 : 12 - index,
    }));
    const json = firstLookJson({
      chat: { name: null },
      timeZone: "UTC",
      plan,
      // Among the last 14 days (18 … 31 Jan): one record on 25 Jan, four on 31 Jan.
      before: new Map([
        [day("2026-01-01"), 10],
        ...Array.from({ length: 8 }, (_, index): [number, number] => [
          day("2026-01-18") + index,
          20,
        ]),
        ...Array.from({ length: 6 }, (_, index): [number, number] => [
          day("2026-01-26") + index,
          21,
        ]),
        [day("2026-02-01"), 25],
      ]),
      writers,
      toRead: { messages: 1, minutes: 1 },
    });
    expect(json.messages).toBe(15);
    expect(json.activeDays).toEqual({ from: "2026-01-18", to: "2026-01-31", days: 14, active: 2 });
    // Ids 20 and 19 have 5; ids 18…9 have 10…1 (id 13 has 5 too): ties by id, the 2 and the 1 cut.
    expect(json.topWriters.map((writer) => [writer.id, writer.messages])).toEqual([
      [18, 10],
      [17, 9],
      [16, 8],
      [15, 7],
      [14, 6],
      [13, 5],
      [19, 5],
      [20, 5],
      [12, 4],
      [11, 3],
    ]);
  });
});

describe("the first look's text", () => {
  const json = {
    chat: { name: "Big chat" },
    timeZone: "Europe/Moscow",
    period: { from: "2026-01-01", to: "2026-02-28" },
    messages: 12_345,
    months: [
      { month: "2026-01", from: "2026-01-01", to: "2026-01-31", messages: 5_000 },
      { month: "2026-02", from: "2026-02-01", to: "2026-02-28", messages: 7_345 },
    ],
    activeDays: { from: "2026-02-15", to: "2026-02-28", days: 14, active: 11 },
    topWriters: [{ id: 1, name: "Ann", messages: 1_200 }],
    peopleAsked: 30,
    toRead: { messages: 1_000_000, minutes: 167 },
  };

  it("in English", () => {
    expect(firstLookText(json, "en")).toBe(
      [
        "👀 First look at Big chat: an estimate while I read its history (about 167 min). The full report follows when the history is read.",
        "",
        "Period: 2026-01-01 – 2026-02-28 (Europe/Moscow)",
        "Messages: 12,345",
        "Active days 2026-02-15 – 2026-02-28: 11 of 14",
        "",
        "By month:",
        "2026-01: 5,000",
        "2026-02: 7,345",
        "",
        "Top writers (people asked: 30):",
        "1. Ann — 1,200",
        "",
        'This is an estimate. "Messages" counts every history record dated in the period, service records (joins, pins) included, deleted messages not. Top writers count the messages people sent (service records not), among recent members and people known to write here only: someone else may have written more.',
      ].join("\n"),
    );
  });

  it("in Russian, and without writers", () => {
    const text = firstLookText({ ...json, topWriters: [] }, "ru");
    // ru-RU groups digits with a no-break space.
    expect(text.split("\n").slice(0, 11)).toEqual([
      "👀 Первый взгляд на Big chat: оценка, пока я читаю историю (около 167 мин). Полный отчёт придёт, когда история будет прочитана.",
      "",
      "Период: 2026-01-01 – 2026-02-28 (Europe/Moscow)",
      "Сообщений: 12\u00a0345",
      "Активных дней 2026-02-15 – 2026-02-28: 11 из 14",
      "",
      "По месяцам:",
      "2026-01: 5\u00a0000",
      "2026-02: 7\u00a0345",
      "",
      "Самые пишущие: не найдены (опрошено людей: 30).",
    ]);
  });

  it("without the writers' section when no one was asked (a channel)", () => {
    const lines = firstLookText({ ...json, topWriters: [], peopleAsked: 0 }, "en").split("\n");
    expect(lines.slice(6, 11)).toEqual([
      "By month:",
      "2026-01: 5,000",
      "2026-02: 7,345",
      "",
      lines.at(-1),
    ]);
    expect(lines).toHaveLength(11);
  });
});
