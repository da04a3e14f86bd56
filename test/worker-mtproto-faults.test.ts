/**
 * The stats job when Telegram is not kind: a connection lost mid-read, a
 * network that stays down, an auth key the server forgot, and the refusals
 * that no retry can change. Real processor, real BullMQ and Redis, the
 * emulator and the fake Bot API.
 */
import { describe, expect, it } from "vitest";
import type { StatsJobData, StatsJobInput } from "@tgstats/platform";
import {
  reportFromExport,
  runJob,
  useWorkerRig,
  statsJob,
  writeSeedExport,
  type WorkerHarness,
} from "./helpers/worker-harness.js";

/** Short, so the tests do not wait; an answer of the emulator takes a few ms. */
const TIMEOUT_MS = 500;

const rig = useWorkerRig(() => writeSeedExport({ messages: 600, spanDays: 60, people: 6 }));

/** Successful Bot API calls whose text is exactly `text`. */
function told(h: WorkerHarness, text: string): number {
  return h.botApi.calls.filter((call) => call.ok && call.text === text).length;
}

/** Adds a job with `attempts` and waits for it to fail; returns the failure message and attempts made. */
async function failJob(
  h: WorkerHarness,
  data: StatsJobInput,
  attempts: number,
): Promise<{ message: string; attemptsMade: number }> {
  const job = await h.queue.add("stats", data as StatsJobData, { attempts });
  const message = await job.waitUntilFinished(h.events, 60_000).then(
    () => "completed",
    (error: unknown) => (error as Error).message,
  );
  const failed = await h.queue.getJob(job.id!);
  return { message, attemptsMade: failed?.attemptsMade ?? -1 };
}

describe("lost connections and forgotten keys", () => {
  it("sends the unanswered request again on a fresh connection and delivers the whole report once", async () => {
    const harness = await rig.start({ requestTimeoutMs: TIMEOUT_MS });
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    // Resolving and counting take a few requests; the connection drops among the history pages.
    harness.emulator.network.dropConnection({ afterRequests: 4 });
    const result = await runJob(harness, statsJob(rig.seed));
    expect(result.messages).toBe(reference.totals.messages);
    expect(harness.emulator.network.connections).toBe(2);
    expect(harness.emulator.network.unanswered).toBe(1);
    const albums = harness.botApi.calls.filter((c) => c.ok && c.method === "sendMediaGroup");
    expect(albums).toHaveLength(1);
  });

  it("fails clearly when Telegram stays unreachable: one message after the last attempt, no hang", async () => {
    const harness = await rig.start({ requestTimeoutMs: TIMEOUT_MS });
    harness.emulator.network.dropConnection({ afterRequests: 4, permanent: true });
    const outcome = await failJob(harness, statsJob(rig.seed), 2);
    expect(outcome.message).toBe(
      "Could not connect to Telegram after 1 attempt(s); check the network and try again.",
    );
    expect(outcome.attemptsMade).toBe(2);
    expect(
      told(
        harness,
        "Telegram did not answer the account that reads chats for this bot. Please try again in a few minutes.",
      ),
    ).toBe(1);
  });

  it("fails at once, tells the requester and stops the session when the server forgets the auth key", async () => {
    const harness = await rig.start({ requestTimeoutMs: 600_000 });
    harness.emulator.network.forgetAuthKey({ afterRequests: 4 });
    const outcome = await failJob(harness, statsJob(rig.seed), 3);
    expect(outcome.message).toContain("auth key (transport error -404)");
    expect(outcome.attemptsMade).toBe(1);
    expect(harness.sessionInvalidCalls).toBe(1);
    expect(
      told(
        harness,
        "The Telegram account that reads chats for this bot is logged out. The operator has to log it in again; please try later.",
      ),
    ).toBe(1);
  });
});

const NOT_MEMBER =
  "The account @tgstats_reader cannot read this chat. Add @tgstats_reader to the group, then ask again.";

describe("refusals no retry can change: one clear answer, one attempt", () => {
  const byRefusal: { error: string; answer: string }[] = [
    {
      error: "CHAT_ADMIN_REQUIRED",
      answer:
        "Telegram shows this chat's history only to its admins. Make @tgstats_reader an admin of the chat, then ask again.",
    },
    { error: "CHANNEL_PRIVATE", answer: NOT_MEMBER },
    { error: "CHANNEL_INVALID", answer: NOT_MEMBER },
    { error: "PEER_ID_INVALID", answer: NOT_MEMBER },
  ];
  for (const { error, answer } of byRefusal)
    it(`${error} from messages.GetHistory`, async () => {
      const harness = await rig.start();
      harness.emulator.refuse({ method: "messages.GetHistory", error });
      const outcome = await failJob(harness, statsJob(rig.seed), 3);
      expect(outcome.attemptsMade).toBe(1);
      expect(told(harness, answer)).toBe(1);
      expect(harness.emulator.requestCount("messages.GetHistory")).toBe(1);
    });

  const byUsername: { error: string; username: string }[] = [
    { error: "USERNAME_NOT_OCCUPIED", username: "nobody_here_yet" },
    // Valid for the bot's pattern, not for Telegram's: a username starts with a letter.
    { error: "USERNAME_INVALID", username: "1st_chat" },
  ];
  for (const { error, username } of byUsername)
    it(`${error} from contacts.ResolveUsername`, async () => {
      const harness = await rig.start();
      const data = { ...statsJob(rig.seed), target: { kind: "username" as const, username } };
      const outcome = await failJob(harness, data, 3);
      expect(outcome.message).toContain(`No public chat @${username} exists`);
      expect(outcome.attemptsMade).toBe(1);
      expect(
        told(
          harness,
          `No public chat @${username} exists. Check the username or the t.me link, then ask again.`,
        ),
      ).toBe(1);
      expect(harness.emulator.requestLog.at(-1)).toMatchObject({
        method: "contacts.ResolveUsername",
      });
    });
});
