import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ReportJson } from "@tgstats/engine";
import { renderReportHtml } from "@tgstats/report-html";
import {
  reportFromExport,
  runJob,
  statsJob,
  useWorkerRig,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";

// The worker sends report.html as a document after the charts, named after the chat and
// the period, unless the chat turned it off, and the page holds no word typed only once.

/** A one-off word put into one message's text: the page must not hold it. */
const CANARY = "zqxcanary7731";
const CHAT_NAME = "Team Чат: 2024!";
/** The caption as en.ftl words it (written out here, not read from the code). */
const CAPTION_EN = "Interactive report: open it in a browser, it works offline.";

interface ExportMessage {
  type: string;
  from_id?: string;
  date_unixtime: string;
  text: unknown;
  text_entities: unknown;
}

/** A small synthetic supergroup (its report lists every word) with the canary in one message. */
async function writeCanarySeed(): Promise<SeedExport> {
  const seed = await writeSeedExport({
    messages: 40,
    spanDays: 20,
    people: 3,
    chatName: CHAT_NAME,
    tdesktopEscapes: false,
  });
  const data = JSON.parse(readFileSync(seed.path, "utf8")) as { messages: ExportMessage[] };
  const message = data.messages.find((entry) => entry.type === "message")!;
  const text = `see you at ${CANARY} tomorrow`;
  message.text = text;
  message.text_entities = [{ type: "plain", text }];
  writeFileSync(seed.path, JSON.stringify(data));
  return seed;
}

/** The sender key (`user123`) of the message holding the canary. */
function canarySender(seed: SeedExport): string {
  const data = JSON.parse(readFileSync(seed.path, "utf8")) as { messages: ExportMessage[] };
  return data.messages.find((entry) => JSON.stringify(entry.text).includes(CANARY))!.from_id!;
}

/** First and last day (UTC) of one sender's regular messages, read from the export itself. */
function senderPeriodUtc(file: string, sender: string): string {
  const data = JSON.parse(readFileSync(file, "utf8")) as { messages: ExportMessage[] };
  const days = data.messages
    .filter((entry) => entry.type === "message" && entry.from_id === sender)
    .map((entry) => new Date(Number(entry.date_unixtime) * 1000).toISOString().slice(0, 10))
    .sort();
  return `${days[0]}_${days.at(-1)}`;
}

const rig = useWorkerRig(writeCanarySeed);

describe("the interactive page in the chat", () => {
  it("is sent once, after the album and before the summary, named after the chat and period, without one-off words", async () => {
    const reports: ReportJson[] = [];
    const harness = await rig.start({
      renderPage: (report) => {
        reports.push(report);
        return renderReportHtml(report);
      },
    });
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    // The canary is a word of the report (used once): leaving it out is the page's doing.
    expect(reference.words).toContainEqual({ word: CANARY, count: 1 });
    // One sender's report is read by a direct walk, which keeps every word (a cached read
    // keeps only words used 3 times or more): the canary reaches the report the page is made from.
    const sender = canarySender(rig.seed);
    const result = await runJob(harness, statsJob(rig.seed, { sender }));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.words).toContainEqual({ word: CANARY, count: 1 });

    const calls = harness.botApi.calls.filter(
      (call) => call.ok && call.chatId === rig.seed.botApiChatId,
    );
    const methods = calls.map((call) => call.method);
    const documents = calls.filter((call) => call.method === "sendDocument");
    expect(documents).toHaveLength(1);
    const documentAt = methods.indexOf("sendDocument");
    expect(methods.lastIndexOf("sendMediaGroup")).toBe(documentAt - 1);
    expect(methods.slice(documentAt + 1)).toEqual(["sendMessage"]);
    const document = documents[0]!;
    // "Team Чат: 2024!": the space, ": " and "!" become "-", runs of them one, none at the end.
    const fileName = `tgstats-Team-Чат-2024-${senderPeriodUtc(rig.seed.path, sender)}.html`;
    expect(document.files.map((file) => file.name)).toEqual([fileName]);
    expect(document.caption).toBe(CAPTION_EN);
    const html = document.files[0]!.bytes.toString("utf8");
    expect(html).toMatch(/^<!doctype html>/u);
    expect(html).toContain(CHAT_NAME);
    expect(html.toLowerCase()).not.toContain(CANARY);
    // The chat shows it as a document with that name, and the job counts it as delivered.
    const shown = harness.botApi.chatMessages(rig.seed.botApiChatId);
    const sentDocument = shown.find((message) => message.kind === "document");
    expect(sentDocument?.caption).toBe(CAPTION_EN);
    expect(result.deliveredMessageIds).toEqual(shown.map((message) => message.messageId));
    expect(result.deliveredMessageIds).toContain(document.messageIds[0]);
  });

  it("is not sent when the chat turned it off; the charts and the summary are", async () => {
    const harness = await rig.start();
    const job = statsJob(rig.seed);
    await runJob(harness, { ...job, reply: { ...job.reply, htmlPage: false } });
    const methods = harness.botApi.calls
      .filter((call) => call.ok && call.chatId === rig.seed.botApiChatId)
      .map((call) => call.method);
    expect(methods).not.toContain("sendDocument");
    expect(methods.at(-1)).toBe("sendMessage");
    expect(methods).toContain("sendMediaGroup");
  });

  it("is left out, the rest delivered, when it cannot be made", async () => {
    const harness = await rig.start({
      renderPage: () => Promise.reject(new Error("the page script is missing")),
    });
    const result = await runJob(harness, statsJob(rig.seed));
    const methods = harness.botApi.calls
      .filter((call) => call.ok && call.chatId === rig.seed.botApiChatId)
      .map((call) => call.method);
    expect(methods).not.toContain("sendDocument");
    expect(methods.at(-1)).toBe("sendMessage");
    expect(result.deliveredMessageIds.length).toBeGreaterThan(1);
  });
});
