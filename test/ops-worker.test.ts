/**
 * The worker's metrics and job logs after real jobs: the production
 * processor in a BullMQ worker, on the Telegram emulator (with flood waits
 * on a virtual clock) and the fake Bot API, its series read from the ops
 * module's registry and checked against the emulator's and the fake Bot
 * API's own records.
 */
import { Writable } from "node:stream";
import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatCache,
  ChatFence,
  DEFAULT_KEY_PREFIX,
  STATS_QUEUE,
  createLogger,
  redisKeys,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import { renderPulseCharts, renderReportCharts } from "@tgstats/charts";
import { renderReportHtml } from "@tgstats/report-html";
import type { FakeBotApi } from "@tgstats/sandbox";

const KEYS = redisKeys(DEFAULT_KEY_PREFIX);
import { createDeliveryApi, createFileDownloader } from "@tgstats/worker";
import { createStatsProcessor } from "@tgstats/worker";
import {
  TelegramEmulator,
  VirtualClock,
  createEmulatedClient,
  emulatedChatsFromExport,
} from "@tgstats/sandbox/telegram-emulator";
import {
  connectTelegramAccountWithClient,
  createRedisAccessHashStore,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import {
  countBotApiErrors,
  createTgstatsMetrics,
  startOpsServer,
  type TgstatsMetrics,
} from "@tgstats/platform";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  ACCOUNT,
  BOT_TOKEN,
  reportFromExport,
  startSeedBotApi,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";

/** A chat the fake Bot API has never seen: every delivery there fails with 400 "chat not found". */
const UNKNOWN_REPLY_CHAT = -1009999999999;

let redis: TestRedis;
let seed: SeedExport;
let botApi: FakeBotApi;
let connection: Redis;
let emulator: TelegramEmulator;
let account: TelegramAccount;
let metrics: TgstatsMetrics;
let queue: Queue<StatsJobData, StatsJobResult>;
let events: QueueEvents;
let worker: Worker<StatsJobData, StatsJobResult>;
const logLines: Record<string, unknown>[] = [];
const lifetime = new AbortController();

/**
 * The samples of one series as `labels → value`: labels written `k=v` sorted
 * (`service` left out), preceded by the sample's own name when it differs
 * (a histogram's `_count`, `_sum`, `_bucket`).
 */
async function samples(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return Object.fromEntries(
    values.map((sample) => {
      const labels = Object.entries(sample.labels)
        .filter(([key]) => key !== "service")
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${String(value)}`);
      // Histograms name each sample (`_count`, `_sum`, `_bucket`); the base type omits it.
      const own = (sample as { metricName?: string }).metricName ?? name;
      return [(own === name ? labels : [own, ...labels]).join(","), sample.value];
    }),
  );
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

async function runJob(data: ReturnType<typeof statsJob>): Promise<StatsJobResult | Error> {
  const job = await queue.add("stats", data as StatsJobData, { attempts: 1 });
  return job.waitUntilFinished(events, 60_000).catch((error: unknown) => error as Error);
}

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 2500, spanDays: 150, people: 12 });
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  await connection.flushall();
  const clock = new VirtualClock(Date.UTC(2030, 0, 1));
  emulator = new TelegramEmulator({
    account: ACCOUNT,
    chats: await emulatedChatsFromExport(seed.path, { accountIsMember: true }),
    // 10 history pages per 3 s: a first fetch of 26 pages meets FLOOD_WAITs, slept on the virtual clock.
    floodPolicy: { "messages.GetHistory": { requests: 10, perSeconds: 3 } },
    now: clock.now,
    sleep: clock.sleep,
  });
  account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createRedisAccessHashStore(connection, KEYS.accessHash),
    floodSleepThresholdSeconds: 10,
    sleep: clock.sleep,
  });
  botApi = await startSeedBotApi(seed);
  metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
  metrics.watchMtproto(account);
  const api = createDeliveryApi(BOT_TOKEN, { apiRoot: botApi.apiRoot });
  api.config.use(countBotApiErrors(metrics.botApiErrors));
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line !== "") logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const processor = createStatsProcessor({
    account,
    ownerIds: [],
    cache: new ChatCache(connection, { ttlSeconds: 3600, prefix: KEYS.cache }),
    fence: new ChatFence(connection, KEYS.forget),
    api,
    downloadFile: createFileDownloader(api, BOT_TOKEN, botApi.apiRoot),
    renderCharts: (report, signal) => renderReportCharts(report, { signal }),
    renderPulseCharts: (pulse, language, signal) => renderPulseCharts(pulse, { language, signal }),
    renderPage: (report) => renderReportHtml(report),
    logger: createLogger({ name: "worker", level: "info", destination }),
    checkpointEveryPages: 5,
    metrics,
    onSessionInvalid: () => undefined,
  });
  const queueConnection = { url: redis.url, maxRetriesPerRequest: null };
  queue = new Queue(STATS_QUEUE, { connection: queueConnection, prefix: DEFAULT_KEY_PREFIX });
  metrics.watchQueue(queue);
  events = new QueueEvents(STATS_QUEUE, {
    connection: queueConnection,
    prefix: DEFAULT_KEY_PREFIX,
  });
  await events.waitUntilReady();
  worker = new Worker(STATS_QUEUE, processor, {
    connection: queueConnection,
    prefix: DEFAULT_KEY_PREFIX,
  });
}, 60_000);

afterAll(async () => {
  lifetime.abort();
  await worker.close();
  await events.close();
  await queue.close();
  await account.destroy();
  await botApi.close();
  connection.disconnect();
  await redis.stop();
});

describe("worker metrics after real jobs", () => {
  it("count fetched messages, MTProto calls, cache hits, durations, queue states and Bot API errors", async () => {
    const reference = await reportFromExport(seed.path, { timeZone: "UTC" });
    const historyMessages = reference.totals.messages + reference.totals.serviceMessages;

    const first = await runJob(statsJob(seed));
    const repeat = await runJob(statsJob(seed));
    // Same chat, reply into a chat the bot cannot write to: the report is built, delivery fails.
    const undeliverable = await runJob({
      ...statsJob(seed),
      reply: { chatId: UNKNOWN_REPLY_CHAT, statusMessageId: null, language: "en" },
    });
    expect(first).toMatchObject({ fromCache: false, fetchedMessages: historyMessages });
    expect(repeat).toMatchObject({ fromCache: true, fetchedMessages: 0 });
    expect(undeliverable).toBeInstanceOf(Error);

    const registry = metrics.registry;
    expect(await samples(registry, "tgstats_messages_fetched_total")).toEqual({
      "": historyMessages,
    });
    expect(await samples(registry, "tgstats_cache_misses_total")).toEqual({ "": 1 });
    expect(await samples(registry, "tgstats_cache_hits_total")).toEqual({ "": 2 });

    // Every request the emulator answered, by method, and the flood waits it sent.
    const requests = await samples(registry, "tgstats_mtproto_requests_total");
    expect(requests).toEqual(
      Object.fromEntries(
        Object.entries(countBy(emulator.requestLog, (r) => r.method)).map(([method, n]) => [
          `method=${method}`,
          n,
        ]),
      ),
    );
    const floodWaits = await samples(registry, "tgstats_mtproto_flood_waits_total");
    expect(floodWaits["method=messages.GetHistory"]).toBeGreaterThan(0);
    expect(floodWaits).toEqual({
      "method=messages.GetHistory": account.floodWaitCounts.get("messages.GetHistory"),
    });

    const durations = await samples(registry, "tgstats_job_duration_seconds");
    expect(durations["tgstats_job_duration_seconds_count,kind=bot-chat,outcome=completed"]).toBe(2);
    expect(durations["tgstats_job_duration_seconds_count,kind=bot-chat,outcome=failed"]).toBe(1);
    expect(
      durations["tgstats_job_duration_seconds_sum,kind=bot-chat,outcome=completed"],
    ).toBeGreaterThan(0);

    const jobs = await samples(registry, "tgstats_queue_jobs");
    expect(jobs).toMatchObject({
      [`queue=${STATS_QUEUE},state=completed`]: 2,
      [`queue=${STATS_QUEUE},state=failed`]: 1,
      [`queue=${STATS_QUEUE},state=waiting`]: 0,
      [`queue=${STATS_QUEUE},state=active`]: 0,
      [`queue=${STATS_QUEUE},state=delayed`]: 0,
    });

    // The fake Bot API's own record of the calls it refused.
    const refused = botApi.calls.filter((call) => !call.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(await samples(registry, "tgstats_bot_api_errors_total")).toEqual(
      Object.fromEntries(
        Object.entries(countBy(refused, (c) => `code=${c.errorCode},method=${c.method}`)),
      ),
    );

    // And over HTTP, as Prometheus scrapes it.
    const ops = await startOpsServer({
      port: 0,
      registry,
      readiness: {},
      signal: lifetime.signal,
    });
    const text = await (await fetch(`${ops.url}/metrics`)).text();
    expect(text).toContain(`tgstats_messages_fetched_total{service="worker"} ${historyMessages}`);
    expect(text).toContain(
      `tgstats_queue_jobs{queue="${STATS_QUEUE}",state="completed",service="worker"} 2`,
    );
  });

  it("logs every step of a chat job with job id, chat id and account", () => {
    const stepLines = logLines.filter((line) => typeof line.step === "string");
    const steps = new Set(stepLines.map((line) => line.step));
    for (const step of ["resolve", "fetch", "charts", "deliver", "failed"])
      expect(steps).toContain(step);
    for (const line of stepLines) {
      expect(line).toMatchObject({ name: "worker", account: ACCOUNT.id });
      expect(typeof line.jobId).toBe("string");
      // Before the chat is resolved, the target names it (by its Bot API id).
      if (line.step === "resolve")
        expect(line.target).toEqual({ kind: "bot-chat", chatId: seed.botApiChatId });
      else expect(line.chatId).toBe(seed.chatId);
    }
  });
});
