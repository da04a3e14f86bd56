/**
 * `npm run bench:threads`: a report of a large export end to end from the
 * shell (start-up included), as `tgstats report --json` with 1, 2 and 4
 * threads, against a bare `JSON.parse` of the same file in a fresh `node` and
 * against chat-analytics 1.1.2, all measured in this run. Peak RSS is the
 * whole process's (every thread). Also where threads start to pay: 1 vs 2
 * threads on smaller exports read in ranges.
 *
 * chat-analytics is compared when installed at $TGSTATS_BENCH_DIR/chat-analytics
 * (`npm i --prefix <that folder> chat-analytics@1.1.2`); the row is skipped otherwise.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { reportFromExport } from "@tgstats/engine";
import { writeSyntheticExport } from "@tgstats/sandbox";
import { median, timeProcess, type Sample } from "./helpers/bench-processes.js";

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "skip-1m": { type: "boolean", default: false },
    child: { type: "string" },
    file: { type: "string" },
  },
});
const RUNS = Number(flags.runs);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TGSTATS = path.join(REPO_ROOT, "apps/cli/bin/tgstats.js");
/** The flags the `npm run tgstats` script runs the launcher with. */
const CLI_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=1024"];
const BENCH_DIR = process.env.TGSTATS_BENCH_DIR ?? path.join(os.tmpdir(), "tgstats-bench");
const CHAT_ANALYTICS = path.join(
  BENCH_DIR,
  "chat-analytics/node_modules/chat-analytics/dist/lib/CLI.js",
);
const THREADS = [1, 2, 4];

/** Sizes for "where threads pay": around the size from which tgstats reads in ranges (32 MiB). */
const CROSSOVER_MESSAGES = [20_000, 60_000, 120_000];
type CrossoverMode = "one-pass" | "ranges-1" | "ranges-2";
const CROSSOVER_MODES: CrossoverMode[] = ["one-pass", "ranges-1", "ranges-2"];

/** In a child process: the report of `file` in one mode; prints its time in ms. */
async function crossoverChild(mode: CrossoverMode, file: string): Promise<void> {
  const started = performance.now();
  await reportFromExport(file, {
    report: { timeZone: "UTC" },
    rangedMinBytes: mode === "one-pass" ? Number.POSITIVE_INFINITY : 0,
    threads: mode === "ranges-2" ? 2 : 1,
  });
  process.stdout.write(String(performance.now() - started));
}

function crossover(file: string, mode: CrossoverMode): number {
  const args = ["--conditions=source", "--import", "tsx", fileURLToPath(import.meta.url)];
  const runs = Array.from({ length: RUNS }, () => {
    const run = spawnSync(process.execPath, [...args, "--child", mode, "--file", file], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`crossover ${mode} failed: ${run.stderr}`);
    return Number(run.stdout);
  });
  return median(runs);
}

async function printCrossover(): Promise<void> {
  console.log("\nwhere threads pay: report time in the process (start-up left out), seconds");
  console.log(row(["", "MB", ...CROSSOVER_MODES]));
  for (const messages of CROSSOVER_MESSAGES) {
    const file = await ensureExport(messages);
    const seconds = CROSSOVER_MODES.map((mode) => (crossover(file, mode) / 1000).toFixed(2));
    console.log(row([`${messages} messages`, (statSync(file).size / 1e6).toFixed(0), ...seconds]));
  }
}

