import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ChatFence,
  SPLIT_PART_JOB_NAME,
  STATS_JOB_SCHEMA_VERSION,
  type SplitPartJobData,
  type SplitPartJobInput,
  type SplitPartJobResult,
  redisKeys,
} from "@tgstats/platform";
import { MonthBuckets, type MonthBucketsJson } from "@tgstats/platform/month-buckets";
import { TermCounter, type Message } from "@tgstats/engine";
import type { FakeBotApi } from "@tgstats/sandbox";
import { createDeliveryApi } from "@tgstats/worker";
import { createSplitPartProcessor } from "@tgstats/worker";
import { SplitPartStore } from "@tgstats/worker";
import {
  TelegramEmulator,
  createEmulatedClient,
  emulatedChatsFromExport,
  type FloodPolicy,
} from "@tgstats/sandbox/telegram-emulator";
import {
  connectTelegramAccountWithClient,
  createRedisAccessHashStore,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import { readAll } from "./helpers/read-export.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  ACCOUNT,
  BOT_TOKEN,
  historyPages,
  startSeedBotApi,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";

const PREFIX = "tgstats-range-test";
const QUEUE = "history-range-test";
const COORDINATOR = "coordinator-1";
/** The part most cases read: ids (1000, 2500]. */
const MIN_ID = 1000;
const MAX_ID = 2500;

let redis: TestRedis;
let seed: SeedExport;
/** The seed chat's messages from the export reader, ascending ids: the reference. */
let seedMessages: Message[];
let setup: PartSetup | null = null;

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 4000, spanDays: 200, people: 15 });
  const [chat] = await readAll(seed.path);
  seedMessages = chat!.messages;
}, 60_000);

afterEach(async () => {
  await setup?.close();
  setup = null;
});

afterAll(async () => {
  await redis.stop();
});

/** One account's part worker on a queue of its own, against the emulator and the fake Bot API. */
interface PartSetup {
  emulator: TelegramEmulator;
  account: TelegramAccount;
  botApi: FakeBotApi;
  api: ReturnType<typeof createDeliveryApi>;
  parts: SplitPartStore;
  queue: Queue<SplitPartJobData, SplitPartJobResult>;
  events: QueueEvents;
  sessionInvalidCalls: number;
  close(): Promise<void>;
}

async function startPartWorker(
  options: { floodPolicy?: FloodPolicy; accountIsMember?: boolean } = {},
): Promise<PartSetup> {
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  await client.flushall();
  const emulator = new TelegramEmulator({
    account: ACCOUNT,
    chats: await emulatedChatsFromExport(seed.path, {
      accountIsMember: options.accountIsMember ?? true,
    }),
    floodPolicy: options.floodPolicy,
  });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createRedisAccessHashStore(client, redisKeys(PREFIX).accessHash),
    // Every FLOOD_WAIT is "long": it delays the job instead of sleeping.
    floodSleepThresholdSeconds: 0,
  });
  const botApi = await startSeedBotApi(seed);
  const api = createDeliveryApi(BOT_TOKEN, { apiRoot: botApi.apiRoot });
  const parts = new SplitPartStore(client, redisKeys(PREFIX).split);
  const connection = { url: redis.url, maxRetriesPerRequest: null };
  const queue = new Queue<SplitPartJobData, SplitPartJobResult>(QUEUE, {
    connection,
    prefix: PREFIX,
  });
  const events = new QueueEvents(QUEUE, { connection, prefix: PREFIX });
  await events.waitUntilReady();
  const result: PartSetup = {
    emulator,
    account,
    botApi,
    api,
    parts,
    queue,
    events,
    sessionInvalidCalls: 0,
    async close() {
      await worker.close();
      await events.close();
      await queue.close();
      await account.destroy();
      await botApi.close();
      client.disconnect();
    },
  };
  const processor = createSplitPartProcessor({
    account,
    parts,
    fence: new ChatFence(client, redisKeys(PREFIX).forget),
    api,
    logger: pino({ level: "silent" }),
    // Far more than a part's pages: the only checkpoints are the ones a flood wait saves.
    checkpointEveryPages: 1000,
    onSessionInvalid: () => {
      result.sessionInvalidCalls++;
    },
  });
  const worker = new Worker<SplitPartJobData, SplitPartJobResult>(QUEUE, processor, {
    connection,
    prefix: PREFIX,
  });
  return result;
}

