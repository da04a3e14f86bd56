/**
 * `npm run bench:start`: how fast each entry point starts, in fresh
 * processes, against a bare `node -e 0` measured in the same run.
 *
 * - `tgstats --help` and `tgstats report <10-message fixture> --json`: wall
 *   time to exit and peak RSS, median of `--runs` processes each.
 * - bot and worker ready: from spawn to their "bot polling" / "worker ready"
 *   log line (Redis connected, first poll), started the way the sandbox
 *   starts them (fake Bot API, Telegram emulator, a throwaway redis-server),
 *   and each one's RSS once ready.
 *
 * Run: npm run bench:start -- [--runs 10]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { startRedisProcess, startSandboxSystem } from "@tgstats/sandbox";
import {
  median,
  processRssMb,
  timeProcess,
  writeBenchChat,
  type Sample,
} from "./helpers/bench-processes.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
const RUNS = Number(values.runs);
const CLI = path.resolve("apps/cli/bin/tgstats.js");
const FIXTURE = path.resolve("test/fixtures/export/2025-modern.json");
/** The flags the `tgstats` launcher's shebang gives node. */
const CLI_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=1024"];

function measureCommand(name: string, args: string[]): { name: string; samples: Sample[] } {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(timeProcess(process.execPath, args));
  return { name, samples };
}

/** Spawn-to-ready time of the bot and the worker, and their RSS when ready. */
async function measureServices(dir: string): Promise<Record<"bot" | "worker", Sample[]>> {
  const redis = await startRedisProcess();
  const exportPath = await writeBenchChat(dir);
  const results: Record<"bot" | "worker", Sample[]> = { bot: [], worker: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const readyAt = new Map<string, number>();
      const system = await startSandboxSystem({
        exportPath,
        redisUrl: redis.url,
        env: { LOG_LEVEL: "info" },
        log: (line) => {
          if (line.includes('"msg":"bot polling"')) readyAt.set("bot", performance.now());
          if (line.includes('"msg":"worker ready"')) readyAt.set("worker", performance.now());
        },
      });
      try {
        for (const name of ["bot", "worker"] as const) {
          const started = performance.now();
          const service = name === "bot" ? system.startBot() : system.startWorker();
          while (!readyAt.has(name)) {
            if (performance.now() - started > 60_000) throw new Error(`${name} not ready in 60 s`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          const pid = service.child.pid;
          results[name].push({
            ms: readyAt.get(name)! - started,
            rssMb: (pid === undefined ? null : await processRssMb(pid)) ?? Number.NaN,
          });
        }
      } finally {
        await system.stop();
      }
    }
  } finally {
    await redis.stop();
  }
  return results;
}

function row(name: string, samples: Sample[], baselineMs: number): string {
  const ms = median(samples.map((sample) => sample.ms));
  const rss = median(samples.map((sample) => sample.rssMb));
  return `${name.padEnd(34)} ${ms.toFixed(0).padStart(8)} ${(ms / baselineMs).toFixed(1).padStart(8)}× ${rss.toFixed(0).padStart(8)}`;
}

const dir = await mkdtemp(path.join(os.tmpdir(), "tgstats-start-bench-"));
try {
  // Every spawn in this run also pays the same machine load: the ratios compare like with like.
  const baseline = measureCommand("node -e 0", ["-e", "0"]);
  const baselineMs = median(baseline.samples.map((sample) => sample.ms));
  const commands = [
    baseline,
    measureCommand("tgstats --help", [...CLI_FLAGS, CLI, "--help"]),
    measureCommand("tgstats report <10 messages> --json", [
      ...CLI_FLAGS,
      CLI,
      "report",
      FIXTURE,
      "--json",
    ]),
  ];
  const services = await measureServices(dir);
  console.log(
    `median of ${RUNS} fresh processes each; node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(
    `${"".padEnd(34)} ${"ms".padStart(8)} ${"× node".padStart(9)} ${"RSS MB".padStart(8)}`,
  );
  for (const command of commands) console.log(row(command.name, command.samples, baselineMs));
  console.log(row("bot ready (first poll)", services.bot, baselineMs));
  console.log(row("worker ready (queues open)", services.worker, baselineMs));
  console.log("RSS: peak for commands run to their end; when ready for the bot and the worker.");
} finally {
  await rm(dir, { recursive: true, force: true });
}
