/**
 * The worker reports groups, supergroups and channels only: a job naming the
 * reader account, its Saved Messages, a person or a bot fails at once with a
 * plain answer, whatever its data says (a job added by hand, an old bot).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessage, type ChatInfo, type StatsJobData } from "@tgstats/shared";
import type { EmulatedChat } from "../apps/worker/src/mtproto/index.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  ACCOUNT,
  startWorkerHarness,
  statsJob,
  writeSeedExport,
  type SeedExport,
  type WorkerHarness,
} from "./helpers/worker-harness.js";

/** A stranger's private chat with the bot, where the answers go. */
const STRANGER_CHAT_ID = 5555;
const SAVED: ChatInfo = { kind: "user", id: ACCOUNT.id, name: null, type: "saved_messages" };
const ALICE: ChatInfo = { kind: "user", id: 700_123, name: "Alice", type: "personal_chat" };
const CANARY = "canary-zebra-quartz";

const REFUSAL_EN =
  "Statistics are made only for groups, supergroups and channels; this is a private chat with a person or a bot, so nothing was read. Ask for a group or a channel.";
const REFUSAL_RU =
  "Статистика бывает только у групп, супергрупп и каналов; это личный чат с человеком или ботом, поэтому ничего не прочитано. Спросите про группу или канал.";

/** A private dialog of the account, holding one-off words that must never reach anyone. */
function privateDialog(info: ChatInfo, username: string | null): EmulatedChat {
  return {
    info,
    username,
    accessHash: 991n,
    accountIsMember: true,
    messages: Array.from({ length: 30 }, (_, i) =>
      createMessage({
        id: i + 1,
        dateUnix: 1_700_000_000 + i * 60,
        sender: { kind: "user", id: ACCOUNT.id, name: "Reader" },
        text: `${CANARY} note ${i}`,
      }),
    ),
  };
}

let redis: TestRedis;
let seed: SeedExport;
let harness: WorkerHarness;

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 200, spanDays: 10, people: 3 });
  harness = await startWorkerHarness({
    redis,
    seed,
    extraChats: [privateDialog(SAVED, null), privateDialog(ALICE, "alice")],
  });
  harness.botApi.addChat({ id: STRANGER_CHAT_ID, type: "private", first_name: "Stranger" });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await redis.stop();
});

describe("the worker refuses private chats of the reader account", () => {
  it.each([
    ["its own @username (Saved Messages)", { kind: "username", username: ACCOUNT.username }, "en"],
    ["its Saved Messages by id", { kind: "bot-chat", chatId: ACCOUNT.id }, "en"],
    ["a person by @username", { kind: "username", username: "alice" }, "ru"],
    ["a person by id", { kind: "bot-chat", chatId: ALICE.id }, "en"],
  ] as const)(
    "a job naming %s fails once, tells the requester why, and reads nothing",
    async (_what, target, language) => {
      const before = harness.botApi.calls.length;
      const historyBefore = harness.emulator.requestCount("messages.GetHistory");
      const data: StatsJobData = {
        ...(statsJob(seed) as StatsJobData),
        target,
        reply: { chatId: STRANGER_CHAT_ID, statusMessageId: null, language },
        checkpoint: null,
        delivered: null,
      };
      const job = await harness.queue.add("stats", data, { attempts: 3 });
      await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(
        /is not a group or a channel/,
      );
      expect((await harness.queue.getJob(job.id!))?.attemptsMade).toBe(1);
      const calls = harness.botApi.calls.slice(before).filter((call) => call.ok);
      expect(calls.map((call) => [call.method, call.chatId, call.text])).toEqual([
        ["sendMessage", STRANGER_CHAT_ID, language === "ru" ? REFUSAL_RU : REFUSAL_EN],
      ]);
      expect(harness.emulator.requestCount("messages.GetHistory")).toBe(historyBefore);
      const keys = await harness.redis.keys("*");
      const values = await Promise.all(
        keys.map(async (key) =>
          (await harness.redis.type(key)) === "string" ? await harness.redis.get(key) : "",
        ),
      );
      expect(values.filter((value) => value?.includes(CANARY))).toEqual([]);
    },
  );
});
