/**
 * The worker as a real process: its ops server on a random port (logged),
 * /metrics after a job, /readyz turning red when Redis stops while /healthz
 * stays green, and a busy ops port that is logged without stopping the jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATS_QUEUE, type StatsJobData } from "@tgstats/platform";
import type { FakeBotApi } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  BOT_TOKEN,
  openStatsQueue,
  startSeedBotApi,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";
import {
  killWorkers,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
  logLines,
} from "./helpers/worker-process.js";

let redis: TestRedis;
let seed: SeedExport;
let botApi: FakeBotApi;
const workers: WorkerProcess[] = [];

function spawnWorker(opsPort: number): WorkerProcess {
  const worker = startWorkerProcess({
    REDIS_URL: redis.url,
    BOT_TOKEN,
    BOT_API_ROOT: botApi.apiRoot,
    TG_EMULATOR_EXPORT: seed.path,
    OPS_PORT: String(opsPort),
  });
  workers.push(worker);
  return worker;
}

/**
 * The value of the sample named `name` with exactly these labels (any order)
 * on a Prometheus text page, or undefined when there is none.
 */
function sampleValue(
  page: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const line of page.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const given = [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(
      ([, key, value]) => [key, value],
    );
    if (JSON.stringify(given.sort()) === wanted) return Number(match[3]);
  }
  return undefined;
}

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 800, spanDays: 60, people: 6 });
  botApi = await startSeedBotApi(seed);
}, 60_000);

afterAll(async () => {
  await killWorkers(workers);
  await botApi.close();
  await redis.stop();
});

describe("the worker's ops endpoints", () => {
  it("logs its random ops port, serves metrics after a job, and turns /readyz red when Redis stops", async () => {
    const worker = spawnWorker(0);
    const opsPort = await waitUntil(
      () =>
        logLines(worker).find((line) => typeof line.opsPort === "number")?.opsPort as
          number | undefined,
      20_000,
      "the ops server's log line",
    );
    // Loopback unless OPS_HOST says otherwise.
    expect(logLines(worker).find((line) => line.opsPort === opsPort)?.opsHost).toBe("127.0.0.1");
    const base = `http://127.0.0.1:${opsPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await waitUntil(
      async () => {
        const response = await fetch(`${base}/readyz`);
        return response.status === 200 ? await response.json() : undefined;
      },
      20_000,
      "/readyz to turn green",
    );
    expect(ready).toEqual({
      status: "ready",
      failing: [],
      checks: { redis: true, session: true, lease: true },
    });

    const stats = await openStatsQueue({ url: redis.url, maxRetriesPerRequest: null });
    const { queue, events } = stats;
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    const result = await job.waitUntilFinished(events, 60_000);
    await stats.close();

    const page = await (await fetch(`${base}/metrics`)).text();
    expect(sampleValue(page, "tgstats_messages_fetched_total", { service: "worker" })).toBe(
      result.fetchedMessages,
    );
    expect(result.fetchedMessages).toBeGreaterThan(0);
    expect(sampleValue(page, "tgstats_cache_misses_total", { service: "worker" })).toBe(1);
    expect(
      sampleValue(page, "tgstats_job_duration_seconds_count", {
        kind: "bot-chat",
        outcome: "completed",
        service: "worker",
      }),
    ).toBe(1);
    expect(
      sampleValue(page, "tgstats_queue_jobs", {
        queue: STATS_QUEUE,
        state: "completed",
        service: "worker",
      }),
    ).toBe(1);
    // Pages of 100 plus one count request, at the least.
    expect(
      sampleValue(page, "tgstats_mtproto_requests_total", {
        method: "messages.GetHistory",
        service: "worker",
      }),
    ).toBeGreaterThanOrEqual(Math.ceil(result.fetchedMessages / 100) + 1);
    expect(page).toContain("process_resident_memory_bytes");

    await redis.kill!();
    const notReady = await waitUntil(
      async () => {
        const response = await fetch(`${base}/readyz`);
        return response.status === 503 ? await response.json() : undefined;
      },
      10_000,
      "/readyz to turn red",
    );
    expect(notReady).toEqual({
      status: "not ready",
      failing: ["redis"],
      checks: { redis: false, session: true, lease: true },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // A scrape still answers, without the queue counts Redis cannot give.
    const scrape = await fetch(`${base}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).not.toContain("tgstats_queue_jobs{");
    await redis.restart!();
  }, 90_000);

  it("logs a busy ops port with the fix and keeps working", async () => {
    const first = workers[0]!;
    const takenPort = logLines(first).find((line) => typeof line.opsPort === "number")
      ?.opsPort as number;
    const second = spawnWorker(takenPort);
    const busy = await waitUntil(
      () => logLines(second).find((line) => line.level === 50 && line.opsPort === takenPort),
      20_000,
      "the busy-port log line",
    );
    expect(busy.msg).toBe(
      `The ops port ${takenPort} is in use: set OPS_PORT to a free port, or 0 for a random one.`,
    );
    await waitUntil(
      () => logLines(second).find((line) => line.msg === "worker ready"),
      20_000,
      "the worker to start anyway",
    );
    expect(second.child.exitCode).toBeNull();
  }, 60_000);
});
