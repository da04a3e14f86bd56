import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatDirectory,
  redisKeys,
  STATS_QUEUE,
  accountQueueName,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import type { BotApiUser } from "@tgstats/sandbox";
import {
  BOT_TOKEN,
  GROUP,
  OTHER_GROUP,
  alice,
  carol,
  sentTexts,
  startBotHarness,
  type BotHarness,
} from "./helpers/bot-harness.js";
import { reportFromExport, writeSeedExport } from "./helpers/worker-harness.js";
import {
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
  logLines,
} from "./helpers/worker-process.js";

/**
 * Account A is in GROUP; account B only in a chat the export does not have.
 * Were B listed as a reader of GROUP, pickReader would choose B (sha1 of
 * "1002:-1001234567890" is larger than of "1001:…"), so a leak fails here.
 */
const ACCOUNT_A = 1001;
const ACCOUNT_B = 1002;
/** Bot and workers agree on it; the no-reader answer names it in minutes. */
const REFRESH_MS = 120_000;
const QUEUED_FIRST = "Queued, you are next. The results will appear in this chat.";
// stats-no-reader of apps/bot/src/locales/en.ftl with both accounts and 2 min.
const NO_READER =
  "None of the accounts that read chats for this bot is in this chat, and bots cannot read history. " +
  "Add @tgstats_reader_1001, @tgstats_reader_1002 to the group (a member can invite it like anyone else); " +
  "it is noticed within 2 min, then ask again.";
const STOP_TIMEOUT_MS = 15_000;

let harness: BotHarness | undefined;
let admin: Redis | undefined;
let prefix: string;
let seedPath: string;
let workerA: WorkerProcess | undefined;
let workerB: WorkerProcess | undefined;
const workers: WorkerProcess[] = [];
const queues: Queue<StatsJobData, StatsJobResult>[] = [];
let sharedQueue: Queue<StatsJobData, StatsJobResult>;
let queueA: Queue<StatsJobData, StatsJobResult>;
let queueB: Queue<StatsJobData, StatsJobResult>;

function openQueue(name: string): Queue<StatsJobData, StatsJobResult> {
  const queue = new Queue<StatsJobData, StatsJobResult>(name, { connection: admin!, prefix });
  queues.push(queue);
  return queue;
}

function spawnAccount(accountId: number, memberOf: number): WorkerProcess {
  const worker = startWorkerProcess({
    REDIS_URL: harness!.redis.url,
    BOT_TOKEN,
    BOT_API_ROOT: harness!.server.apiRoot,
    REDIS_KEY_PREFIX: prefix,
    TG_EMULATOR_EXPORT: seedPath,
    TG_EMULATOR_ACCOUNT_ID: String(accountId),
    TG_EMULATOR_MEMBER_OF: String(memberOf),
    READABLE_CHATS_REFRESH_MS: String(REFRESH_MS),
  });
  workers.push(worker);
  return worker;
}

/** Fails with the workers' last output, so a start-up problem explains itself. */
async function waitWithOutput<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  try {
    return await waitUntil(check, timeoutMs, what);
  } catch (error) {
    const tails = workers.map(
      (worker, index) => `worker ${index}:\n${worker.output().slice(-3000)}`,
    );
    throw new Error(`${(error as Error).message}\n${tails.join("\n")}`, { cause: error });
  }
}

/** Ids of every job in the three queues, in any state. */
async function allJobIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const queue of [sharedQueue, queueA, queueB])
    for (const job of await queue.getJobs(undefined, 0, -1))
      ids.push(`${queue.name}/${job.id ?? "?"}`);
  return ids.sort();
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([worker.exited, timedOut]);
  clearTimeout(timer);
  if (outcome !== "timeout") return;
  worker.child.kill("SIGKILL");
  await worker.exited;
}

beforeAll(async () => {
  harness = await startBotHarness({
    name: "routing-process",
    env: {
      READABLE_CHATS_REFRESH_MS: String(REFRESH_MS),
      RATE_LIMIT_USER: "100/1m",
      RATE_LIMIT_CHAT: "100/1m",
    },
  });
  prefix = "tgstats-test-routing-process";
  admin = new Redis(harness.redis.url, { maxRetriesPerRequest: null });
  sharedQueue = openQueue(STATS_QUEUE);
  queueA = openQueue(accountQueueName(ACCOUNT_A));
  queueB = openQueue(accountQueueName(ACCOUNT_B));
  // Bare id 1234567890 makes the export's supergroup -1001234567890, i.e. GROUP.
  const seed = await writeSeedExport({ messages: 1500, chatId: 1234567890, people: 6 });
  expect(seed.botApiChatId).toBe(GROUP.id);
  seedPath = seed.path;
  const directory = new ChatDirectory(admin, redisKeys(prefix).readers);
  // B first: the account that cannot read GROUP is live and idle before A exists.
  workerB = spawnAccount(ACCOUNT_B, -1);
  await waitWithOutput(
    async () => ((await directory.readersOf(GROUP.id)).accounts.length === 1 ? true : undefined),
    30_000,
    "account B to publish its readable chats",
  );
  workerA = spawnAccount(ACCOUNT_A, GROUP.id);
  const readers = await waitWithOutput(
    async () => {
      const found = await directory.readersOf(GROUP.id);
      return found.accounts.length === 2 ? found : undefined;
    },
    30_000,
    "account A to publish its readable chats",
  );
  expect(readers).toEqual({
    readers: [{ id: ACCOUNT_A, username: "tgstats_reader_1001" }],
    accounts: [
      { id: ACCOUNT_A, username: "tgstats_reader_1001" },
      { id: ACCOUNT_B, username: "tgstats_reader_1002" },
    ],
  });
}, 60_000);