async function ensureExport(messages: number): Promise<string> {
  await mkdir(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `export-${messages}.json`);
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

function medianSample(run: () => Sample): Sample {
  const samples = Array.from({ length: RUNS }, run);
  return { ms: median(samples.map((s) => s.ms)), rssMb: median(samples.map((s) => s.rssMb)) };
}

function jsonParse(file: string): Sample {
  const script = `JSON.parse(require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8"))`;
  return medianSample(() => timeProcess(process.execPath, ["-e", script]));
}

/** `tgstats report --json` with `--threads <threads>`, or without the flag (its default) for null. */
function tgstats(file: string, threads: number | null): Sample {
  const threadFlags = threads === null ? [] : ["--threads", String(threads)];
  const args = [...CLI_FLAGS, TGSTATS, "report", file, "--json", ...threadFlags];
  return medianSample(() => timeProcess(process.execPath, args));
}

async function chatAnalytics(file: string): Promise<Sample | null> {
  if (!existsSync(CHAT_ANALYTICS)) return null;
  const out = path.join(BENCH_DIR, "chat-analytics-report.html");
  const sample = medianSample(() =>
    timeProcess(process.execPath, [CHAT_ANALYTICS, "-p", "telegram", "-i", file, "-o", out]),
  );
  await rm(out, { force: true });
  return sample;
}

function row(cells: (string | number)[]): string {
  return cells.map((cell, i) => String(cell).padStart(i === 0 ? 30 : 11)).join(" ");
}

function printRow(label: string, sample: Sample, baseline: Sample | null): void {
  const ratio = baseline === null ? "" : `${(sample.ms / baseline.ms).toFixed(2)}×`;
  console.log(row([label, (sample.ms / 1000).toFixed(2), ratio, sample.rssMb.toFixed(0)]));
}

async function main(): Promise<void> {
  const file200k = await ensureExport(200_000);
  console.log(
    `median of ${RUNS} runs each; node ${process.version}, ${os.availableParallelism()} cores, load ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `200k messages, ${(statSync(file200k).size / 1e6).toFixed(0)} MB, end to end from the shell`,
  );
  console.log(row(["", "seconds", "× JSON.parse", "peak RSS MB"]));
  const baseline = jsonParse(file200k);
  printRow("node -e JSON.parse(file)", baseline, baseline);
  const byThreads = new Map<number, Sample>();
  for (const threads of THREADS) {
    const sample = tgstats(file200k, threads);
    byThreads.set(threads, sample);
    printRow(`tgstats --json --threads ${threads}`, sample, baseline);
  }
  const byDefault = tgstats(file200k, null);
  printRow("tgstats --json (default threads)", byDefault, baseline);
  const rival = await chatAnalytics(file200k);
  if (rival === null) console.log(`chat-analytics: not installed at ${CHAT_ANALYTICS}; skipped`);
  else printRow("chat-analytics 1.1.2 (HTML)", rival, baseline);
  const best = Math.min(...[...byThreads.values()].map((s) => s.ms));
  console.log(
    `targets (200k): ≤ 1.0× JSON.parse → ${(best / baseline.ms).toFixed(2)}× (best), ` +
      `${(byDefault.ms / baseline.ms).toFixed(2)}× (default threads)` +
      (rival === null
        ? ""
        : `; ≥ 10× faster than chat-analytics → ${(rival.ms / best).toFixed(1)}×`),
  );
  await printCrossover();
  if (flags["skip-1m"]) return;
  const file1m = await ensureExport(1_000_000);
  console.log(`\n1M messages, ${(statSync(file1m).size / 1e6).toFixed(0)} MB`);
  console.log(row(["", "seconds", "× 1 thread", "peak RSS MB"]));
  let single: Sample | null = null;
  let worstRss = 0;
  for (const threads of THREADS) {
    const sample = tgstats(file1m, threads);
    single ??= sample;
    worstRss = Math.max(worstRss, sample.rssMb);
    printRow(`tgstats --json --threads ${threads}`, sample, single);
  }
  const byDefault1m = tgstats(file1m, null);
  printRow("tgstats --json (default threads)", byDefault1m, single);
  console.log(
    `target (1M): peak RSS ≤ 200 MB across threads → ${byDefault1m.rssMb.toFixed(0)} MB ` +
      `(default threads), ${worstRss.toFixed(0)} MB (worst of 1, 2, 4)`,
  );
}

if (flags.child === undefined) await main();
else await crossoverChild(flags.child as CrossoverMode, flags.file ?? "");
