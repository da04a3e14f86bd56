/**
 * The first look in the stats job, on the emulator and the fake Bot API: a
 * chat is made "large" by a pace of 1 history page a minute (each page of
 * 100 messages then takes 60 s, the threshold), not by a million messages.
 */
import { describe, expect, it } from "vitest";
import type { ChatInfo, Message, Sender } from "@tgstats/engine";
import type { FakeBotApiCall } from "@tgstats/sandbox";
import type { EmulatedChat } from "@tgstats/sandbox/telegram-emulator";
import { makeMessage, unix } from "./helpers/messages.js";
import {
  runJob,
  statsJob,
  useWorkerRig,
  writeSeedExport,
  type SeedExport,
  type WorkerHarness,
} from "./helpers/worker-harness.js";

/** 1 page a minute, 60 s: more than 100 messages to read is "large". */
const FIRST_LOOK = { historyPagesPerMinute: 1, afterSeconds: 60 };

const ANN: Sender = { kind: "user", id: 11, name: "Ann" };
const BOB: Sender = { kind: "user", id: 12, name: "Bob" };
const CID: Sender = { kind: "user", id: 13, name: "Cid" };
const DAN: Sender = { kind: "user", id: 14, name: "Dan" };
const EVE: Sender = { kind: "user", id: 15, name: "Eve" };

const BIG: ChatInfo = {
  kind: "channel",
  id: 1_660_000_001,
  name: "Big",
  type: "private_supergroup",
};
const BIG_TARGET: SeedExport = { path: "", chatId: BIG.id, botApiChatId: -1_001_660_000_001 };

/** `count` messages of `sender`, a minute apart from `startIso`, ids from `firstId`. */
function run(firstId: number, sender: Sender, startIso: string, count: number): Message[] {
  return Array.from({ length: count }, (_, index) =>
    makeMessage({
      id: firstId + index,
      dateUnix: unix(startIso) + index * 60,
      sender,
      text: `m${firstId + index}`,
    }),
  );
}

/**
 * 151 messages: Cid 10 in December 2024; Ann 60 from 1 Jan 2025 00:00:00;
 * Bob 40 in February and Dan's 5 joins (service records) there; Cid 20 and
 * Eve 15 in March, Eve's last at 31 Mar 23:59:59; then Eve at 1 Apr 00:00:00.
 * Fay is a member who never wrote.
 */
const BIG_MESSAGES: Message[] = [
  ...run(1, CID, "2024-12-10T10:00:00Z", 10),
  ...run(11, ANN, "2025-01-01T00:00:00Z", 60),
  ...run(71, BOB, "2025-02-10T10:00:00Z", 40),
  ...Array.from({ length: 5 }, (_, index) =>
    makeMessage({
      id: 111 + index,
      dateUnix: unix("2025-02-20T10:00:00Z") + index * 60,
      sender: DAN,
      kind: "service",
      serviceAction: "join_group_by_link",
      service: { type: "joined_by_link", inviter: null },
    }),
  ),
  ...run(116, CID, "2025-03-05T10:00:00Z", 20),
  ...run(136, EVE, "2025-03-31T23:45:59Z", 15),
  ...run(151, EVE, "2025-04-01T00:00:00Z", 1),
];

function bigChat(): EmulatedChat {
  return {
    info: BIG,
    username: null,
    accessHash: 1_660n,
    accountIsMember: true,
    messages: BIG_MESSAGES,
    members: [
      { id: 16, name: "Fay" },
      { id: ANN.id, name: "Ann" },
    ],
  };
}

/**
 * By hand, 2025-01-01 … 2025-03-31 UTC: Jan Ann 60; Feb Bob 40 + 5 joins = 45;
 * Mar Cid 20 + Eve 15 = 35 (Eve's 1 Apr message is out). Candidates: the
 * newest page's senders (ids 52–151: Eve, Cid, Bob, Ann; Dan's joins are
 * not messages), then the members (Fay; Ann again): 5 asked. Of 18–31 March,
 * only the 31st has a message (Cid's are all on the 5th). To read: all
 * 151 (the range's previous period starts 2 Oct 2024) = 2 pages = 2 min.
 */
const BIG_FIRST_LOOK_EN = [
  "👀 First look at Big: an estimate while I read its history (about 2 min). The full report follows when the history is read.",
  "",
  "Period: 2025-01-01 – 2025-03-31 (UTC)",
  "Messages: 140",
  "Active days 2025-03-18 – 2025-03-31: 1 of 14",
  "",
  "By month:",
  "2025-01: 60",
  "2025-02: 45",
  "2025-03: 35",
  "",
  "Top writers (people asked: 5):",
  "1. Ann — 60",
  "2. Bob — 40",
  "3. Cid — 20",
  "4. Eve — 15",
  "",
  'This is an estimate. "Messages" counts every history record dated in the period, service records (joins, pins) included, deleted messages not. Top writers count the messages people sent (service records not), among recent members and people known to write here only: someone else may have written more.',
].join("\n");

const FIRST_QUARTER = { fromDate: "2025-01-01", toDate: "2025-03-31" };

const rig = useWorkerRig(() => writeSeedExport({ messages: 20, spanDays: 5, people: 3 }));