afterAll(async () => {
  const stops = await Promise.allSettled(workers.map(stopWorker));
  await Promise.allSettled(queues.map((queue) => queue.close()));
  admin?.disconnect();
  await harness?.close();
  for (const stop of stops) if (stop.status === "rejected") throw stop.reason;
}, 40_000);

/**
 * Sends `text` to GROUP and checks the whole trip: the job lands in account
 * A's queue only, A completes it with the exact figures, and one report
 * (album + summary) reaches GROUP.
 */
async function statsInGroup(
  from: BotApiUser,
  text: string,
  options: StatsJobData["options"],
): Promise<void> {
  const server = harness!.server;
  const firstCall = server.calls.length;
  const calls = await harness!.send(GROUP, from, text);
  expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
  const statusId = calls[0]!.messageIds[0]!;
  const outcome = harness!
    .logLines()
    .map((line) => line.outcome as { kind: string; jobId?: string } | undefined)
    .at(-1);
  expect(outcome?.kind).toBe("enqueued");
  const jobId = outcome!.jobId!;

  expect((await queueA.getJob(jobId))?.data).toMatchObject({
    target: { kind: "bot-chat", chatId: GROUP.id },
    reply: { chatId: GROUP.id, statusMessageId: statusId },
    options,
  });
  expect(await sharedQueue.getJob(jobId)).toBeUndefined();
  expect(await queueB.getJob(jobId)).toBeUndefined();

  const state = await waitWithOutput(
    async () => {
      const current = await queueA.getJobState(jobId);
      return current === "completed" || current === "failed" ? current : undefined;
    },
    40_000,
    `job ${jobId} to finish`,
  );
  const job = (await queueA.getJob(jobId))!;
  expect(state, job.failedReason).toBe("completed");
  const reference = await reportFromExport(seedPath, options);
  expect(job.returnvalue).toMatchObject({
    accountId: ACCOUNT_A,
    // The result names the chat by its MTProto id, as the export does.
    chat: { id: 1234567890 },
    messages: reference.totals.messages,
  });

  const toGroup = server.calls
    .slice(firstCall)
    .filter((call) => call.ok && call.chatId === GROUP.id);
  const albums = toGroup.filter((call) => call.method === "sendMediaGroup");
  const pages = toGroup.filter((call) => call.method === "sendDocument");
  const summaries = toGroup.filter(
    (call) => call.method === "sendMessage" && !call.messageIds.includes(statusId),
  );
  expect(albums).toHaveLength(1);
  expect(pages).toHaveLength(1);
  expect(summaries).toHaveLength(1);
  expect(toGroup.filter((call) => call.method === "sendPhoto")).toEqual([]);
  expect(job.returnvalue.deliveredMessageIds).toEqual([
    ...albums[0]!.messageIds,
    ...pages[0]!.messageIds,
    ...summaries[0]!.messageIds,
  ]);

  expect(
    logLines(workerA!).filter((line) => line.msg === "job completed" && line.jobId === jobId),
  ).toEqual([expect.objectContaining({ queue: accountQueueName(ACCOUNT_A) })]);
}

/** Asserts account B never ran anything: no job in its queue or the shared one, nothing in its log. */
async function expectBIdle(): Promise<void> {
  expect(await sharedQueue.getJobCountByTypes()).toBe(0);
  expect(await queueB.getJobCountByTypes()).toBe(0);
  const jobLines = logLines(workerB!).filter(
    (line) => line.jobId !== undefined || /^job /.test(String(line.msg)),
  );
  expect(jobLines).toEqual([]);
}

describe("routing a private group's job to the account that reads it, across processes", () => {
  it("runs /stats in the group on account A only, never on B", async () => {
    await statsInGroup(alice, "/stats", {
      timeZone: "UTC",
      fromDate: null,
      toDate: null,
      sender: null,
    });
    await expectBIdle();
  });

  it("does so again for another member and period: B is never chosen", async () => {
    await statsInGroup(carol, "/stats 2022", {
      timeZone: "UTC",
      fromDate: "2022-01-01",
      toDate: "2022-12-31",
      sender: null,
    });
    await expectBIdle();
    expect(logLines(workerA!).filter((line) => line.msg === "job completed")).toHaveLength(2);
  });

  it("answers 'no reader' naming both accounts in a group neither reads, and queues nothing", async () => {
    const before = await allJobIds();
    const calls = await harness!.send(OTHER_GROUP, alice, "/stats");
    expect(sentTexts(calls)).toEqual([NO_READER]);
    expect(calls.map((call) => call.chatId)).toEqual([OTHER_GROUP.id]);
    expect(harness!.logLines().at(-1)).toMatchObject({ outcome: { kind: "no-reader" } });
    expect(await allJobIds()).toEqual(before);
    await expectBIdle();
  });
});
