import { performance } from "node:perf_hooks";
import { expect } from "vitest";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import {
  ChatCache,
  ChatDirectory,
  redisKeys,
  SPLIT_PART_JOB_NAME,
  accountQueueName,
  chatCacheScope,
  type SplitPartJobResult,
  type StatsJobData,
  type StatsJobInput,
  type StatsJobResult,
} from "@tgstats/platform";
import { mergeReportStates, toReportJson, type ChatInfo, type ReportJson } from "@tgstats/engine";
import type { FakeBotApi } from "@tgstats/sandbox";
import { startWorkerProcess, waitUntil, type WorkerProcess } from "./worker-process.js";

/** One emulated Telegram account of a fleet. */
export interface FleetAccount {
  id: number;
  /** Bot API ids of the chats it is in (default: every chat of the export). */
  memberOf?: number[];
}

/** Options of {@link startWorkerFleet}. */
export interface WorkerFleetOptions {
  redisUrl: string;
  botApiRoot: string;
  botToken: string;
  keyPrefix: string;
  exportPath: string;
  accounts: FleetAccount[];
  /** Environment every worker gets on top (latency, flood policy, split threshold…). */
  env?: Record<string, string>;
  /** How long to wait for every worker to publish its chats (default 60 s). */
  readyTimeoutMs?: number;
}

