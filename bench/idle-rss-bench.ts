/**
 * Idle memory of the services: starts the real bot and worker processes as
 * the sandbox does (fake Bot API, Telegram emulator, a throwaway
 * redis-server), lets them settle without work, and prints each process's
 * resident set size (VmRSS from /proc, Linux only): the median of the last
 * samples, and the peak while starting.
 *
 * Run: npm run bench:idle -- [--settle-seconds 20]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startRedisProcess, startSandboxSystem } from "@tgstats/sandbox";
import { median, processRssMb, writeBenchChat } from "./helpers/bench-processes.js";

const { values } = parseArgs({ options: { "settle-seconds": { type: "string", default: "20" } } });
const settleMs = Number(values["settle-seconds"]) * 1000;
const SAMPLE_EVERY_MS = 250;

const dir = await mkdtemp(path.join(os.tmpdir(), "tgstats-idle-rss-"));
const redis = await startRedisProcess();
try {
  const exportPath = await writeBenchChat(dir);
  const system = await startSandboxSystem({ exportPath, redisUrl: redis.url, log: () => {} });
  try {
    const services = { bot: system.startBot(), worker: system.startWorker() };
    const samples = { bot: [] as number[], worker: [] as number[] };
    for (let elapsedMs = 0; elapsedMs < settleMs; elapsedMs += SAMPLE_EVERY_MS) {
      await sleep(SAMPLE_EVERY_MS);
      for (const name of ["bot", "worker"] as const) {
        const pid = services[name].child.pid;
        const mb = pid === undefined ? null : await processRssMb(pid);
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
