/**
 * A stats job names the custom emoji of its report's reactions by asking
 * Telegram (the emulator) for their documents, and still delivers when that fails.
 */
import { describe, expect, it } from "vitest";
import type { ReportJson } from "@tgstats/engine";
import { renderReportHtml } from "@tgstats/report-html";
import { customEmojiIds } from "@tgstats/worker";
import {
  reportFromExport,
  runJob,
  statsJob,
  useWorkerRig,
  writeSeedExport,
} from "./helpers/worker-harness.js";

const rig = useWorkerRig(() => writeSeedExport({ messages: 1500, spanDays: 120, people: 12 }));

describe("custom emoji in a stats job", () => {
  it("puts the emoji Telegram names into the report, in one request", async () => {
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const ids = customEmojiIds(reference);
    // The synthetic chat has custom emoji reactions with MTProto-like ids.
    expect(ids.length).toBeGreaterThan(0);
    const reports: ReportJson[] = [];
    const harness = await rig.start({
      customEmoji: { [ids[0]!]: "🤝" },
      renderPage: (report) => {
        reports.push(report);
        return renderReportHtml(report);
      },
    });
    await runJob(harness, statsJob(rig.seed));
    expect(reports[0]?.customEmoji).toEqual({ [ids[0]!]: "🤝" });
    expect(harness.emulator.requestCount("messages.GetCustomEmojiDocuments")).toBe(1);
  });

  it("delivers the report with custom emoji named by id when the lookup fails", async () => {
    const reports: ReportJson[] = [];
    const harness = await rig.start({
      renderPage: (report) => {
        reports.push(report);
        return renderReportHtml(report);
      },
    });
    harness.emulator.refuse({
      method: "messages.GetCustomEmojiDocuments",
      error: "DOCUMENT_INVALID",
    });
    const result = await runJob(harness, statsJob(rig.seed));
    expect(result.messages).toBeGreaterThan(0);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.customEmoji).toBeUndefined();
  });
});