/** Worker processes, one per emulated account, each publishing what it reads. */
export interface WorkerFleet {
  workers: WorkerProcess[];
  /** SIGTERM, then SIGKILL whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one real worker process per account on the Telegram emulator (each
 * its own account, as `docker compose up --scale worker=N` with N sessions
 * would) and waits until every account has published its readable chats.
 */
export async function startWorkerFleet(options: WorkerFleetOptions): Promise<WorkerFleet> {
  const workers = options.accounts.map((account) =>
    startWorkerProcess({
      REDIS_URL: options.redisUrl,
      BOT_TOKEN: options.botToken,
      BOT_API_ROOT: options.botApiRoot,
      REDIS_KEY_PREFIX: options.keyPrefix,
      TG_EMULATOR_EXPORT: options.exportPath,
      TG_EMULATOR_ACCOUNT_ID: String(account.id),
      ...(account.memberOf === undefined
        ? {}
        : { TG_EMULATOR_MEMBER_OF: account.memberOf.join(",") }),
      ...options.env,
    }),
  );
  const fleet: WorkerFleet = {
    workers,
    async stop(graceMs = 10_000) {
      for (const worker of workers)
        if (worker.child.exitCode === null) worker.child.kill("SIGTERM");
      const timer = setTimeout(() => {
        for (const worker of workers)
          if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
      }, graceMs);
      await Promise.all(workers.map((worker) => worker.exited));
      clearTimeout(timer);
    },
  };
  const redis = new Redis(options.redisUrl);
  try {
    const directory = new ChatDirectory(redis, redisKeys(options.keyPrefix).readers);
    const wanted = options.accounts.map((account) => account.id);
    await waitUntil(
      async () => {
        const exited = workers.find((worker) => worker.child.exitCode !== null);
        if (exited !== undefined) throw new Error(`a worker exited:\n${exited.output()}`);
        const { accounts } = await directory.readersOf(0);
        const live = new Set(accounts.map((account) => account.id));
        return wanted.every((id) => live.has(id)) ? true : undefined;
      },
      options.readyTimeoutMs ?? 60_000,
      `${wanted.length} workers to publish their chats`,
    );
  } catch (error) {
    await fleet.stop(0);
    throw error;
  } finally {
    redis.disconnect();
  }
  return fleet;
}

/** Options of {@link runStatsJobOnFleet}. */
export interface FleetRunOptions extends Omit<WorkerFleetOptions, "botApiRoot"> {
  botApi: FakeBotApi;
  /** The stats job; it goes to the first account's queue, as the bot routes a chat it reads. */
  job: StatsJobInput;
  /** The chat, to read its cached months back (a channel or supergroup). */
  chat: ChatInfo;
  /** Runs once the workers are up, before the job is added. */
  beforeJob?: () => Promise<void>;
  jobTimeoutMs?: number;
}

/** What one stats job on a fleet left behind. */
export interface FleetRun {
  result: StatsJobResult;
  /** From adding the job to its completion. */
  elapsedMs: number;
  /** The report of every month the job cached for the chat, merged. */
  cachedReport: ReportJson;
  /** The last text message delivered (the summary). */
  summary: string;
  albums: number;
  /** Results of the parts of a split read, by part index. */
  parts: SplitPartJobResult[];
}

/**
 * Starts a fleet, runs one stats job on it and stops it: what a deployment
 * of `accounts.length` workers does with one `/stats`.
 */
export async function runStatsJobOnFleet(options: FleetRunOptions): Promise<FleetRun> {
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const queues = options.accounts.map(
    (account) =>
      new Queue<StatsJobData, StatsJobResult>(accountQueueName(account.id), {
        connection,
        prefix: options.keyPrefix,
      }),
  );
  const coordinatorQueue = queues[0]!;
  const events = new QueueEvents(coordinatorQueue.name, {
    connection,
    prefix: options.keyPrefix,
  });
  let fleet: WorkerFleet | null = null;
  const admin = new Redis(options.redisUrl);
  try {
    await events.waitUntilReady();
    fleet = await startWorkerFleet({ ...options, botApiRoot: options.botApi.apiRoot });
    await options.beforeJob?.();
    const from = options.botApi.calls.length;
    const startedMs = performance.now();
    const job = await coordinatorQueue.add("stats", options.job as StatsJobData);
    const result = await job.waitUntilFinished(events, options.jobTimeoutMs ?? 120_000);
    const elapsedMs = performance.now() - startedMs;
    const calls = options.botApi.calls.slice(from).filter((call) => call.ok);
    const parts: SplitPartJobResult[] = [];
    for (const queue of queues)
      for (const part of await queue.getJobs(["completed"]))
        if (part.name === SPLIT_PART_JOB_NAME)
          parts.push(part.returnvalue as unknown as SplitPartJobResult);
    return {
      result,
      elapsedMs,
      cachedReport: await cachedReport(
        admin,
        redisKeys(options.keyPrefix).cache,
        options.chat,
        options.job.options.timeZone,
      ),
      summary: calls.filter((call) => call.method === "sendMessage").at(-1)?.text ?? "",
      albums: calls.filter((call) => call.method === "sendMediaGroup").length,
      parts: parts.sort((a, b) => a.part - b.part),
    };
  } finally {
    await fleet?.stop();
    await Promise.all([events.close(), ...queues.map((queue) => queue.close())]);
    admin.disconnect();
  }
}

/**
 * A report without the figures the at-rest cut of rare words changes (words,
 * phrases, their stats and the notes): a split read cuts its parts'
 * partial months apart, so only these may differ from one account's read.
 */
export function withoutWordFigures(report: ReportJson): object {
  // Hashtags follow the words' at-rest rule (3 messages a month): checked by expectHashtagsAtRest.
  return { ...report, words: null, bigrams: null, wordStats: null, notes: null, hashtags: null };
}

/**
 * Hashtags of a report from stored months against the true ones: each is
 * there with its true count or lower (a month's hashtags used in fewer than
 * 3 of its messages are not stored), never higher, and none is made up.
 */
export function expectHashtagsAtRest(stored: ReportJson, truth: ReportJson): void {
  const real = new Map(truth.hashtags.map((tag) => [tag.key, tag.count]));
  for (const tag of stored.hashtags)
    expect({ tag: tag.key, within: tag.count <= (real.get(tag.key) ?? 0) }).toEqual({
      tag: tag.key,
      within: true,
    });
}

/** The report of every month cached for `chat` in `timeZone`, merged. */
async function cachedReport(
  redis: Redis,
  cachePrefix: string,
  chat: ChatInfo,
  timeZone: string,
): Promise<ReportJson> {
  const history = await new ChatCache(redis, { ttlSeconds: 3600, prefix: cachePrefix }).load(
    chatCacheScope(chat, 0),
    timeZone,
  );
  if (history === null) throw new Error("the job left no cached history of the chat");
  return toReportJson(mergeReportStates([...history.months.values()]), { chat });
}
