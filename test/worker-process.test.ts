import { Api } from "grammy";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { FakeBotApi } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  BOT_TOKEN,
  openStatsQueue,
  reportFromExport,
  startSeedBotApi,
  statsJob,
  writeSeedExport,
  type SeedExport,
  type StatsQueue,
} from "./helpers/worker-harness.js";
import {
  killWorkers,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
} from "./helpers/worker-process.js";

let redis: TestRedis;
let seed: SeedExport;
let botApi: FakeBotApi;
let stats: StatsQueue;
let queue: StatsQueue["queue"];
let events: StatsQueue["events"];
let admin: Redis;
const workers: WorkerProcess[] = [];

function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redis.url,
    BOT_TOKEN,
    BOT_API_ROOT: botApi.apiRoot,
    TG_EMULATOR_EXPORT: seed.path,
    TG_EMULATOR_LATENCY_MS: "40",
    CHECKPOINT_EVERY_PAGES: "2",
    JOB_LOCK_MS: "2000",
    ...extra,
  };
}

function spawnWorker(extra: Record<string, string> = {}): WorkerProcess {
  const worker = startWorkerProcess(workerEnv(extra));
  workers.push(worker);
  return worker;
}

/** The last text message the fake Bot API received in the seed chat: the summary. */
function lastSummary(): string | undefined {
  return botApi.calls
    .filter((c) => c.ok && c.method === "sendMessage" && c.chatId === seed.botApiChatId)
    .at(-1)?.text;
}

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 4000, spanDays: 200, people: 15 });
  botApi = await startSeedBotApi(seed);
  stats = await openStatsQueue({ url: redis.url, maxRetriesPerRequest: null });
  ({ queue, events } = stats);
  admin = new Redis(redis.url);
}, 60_000);

beforeEach(async () => {
  await killWorkers(workers);
  await queue.obliterate({ force: true });
  // Drop the chat cache so each test reads the history again.
  const keys = await admin.keys("tgstats:cache:*");
  if (keys.length > 0) await admin.del(...keys);
});

afterAll(async () => {
  await killWorkers(workers);
  await stats.close();
  admin.disconnect();
  await botApi.close();
  await redis.stop();
});

describe("the worker as a real process", () => {
  it("finishes a job after being killed mid-fetch, with the same report as an uninterrupted run", async () => {
    const reference = await reportFromExport(seed.path, { timeZone: "UTC" });
    const first = spawnWorker();
    const clean = await queue.add("stats", statsJob(seed) as StatsJobData);
    const cleanResult = await clean.waitUntilFinished(events, 90_000);
    const cleanSummary = lastSummary();
    expect(cleanResult.messages).toBe(reference.totals.messages);
    first.child.kill("SIGKILL");
    await first.exited;
    await admin.del(...(await admin.keys("tgstats:cache:*")));

    // Stalls are what this test causes: a lock renewal a loaded machine delays must not
    // use up the limit (the limit has its own test below).
    const resumable = { JOB_MAX_STALLS: "10" };
    const victim = spawnWorker(resumable);
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    await waitUntil(
      async () => ((await queue.getJob(job.id!))?.data.checkpoint ? true : undefined),
      60_000,
      "a checkpoint",
    );
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBe("SIGKILL");
    spawnWorker(resumable);
    const result = await job.waitUntilFinished(events, 90_000);
    expect(result.messages).toBe(reference.totals.messages);
    expect(lastSummary()).toBe(cleanSummary);
  }, 240_000);

  it("on SIGTERM checkpoints the active job back to waiting and exits within 10 s", async () => {
    const worker = spawnWorker({ TG_EMULATOR_LATENCY_MS: "150" });
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    await waitUntil(
      async () => ((await queue.getJob(job.id!))?.data.checkpoint ? true : undefined),
      60_000,
      "a checkpoint",
    );
    const sentAt = Date.now();
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    const stopped = await queue.getJob(job.id!);
    expect(await stopped!.getState()).toBe("waiting");
    expect(stopped!.data.checkpoint).not.toBeNull();
    spawnWorker();
    const result = await job.waitUntilFinished(events, 90_000);
    expect(result.messages).toBe(
      (await reportFromExport(seed.path, { timeZone: "UTC" })).totals.messages,
    );
  }, 180_000);

  it("fails a job whose workers keep dying, and tells the requester instead of leaving 'Queued' up", async () => {
    const status = await new Api(BOT_TOKEN, { apiRoot: botApi.apiRoot }).sendMessage(
      seed.botApiChatId,
      "Queued, you are next.",
    );
    const from = botApi.calls.length;
    // No stall allowed: the first worker killed mid-job fails it.
    const stalls = { JOB_MAX_STALLS: "0", TG_EMULATOR_LATENCY_MS: "100" };
    const victim = spawnWorker(stalls);
    const job = await queue.add("stats", statsJob(seed, {}, status.message_id) as StatsJobData, {
      attempts: 3,
    });
    await waitUntil(
      async () => ((await queue.getJob(job.id!))?.data.checkpoint ? true : undefined),
      60_000,
      "a checkpoint",
    );
    victim.child.kill("SIGKILL");
    await victim.exited;
    spawnWorker(stalls);
    const told = "Sorry, the statistics could not be computed this time. Please try again later.";
    await waitUntil(
      () =>
        botApi.chatMessages(seed.botApiChatId).some((m) => m.text === told) ? true : undefined,
      30_000,
      "the requester to be told",
    );
    const failed = await queue.getJob(job.id!);
    expect(await failed!.getState()).toBe("failed");
    expect(failed!.failedReason).toBe("job stalled more than allowable limit");
    const shown = botApi.chatMessages(seed.botApiChatId);
    expect(shown.find((m) => m.messageId === status.message_id)?.text).toBe(told);
    const since = botApi.calls.slice(from);
    expect(since.filter((c) => c.ok && c.method === "sendMediaGroup")).toHaveLength(0);
  }, 120_000);

  it("with a rejected session exits cleanly (code 78) with one clear line, leaving jobs waiting", async () => {
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    const worker = spawnWorker({ TG_EMULATOR_UNAUTHORIZED: "1" });
    expect(await worker.exited).toBe(78);
    expect(worker.output()).toMatch(/session/i);
    expect(worker.output()).toMatch(/tgstats login/);
    expect(await job.getState()).toBe("waiting");
  }, 60_000);

  it("names every bad setting at start and exits with 78", async () => {
    const worker = startWorkerProcess({
      REDIS_URL: "not a url",
      BOT_TOKEN: "",
    });
    workers.push(worker);
    expect(await worker.exited).toBe(78);
    const output = worker.output();
    expect(output).toMatch(/REDIS_URL: must be a URL/);
    expect(output).toMatch(/BOT_TOKEN/);
    expect(output).toMatch(/TG_SESSION is missing: run `tgstats login`/);
  }, 60_000);
});
