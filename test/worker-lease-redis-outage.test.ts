import { afterAll, describe, expect, it } from "vitest";
import { redisKeys, type StatsJobData } from "@tgstats/platform";
import { STATS_JOB_OPTIONS } from "@tgstats/bot";
import { sessionFingerprint } from "@tgstats/worker";
import { planReportCharts } from "@tgstats/charts";
import { expectedBatches } from "./helpers/album-batches.js";
import { useRestartableSeedChatRig } from "./helpers/seed-chat-rig.js";
import { statsJob } from "./helpers/worker-harness.js";
import {
  logLines,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
} from "./helpers/worker-process.js";

// A worker holding a session lease (TG_SESSIONS) rides over a Redis outage longer than the
// lease: it pauses its Telegram requests, takes the lease back when Redis returns, and
// finishes the job it was reading.

const PREFIX = `tgstats-lease-outage-${process.pid}`;
const SESSION = "session-alpha-for-the-outage-test";
const MESSAGES = 4000;
const OUTAGE_MS = 20_000;

const rig = useRestartableSeedChatRig({
  prefix: PREFIX,
  messages: MESSAGES,
  spanDays: 150,
  people: 9,
});
let worker: WorkerProcess | undefined;

afterAll(async () => {
  if (worker !== undefined) {
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
});

/** The worker's last log lines, to show with a failed assertion. */
function tail(process: WorkerProcess): string {
  return process.output().split("\n").slice(-25).join("\n");
}

/** The lease transitions in the order they happened (queued writes land after the outage). */
async function leaseEvents(): Promise<{ holder: string; event: string; atMs: number }[]> {
  const entries = await rig.admin.xrange(`${redisKeys(PREFIX).lease}:log`, "-", "+");
  return entries
    .map(([, fields]) => {
      const record: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
      return { holder: record.holder!, event: record.event!, atMs: Number(record.atMs) };
    })
    .sort((a, b) => a.atMs - b.atMs);
}

describe("a worker with a session lease when Redis is down for 20 s", () => {
  it("pauses, takes its lease back and delivers the job once", async () => {
    const { api, botApi, queue, seed, redis, admin } = rig;
    worker = startWorkerProcess({
      ...rig.workerEnv,
      TG_EMULATOR_LATENCY_MS: "80",
      TG_SESSIONS: SESSION,
      // Far shorter than the outage: the lease key expires while Redis is down.
      LEASE_TTL_MS: "6000",
      CHECKPOINT_EVERY_PAGES: "2",
    });
    const running = worker;
    const status = await api.sendMessage(seed.botApiChatId, "Queued, you are next.");
    const from = botApi.calls.length;
    const job = await queue.add(
      "stats",
      statsJob(seed, {}, status.message_id) as StatsJobData,
      STATS_JOB_OPTIONS,
    );
    await waitUntil(
      async () => {
        const fetched = (await queue.getJob(job.id!))?.data.checkpoint?.fetchedMessages ?? 0;
        return fetched >= 400 ? fetched : undefined;
      },
      60_000,
      "the worker to checkpoint 400 messages",
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; the worker's log:\n${tail(running)}`);
    });
    const downAtMs = Date.now();
    await redis.kill!();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await redis.restart!();
    const upAtMs = Date.now();
    const state = await waitUntil(
      async () => {
        if (running.child.exitCode !== null)
          throw new Error(`The worker exited (${running.child.exitCode}):\n${tail(running)}`);
        const now = await queue.getJob(job.id!).then((found) => found?.getState());
        return now === "completed" || now === "failed" ? now : undefined;
      },
      90_000,
      "the job to finish",
    );
    const log = tail(running);
    expect(state, log).toBe("completed");
    expect(running.child.exitCode, log).toBeNull();
    const finished = (await queue.getJob(job.id!))!;
    expect(finished.returnvalue.messages).toBe(rig.referenceMessages);

    // One delivery: the album (as many media groups as its charts need), one summary.
    const calls = botApi.calls
      .slice(from)
      .filter((call) => call.ok && call.chatId === seed.botApiChatId);
    const batches = expectedBatches(planReportCharts(rig.reference).length);
    expect(calls.filter((call) => call.method === "sendMediaGroup")).toHaveLength(
      batches.albums.length,
    );
    expect(calls.filter((call) => call.method === "sendMessage")).toHaveLength(1);

    // The lease paused during the outage and came back to the same holder; nobody else held it.
    const messages = logLines(running).map((line) => line.msg);
    expect(messages).toContain(
      "session lease not renewed; Telegram requests paused until Redis answers",
    );
    expect(messages).toContain("session lease taken back; Telegram requests resume");
    const events = await leaseEvents();
    const holder = events[0]!.holder;
    const kinds = events.map((event) => event.event);
    // Acquired once, then paused and resumed in turns (a busy machine may add a pause), ending held.
    expect(kinds).toEqual([
      "acquired",
      ...kinds.slice(1).map((_, index) => (index % 2 === 0 ? "paused" : "resumed")),
    ]);
    expect(kinds.at(-1)).toBe("resumed");
    const pausedInOutage = events.filter(
      (event) => event.event === "paused" && event.atMs > downAtMs && event.atMs < upAtMs,
    );
    expect(pausedInOutage).toHaveLength(1);
    expect(new Set(events.map((event) => event.holder))).toEqual(new Set([holder]));
    expect(await admin.get(`${redisKeys(PREFIX).lease}:${sessionFingerprint(SESSION)}`)).toBe(
      holder,
    );
    const opsPort = logLines(running).find((line) => typeof line.opsPort === "number")!.opsPort;
    const metrics = await (await fetch(`http://127.0.0.1:${String(opsPort)}/metrics`)).text();
    expect(metrics).toContain(
      `tgstats_account_lease_held{account="${sessionFingerprint(SESSION)}",service="worker"} 1`,
    );
  }, 240_000);
});
