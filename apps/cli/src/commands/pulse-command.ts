import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatPulseMarkdown, pulseFromExport, type PulseJson } from "@tgstats/engine";
import { UsageError } from "../cli-error.js";
import { createProgress } from "../output/progress.js";
import type { CommandOutput } from "./report-command.js";

/** Options of `tgstats pulse`, as the command line gives them. */
export interface PulseCommandOptions {
  tz: string;
  months: number;
  lang: "en" | "ru";
  out: string;
  json: boolean;
}

/**
 * `tgstats pulse`: messages per chat per month of every chat in an export
 * (a full-account export for the whole account), each chat's trend and the
 * owner's share; prints JSON or writes summary.md, pulse.json and two charts.
 */
export async function runPulseCommand(
  exportPath: string,
  options: PulseCommandOptions,
  output: CommandOutput,
  signal: AbortSignal,
): Promise<PulseJson> {
  const progress = createProgress(output.stderr);
  let pulse: PulseJson;
  try {
    pulse = await pulseFromExport(exportPath, {
      timeZone: options.tz,
      months: options.months,
      signal,
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
  }
  if (pulse.chats.length === 0)
    throw new UsageError(
      `No chat in ${exportPath} has a message; export chats with their messages.`,
    );
  if (options.json) {
    output.stdout.write(JSON.stringify(pulse, null, 2) + "\n");
    return pulse;
  }
  await mkdir(options.out, { recursive: true });
  const { renderPulseCharts } = await import("@tgstats/charts");
  const charts = await renderPulseCharts(pulse, { language: options.lang, signal });
  for (const chart of charts)
    await writeFile(path.join(options.out, chart.name), chart.png, { signal });
  const names = charts.map((chart) => chart.name);
  const summary = formatPulseMarkdown(pulse, options.lang, names);
  await writeFile(path.join(options.out, "pulse.json"), JSON.stringify(pulse, null, 2) + "\n", {
    signal,
  });
  await writeFile(path.join(options.out, "summary.md"), summary, { signal });
  output.stdout.write(
    `${summary}\nWritten to ${path.resolve(options.out)}: summary.md, pulse.json and ${names.length} charts\n`,
  );
  return pulse;
}
