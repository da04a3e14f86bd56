/**
 * `npm run bench:report`: time and peak memory of a full report on synthetic
 * exports of 200k and 1M messages, against a bare `JSON.parse` of the 200k
 * file measured in the same run. Each measurement runs in its own process so
 * that its peak RSS is its own.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// Imported by module, not through the package index, so that the measured
// process holds the reader and engine only (the charts' canvas and fonts add ~100 MB).
import { ReportBuilder, toReportJson } from "@tgstats/engine";
import { readExportChats } from "@tgstats/engine";
import { writeSyntheticExport } from "@tgstats/sandbox";
import { ZoneClock } from "@tgstats/engine";

type Mode = "json-parse" | "reader" | "report";

interface Measurement {
  ms: number;
  maxRssMb: number;
  messages: number;
}

const SIZES = [200_000, 1_000_000];
/** The flags the `tgstats` launcher runs with (apps/cli/bin/tgstats.js); `--default-heap` measures without them. */
const NODE_FLAGS = process.argv.includes("--default-heap")
  ? []
  : ["--max-semi-space-size=4", "--max-old-space-size=1024"];
const RUNS = 3;
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 200;

async function child(mode: Mode, file: string): Promise<Measurement> {
  const started = performance.now();
  let messages = 0;
  if (mode === "json-parse") {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { messages: unknown[] };
    messages = parsed.messages.length;
  } else {
    const clock = new ZoneClock("Europe/Moscow");
    for await (const chat of readExportChats(file, { assumedTimeZone: clock })) {
      const builder = mode === "report" ? new ReportBuilder({ timeZone: "Europe/Moscow" }) : null;
      for await (const batch of chat.batches()) {
        messages += batch.length;
        builder?.addBatch(batch);
      }
      if (builder !== null) toReportJson(builder.state, { chat: chat.info });
    }
  }
  const ms = performance.now() - started;
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, messages };
}

function measure(mode: Mode, file: string): Measurement {
  // The baseline runs with V8's defaults: the fastest JSON.parse, so the ratio is not flattered.
  const flags = mode === "json-parse" ? [] : NODE_FLAGS;
  const runs: Measurement[] = [];
  for (let run = 0; run < RUNS; run++) {
    const output = execFileSync(
      process.execPath,
      [...flags, "--import", "tsx", fileURLToPath(import.meta.url), "--child", mode, file],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    runs.push(JSON.parse(output) as Measurement);
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)]!;
}

async function ensureExport(messages: number): Promise<string> {
  const dir = path.join(os.tmpdir(), "tgstats-bench");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `export-${messages}.json`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file}…\n`);
    // Without tdesktop's \xHH escapes, so that bare JSON.parse can read the same file.
    await writeSyntheticExport(`${file}.part`, {
      messages,
      seed: 7,
      tdesktopEscapes: false,
      spanDays: 1500,
    });
    await rename(`${file}.part`, file);
  }
  return file;
}

function row(cells: (string | number)[]): string {
  return cells.map((cell, i) => String(cell).padStart(i === 0 ? 22 : 12)).join(" ");
}

async function main(): Promise<void> {
  const files = await Promise.all(SIZES.map(ensureExport));
  const [smallFile, largeFile] = files as [string, string];
  const baseline = measure("json-parse", smallFile);
  const results: [string, string, Measurement][] = [
    ["JSON.parse 200k", smallFile, baseline],
    ["reader only 200k", smallFile, measure("reader", smallFile)],
    ["full report 200k", smallFile, measure("report", smallFile)],
    ["full report 1M", largeFile, measure("report", largeFile)],
  ];
  console.log(
    `median of ${RUNS} runs each, in separate processes; node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(
    row(["", "messages", "MB", "seconds", "msgs/s", "MB/s", "peak RSS MB", "× JSON.parse"]),
  );
  for (const [label, file, m] of results) {
    const mb = statSync(file).size / 1e6;
    const seconds = m.ms / 1000;
    const ratio = file === smallFile ? (m.ms / baseline.ms).toFixed(2) : "";
    console.log(
      row([
        label,
        m.messages,
        mb.toFixed(1),
        seconds.toFixed(2),
        Math.round(m.messages / seconds),
        (mb / seconds).toFixed(1),
        m.maxRssMb.toFixed(0),
        ratio,
      ]),
    );
  }
  const report200k = results[2]![2];
  const report1m = results[3]![2];
  console.log(
    `targets: full report ≤ ${TARGET_RATIO}× JSON.parse → ${(report200k.ms / baseline.ms).toFixed(2)}×; ` +
      `peak RSS on 1M ≤ ${TARGET_RSS_MB} MB → ${report1m.maxRssMb.toFixed(0)} MB`,
  );
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  const result = await child(process.argv[childAt + 1] as Mode, process.argv[childAt + 2]!);
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}
