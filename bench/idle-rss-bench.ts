/**
 * Idle memory of the services: starts the real bot and worker processes as
 * the sandbox does (fake Bot API, Telegram emulator, a throwaway
 * redis-server), lets them settle without work, and prints each process's
 * resident set size (VmRSS from /proc, Linux only): the median of the last
 * samples, and the peak while starting.
 *
 * Run: npm run bench:idle -- [--settle-seconds 20]
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startRedisProcess, startSandboxSystem, writeSyntheticExport } from "@tgstats/sandbox";

const { values } = parseArgs({ options: { "settle-seconds": { type: "string", default: "20" } } });
const settleMs = Number(values["settle-seconds"]) * 1000;
const SAMPLE_EVERY_MS = 250;

/** Resident set size of a process in MB, or null once it has exited. */
async function rssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const dir = await mkdtemp(path.join(os.tmpdir(), "tgstats-idle-rss-"));
const redis = await startRedisProcess();
try {
  const exportPath = path.join(dir, "result.json");
  await writeSyntheticExport(exportPath, {
    messages: 200,
    seed: 7,
    chatType: "private_supergroup",
    chatId: 1_500_000_001,
  });
  const system = await startSandboxSystem({ exportPath, redisUrl: redis.url, log: () => {} });
  try {
    const services = { bot: system.startBot(), worker: system.startWorker() };
    const samples = { bot: [] as number[], worker: [] as number[] };
    for (let elapsedMs = 0; elapsedMs < settleMs; elapsedMs += SAMPLE_EVERY_MS) {
      await sleep(SAMPLE_EVERY_MS);
      for (const name of ["bot", "worker"] as const) {
        const pid = services[name].child.pid;
        const mb = pid === undefined ? null : await rssMb(pid);
        if (mb === null) throw new Error(`The ${name} process exited while starting.`);
        samples[name].push(mb);
      }
    }
    const tail = Math.max(1, Math.floor(5000 / SAMPLE_EVERY_MS));
    for (const name of ["bot", "worker"] as const) {
      const idle = median(samples[name].slice(-tail));
      const peak = Math.max(...samples[name]);
      console.log(
        `${name.padEnd(6)} idle RSS ${idle.toFixed(1)} MB (median of the last 5 s of ${settleMs / 1000} s), peak ${peak.toFixed(1)} MB`,
      );
    }
  } finally {
    await system.stop();
  }
} finally {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}
