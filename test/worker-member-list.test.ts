import { describe, expect, it } from "vitest";
import type { ChatInfo, Message, ReportJson, Sender } from "@tgstats/engine";
import { renderReportHtml } from "@tgstats/report-html";
import type { StatsJobData } from "@tgstats/platform";
import type { EmulatedChat, EmulatedMember } from "@tgstats/sandbox/telegram-emulator";
import { memberNamesText } from "@tgstats/worker";
import { makeMessage, unix } from "./helpers/messages.js";
import {
  runJob,
  statsJob,
  useWorkerRig,
  writeSeedExport,
  type WorkerHarness,
} from "./helpers/worker-harness.js";

// The member list read over MTProto against the history: counts in the group's report,
// names only to an admin of the chat, in private, and never in the group.

const ann: Sender = { kind: "user", id: 501, name: "Ann Writer" };
const ben: Sender = { kind: "user", id: 502, name: "Ben Gone" };
const dan: Sender = { kind: "user", id: 504, name: "Dan Almost" };
const EVE: EmulatedMember = { id: 505, name: "Eve Neverwrote" };
const BOT: EmulatedMember = { id: 509, name: "HelperBot", bot: true };
const DELETED: EmulatedMember = { id: 510, name: null };

const CLUB: ChatInfo = {
  kind: "channel",
  id: 1_650_000_777,
  name: "Club",
  type: "private_supergroup",
};
const CLUB_BOT_API_ID = -1_001_650_000_777;
const HIDDEN: ChatInfo = {
  kind: "channel",
  id: 1_650_000_778,
  name: "Hidden club",
  type: "private_supergroup",
};
const HIDDEN_BOT_API_ID = -1_001_650_000_778;

const NON_ADMIN = 42;
const ADMIN_STARTED = 43;
const ADMIN_NOT_STARTED = 44;

let nextId = 1;
function say(sender: Sender, iso: string): Message {
  return makeMessage({ id: nextId++, dateUnix: unix(iso), sender, text: "hello there" });
}

// The report's last day is 2024-06-30 (Ann). Ben last wrote 2024-03-31: 30 + 31 + 30 = 91 days
// before it; Dan 2024-04-02: 89 days.
const history = [
  say(ben, "2024-01-15T10:00:00Z"),
  say(ben, "2024-03-31T10:00:00Z"),
  say(dan, "2024-04-02T10:00:00Z"),
  say(ann, "2024-06-30T10:00:00Z"),
];
// Listed: Ann, Ben, Dan, Eve (never wrote), a bot and a deleted account; the reader account too.
const members: EmulatedMember[] = [
  { id: ann.id, name: ann.name },
  { id: ben.id, name: ben.name },
  { id: dan.id, name: dan.name },
  EVE,
  BOT,
  DELETED,
];

function club(info: ChatInfo, fields: Partial<EmulatedChat> = {}): EmulatedChat {
  return {
    info,
    username: null,
    accessHash: 777_777n,
    accountIsMember: true,
    messages: history,
    members,
    ...fields,
  };
}

const COUNTS_LINE = "Members now: 4; never wrote: 1; silent 90+ days: 1";

const rig = useWorkerRig(() => writeSeedExport({ messages: 30, spanDays: 5, people: 2 }));

/** A harness with both clubs, the bot in them, and the reports it renders kept. */
async function start(): Promise<{ harness: WorkerHarness; reports: ReportJson[] }> {
  const reports: ReportJson[] = [];
  const harness = await rig.start({
    extraChats: [club(CLUB), club(HIDDEN, { accessHash: 888_888n, participantsHidden: true })],
    renderPage: (report) => {
      reports.push(report);
      return renderReportHtml(report);
    },
  });
  for (const [id, title] of [
    [CLUB_BOT_API_ID, "Club"],
    [HIDDEN_BOT_API_ID, "Hidden club"],
  ] as const)
    harness.botApi.addChat({ id, type: "supergroup", title });
  for (const userId of [NON_ADMIN, ADMIN_STARTED, ADMIN_NOT_STARTED])
    harness.botApi.addUser({ id: userId, is_bot: false, first_name: `User ${userId}` });
  harness.botApi.setChatMember(CLUB_BOT_API_ID, NON_ADMIN, "member");
  harness.botApi.setChatMember(CLUB_BOT_API_ID, ADMIN_STARTED, "administrator");
  harness.botApi.setChatMember(CLUB_BOT_API_ID, ADMIN_NOT_STARTED, "creator");
  // Only this admin opened a private chat with the bot.
  harness.botApi.addChat({ id: ADMIN_STARTED, type: "private", first_name: "Admin" });
  return { harness, reports };
}

function clubJob(chatId: number, requester: number): StatsJobData {
  const base = statsJob(rig.seed) as StatsJobData;
  return {
    ...base,
    requester: { userId: requester, languageCode: "en" },
    target: { kind: "bot-chat", chatId },
    reply: { chatId, statusMessageId: null, language: "en", htmlPage: true },
  };
}