/** Job data of part `index` of 3 of the seed chat, ids (MIN_ID, MAX_ID]. */
function partJob(index: number, statusMessageId: number | null = null): SplitPartJobInput {
  return {
    schemaVersion: STATS_JOB_SCHEMA_VERSION,
    target: { kind: "bot-chat", chatId: seed.botApiChatId },
    timeZone: "UTC",
    minId: MIN_ID,
    maxId: MAX_ID,
    part: { index, count: 3 },
    coordinatorJobId: COORDINATOR,
    totalMessages: seedMessages.length,
    reply: { chatId: seed.botApiChatId, statusMessageId, language: "en" },
  };
}

/** Ids of the seed messages in `(minId, maxId]`, newest first. */
function idsInRange(minId: number, maxId: number): number[] {
  return seedMessages
    .filter((message) => message.id > minId && message.id <= maxId)
    .map((message) => message.id)
    .sort((a, b) => b - a);
}

/** The export's messages in `(minId, maxId]` folded by month, as Redis gives it back (JSON). */
function referenceFold(minId: number, maxId: number): MonthBucketsJson {
  const fold = new MonthBuckets("UTC");
  for (const message of seedMessages)
    if (message.id > minId && message.id <= maxId) fold.add(message);
  return JSON.parse(JSON.stringify(fold.toJSON())) as MonthBucketsJson;
}

/**
 * The fold with each month's members part reduced to what does not depend on
 * member ids: the export names members added by someone else (and a link's
 * inviter) by display name only, where MTProto gives their ids, so inviters
 * and pending joins are keyed differently; the days, counts and titles agree.
 */
function comparable(fold: MonthBucketsJson | null): unknown {
  if (fold === null) return null;
  const months = Object.entries(fold.months).map(
    ([month, { state, ...rest }]): [string, unknown] => {
      const { joinsDaily, leavesDaily, leftOnTheirOwn, titles } = state.membership;
      return [
        month,
        {
          ...rest,
          state: { ...state, membership: { joinsDaily, leavesDaily, leftOnTheirOwn, titles } },
        },
      ];
    },
  );
  return { ...fold, months: Object.fromEntries(months) };
}

/**
 * A fold stored after a resume: the resumed walk cut the rare words of its
 * checkpoint, so words may be lower than in one uninterrupted fold, but each
 * count only within the bound it states; every other part is equal.
 */
function expectWithinRestBound(stored: MonthBucketsJson, minId: number, maxId: number): void {
  const reference = referenceFold(minId, maxId);
  const truth = new MonthBuckets("UTC");
  for (const message of seedMessages)
    if (message.id > minId && message.id <= maxId) truth.add(message);
  expect(Object.keys(stored.months).sort()).toEqual(Object.keys(reference.months).sort());
  for (const [month, state] of truth.states()) {
    const comparableStored = comparable(stored) as MonthBucketsJson;
    const comparableReference = comparable(reference) as MonthBucketsJson;
    const { words, content, ...others } = comparableStored.months[month]!.state;
    const referenceState = comparableReference.months[month]!.state;
    expect({ ...others, words: null }).toEqual({
      ...referenceState,
      words: null,
      content: undefined,
    });
    // Hashtags follow the words' rule: a resumed walk stored its checkpoint's, cut at 3 messages.
    expect({ ...content, hashtags: null }).toEqual({ ...referenceState.content, hashtags: null });
    const trueTags = new Map(state.content.hashtags);
    for (const [tag, count] of Object.entries(content.hashtags))
      expect({ tag, within: count >= 3 && count <= (trueTags.get(tag) ?? 0) }).toEqual({
        tag,
        within: true,
      });
    expect(stored.months[month]!.ids).toEqual(reference.months[month]!.ids);
    for (const kind of ["words", "bigrams"] as const) {
      const kept = TermCounter.fromJSON(words[kind]);
      const counts = new Map(kept.top(Infinity).map(({ term, count }) => [term, count]));
      for (const [term] of counts) expect(kept.messagesOf(term)).toBeGreaterThanOrEqual(3);
      for (const { term, count } of state.words[kind].top(Infinity)) {
        const low = count - (counts.get(term) ?? 0);
        expect({ term, low: low >= 0 && low <= kept.errorBound }).toEqual({ term, low: true });
      }
    }
  }
}

/**
 * The offset of each page of 100 reading `(minId, maxId]` newest first: maxId + 1,
 * then the oldest id of the page before; a full last page is followed by an empty one.
 */
function expectedOffsets(minId: number, maxId: number): number[] {
  const ids = idsInRange(minId, maxId);
  const offsets = [maxId + 1];
  for (let taken = 100; taken <= ids.length; taken += 100) offsets.push(ids[taken - 1]!);
  return offsets;
}

