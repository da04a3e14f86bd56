import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeSyntheticExport, type SyntheticExportOptions } from "@tgstats/sandbox";
import { runReportCommand, type CommandOutput } from "./report-command.js";

/** The bundled sample: a deterministic, realistic group chat of two years. */
export const DEMO_SAMPLE: SyntheticExportOptions = {
  messages: 20_000,
  seed: 20_240_101,
  chatName: "Weekend Hikers",
  chatId: 1_720_034_512,
  chatType: "private_supergroup",
  startDateUnix: Date.UTC(2023, 0, 1) / 1000,
  spanDays: 730,
  people: 24,
};

/** Writes the bundled sample export into `dir` and returns its path. */
export async function writeDemoSample(dir: string, signal: AbortSignal): Promise<string> {
  const exportPath = path.join(dir, "sample", "result.json");
  await mkdir(path.dirname(exportPath), { recursive: true });
  await writeSyntheticExport(exportPath, DEMO_SAMPLE, signal);
  return exportPath;
}

/**
 * `tgstats demo`: writes the sample export to `<out>/sample/result.json` and its
 * report (summary, JSON, charts) to `<out>`.
 */
export async function runDemoCommand(
  outDir: string,
  output: CommandOutput,
  signal: AbortSignal,
): Promise<void> {
  const exportPath = await writeDemoSample(outDir, signal);
  output.stdout.write(`Sample export: ${path.resolve(exportPath)}\n\n`);
  await runReportCommand(
    exportPath,
    { tz: "Europe/Moscow", lang: "en", out: outDir, json: false },
    output,
    signal,
  );
}
