import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatDirectory,
  redisKeys,
  accountQueueName,
  pickReader,
  statsJobDataSchema,
  type ReaderAccount,
  type StatsJobData,
  type StatsJobInput,
  type StatsJobResult,
} from "@tgstats/platform";
import type { BotApiChat } from "@tgstats/sandbox";
import {
  GROUP,
  OTHER_GROUP,
  alice,
  boris,
  carol,
  privateChat,
  sentTexts,
  useBotHarness,
} from "./helpers/bot-harness.js";

/** The harness's queue prefix, which the bot's producer also gives its chat directory. */
const PREFIX = "tgstats-test-routing";
/** Long enough that nothing published expires during a test. */
const TTL_MS = 600_000;

const PUBLIC_GROUP: BotApiChat = {
  id: -1001555000111,
  type: "supergroup",
  title: "Public",
  username: "publicgroup",
};

const READER_A: ReaderAccount = { id: 1001, username: "reader_a" };
const READER_B: ReaderAccount = { id: 1002, username: "reader_b" };
const UNNAMED: ReaderAccount = { id: 1003, username: null };
const ALL_ACCOUNTS = [READER_A, READER_B, UNNAMED];

const QUEUED_FIRST = "Queued, you are next. The results will appear in this chat.";
const QUEUED_ONE_AHEAD = "Queued, 1 request ahead of you. The results will appear in this chat.";
const NO_READER_AB =
  "None of the accounts that read chats for this bot is in this chat, and bots cannot read history. " +
  "Add @reader_a, @reader_b to the group (a member can invite it like anyone else); it is noticed within 10 min, then ask again.";
const NO_READER_UNNAMED =
  "None of the accounts that read chats for this bot is in this chat, and bots cannot read history. " +
  "Ask the bot's operator which account to add to the group, then ask again.";
const NO_READER_AB_RU =
  "Ни один из аккаунтов, которыми бот читает чаты, не состоит в этом чате, а боты историю читать не могут. " +
  "Добавьте @reader_a, @reader_b в группу (любой участник может пригласить его); это будет замечено в течение 10 мин, затем спросите снова.";
const NO_READER_UNNAMED_RU =
  "Ни один из аккаунтов, которыми бот читает чаты, не состоит в этом чате, а боты историю читать не могут. " +
  "Спросите у оператора бота, какой аккаунт добавить в группу, затем спросите снова.";

let directory: ChatDirectory;
const accountQueues = new Map<number, Queue<StatsJobInput, StatsJobResult>>();

// Reset before each test, including the account queues' keys and the directory: all under the prefix.
const harness = useBotHarness({
  name: "routing",
  env: { RATE_LIMIT_USER: "100/1m", RATE_LIMIT_CHAT: "100/1m" },
});

beforeAll(() => {
  harness.server.addChat(PUBLIC_GROUP);
  directory = new ChatDirectory(harness.connection, redisKeys(PREFIX).readers);
  for (const account of ALL_ACCOUNTS) {
    const queue = new Queue<StatsJobInput, StatsJobResult>(accountQueueName(account.id), {
      connection: harness.connection,
      prefix: PREFIX,
    });
    queue.on("error", () => undefined);
    accountQueues.set(account.id, queue);
  }
});

afterAll(async () => {
  for (const queue of accountQueues.values()) await queue.close();
});

/** Waiting jobs of one account's queue, parsed, oldest first. */
async function accountJobs(accountId: number): Promise<StatsJobData[]> {
  const queue = accountQueues.get(accountId)!;
  const jobs = await queue.getJobs(["wait"], 0, -1, true);
  return jobs.map((job) => statsJobDataSchema.parse(job.data));
}

/** Account id → number of waiting jobs, for every account of the tests. */
async function accountJobCounts(): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  for (const account of ALL_ACCOUNTS) counts[account.id] = (await accountJobs(account.id)).length;
  return counts;
}

