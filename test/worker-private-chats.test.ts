/**
 * The worker reports groups, supergroups and channels only: a job naming the
 * reader account, its Saved Messages, a person or a bot fails at once with a
 * plain answer, whatever its data says (a job added by hand, an old bot).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createMessage, type ChatInfo } from "@tgstats/engine";
import type { StatsJobData, StatsTarget } from "@tgstats/platform";
import type { EmulatedChat } from "@tgstats/sandbox/telegram-emulator";
import {
  ACCOUNT,
  KEYS,
  statsJob,
  writeSeedExport,
  useWorkerHarness,
} from "./helpers/worker-harness.js";

/** A stranger's private chat with the bot, where the answers go. */
const STRANGER_CHAT_ID = 5555;
const OWNER_ID = 6666;
const OVERVIEW_REFUSAL =
  "The overview of the reading account's chats is only for the bot's owners, in their private chat with the bot.";
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

/** A stats job asked by the stranger, answered in their private chat. */
function refusedJob(target: StatsTarget, language: "en" | "ru" = "en"): StatsJobData {
  return {
    ...statsJob(harness.seed),
    target,
    reply: { chatId: STRANGER_CHAT_ID, statusMessageId: null, language, htmlPage: true },
    checkpoint: null,
    fenceGeneration: null,
    delivered: null,
  };
}

const harness = useWorkerHarness(
  () => writeSeedExport({ messages: 200, spanDays: 10, people: 3 }),
  {
    extraChats: [privateDialog(SAVED, null), privateDialog(ALICE, "alice")],
    usernameLookupsPerHour: 3,
    ownerIds: [OWNER_ID],
  },
);

