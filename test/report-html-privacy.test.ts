import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartedSenderIds } from "@tgstats/charts";
import type { ReportJson } from "@tgstats/engine";
import { renderReportHtml, serialiseOption, UnportableOptionError } from "@tgstats/report-html";
import { makeTempDir } from "./helpers/temp-dir.js";
import { tgstats } from "./helpers/cli-run.js";

const FIXTURE = path.resolve(
  "test/fixtures/export/real/04_supergroup_cyrillic_reactions_channel-sender.json",
);
/** A one-off phrase inserted into one message's text: it must never reach the page. */
const CANARY = "zqxcanary7731";

interface ExportMessage {
  type: string;
  text: unknown;
  text_entities: unknown;
}

/** The shared fixture with the canary in the text of its first regular message. */
function writeCanaryExport(dir: string): string {
  const data = JSON.parse(readFileSync(path.resolve(FIXTURE), "utf8")) as {
    messages: ExportMessage[];
  };
  const message = data.messages.find((entry) => entry.type === "message")!;
  const text = `see you at ${CANARY} tomorrow`;
  message.text = text;
  message.text_entities = [{ type: "plain", text }];
  const file = path.join(dir, "canary.json");
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe("report.html privacy", () => {
  it("holds no message text: a one-off phrase of the export is nowhere in the page", () => {
    const dir = makeTempDir("tgstats-html-canary-");
    const exportFile = writeCanaryExport(dir);
    const out = path.join(dir, "out");
    const run = tgstats("report", exportFile, "--out", out);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    expect(html).not.toContain(CANARY);
    expect(html.toLowerCase()).not.toContain(CANARY);
    // Positive control: the page does hold the report (its chat name, as the export writes it).
    expect(html).toContain("ИМЯ ЧАТА");
    // The report lists every word of this 5-message chat, the one-off one too (count 1,
    // under the page's 3): the page leaves it out, the report.json beside it does not.
    expect(readFileSync(path.join(out, "report.json"), "utf8")).toContain(
      `{\n      "word": "${CANARY}",\n      "count": 1\n    }`,
    );
  });

  it("--html writes only the page, to the path given", () => {
    const dir = makeTempDir("tgstats-html-only-");
    const file = path.join(dir, "pages", "chat.html");
    const run = tgstats("report", FIXTURE, "--out", path.join(dir, "out"), "--html", file);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Written to ${file}\n`);
    expect(readFileSync(file, "utf8")).toMatch(/^<!doctype html>/u);
    // No PNGs, summary or JSON: --out was not even created.
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("names no one the top-senders chart does not, and a name cannot close the script", async () => {
    const dir = makeTempDir("tgstats-html-names-");
    const out = path.join(dir, "out");
    // The demo chat: 24 people and 2 channels, of whom the chart shows 20.
    expect(tgstats("demo", "--out", out).status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as ReportJson;
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    const charted = chartedSenderIds(report);
    const everyone = [...report.senders, ...report.channelSenders];
    expect(everyone).toHaveLength(26);
    expect(charted.size).toBe(20);
    // The group posting as itself (anonymous admins) bears the chat's title, which the page shows.
    const titles = new Set(report.members?.titles.map((entry) => entry.title));
    expect(titles.has("Weekend Hikers")).toBe(true);
    for (const sender of everyone) {
      if (sender.name === null || titles.has(sender.name)) continue;
      // A name shows up as a JSON string in the page's data (table cells, bar labels).
      const quoted = JSON.stringify(sender.name).replace(/</gu, "\\u003c");
      if (charted.has(sender.id)) expect(html, sender.name).toContain(quoted);
      else expect(html, sender.name).not.toContain(quoted);
    }
    const hostile = structuredClone(report);
    hostile.senders[0]!.name = "</script><script>alert(1)</script>";
    const page = await renderReportHtml(hostile);
    expect(page).not.toContain("<script>alert(1)");
    expect(page).toContain("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
  });

  it("refuses a chart option holding a function the page cannot rebuild", () => {
    expect(() => serialiseOption({ yAxis: { axisLabel: { formatter: () => "x" } } })).toThrow(
      UnportableOptionError,
    );
    expect(() => serialiseOption({ yAxis: { axisLabel: { formatter: () => "x" } } })).toThrow(
      /option\.yAxis\.axisLabel\.formatter/u,
    );
  });
});
