import { afterEach, describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { HoldPhase } from "@tgstats/sandbox";
import { STATS_JOB_OPTIONS } from "@tgstats/bot";
import { useSeedChatRig } from "./helpers/seed-chat-rig.js";
import { statsJob } from "./helpers/worker-harness.js";
import {
  killWorkers,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
} from "./helpers/worker-process.js";

// A worker killed (SIGKILL) while a delivery request is out: the worker that takes the job
// over must not send that step again, and must say what may be missing.

const PREFIX = `tgstats-delivery-kill-${process.pid}`;
const MESSAGES = 300;
/** The user-facing notes, as en.ftl words them (written out here, not read from the code). */
const CHARTS_MAY_BE_MISSING =
  "Some charts above may be missing: sending was interrupted. Send /stats again for the full report.";
const SUMMARY_MAY_BE_MISSING =
  "The summary of this report may be missing: sending was interrupted. Send /stats again for the full report.";

const rig = useSeedChatRig({ prefix: PREFIX, messages: MESSAGES, spanDays: 20, people: 5 });
const workers: WorkerProcess[] = [];

afterEach(async () => {
  await killWorkers(workers);
});

function spawnWorker(): WorkerProcess {
  const worker = startWorkerProcess({
    ...rig.workerEnv,
    // The killed worker's job stalls and is taken over once its lock expires; the lock
    // must still outlast chart rendering on a busy machine (it blocks the event loop),
    // and a lock lost to a slow render anyway costs a stall, not the job.
    JOB_LOCK_MS: "15000",
    JOB_MAX_STALLS: "5",
  });
  workers.push(worker);
  return worker;
}

/**
 * Queues a stats job under a "Queued" status message, holds the first
 * `method` call of the delivery at `phase`, kills the worker with SIGKILL
 * while it waits for the answer, then lets a fresh worker finish the job.
 */
async function killDuring(method: string, phase: HoldPhase) {
  const { api, botApi, queue, seed } = rig;
  const status = await api.sendMessage(seed.botApiChatId, "Queued, you are next.");
  const from = botApi.calls.length;
  const held = botApi.hold(method, phase);
  const first = spawnWorker();
  const job = await queue.add("stats", statsJob(seed, {}, status.message_id) as StatsJobData, {
    ...STATS_JOB_OPTIONS,
    backoff: { type: "fixed", delay: 500 },
  });
  await held.reached;
  first.child.kill("SIGKILL");
  await first.exited;
  held.release();
  const second = spawnWorker();
  const state = await waitUntil(
    async () => {
      const now = await queue.getJob(job.id!).then((found) => found?.getState());
      return now === "completed" || now === "failed" ? now : undefined;
    },
    240_000,
    "the job to finish on the second worker",
  );
  const log = second.output().split("\n").slice(-20).join("\n");
  const finished = (await queue.getJob(job.id!))!;
  const calls = botApi.calls.slice(from).filter((call) => call.chatId === seed.botApiChatId);
  const applied = (name: string): number =>
    calls.filter((call) => call.method === name && call.ok).length;
  const shown = botApi
    .chatMessages(seed.botApiChatId)
    .filter((message) => message.messageId >= status.message_id);
  const photos = shown.filter((message) => message.kind === "photo");
  const documents = shown.filter((message) => message.kind === "document");
  const texts = shown.filter((message) => message.kind === "text");
  return { state, log, finished, applied, shown, photos, documents, texts, status };
}

describe("a worker killed during delivery", () => {
  it("does not send the album again when killed while Telegram's answer to it is out", async () => {
    const outcome = await killDuring("sendMediaGroup", "after");
    const { state, log, finished, applied, photos, documents, texts, status } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    // The page comes after the album: the second worker sends it, once.
    expect(applied("sendDocument"), log).toBe(1);
    expect(documents).toHaveLength(1);
    expect(new Set(photos.map((photo) => photo.mediaGroupId)).size).toBe(1);
    // The only text is the summary: the status message is deleted as usual.
    expect(texts.map((text) => text.messageId)).not.toContain(status.message_id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toContain(`Messages: ${rig.referenceMessages}`);
    expect(texts[0]!.text!.endsWith(`\n\n${CHARTS_MAY_BE_MISSING}`)).toBe(true);
    // Only what is known to be sent: the album's fate is unknown to the second worker.
    expect(finished.returnvalue.deliveredMessageIds).toEqual([
      documents[0]!.messageId,
      texts[0]!.messageId,
    ]);
  }, 300_000);

  it("leaves the album out, with a note, when the killed worker's album never reached Telegram", async () => {
    const { state, log, applied, photos, texts } = await killDuring("sendMediaGroup", "before");
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(0);
    expect(photos).toEqual([]);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text!.endsWith(`\n\n${CHARTS_MAY_BE_MISSING}`)).toBe(true);
  }, 300_000);

  it("does not send the summary again, and says in the status message it may be missing", async () => {
    const outcome = await killDuring("sendMessage", "after");
    const { state, log, finished, applied, photos, documents, texts, status } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    expect(applied("sendMessage"), log).toBe(1);
    expect(new Set(photos.map((photo) => photo.mediaGroupId)).size).toBe(1);
    // The summary (sent before anything was uncertain, so without a note) and the status message.
    expect(texts.map((text) => text.messageId)).toEqual([status.message_id, texts[1]!.messageId]);
    expect(texts[0]!.text).toBe(SUMMARY_MAY_BE_MISSING);
    expect(texts[1]!.text).toContain(`Messages: ${rig.referenceMessages}`);
    expect(texts[1]!.text).not.toContain("interrupted");
    expect(finished.returnvalue.deliveredMessageIds).toEqual(
      [...photos, ...documents].map((message) => message.messageId),
    );
  }, 300_000);

  it("does not send the page again when killed while Telegram's answer to it is out", async () => {
    const outcome = await killDuring("sendDocument", "after");
    const { state, log, finished, applied, photos, documents, texts } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    expect(applied("sendDocument"), log).toBe(1);
    expect(documents).toHaveLength(1);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text!.endsWith(`\n\n${CHARTS_MAY_BE_MISSING}`)).toBe(true);
    // The page's fate is unknown to the second worker: the album and the summary only.
    expect(finished.returnvalue.deliveredMessageIds).toEqual(
      [...photos, ...texts].map((message) => message.messageId),
    );
  }, 300_000);

  it("deletes the status message again (harmless) and sends nothing twice when killed there", async () => {
    const outcome = await killDuring("deleteMessage", "after");
    const { state, log, finished, applied, shown, photos, documents, texts, status } = outcome;
    expect(state, log).toBe("completed");
    expect(applied("sendMediaGroup"), log).toBe(1);
    expect(applied("sendMessage"), log).toBe(1);
    expect(shown.map((message) => message.messageId)).not.toContain(status.message_id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).not.toContain("interrupted");
    expect(finished.returnvalue.deliveredMessageIds).toEqual(
      [...photos, ...documents, ...texts].map((message) => message.messageId),
    );
  }, 300_000);
});
