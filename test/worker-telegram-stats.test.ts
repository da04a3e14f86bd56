import { describe, expect, it } from "vitest";
import type { ChatInfo, Message, ReportJson } from "@tgstats/engine";
import { renderReportHtml } from "@tgstats/report-html";
import type { StatsJobData } from "@tgstats/platform";
import type { EmulatedChat } from "@tgstats/sandbox/telegram-emulator";
import { makeMessage, unix } from "./helpers/messages.js";
import {
  runJob,
  statsJob,
  useWorkerRig,
  writeSeedExport,
  type WorkerHarness,
} from "./helpers/worker-harness.js";

// A chat report on the emulator carries Telegram's own statistics when the reader account
// is an admin shown them and the one who asked is an admin too, and goes out without them
// when Telegram fails to give them.

const CLUB: ChatInfo = {
  kind: "channel",
  id: 1_650_000_901,
  name: "Stats club",
  type: "private_supergroup",
};
const CLUB_BOT_API_ID = -1_001_650_000_901;
const REQUESTER = 61;

// Two people: 501 first writes on 2024-06-03 (before the period 06-04 … 06-10), 502 on 06-07.
const history: Message[] = [
  [501, "2024-06-03T10:00:00Z"],
  [502, "2024-06-07T10:00:00Z"],
  [501, "2024-06-10T10:00:00Z"],
].map(([id, iso], index) =>
  makeMessage({
    id: index + 1,
    dateUnix: unix(String(iso)),
    sender: { kind: "user", id: Number(id), name: `Person ${id}` },
    text: "hello there",
  }),
);

const club: EmulatedChat = {
  info: CLUB,
  username: null,
  accessHash: 901_901n,
  accountIsMember: true,
  accountIsAdmin: true,
  statsVisible: true,
  messages: history,
};

const rig = useWorkerRig(() => writeSeedExport({ messages: 30, spanDays: 5, people: 2 }));

async function start(
  requesterStatus: "administrator" | "member" = "administrator",
): Promise<{ harness: WorkerHarness; reports: ReportJson[] }> {
  const reports: ReportJson[] = [];
  const harness = await rig.start({
    extraChats: [club],
    renderPage: (report) => {
      reports.push(report);
      return renderReportHtml(report);
    },
  });
  harness.botApi.addChat({ id: CLUB_BOT_API_ID, type: "supergroup", title: CLUB.name ?? "" });
  harness.botApi.addUser({ id: REQUESTER, is_bot: false, first_name: "Asker" });
  harness.botApi.setChatMember(CLUB_BOT_API_ID, REQUESTER, requesterStatus);
  return { harness, reports };
}

function job(): StatsJobData {
  const base = statsJob(rig.seed) as StatsJobData;
  return {
    ...base,
    requester: { userId: REQUESTER, languageCode: "en" },
    target: { kind: "bot-chat", chatId: CLUB_BOT_API_ID },
    reply: { chatId: CLUB_BOT_API_ID, statusMessageId: null, language: "en", htmlPage: true },
  };
}

function sentToClub(harness: WorkerHarness): { texts: string; files: string[] } {
  const calls = harness.botApi.calls.filter((call) => call.chatId === CLUB_BOT_API_ID && call.ok);
  return {
    texts: calls.map((call) => call.text ?? "").join("\n"),
    files: calls.flatMap((call) => call.files.map((file) => file.name)),
  };
}

describe("Telegram's own statistics in a chat report", () => {
  it("puts them in report.json, the sent summary and two charts", async () => {
    const { harness, reports } = await start();
    await runJob(harness, job());
    const stats = reports[0]!.telegramStats;
    expect(stats?.kind).toBe("supergroup");
    // Members: 501 and 502 by 06-10; only 501 by 06-03. Messages 2 and 3 in the period, 1 before.
    expect(stats).toMatchObject({
      period: { from: "2024-06-04", to: "2024-06-10" },
      members: { current: 2, previous: 1 },
      messages: { current: 2, previous: 1 },
      posters: { current: 2, previous: 1 },
      growth: { values: [1, 1, 1, 2, 2, 2, 2] },
      // New in the period: 502 (even id: "URL") on 06-07.
      newBySource: [{ name: "URL", total: 1, share: 1 }],
    });
    const sent = sentToClub(harness);
    expect(sent.texts).toContain(
      [
        "<b>Telegram's own statistics</b>",
        "Telegram's period: 2024-06-04 — 2024-06-10, against the period of the same length before it",
        "Members: 2 (previous period: 1)",
        "Messages: 2 (previous period: 1)",
      ].join("\n"),
    );
    expect(sent.files.filter((name) => name.includes("telegram-"))).toEqual([
      expect.stringMatching(/^\d\d-telegram-growth\.png$/),
      expect.stringMatching(/^\d\d-telegram-sources\.png$/),
    ]);
  });

  it("sends the report without them when Telegram fails to give them", async () => {
    const { harness, reports } = await start();
    harness.emulator.refuse({ method: "stats.GetMegagroupStats", error: "INTERNAL", code: 500 });
    await runJob(harness, job());
    expect(reports[0]!.telegramStats).toBeNull();
    expect(reports[0]!.totals.messages).toBe(3);
    expect(sentToClub(harness).texts).not.toContain("Telegram's own statistics");
  });

  it("leaves them out when the one who asked is no admin of the chat", async () => {
    const { harness, reports } = await start("member");
    await runJob(harness, job());
    expect(reports[0]!.telegramStats).toBeNull();
    expect(reports[0]!.totals.messages).toBe(3);
    // Asked of the Bot API, at the time of the report.
    expect(harness.botApi.calls.filter((call) => call.method === "getChatMember")).toHaveLength(1);
    expect(sentToClub(harness).texts).not.toContain("Telegram's own statistics");
  });
});
