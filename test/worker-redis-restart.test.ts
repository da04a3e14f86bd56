import { Queue } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { STATS_QUEUE, type StatsJobData, type StatsJobResult } from "@tgstats/platform";
import { type ReportJson } from "@tgstats/engine";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { STATS_JOB_OPTIONS } from "@tgstats/bot";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  BOT_TOKEN,
  reportFromExport,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";
import { startWorkerProcess, waitUntil, type WorkerProcess } from "./helpers/worker-process.js";

// Issue 6: "Redis restarted mid-job: the job finishes or is retried; nothing is reported twice."
// Redis runs with AOF + fsync always (production uses AOF, see docker-compose.yml), so a
// restart keeps the queue; the worker must ride over the outage and deliver exactly once.

/** Its own key prefix, so nothing else on this Redis can take or touch the job. */
const PREFIX = `tgstats-redis-restart-${process.pid}`;
const MESSAGES = 4000;

let redis: TestRedis;
let seed: SeedExport;
let reference: ReportJson;
let botApi: FakeBotApi;
let api: Api;
let queue: Queue<StatsJobData, StatsJobResult>;
let admin: Redis;
const workers: WorkerProcess[] = [];
/** Undoes what beforeAll started, newest first, even when it failed half-way. */
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  redis = await startTestRedis({ appendOnly: true });
  cleanups.push(() => redis.stop());
  if (redis.restart === undefined)
    throw new Error("This test restarts Redis: unset REDIS_URL so it starts its own redis-server.");
  seed = await writeSeedExport({ messages: MESSAGES, spanDays: 150, people: 9 });
  reference = await reportFromExport(seed.path, { timeZone: "UTC" });
  botApi = await startFakeBotApi({ token: BOT_TOKEN });
  cleanups.push(() => botApi.close());
  botApi.addChat({ id: seed.botApiChatId, type: "supergroup", title: "Seed" });
  api = new Api(BOT_TOKEN, { apiRoot: botApi.apiRoot });
  queue = new Queue(STATS_QUEUE, {
    connection: { url: redis.url, maxRetriesPerRequest: null },
    prefix: PREFIX,
  });
  cleanups.push(() => queue.close());
  admin = new Redis(redis.url, { maxRetriesPerRequest: null });
  cleanups.push(() => admin.disconnect());
  // Connection errors while Redis is down are the point of the test; ioredis reconnects.
  queue.on("error", () => undefined);
  admin.on("error", () => undefined);
}, 60_000);

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts a worker whose job locks last `jobLockMs` (10 s: longer than the short outages). */
function spawnWorker(jobLockMs = 10_000): WorkerProcess {
  const worker = startWorkerProcess({
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: PREFIX,
    BOT_TOKEN,
    BOT_API_ROOT: botApi.apiRoot,
    TG_EMULATOR_EXPORT: seed.path,
    // 40 pages of 100 messages at 80 ms each: a fetch of a few seconds to restart Redis in.
    TG_EMULATOR_LATENCY_MS: "80",
    CHECKPOINT_EVERY_PAGES: "2",
    JOB_LOCK_MS: String(jobLockMs),
  });
  workers.push(worker);
  return worker;
}

/** The last lines of the worker's log, to show with a failed assertion. */
function tail(worker: WorkerProcess): string {
  return worker.output().split("\n").slice(-30).join("\n");
}

/**
 * Queues a stats job answered in the seed chat under a "Queued" status
 * message, as the bot does, waits until the worker has checkpointed part of
 * the history (mid-fetch), runs `outage`, then waits for the job to finish.
 */
async function runWithOutage(outage: () => Promise<void>) {
  const status = await api.sendMessage(seed.botApiChatId, "Queued, you are next.");
  const from = botApi.calls.length;
  const job = await queue.add(
    "stats",
    statsJob(seed, {}, status.message_id) as StatsJobData,
    // Production's attempts; a short backoff so a retry fits in the test's time.
    { ...STATS_JOB_OPTIONS, backoff: { type: "fixed", delay: 500 } },
  );
  const checkpoint = await waitUntil(
    async () => {
      const fetched = (await queue.getJob(job.id!))?.data.checkpoint?.fetchedMessages ?? 0;
      return fetched >= 400 ? fetched : undefined;
    },
    30_000,
    "the worker to checkpoint 400 messages",
  );
  const sentBeforeOutage = botApi.calls.slice(from).map((call) => call.method);
  await outage();
  const survived = (await queue.getJob(job.id!)) !== undefined;
  const state = await waitUntil(
    async () => {
      const now = await queue.getJob(job.id!).then((found) => found?.getState());
      return now === "completed" || now === "failed" ? now : undefined;
    },
    40_000,
    "the job to finish",
  );
  const finished = (await queue.getJob(job.id!))!;
  const calls = botApi.calls
    .slice(from)
    .filter((call) => call.ok && call.chatId === seed.botApiChatId);
  const shown = botApi
    .chatMessages(seed.botApiChatId)
    .filter((message) => message.messageId >= status.message_id);
  return { checkpoint, sentBeforeOutage, survived, state, finished, calls, shown, status };
}