/** Offsets of the history page requests, in order. */
function requestedOffsets(emulator: TelegramEmulator): number[] {
  return historyPages(emulator).map((page) => Number(page.offsetId));
}

describe("a part of a split history read", () => {
  it("reads only its id range, stores the same fold as the export's messages and returns its figures", async () => {
    setup = await startPartWorker();
    const inRange = idsInRange(MIN_ID, MAX_ID);
    const offsets = expectedOffsets(MIN_ID, MAX_ID);
    expect(inRange.length).toBeGreaterThan(1000); // the seed really covers the range
    // Service messages count as fetched too: the range has some.
    const service = seedMessages.filter(
      (message) => message.id > MIN_ID && message.id <= MAX_ID && message.kind === "service",
    );
    expect(service.length).toBeGreaterThan(0);

    const job = await setup.queue.add(SPLIT_PART_JOB_NAME, partJob(1) as SplitPartJobData);
    const result = await job.waitUntilFinished(setup.events, 60_000);

    expect(result).toEqual({
      schemaVersion: STATS_JOB_SCHEMA_VERSION,
      part: 1,
      accountId: ACCOUNT.id,
      fetchedMessages: inRange.length,
      historyRequests: offsets.length,
    });
    expect(comparable(await setup.parts.load(COORDINATOR, 1))).toEqual(
      comparable(referenceFold(MIN_ID, MAX_ID)),
    );
    expect(await setup.parts.addFetched(COORDINATOR, 0)).toBe(inRange.length);
    const getHistory = setup.emulator.requestLog.filter((r) => r.method === "messages.GetHistory");
    expect(getHistory.map((request) => Number(request.params.minId))).toEqual(
      offsets.map(() => MIN_ID),
    );
    expect(getHistory.map((request) => Number(request.params.maxId))).toEqual(offsets.map(() => 0));
    expect(requestedOffsets(setup.emulator)).toEqual(offsets);
    expect(offsets[0]).toBe(MAX_ID + 1);
    expect(setup.sessionInvalidCalls).toBe(0);
  });

  it("turns a long FLOOD_WAIT into a delay and resumes from its checkpoint without reading a page twice", async () => {
    // 4 pages a second: every 5th request is refused with FLOOD_WAIT_1, longer than the threshold 0.
    setup = await startPartWorker({
      floodPolicy: { "messages.GetHistory": { requests: 4, perSeconds: 1 } },
    });
    const inRange = idsInRange(MIN_ID, MAX_ID);
    const offsets = expectedOffsets(MIN_ID, MAX_ID);
    const job = await setup.queue.add(SPLIT_PART_JOB_NAME, partJob(0) as SplitPartJobData);
    let delayed = 0;
    setup.events.on("delayed", ({ jobId }) => {
      if (jobId === job.id) delayed++;
    });
    const result = await job.waitUntilFinished(setup.events, 90_000);

    expect(delayed).toBeGreaterThan(0);
    expect(result.fetchedMessages).toBe(inRange.length);
    expect(result.historyRequests).toBe(offsets.length);
    expectWithinRestBound((await setup.parts.load(COORDINATOR, 0))!, MIN_ID, MAX_ID);
    // The shared counter saw every message once, across the attempts.
    expect(await setup.parts.addFetched(COORDINATOR, 0)).toBe(inRange.length);
    // A refused request is repeated once with the same offset; every other page is read once.
    const requested = requestedOffsets(setup.emulator);
    expect(requested.filter((offset, i) => i === 0 || offset !== requested[i - 1])).toEqual(
      offsets,
    );
    expect(requested).toHaveLength(offsets.length + delayed);

    // The last checkpoint (the last flood wait's) is exactly the pages read before it.
    const checkpoint = (await setup.queue.getJob(job.id!))?.data.checkpoint;
    expect(checkpoint).not.toBeNull();
    const page = offsets.indexOf(checkpoint!.offsetId);
    expect(page).toBeGreaterThan(0);
    expect({ ...checkpoint, partial: null }).toEqual({
      offsetId: offsets[page],
      fetchedMessages: inRange.filter((id) => id >= checkpoint!.offsetId).length,
      historyRequests: page,
      partial: null,
    });
    expectWithinRestBound(
      checkpoint!.partial as MonthBucketsJson,
      checkpoint!.offsetId - 1,
      MAX_ID,
    );
  }, 120_000);

  it("fails for good, without retries, when the account cannot read the chat", async () => {
    setup = await startPartWorker({ accountIsMember: false });
    const job = await setup.queue.add(SPLIT_PART_JOB_NAME, partJob(2) as SplitPartJobData, {
      attempts: 3,
    });
    await expect(job.waitUntilFinished(setup.events, 30_000)).rejects.toThrow(/@tgstats_reader/);
    const failed = await setup.queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1); // UnrecoverableError: no retries
    expect(await failed?.getState()).toBe("failed");
    expect(historyPages(setup.emulator)).toHaveLength(0);
    expect(await setup.parts.load(COORDINATOR, 2)).toBeNull();
    expect(await setup.parts.addFetched(COORDINATOR, 0)).toBe(0);
    expect(setup.sessionInvalidCalls).toBe(0);
  });

  it("fails for good, without reading a page, when its account joined with part of the range hidden", async () => {
    setup = await startPartWorker();
    const channel = { kind: "channel" as const, id: seed.chatId };
    setup.emulator.hideHistoryUpTo(channel, MIN_ID + 500);
    const job = await setup.queue.add(SPLIT_PART_JOB_NAME, partJob(2) as SplitPartJobData, {
      attempts: 3,
    });
    await expect(job.waitUntilFinished(setup.events, 30_000)).rejects.toThrow(
      `This account sees the chat only above message ${MIN_ID + 500}`,
    );
    expect((await setup.queue.getJob(job.id!))?.attemptsMade).toBe(1);
    expect(historyPages(setup.emulator)).toHaveLength(0);
    expect(await setup.parts.load(COORDINATOR, 2)).toBeNull();
  });

  it("reads its whole range when only messages below it are hidden from its account", async () => {
    setup = await startPartWorker();
    setup.emulator.hideHistoryUpTo({ kind: "channel", id: seed.chatId }, MIN_ID);
    const job = await setup.queue.add(SPLIT_PART_JOB_NAME, partJob(1) as SplitPartJobData);
    const result = await job.waitUntilFinished(setup.events, 60_000);
    expect(result.fetchedMessages).toBe(idsInRange(MIN_ID, MAX_ID).length);
    expect(comparable(await setup.parts.load(COORDINATOR, 1))).toEqual(
      comparable(referenceFold(MIN_ID, MAX_ID)),
    );
  }, 120_000);

  it("fails for good and reports the session when Telegram revokes it", async () => {
    setup = await startPartWorker();
    setup.emulator.revokeSession();
    const job = await setup.queue.add(SPLIT_PART_JOB_NAME, partJob(2) as SplitPartJobData, {
      attempts: 3,
    });
    await expect(job.waitUntilFinished(setup.events, 30_000)).rejects.toThrow(
      /AUTH_KEY_UNREGISTERED/,
    );
    expect((await setup.queue.getJob(job.id!))?.attemptsMade).toBe(1);
    expect(setup.sessionInvalidCalls).toBe(1);
    expect(await setup.parts.load(COORDINATOR, 2)).toBeNull();
  });

  it("edits the status message with the split's shared count", async () => {
    setup = await startPartWorker();
    const status = await setup.api.sendMessage(seed.botApiChatId, "Reading history…");
    // Another part already counted 1,200 messages of the split.
    const earlier = 1200;
    await setup.parts.addFetched(COORDINATOR, earlier);
    const inRange = idsInRange(MIN_ID, MAX_ID);
    const total = seedMessages.length;

    const job = await setup.queue.add(
      SPLIT_PART_JOB_NAME,
      partJob(1, status.message_id) as SplitPartJobData,
    );
    await job.waitUntilFinished(setup.events, 60_000);

    const edits = setup.botApi.calls.filter((call) => call.method === "editMessageText" && call.ok);
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) expect(edit.messageIds).toEqual([status.message_id]);
    // The first edit comes right after the first page of 100, before any rate (so no ETA).
    const numbers = new Intl.NumberFormat("en");
    const shown = earlier + 100;
    expect(edits[0]!.text).toBe(
      `Reading history: ${numbers.format(shown)} / ${numbers.format(total)} (${Math.floor((shown * 100) / total)}%)`,
    );
    // Later edits (if the interval let any through) count on, never past this part's end.
    const counts = edits.map((edit) => {
      const match = /^Reading history: ([\d,]+) \/ ([\d,]+) \(\d+%\)/.exec(edit.text ?? "");
      expect(match?.[2]).toBe(numbers.format(total));
      return Number(match![1]!.replaceAll(",", ""));
    });
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBeLessThanOrEqual(earlier + inRange.length);
    // Edited in place: the part sent nothing new.
    expect(setup.botApi.calls.filter((call) => call.method === "sendMessage")).toHaveLength(1);
    expect(await setup.parts.addFetched(COORDINATOR, 0)).toBe(earlier + inRange.length);
  });
});
