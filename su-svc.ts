import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startRedisProcess, startSandboxSystem } from "@tgstats/sandbox";
import { processRssMb, writeBenchChat } from "./bench/helpers/bench-processes.js";
const dir = await mkdtemp(path.join(os.tmpdir(), "su-svc-"));
const redis = await startRedisProcess();
const exportPath = await writeBenchChat(dir);
const nodeOptions = process.env.SU_NODE_OPTIONS ?? "";
for (let run = 0; run < 3; run++) {
  const lines: string[] = [];
  const system = await startSandboxSystem({ exportPath, redisUrl: redis.url, env: { LOG_LEVEL: "info", NODE_OPTIONS: `--import=/tmp/su-mem.mjs ${nodeOptions}` }, log: (line) => lines.push(line) });
  const t = performance.now();
  const w = system.startWorker();
  while (!lines.some((l) => l.includes('"msg":"worker ready"'))) await new Promise((r) => setTimeout(r, 5));
  const ready = performance.now() - t;
  const rss = await processRssMb(w.child.pid!);
  while (!lines.some((l) => l.includes("MEM"))) await new Promise((r) => setTimeout(r, 50));
  console.log(`ready ${ready.toFixed(0)} ms rss@ready ${rss?.toFixed(0)} MB;`, lines.find((l) => l.includes("MEM")));
  await system.stop();
}
await redis.stop();