beforeAll(() => {
  harness.botApi.addChat({ id: OWNER_ID, type: "private", first_name: "Owner" });
  harness.botApi.addChat({ id: STRANGER_CHAT_ID, type: "private", first_name: "Stranger" });
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
      const job = await harness.queue.add("stats", refusedJob(target, language), { attempts: 3 });
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

describe("the account overview", () => {
  function overviewJob(userId: number, chatId: number): StatsJobData {
    return {
      ...refusedJob({ kind: "account-overview" }),
      requester: { userId, languageCode: null },
      reply: { chatId, statusMessageId: null, language: "en", htmlPage: true },
    };
  }

  it.each([
    ["a stranger, in their own chat", STRANGER_CHAT_ID, STRANGER_CHAT_ID],
    ["an owner, answered in another chat", OWNER_ID, STRANGER_CHAT_ID],
  ])("asked by %s, lists nothing and is refused", async (_who, userId, chatId) => {
    const before = harness.botApi.calls.length;
    const dialogsBefore = harness.emulator.requestCount("messages.GetDialogs");
    const job = await harness.queue.add("stats", overviewJob(userId, chatId), { attempts: 3 });
    await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(/for owners/);
    expect((await harness.queue.getJob(job.id!))?.attemptsMade).toBe(1);
    const calls = harness.botApi.calls.slice(before).filter((call) => call.ok);
    expect(calls.map((call) => [call.method, call.chatId, call.text])).toEqual([
      ["sendMessage", chatId, OVERVIEW_REFUSAL],
    ]);
    expect(harness.emulator.requestCount("messages.GetDialogs")).toBe(dialogsBefore);
  });

  it("is refused once on a job's last attempt, not followed by a generic failure", async () => {
    const before = harness.botApi.calls.length;
    const job = await harness.queue.add("stats", overviewJob(STRANGER_CHAT_ID, STRANGER_CHAT_ID), {
      attempts: 1,
    });
    await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(/for owners/);
    const calls = harness.botApi.calls.slice(before).filter((call) => call.ok);
    expect(calls.map((call) => [call.method, call.chatId, call.text])).toEqual([
      ["sendMessage", STRANGER_CHAT_ID, OVERVIEW_REFUSAL],
    ]);
  });

  it("is answered to an owner in their private chat: the list, then the pulse's two charts", async () => {
    // Five new messages with Alice on the 15th of this month and of the one before (UTC),
    // so her chat is alive and the heat strip has a row to draw.
    const now = new Date();
    const fifteenth = (monthsBack: number) =>
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 15, 12) / 1000;
    harness.emulator.addMessages(
      ALICE.id,
      [fifteenth(1), fifteenth(1), fifteenth(0), fifteenth(0), fifteenth(0)].map((dateUnix, i) =>
        createMessage({
          id: 31 + i,
          dateUnix: dateUnix + i,
          sender: { kind: "user", id: ALICE.id, name: "Alice" },
        }),
      ),
    );
    const requestsBefore = harness.emulator.requestLog.length;
    const before = harness.botApi.calls.length;
    const job = await harness.queue.add("stats", overviewJob(OWNER_ID, OWNER_ID));
    await job.waitUntilFinished(harness.events, 30_000);
    const sent = harness.botApi.chatMessages(OWNER_ID).map((message) => message.text);
    expect(sent[0]).toMatch(/^Chats by number of messages\n1\. /);
    // Alice's chat: the 30 old messages and the 5 new ones.
    expect(sent[0]).toContain("Alice — 35");
    const calls = harness.botApi.calls.slice(before).filter((call) => call.ok);
    // The progress of counting, replaced by the list, then the charts.
    expect(calls.map((call) => [call.method, call.files.length])).toEqual([
      ["sendMessage", 0],
      ["editMessageText", 0],
      ["sendMediaGroup", 2],
    ]);
    expect(calls[0]?.text).toBe("Counting messages per month in chats: 1 / 3");
    const requests = harness.emulator.requestLog.slice(requestsBefore);
    const aliceHistories = requests.filter(
      (entry) => entry.method === "messages.GetHistory" && entry.params.peer === `user${ALICE.id}`,
    );
    // Alice wrote this month, 5 messages in the 24 months: the oldest month start's position
    // and one page of them (cheaper than 23 more positions and a search per month).
    expect(aliceHistories).toHaveLength(2);
    // The Saved Messages and the seed group wrote nothing in the last 24 months: their total alone.
    expect(requests.filter((entry) => entry.method === "messages.GetHistory")).toHaveLength(4);
    expect(requests.filter((entry) => entry.method === "messages.Search")).toHaveLength(0);

    // Asked again after one more message from Alice: only her running month is asked again.
    harness.emulator.addMessages(ALICE.id, [
      createMessage({
        id: 36,
        dateUnix: fifteenth(0) + 10,
        sender: { kind: "user", id: ALICE.id, name: "Alice" },
      }),
    ]);
    const repeatFrom = harness.emulator.requestLog.length;
    const again = await harness.queue.add("stats", overviewJob(OWNER_ID, OWNER_ID));
    await again.waitUntilFinished(harness.events, 30_000);
    const repeat = harness.emulator.requestLog.slice(repeatFrom);
    // Her running month: its start's position and a page.
    expect(repeat.map((entry) => [entry.method, entry.params.peer])).toEqual([
      ["messages.GetDialogs", undefined],
      ["messages.GetHistory", `user${ALICE.id}`],
      ["messages.GetHistory", `user${ALICE.id}`],
    ]);
  });
});

describe("username lookups of the reader account", () => {
  it("past the budget, a job waits (delayed) and says so, without asking Telegram", async () => {
    // A fresh budget of three lookups an hour, spent on names that are no chat.
    await harness.redis.del(`${KEYS.usernameLookups}:${ACCOUNT.id}`);
    for (const username of ["no_such_chat_1", "no_such_chat_2", "no_such_chat_3"]) {
      const job = await harness.queue.add("stats", refusedJob({ kind: "username", username }));
      await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(
        `No public chat @${username} exists`,
      );
    }
    const lookups = harness.emulator.requestCount("contacts.ResolveUsername");
    const before = harness.botApi.calls.length;
    const delayed = new Promise<{ jobId: string; delay: number }>((resolve) =>
      harness.events.once("delayed", resolve),
    );
    const job = await harness.queue.add(
      "stats",
      refusedJob({ kind: "username", username: "no_such_chat_4" }),
    );
    // Whichever comes first: delayed, or (without the budget) finished.
    const outcome = await Promise.race([
      delayed.then(({ jobId }) => `delayed ${jobId}`),
      job.waitUntilFinished(harness.events, 30_000).then(
        () => "completed",
        (error: unknown) => `failed: ${String(error)}`,
      ),
    ]);
    expect(outcome).toBe(`delayed ${job.id}`);
    expect(await job.getState()).toBe("delayed");
    expect(harness.emulator.requestCount("contacts.ResolveUsername")).toBe(lookups);
    const notice = harness.botApi.calls.slice(before).find((call) => call.ok)?.text ?? "";
    expect(notice).toMatch(
      /^Too many chat names were looked up recently; continuing in (59|60) min, at \d\d:\d\d \(UTC\)\.$/,
    );
    // A name looked up before is still answered, from the cache.
    const again = await harness.queue.add(
      "stats",
      refusedJob({ kind: "username", username: "no_such_chat_1" }),
    );
    await expect(again.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(
      "No public chat @no_such_chat_1 exists",
    );
    expect(harness.emulator.requestCount("contacts.ResolveUsername")).toBe(lookups);
    await job.remove();
  });
});