async function startBig(options: Parameters<typeof rig.start>[0] = {}): Promise<WorkerHarness> {
  const harness = await rig.start({ firstLook: FIRST_LOOK, extraChats: [bigChat()], ...options });
  harness.botApi.addChat({ id: BIG_TARGET.botApiChatId, type: "supergroup", title: "Big" });
  return harness;
}

function okCalls(harness: WorkerHarness, chatId: number): FakeBotApiCall[] {
  return harness.botApi.calls.filter((call) => call.ok && call.chatId === chatId);
}

function firstLooks(harness: WorkerHarness, chatId: number): FakeBotApiCall[] {
  return okCalls(harness, chatId).filter(
    (call) => call.method === "sendMessage" && (call.text?.startsWith("👀") ?? false),
  );
}

describe("the first look", () => {
  it("is not sent for a chat read within the threshold", async () => {
    const harness = await rig.start({ firstLook: FIRST_LOOK });
    // 20 messages: one page, 60 s, not more than 60.
    await runJob(harness, statsJob(rig.seed));
    expect(firstLooks(harness, rig.seed.botApiChatId)).toEqual([]);
    expect(harness.emulator.requestCount("messages.Search")).toBe(0);
  });

  it("goes to a large chat first, then the full report, in the chat's language", async () => {
    const harness = await startBig();
    const result = await runJob(harness, statsJob(BIG_TARGET, FIRST_QUARTER));
    // The report counts what people sent in the range: 60 + 40 + 20 + 15.
    expect(result.messages).toBe(135);
    const calls = okCalls(harness, BIG_TARGET.botApiChatId);
    const looks = firstLooks(harness, BIG_TARGET.botApiChatId);
    expect(looks.map((call) => call.text)).toEqual([BIG_FIRST_LOOK_EN]);
    const firstLookAt = calls.indexOf(looks[0]!);
    const albumAt = calls.findIndex((call) => call.method === "sendMediaGroup");
    const summaryAt = calls.findLastIndex((call) => call.method === "sendMessage");
    expect(firstLookAt).toBeGreaterThanOrEqual(0);
    expect(firstLookAt).toBeLessThan(albumAt);
    expect(firstLookAt).toBeLessThan(summaryAt);
    expect(harness.emulator.requestCount("messages.Search")).toBe(5);

    const data = statsJob(BIG_TARGET, FIRST_QUARTER);
    await runJob(harness, { ...data, reply: { ...data.reply, language: "ru" } });
    const [, ru] = firstLooks(harness, BIG_TARGET.botApiChatId);
    expect(ru?.text?.split("\n").slice(0, 4)).toEqual([
      "👀 Первый взгляд на Big: оценка, пока я читаю историю (около 2 мин). Полный отчёт придёт, когда история будет прочитана.",
      "",
      "Период: 2025-01-01 – 2025-03-31 (UTC)",
      "Сообщений: 140",
    ]);
  });

  it("is not sent with a sender filter, nor for a chat the cache holds", async () => {
    const harness = await startBig();
    await runJob(harness, statsJob(BIG_TARGET, { sender: "Ann" }));
    expect(firstLooks(harness, BIG_TARGET.botApiChatId)).toEqual([]);
    // The first whole-history request reads everything (a first look), the repeat nothing new.
    await runJob(harness, statsJob(BIG_TARGET));
    await runJob(harness, statsJob(BIG_TARGET));
    expect(firstLooks(harness, BIG_TARGET.botApiChatId)).toHaveLength(1);
  });

  it("is left out, and the report still sent, when Telegram asks for a long wait while counting", async () => {
    // The third of the 5 searches is refused with FLOOD_WAIT_60 (above the harness's threshold of 0).
    const harness = await startBig({
      floodPolicy: { "messages.Search": { requests: 2, perSeconds: 60 } },
    });
    const result = await runJob(harness, statsJob(BIG_TARGET, FIRST_QUARTER));
    expect(result.messages).toBe(135);
    expect(firstLooks(harness, BIG_TARGET.botApiChatId)).toEqual([]);
    expect(harness.emulator.requestCount("messages.Search")).toBe(3);
    expect(
      okCalls(harness, BIG_TARGET.botApiChatId).some((call) => call.method === "sendMediaGroup"),
    ).toBe(true);
  });

  it("is sent once when the job is stopped by a long flood wait and resumed", async () => {
    // The first look takes 20 GetHistory (the read's start, 4 month starts and 14 days of
    // positions, the newest page); the read's count is the 21st, its first page waits: the job
    // is delayed and resumed.
    const harness = await startBig({
      floodPolicy: { "messages.GetHistory": { requests: 21, perSeconds: 3 } },
    });
    const result = await runJob(harness, statsJob(BIG_TARGET, FIRST_QUARTER));
    expect(result.messages).toBe(135);
    expect(harness.account.floodWaitCounts.get("messages.GetHistory")).toBeGreaterThan(0);
    expect(firstLooks(harness, BIG_TARGET.botApiChatId).map((call) => call.text)).toEqual([
      BIG_FIRST_LOOK_EN,
    ]);
    // First attempt: 20 for the first look, the read's count, its first page (refused);
    // the resumed attempt: the 2 pages only (its checkpoint has the count), nothing for a first look.
    expect(harness.emulator.requestCount("messages.GetHistory")).toBe(24);
    // The resumed attempt asks nothing for it: 5 searches, all in the first attempt.
    expect(harness.emulator.requestCount("messages.Search")).toBe(5);
  });
});