describe("routing of /stats by what the accounts read", () => {
  it("uses the shared queue while no account publishes", async () => {
    const calls = await harness.send(GROUP, alice, "/stats 7d");
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    expect((await harness.jobs()).map((job) => job.target)).toEqual([
      { kind: "bot-chat", chatId: GROUP.id },
    ]);
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0 });
  });

  it("puts the job on the queue of the account that reads the group", async () => {
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    await directory.publish(READER_B, [OTHER_GROUP.id], TTL_MS);
    const calls = await harness.send(GROUP, alice, "/stats 7d");
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    const jobs = await accountJobs(READER_A.id);
    expect(jobs).toEqual([
      {
        schemaVersion: 1,
        requester: { userId: alice.id, languageCode: "en" },
        target: { kind: "bot-chat", chatId: GROUP.id },
        reply: {
          chatId: GROUP.id,
          statusMessageId: calls[0]!.messageIds[0]!,
          language: "en",
          htmlPage: true,
        },
        options: { timeZone: "UTC", fromDate: "2024-03-04", toDate: "2024-03-10", sender: null },
        checkpoint: null,
        fenceGeneration: null,
        delivered: null,
      },
    ]);
    expect(await harness.jobs()).toEqual([]);
    expect(await accountJobCounts()).toEqual({ 1001: 1, 1002: 0, 1003: 0 });
  });

  it("counts the jobs ahead on the account's queue and joins an identical job there", async () => {
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    expect(sentTexts(await harness.send(GROUP, alice, "/stats 7d"))).toEqual([QUEUED_FIRST]);
    expect(sentTexts(await harness.send(GROUP, carol, "/stats 30d"))).toEqual([QUEUED_ONE_AHEAD]);
    expect(sentTexts(await harness.send(GROUP, boris, "/stats 30d"))).toEqual([
      "Это уже считается; результаты появятся в этом чате.",
    ]);
    expect(await accountJobCounts()).toEqual({ 1001: 2, 1002: 0, 1003: 0 });
    expect(await harness.jobs()).toEqual([]);
  });

  it("sends a chat that two accounts read to the same one every time", async () => {
    await directory.publish(READER_A, [GROUP.id, OTHER_GROUP.id], TTL_MS);
    await directory.publish(READER_B, [GROUP.id, OTHER_GROUP.id], TTL_MS);
    await harness.send(GROUP, alice, "/stats 7d");
    const counts = await accountJobCounts();
    const chosen = counts[READER_A.id] === 1 ? READER_A.id : READER_B.id;
    expect(chosen).toBe(pickReader([READER_A, READER_B], GROUP.id)!.id);
    expect(counts).toEqual({ 1001: 0, 1002: 0, 1003: 0, [chosen]: 1 });

    // Another member, other options: still the same account.
    expect(sentTexts(await harness.send(GROUP, carol, "/stats 2024"))).toEqual([QUEUED_ONE_AHEAD]);
    expect((await accountJobs(chosen)).map((job) => job.requester.userId)).toEqual([
      alice.id,
      carol.id,
    ]);

    // From scratch, published in the other order: the same account again.
    await harness.reset();
    await directory.publish(READER_B, [GROUP.id], TTL_MS);
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    await harness.send(GROUP, carol, "/stats 30d");
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0, [chosen]: 1 });
    expect(await harness.jobs()).toEqual([]);
  });

  it("tells whom to add when accounts publish but none reads the group, enqueueing nothing", async () => {
    // Published out of id order, with an account without a username, which is not named.
    await directory.publish(READER_B, [GROUP.id], TTL_MS);
    await directory.publish(UNNAMED, [], TTL_MS);
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    const calls = await harness.send(OTHER_GROUP, alice, "/stats 7d");
    expect(calls.map((call) => [call.method, call.chatId, call.text])).toEqual([
      ["sendMessage", OTHER_GROUP.id, NO_READER_AB],
    ]);
    expect(await harness.jobs()).toEqual([]);
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0 });
  });

  it("asks to consult the operator when no account has a username", async () => {
    await directory.publish(UNNAMED, [GROUP.id], TTL_MS);
    const calls = await harness.send(OTHER_GROUP, alice, "/stats");
    expect(sentTexts(calls)).toEqual([NO_READER_UNNAMED]);
    expect(await harness.jobs()).toEqual([]);
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0 });
  });

  it("answers the no-reader case in Russian for a Russian user", async () => {
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    await directory.publish(READER_B, [], TTL_MS);
    expect(sentTexts(await harness.send(OTHER_GROUP, boris, "/stats"))).toEqual([NO_READER_AB_RU]);
    await directory.withdraw(READER_A.id);
    await directory.withdraw(READER_B.id);
    await directory.publish(UNNAMED, [GROUP.id], TTL_MS);
    expect(sentTexts(await harness.send(OTHER_GROUP, boris, "/stats"))).toEqual([
      NO_READER_UNNAMED_RU,
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("reads a public group no account is in by its @username, on the shared queue", async () => {
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    const calls = await harness.send(PUBLIC_GROUP, alice, "/stats 7d");
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    const jobs = await harness.jobs();
    expect(jobs.map((job) => [job.target, job.reply.chatId])).toEqual([
      [{ kind: "username", username: "publicgroup", chatId: PUBLIC_GROUP.id }, PUBLIC_GROUP.id],
    ]);
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0 });
  });

  it("sends a public group an account reads to that account, by id", async () => {
    await directory.publish(READER_B, [PUBLIC_GROUP.id], TTL_MS);
    await harness.send(PUBLIC_GROUP, alice, "/stats 7d");
    expect((await accountJobs(READER_B.id)).map((job) => job.target)).toEqual([
      { kind: "bot-chat", chatId: PUBLIC_GROUP.id },
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("routes a member's request from private chat like one from the group", async () => {
    harness.server.setChatMember(GROUP.id, alice.id, "member");
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    await directory.publish(READER_B, [OTHER_GROUP.id], TTL_MS);
    const calls = await harness.send(privateChat(alice), alice, `/stats ${GROUP.id}`);
    expect(calls.map((call) => call.method)).toEqual(["getChatMember", "sendMessage"]);
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    expect((await accountJobs(READER_A.id)).map((job) => [job.target, job.reply.chatId])).toEqual([
      [{ kind: "bot-chat", chatId: GROUP.id }, alice.id],
    ]);
    expect(await harness.jobs()).toEqual([]);
    expect(await accountJobCounts()).toEqual({ 1001: 1, 1002: 0, 1003: 0 });
  });

  it("tells a member in private chat whom to add when no account reads the group", async () => {
    harness.server.setChatMember(OTHER_GROUP.id, alice.id, "member");
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    await directory.publish(READER_B, [GROUP.id], TTL_MS);
    const calls = await harness.send(privateChat(alice), alice, `/stats ${OTHER_GROUP.id}`);
    expect(sentTexts(calls)).toEqual([NO_READER_AB]);
    expect(await harness.jobs()).toEqual([]);
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0 });
  });

  it("keeps public chats named by @username on the shared queue", async () => {
    await directory.publish(READER_A, [GROUP.id], TTL_MS);
    await harness.send(privateChat(carol), carol, "/stats @some_channel");
    expect((await harness.jobs()).map((job) => job.target)).toEqual([
      { kind: "username", username: "some_channel", chatId: -1003000000001 },
    ]);
    expect(await accountJobCounts()).toEqual({ 1001: 0, 1002: 0, 1003: 0 });
  });
});
