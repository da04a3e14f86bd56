import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeSyntheticExport } from "@tgstats/sandbox";

/** The median (the mean of the two middle values of an even count); NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Resident set size of a running process in MB (VmRSS, Linux), or null once it has exited. */
export async function processRssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Writes the small supergroup the service benchmarks start the sandbox on; returns its path. */
export async function writeBenchChat(dir: string): Promise<string> {
  const exportPath = path.join(dir, "result.json");
  await writeSyntheticExport(exportPath, {
    messages: 200,
    seed: 7,
    chatType: "private_supergroup",
    chatId: 1_500_000_001,
  });
  return exportPath;
}

/**
 * On-CPU time of the calling thread in ms (Linux schedstat, ns resolution), or
 * null elsewhere. Unlike event-loop busy time it leaves out the time the thread
 * waited for a core, so it holds on a shared machine. Hand-read: Node 20 has
 * no process.threadCpuUsage.
 */
export function threadCpuMs(): number | null {
  try {
    const runNs = readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0];
    return runNs === undefined ? null : Number(runNs) / 1e6;
  } catch {
    return null;
  }
}

/** Wall time and peak RSS of one process. */
export interface Sample {
  ms: number;
  rssMb: number;
}

/** Runs `command` to its end; wall time, and peak RSS by GNU time's %M (threads included). */
export function timeProcess(command: string, args: string[]): Sample {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
  const kb = Number(run.stderr.trim().split("\n").at(-1));
  return { ms, rssMb: kb / 1024 };
}
