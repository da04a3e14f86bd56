/**
 * A worker killed (SIGKILL) while a delivery request is out, for the test
 * files that check the worker taking the job over sends nothing twice and
 * says what may be missing. Split over two files so they run side by side.
 */
import { afterEach } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { HoldPhase } from "@tgstats/sandbox";
import { STATS_JOB_OPTIONS } from "@tgstats/bot";
import { useSeedChatRig } from "./seed-chat-rig.js";
import { statsJob } from "./worker-harness.js";
import {
  killWorkers,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
} from "./worker-process.js";

const MESSAGES = 300;
/** The user-facing notes, as en.ftl words them (written out here, not read from the code). */
export const CHARTS_MAY_BE_MISSING =
  "Some charts above may be missing: sending was interrupted. Send /stats again for the full report.";
export const SUMMARY_MAY_BE_MISSING =
  "The summary of this report may be missing: sending was interrupted. Send /stats again for the full report.";

/**
 * A seed chat, its Redis, queue and fake Bot API for one test file (keys
 * under `prefix`), the worker processes it starts (with `extraEnv`, and
 * killed after each test), and {@link killDuring} over them; call at the
 * file's top level.
 */
export function useDeliveryKillRig(prefix: string, extraEnv: Record<string, string> = {}) {
  const rig = useSeedChatRig({ prefix, messages: MESSAGES, spanDays: 20, people: 5 });
  const workers: WorkerProcess[] = [];

  afterEach(async () => {
    await killWorkers(workers);
  });

  function spawnWorker(): WorkerProcess {
    const worker = startWorkerProcess({
      ...rig.workerEnv,
      ...extraEnv,
      // The killed worker's job stalls and is taken over once its lock expires (a short lock:
      // a shorter wait); renewed every 4 s, it still outlasts one chart's render on a busy
      // machine (each blocks the event loop), and a lock lost anyway costs a stall, not the job.
      JOB_LOCK_MS: "8000",
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
  return { rig, killDuring, spawnWorker };
}
