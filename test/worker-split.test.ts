import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatCache,
  ChatDirectory,
  HISTORY_RANGE_JOB_NAME,
  accountQueueName,
  chatCacheScope,
  mergeReportStates,
  toReportJson,
  type ChatInfo,
  type HistoryRangeJobResult,
  type ReportJson,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/shared";
import { startFakeBotApi, type FakeBotApi } from "../apps/cli/src/sandbox/fake-bot-api/index.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  BOT_TOKEN,
  reportFromExport,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";
import { startWorkerFleet, type FleetAccount, type WorkerFleet } from "./helpers/worker-fleet.js";

const PREFIX = "tgstats-split-test";
const MESSAGES = 60_000;
const ACCOUNTS: FleetAccount[] = [{ id: 2001 }, { id: 2002 }, { id: 2003 }];

let redis: TestRedis;
let admin: Redis;
let seed: SeedExport;
let reference: ReportJson;
let botApi: FakeBotApi;
let fleet: WorkerFleet | null = null;

/** What one run of a stats job left behind. */
interface RunOutcome {
  result: StatsJobResult;
  /** The report made of the chat's cached months. */
  cachedReport: ReportJson;
  summary: string;
  albums: number;
  /** Parts of a split read, by the account that read them. */
  parts: HistoryRangeJobResult[];
}

/** Starts `accounts` as worker processes on an empty Redis, runs one stats job of the seed chat, and stops them. */
async function runWith(
  accounts: FleetAccount[],
  beforeJob: () => Promise<void> = async () => {},
): Promise<RunOutcome> {
  await admin.flushall();
  const connection = { url: redis.url, maxRetriesPerRequest: null };
  // The bot sends a private chat's job to the queue of an account that reads it: the first one here.
  const coordinatorQueue = accountQueueName(accounts[0]!.id);
  const queue = new Queue<StatsJobData, StatsJobResult>(coordinatorQueue, {
    connection,
    prefix: PREFIX,
  });
  const events = new QueueEvents(coordinatorQueue, { connection, prefix: PREFIX });
  const partQueues = accounts
    .slice(1)
    .map((account) => new Queue(accountQueueName(account.id), { connection, prefix: PREFIX }));
  try {
    await events.waitUntilReady();
    fleet = await startWorkerFleet({
      redisUrl: redis.url,
      botApiRoot: botApi.apiRoot,
      botToken: BOT_TOKEN,
      queuePrefix: PREFIX,
      exportPath: seed.path,
      accounts,
      env: { SPLIT_MIN_MESSAGES: "20000", CHECKPOINT_EVERY_PAGES: "50", LOG_LEVEL: "info" },
    });
    await beforeJob();
    const from = botApi.calls.length;
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    const result = await job.waitUntilFinished(events, 120_000);
    const calls = botApi.calls.slice(from).filter((call) => call.ok);
    const parts: HistoryRangeJobResult[] = [];
    for (const partQueue of [queue, ...partQueues])
      for (const part of await partQueue.getJobs(["completed"]))
        if (part.name === HISTORY_RANGE_JOB_NAME)
          parts.push(part.returnvalue as HistoryRangeJobResult);
    return {
      result,
      cachedReport: await cachedReport(),
      summary: calls.filter((call) => call.method === "sendMessage").at(-1)?.text ?? "",
      albums: calls.filter((call) => call.method === "sendMediaGroup").length,
      parts: parts.sort((a, b) => a.part - b.part),
    };
  } finally {
    await fleet?.stop();
    fleet = null;
    await Promise.all([queue.close(), events.close(), ...partQueues.map((q) => q.close())]);
  }
}

/** The report of everything the run left in the chat cache (all months merged). */
async function cachedReport(): Promise<ReportJson> {
  const info: ChatInfo = {
    kind: "channel",
    id: seed.chatId,
    name: reference.chat.name,
    type: "private_supergroup",
  };
  const history = await new ChatCache(admin, { ttlSeconds: 3600 }).load(
    chatCacheScope(info, 0),
    "UTC",
  );
  if (history === null) throw new Error("the run left no cached history");
  return toReportJson(mergeReportStates([...history.months.values()]), { chat: info });
}

beforeAll(async () => {
  redis = await startTestRedis();
  admin = new Redis(redis.url);
  seed = await writeSeedExport({
    messages: MESSAGES,
    spanDays: 500,
    people: 40,
    chatId: 1_650_000_060,
  });
  reference = await reportFromExport(seed.path, { timeZone: "UTC" });
  botApi = await startFakeBotApi({ token: BOT_TOKEN });
  botApi.addChat({ id: seed.botApiChatId, type: "supergroup", title: "Seed" });
}, 120_000);

afterAll(async () => {
  await fleet?.stop(0);
  await botApi.close();
  admin.disconnect();
  await redis.stop();
});

describe("a history read split across accounts", () => {
  let single: RunOutcome;

  it("reads a 60k-message supergroup with one account, unsplit, into the export's report", async () => {
    single = await runWith(ACCOUNTS.slice(0, 1));
    expect(single.parts).toEqual([]);
    expect(single.result.fetchedMessages).toBe(MESSAGES);
    expect(single.cachedReport).toEqual(reference);
    expect(single.albums).toBe(1);
  }, 180_000);

  it("splits it across 3 accounts, one part each, and returns the same report as 1 account", async () => {
    const split = await runWith(ACCOUNTS);
    expect(split.parts.map((part) => part.accountId).sort()).toEqual([2001, 2002, 2003]);
    const partMessages = split.parts.reduce((sum, part) => sum + part.fetchedMessages, 0);
    expect(partMessages).toBe(single.result.fetchedMessages);
    expect(split.cachedReport).toEqual(single.cachedReport);
    expect(split.summary).toBe(single.summary);
    expect(split.albums).toBe(1);
  }, 180_000);

  it("reads a part itself when the account it went to cannot read the chat", async () => {
    // Account 2003 is not in the chat, but the directory is told it is: its part fails for good.
    const accounts = [ACCOUNTS[0]!, ACCOUNTS[1]!, { id: 2003, memberOf: [-1] }];
    const outcome = await runWith(accounts, async () => {
      await new ChatDirectory(admin, PREFIX).publish(
        { id: 2003, username: "tgstats_reader_2003" },
        [seed.botApiChatId],
        600_000,
      );
    });
    expect(outcome.parts.map((part) => part.accountId).sort()).toEqual([2001, 2002]);
    expect(outcome.cachedReport).toEqual(single.cachedReport);
    expect(outcome.summary).toBe(single.summary);
    expect(outcome.albums).toBe(1);
  }, 180_000);
});