/** Every text, caption and uploaded file's content the bot sent to `chatId`. */
function transcriptOf(harness: WorkerHarness, chatId: number): string {
  return harness.botApi.calls
    .filter((call) => call.chatId === chatId && call.ok)
    .map((call) =>
      [
        call.text ?? "",
        call.caption ?? "",
        ...call.files.map((file) => file.bytes.toString()),
      ].join("\n"),
    )
    .join("\n");
}

function privateMessages(harness: WorkerHarness, userId: number): string[] {
  return harness.botApi.calls
    .filter((call) => call.chatId === userId && call.method === "sendMessage" && call.ok)
    .map((call) => call.text ?? "");
}

describe("the member list in a report", () => {
  it("gives a member's /stats counts only, in the report and the summary, and no names anywhere", async () => {
    const { harness, reports } = await start();
    await runJob(harness, clubJob(CLUB_BOT_API_ID, NON_ADMIN));
    // Members: Ann, Ben, Dan, Eve = 4 (the bot, the deleted account and the reader left out);
    // never wrote: Eve; silent 90+ days: Ben (91); Dan (89) is not.
    expect(reports[0]!.memberList).toEqual({
      members: 4,
      neverWrote: 1,
      silent: 1,
      silentDays: 90,
      complete: true,
    });
    const group = transcriptOf(harness, CLUB_BOT_API_ID);
    expect(group).toContain(`<b>Member list</b>\n${COUNTS_LINE}`);
    expect(group).not.toContain(EVE.name!);
    expect(JSON.stringify(reports[0])).not.toContain(EVE.name!);
    expect(privateMessages(harness, NON_ADMIN)).toEqual([]);
    expect(harness.emulator.requestCount("channels.GetParticipants")).toBe(1);
  });

  it("sends an admin who started the bot the names in private, never in the group", async () => {
    const { harness } = await start();
    await runJob(harness, clubJob(CLUB_BOT_API_ID, ADMIN_STARTED));
    expect(privateMessages(harness, ADMIN_STARTED)).toEqual([
      [
        "Club: who of the members is quiet (sent to you as an admin; the chat saw counts only)",
        "",
        "Never wrote (1):",
        "Eve Neverwrote",
        "",
        "Silent 90+ days (1), with the day of their last message:",
        "Ben Gone — 2024-03-31",
      ].join("\n"),
    ]);
    const group = transcriptOf(harness, CLUB_BOT_API_ID);
    expect(group).toContain(COUNTS_LINE);
    expect(group).not.toContain(EVE.name!);
    expect(group).not.toContain("2024-03-31");
  });

  it("tells an admin who never started the bot how to get the names, in the group and without them", async () => {
    const { harness } = await start();
    await runJob(harness, clubJob(CLUB_BOT_API_ID, ADMIN_NOT_STARTED));
    const group = harness.botApi.calls.filter(
      (call) => call.chatId === CLUB_BOT_API_ID && call.method === "sendMessage" && call.ok,
    );
    expect(group.at(-1)?.text).toBe(
      "The names of members who never wrote or went silent go to admins in a private chat with me. Open a private chat with me, press Start, then send /stats again.",
    );
    expect(transcriptOf(harness, CLUB_BOT_API_ID)).not.toContain(EVE.name!);
  });

  it("leaves the section out when the group hides its members", async () => {
    const { harness, reports } = await start();
    harness.botApi.setChatMember(HIDDEN_BOT_API_ID, ADMIN_STARTED, "administrator");
    await runJob(harness, clubJob(HIDDEN_BOT_API_ID, ADMIN_STARTED));
    expect(reports[0]!.memberList).toBeNull();
    expect(transcriptOf(harness, HIDDEN_BOT_API_ID)).not.toContain("Member list");
    expect(privateMessages(harness, ADMIN_STARTED)).toEqual([]);
    expect(harness.emulator.requestCount("channels.GetParticipants")).toBe(0);
  });

  it("reads no member list for a report on one sender", async () => {
    const { harness, reports } = await start();
    const job = clubJob(CLUB_BOT_API_ID, ADMIN_STARTED);
    await runJob(harness, { ...job, options: { ...job.options, sender: `user${ann.id}` } });
    expect(reports[0]!.memberList).toBeNull();
    expect(harness.emulator.requestCount("channels.GetParticipants")).toBe(0);
    expect(privateMessages(harness, ADMIN_STARTED)).toEqual([]);
  });
});

describe("the names message", () => {
  it("stops short of Telegram's 4096 characters and says how many names are left out", () => {
    const neverWrote = Array.from({ length: 500 }, (_, i) => ({
      id: i + 1,
      name: `Member ${i + 1}`,
    }));
    const text = memberNamesText({
      chatId: CLUB_BOT_API_ID,
      chatName: "Club",
      requesterId: ADMIN_STARTED,
      replyChatId: CLUB_BOT_API_ID,
      neverWrote,
      silent: [{ id: 900, name: "Zed", lastDate: "2024-01-01" }],
      silentDays: 90,
      language: "en",
    });
    expect(text.length).toBeLessThanOrEqual(4096);
    const lines = text.split("\n");
    const shown = lines.filter((line) => /^Member \d+$/.test(line)).length;
    // Every one of the 501 names is either shown or counted in the last line.
    expect(lines.at(-1)).toBe(`…and ${501 - shown} more`);
    expect(shown).toBeGreaterThan(300);
  });
});
