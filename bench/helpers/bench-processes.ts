import { readFileSync } from "node:fs";
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