/** Checks one report, delivered once, with the figures of the export. */
function expectDeliveredOnce(
  worker: WorkerProcess,
  outcome: Awaited<ReturnType<typeof runWithOutage>>,
): void {
  const { checkpoint, sentBeforeOutage, survived, state, finished, calls, shown, status } = outcome;
  const log = tail(worker);
  // The outage hit the fetch, not a finished job.
  expect(checkpoint).toBeLessThan(MESSAGES);
  expect(sentBeforeOutage).not.toContain("sendMediaGroup");
  expect(survived, "the job is gone after the restart: does Redis run with AOF?").toBe(true);
  expect(state, log).toBe("completed");
  expect(worker.child.exitCode, log).toBeNull();
  expect(worker.child.signalCode, log).toBeNull();
  expect(finished.returnvalue.messages).toBe(reference.totals.messages);

  const count = (method: string): number => calls.filter((call) => call.method === method).length;
  expect(count("sendMediaGroup"), log).toBe(1);
  expect(count("sendPhoto"), log).toBe(0);
  // With a status message the only new text message is the summary.
  expect(count("sendMessage"), log).toBe(1);
  const summary = calls.find((call) => call.method === "sendMessage")!.text ?? "";
  const numbers = new Intl.NumberFormat("en");
  expect(summary).toContain(`Messages: <b>${numbers.format(reference.totals.messages)}</b>`);
  expect(summary).toContain(`People: ${numbers.format(reference.totals.people)}\n`);

  // What the chat shows: the album and the summary; the status message is gone.
  const album = calls.find((call) => call.method === "sendMediaGroup")!;
  expect(shown.map((message) => message.messageId)).not.toContain(status.message_id);
  expect(shown.map((message) => message.kind)).toEqual([...album.files.map(() => "photo"), "text"]);
  expect(new Set(shown.slice(0, -1).map((message) => message.mediaGroupId)).size).toBe(1);
  expect(finished.returnvalue.deliveredMessageIds).toEqual(
    shown.map((message) => message.messageId),
  );
}

/**
 * Resolves when the worker writes a JSON log line whose `msg` is `msg`, as the
 * line arrives (no polling: the moment matters), with the Bot API calls made so far.
 */
function onLogLine(worker: WorkerProcess, msg: string): Promise<{ callsSoFar: number }> {
  return new Promise((resolve, reject) => {
    let pending = "";
    const onData = (chunk: Buffer): void => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        if ((JSON.parse(line) as { msg?: unknown }).msg !== msg) continue;
        worker.child.stdout!.off("data", onData);
        worker.child.off("exit", onExit);
        resolve({ callsSoFar: botApi.calls.length });
        return;
      }
    };
    const onExit = (): void =>
      reject(new Error(`The worker exited before logging "${msg}":\n${tail(worker)}`));
    worker.child.stdout!.on("data", onData);
    worker.child.once("exit", onExit);
  });
}

/** Empties the queue and the chat cache of an earlier case: a cached chat is not fetched at all. */
async function forgetEarlierJobs(): Promise<void> {
  await queue.obliterate({ force: true });
  const cached = await admin.keys(`${PREFIX}:cache:*`);
  if (cached.length > 0) await admin.del(...cached);
}

describe("the worker when Redis restarts mid-job (AOF on)", () => {
  it("finishes the job once: one album, one summary, the export's message count", async () => {
    const worker = spawnWorker();
    // Kill and start again on the same port at once: the worker's connections drop mid-fetch.
    const outcome = await runWithOutage(() => redis.restart!());
    expectDeliveredOnce(worker, outcome);
  }, 60_000);

  it("finishes the job once when Redis stays down for 2.5 s", async () => {
    await forgetEarlierJobs();
    const worker = spawnWorker();
    const outcome = await runWithOutage(async () => {
      await redis.kill!();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await redis.restart!();
    });
    expectDeliveredOnce(worker, outcome);
  }, 60_000);

  it("finishes the job once when Redis stays down longer than the job lock", async () => {
    await forgetEarlierJobs();
    // A 2 s lock and 6 s down: the lock expires during the outage, so the stalled checker
    // hands the job out again; the first attempt must stop instead of delivering too.
    // The outage hits the fetch, where the attempt waits on a checkpoint write; the next
    // case has it start after the fetch, where charts and delivery need no Redis.
    const worker = spawnWorker(2000);
    const outcome = await runWithOutage(async () => {
      await redis.kill!();
      await new Promise((resolve) => setTimeout(resolve, 6000));
      await redis.restart!();
    });
    expect(worker.output(), "the lock never expired: lengthen the outage").toContain(
      "job lock lost",
    );
    expectDeliveredOnce(worker, outcome);
  }, 90_000);

  it("delivers once when Redis goes down after the fetch, for longer than the job lock", async () => {
    await forgetEarlierJobs();
    // The fetch is done and the charts render (no Redis needed) while Redis is down 6 s
    // with a 2 s lock: the attempt must find its lock gone before delivering, and the
    // attempt BullMQ starts after the restart delivers the one report. The kill lands a
    // few ms after the log line; rendering takes ~350 ms, so the lock check sees the outage.
    const worker = spawnWorker(2000);
    const rendering = onLogLine(worker, "rendering charts");
    // Awaited in the outage; an exit before then fails the wait for the checkpoint instead.
    rendering.catch(() => undefined);
    const callsBefore = botApi.calls.length;
    let sentBeforeKill: string[] = [];
    const outcome = await runWithOutage(async () => {
      const { callsSoFar } = await rendering;
      await redis.kill!();
      sentBeforeKill = botApi.calls.slice(callsBefore, callsSoFar).map((call) => call.method);
      await new Promise((resolve) => setTimeout(resolve, 6000));
      await redis.restart!();
    });
    const log = tail(worker);
    expect(sentBeforeKill, "the report went out before Redis was down").not.toContain(
      "sendMediaGroup",
    );
    expect(worker.output(), log).toContain("job lock lost");
    expect(worker.output(), "the attempt did not check its lock before delivering").toContain(
      "Lost the lock of job",
    );
    expectDeliveredOnce(worker, outcome);
  }, 90_000);
});
