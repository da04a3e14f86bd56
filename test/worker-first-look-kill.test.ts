import { describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { HoldPhase } from "@tgstats/sandbox";
import { STATS_JOB_OPTIONS } from "@tgstats/bot";
import { useDeliveryKillRig } from "./helpers/delivery-kill-rig.js";
import { statsJob } from "./helpers/worker-harness.js";
import { waitUntil } from "./helpers/worker-process.js";

// A worker process killed (SIGKILL) after the first look went out: the worker that takes the
// job over must not send it again. 300 messages at 1 page a minute is a 3-minute read: "large".

const { rig, spawnWorker } = useDeliveryKillRig(`tgstats-first-look-kill-${process.pid}`, {
  HISTORY_PAGES_PER_MINUTE: "1",
  FIRST_LOOK_AFTER_SECONDS: "60",
});

/**
 * Holds the first `method` call at `phase`, kills the worker while it waits, lets a fresh one
 * finish. Each test asks in its own time zone: the chat's cache is per zone, and a cached chat
 * gets no first look.
 */
async function killDuring(method: string, phase: HoldPhase, timeZone: string) {
  const { botApi, queue, seed } = rig;
  const from = botApi.calls.length;
  const held = botApi.hold(method, phase);
  const first = spawnWorker();
  const job = await queue.add("stats", statsJob(seed, { timeZone }) as StatsJobData, {
    ...STATS_JOB_OPTIONS,
    backoff: { type: "fixed", delay: 500 },
  });
  const heldCall = await held.reached;
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
  const calls = botApi.calls.slice(from).filter((call) => call.chatId === seed.botApiChatId);
  const looks = calls.filter(
    (call) => call.ok && call.method === "sendMessage" && (call.text?.startsWith("👀") ?? false),
  );
  return { state, log, calls, looks, heldCall };
}

describe("a worker killed after the first look", () => {
  it("does not send it again when killed while the report's album was out", async () => {
    const { state, log, calls, looks } = await killDuring("sendMediaGroup", "after", "UTC");
    expect(state, log).toBe("completed");
    expect(looks, log).toHaveLength(1);
    // Sent by the first worker, before its album.
    expect(calls.indexOf(looks[0]!)).toBeLessThan(
      calls.findIndex((call) => call.method === "sendMediaGroup"),
    );
  }, 300_000);

  it("does not send it again when killed while Telegram's answer to it was out", async () => {
    const { state, log, looks, heldCall } = await killDuring(
      "sendMessage",
      "after",
      "Europe/Berlin",
    );
    // The job's first message is the first look.
    expect(heldCall.text?.startsWith("👀")).toBe(true);
    expect(state, log).toBe("completed");
    expect(looks, log).toHaveLength(1);
  }, 300_000);
});
