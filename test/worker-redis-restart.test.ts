import { afterEach, describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import { STATS_JOB_OPTIONS } from "@tgstats/bot";
import { planReportCharts } from "@tgstats/charts";
import { expectedBatches } from "./helpers/album-batches.js";
import { useRestartableSeedChatRig } from "./helpers/seed-chat-rig.js";
import { statsJob } from "./helpers/worker-harness.js";
import {
  killWorkers,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
} from "./helpers/worker-process.js";

// Issue 6: "Redis restarted mid-job: the job finishes or is retried; nothing is reported twice."
// Redis runs with AOF + fsync always (production uses AOF, see docker-compose.yml), so a
// restart keeps the queue; the worker must ride over the outage and deliver exactly once.

/** Its own key prefix, so nothing else on this Redis can take or touch the job. */
const PREFIX = `tgstats-redis-restart-${process.pid}`;
const MESSAGES = 4000;

const rig = useRestartableSeedChatRig({
  prefix: PREFIX,
  messages: MESSAGES,
  spanDays: 150,
  people: 9,
});
/** Job lock of the cases that outlast it: long enough that a loaded machine renews it in time. */
const LOCK_MS = 5000;
/** Outage of those cases: more than twice the lock, so it surely expires. */
const OUTAGE_MS = 12_000;
const workers: WorkerProcess[] = [];

afterEach(async () => {
  await killWorkers(workers);
});

/** Starts a worker whose job locks last `jobLockMs` (10 s: longer than the short outages). */
function spawnWorker(jobLockMs = 10_000): WorkerProcess {
  const worker = startWorkerProcess({
    ...rig.workerEnv,
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
  const status = await rig.api.sendMessage(rig.seed.botApiChatId, "Queued, you are next.");
  const from = rig.botApi.calls.length;
  const job = await rig.queue.add(
    "stats",
    statsJob(rig.seed, {}, status.message_id) as StatsJobData,
    // Production's attempts; a short backoff so a retry fits in the test's time.
    { ...STATS_JOB_OPTIONS, backoff: { type: "fixed", delay: 500 } },
  );
  const checkpoint = await waitUntil(
    async () => {
      const fetched = (await rig.queue.getJob(job.id!))?.data.checkpoint?.fetchedMessages ?? 0;
      return fetched >= 400 ? fetched : undefined;
    },
    60_000,
    "the worker to checkpoint 400 messages",
  );
  const sentBeforeOutage = rig.botApi.calls.slice(from).map((call) => call.method);
  await outage();
  const survived = (await rig.queue.getJob(job.id!)) !== undefined;
  const state = await waitUntil(
    async () => {
      const now = await rig.queue.getJob(job.id!).then((found) => found?.getState());
      return now === "completed" || now === "failed" ? now : undefined;
    },
    // Generous: on a loaded machine a restarted Redis and a retried attempt take their time.
    90_000,
    "the job to finish",
  );
  const finished = (await rig.queue.getJob(job.id!))!;
  const calls = rig.botApi.calls
    .slice(from)
    .filter((call) => call.ok && call.chatId === rig.seed.botApiChatId);
  const shown = rig.botApi
    .chatMessages(rig.seed.botApiChatId)
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
  expect(finished.returnvalue.messages).toBe(rig.reference.totals.messages);

  const count = (method: string): number => calls.filter((call) => call.method === method).length;
  const charts = planReportCharts(rig.reference).length;
  const batches = expectedBatches(charts);
  expect(count("sendMediaGroup"), log).toBe(batches.albums.length);
  expect(count("sendPhoto"), log).toBe(batches.photos);
  expect(count("sendDocument"), log).toBe(1);
  // With a status message the only new text message is the summary.
  expect(count("sendMessage"), log).toBe(1);
  const summary = calls.find((call) => call.method === "sendMessage")!.text ?? "";
  const numbers = new Intl.NumberFormat("en");
  expect(summary).toContain(`Messages: <b>${numbers.format(rig.reference.totals.messages)}</b>`);
  expect(summary).toContain(`People: ${numbers.format(rig.reference.totals.people)}\n`);

  // What the chat shows: the charts (each album one media group), the page and the
  // summary; the status message is gone.
  expect(shown.map((message) => message.messageId)).not.toContain(status.message_id);
  expect(shown.map((message) => message.kind)).toEqual([
    ...Array<string>(charts).fill("photo"),
    "document",
    "text",
  ]);
  expect(new Set(shown.slice(0, -2).map((message) => message.mediaGroupId)).size).toBe(
    batches.albums.length + batches.photos,
  );
  expect(finished.returnvalue.deliveredMessageIds).toEqual(
    shown.map((message) => message.messageId),
  );
}

/**
 * Resolves when the worker writes a JSON log line whose `msg` is `msg`, as the
 * line arrives (no polling: the moment matters), with the Bot API calls made so far.
 * With `pause`, the worker is stopped (SIGSTOP) the moment the line is read, so
 * that what comes next in it waits, however slow this process is to go on.
 */
function onLogLine(
  worker: WorkerProcess,
  msg: string,
  { pause = false } = {},
): Promise<{ callsSoFar: number }> {
  return new Promise((resolve, reject) => {
    let pending = "";
    const onData = (chunk: Buffer): void => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        if ((JSON.parse(line) as { msg?: unknown }).msg !== msg) continue;
        if (pause) worker.child.kill("SIGSTOP");
        worker.child.stdout!.off("data", onData);
        worker.child.off("exit", onExit);
        resolve({ callsSoFar: rig.botApi.calls.length });
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
  await rig.queue.obliterate({ force: true });
  const cached = await rig.admin.keys(`${PREFIX}:cache:*`);
  if (cached.length > 0) await rig.admin.del(...cached);
}

describe("the worker when Redis restarts mid-job (AOF on)", () => {
  it("finishes the job once: one album, one summary, the export's message count", async () => {
    const worker = spawnWorker();
    // Kill and start again on the same port at once: the worker's connections drop mid-fetch.
    const outcome = await runWithOutage(() => rig.redis.restart!());
    expectDeliveredOnce(worker, outcome);
  }, 150_000);

  it("finishes the job once when Redis stays down for 2.5 s", async () => {
    await forgetEarlierJobs();
    const worker = spawnWorker();
    const outcome = await runWithOutage(async () => {
      await rig.redis.kill!();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await rig.redis.restart!();
    });
    expectDeliveredOnce(worker, outcome);
  }, 150_000);

  it("finishes the job once when Redis stays down longer than the job lock", async () => {
    await forgetEarlierJobs();
    // A 5 s lock and 12 s down: the lock expires during the outage, so the stalled checker
    // hands the job out again; the first attempt must stop instead of delivering too.
    // The outage hits the fetch, where the attempt waits on a checkpoint write; the next
    // case has it start after the fetch, where charts and delivery need no Redis.
    const worker = spawnWorker(LOCK_MS);
    const outcome = await runWithOutage(async () => {
      await rig.redis.kill!();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await rig.redis.restart!();
    });
    expect(worker.output(), "the lock never expired: lengthen the outage").toContain(
      "job lock lost",
    );
    expectDeliveredOnce(worker, outcome);
  }, 180_000);

  it("delivers once when Redis goes down after the fetch, for longer than the job lock", async () => {
    await forgetEarlierJobs();
    // The fetch is done and the charts render (no Redis needed) while Redis is down 12 s
    // with a 5 s lock: the attempt must find its lock gone before delivering, and the
    // attempt BullMQ starts after the restart delivers the one report. The worker is
    // stopped the moment it logs that it renders, and goes on once Redis is down, so the
    // lock check sees the outage unless this process reads the line only after the worker
    // has drawn every chart (seconds, and the first report also loads the chart renderer).
    const worker = spawnWorker(LOCK_MS);
    const rendering = onLogLine(worker, "rendering charts", { pause: true });
    // Awaited in the outage; an exit before then fails the wait for the checkpoint instead.
    rendering.catch(() => undefined);
    const callsBefore = rig.botApi.calls.length;
    let sentBeforeKill: string[] = [];
    const outcome = await runWithOutage(async () => {
      const { callsSoFar } = await rendering;
      await rig.redis.kill!();
      worker.child.kill("SIGCONT");
      sentBeforeKill = rig.botApi.calls.slice(callsBefore, callsSoFar).map((call) => call.method);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await rig.redis.restart!();
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
  }, 180_000);
});
