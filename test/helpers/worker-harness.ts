import path from "node:path";
import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import {
  ChatCache,
  ChatFence,
  DEFAULT_KEY_PREFIX,
  STATS_JOB_SCHEMA_VERSION,
  STATS_QUEUE,
  redisKeys,
  type StatsJobData,
  type StatsJobInput,
  type StatsJobResult,
} from "@tgstats/platform";
import {
  ReportBuilder,
  ZoneClock,
  readExportChats,
  toReportJson,
  type ReportJson,
  type ReportOptions,
} from "@tgstats/engine";
import { renderReportCharts } from "@tgstats/charts";
import { writeSyntheticExport, type SyntheticExportOptions } from "@tgstats/sandbox";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { DeliveryJournals, createDeliveryApi, createFileDownloader } from "@tgstats/worker";
import { CheckpointStore } from "@tgstats/worker";
import { createStatsProcessor } from "@tgstats/worker";
import {
  TelegramEmulator,
  createEmulatedClient,
  emulatedChatsFromExport,
  type EmulatedChat,
  type FloodPolicy,
} from "@tgstats/sandbox/telegram-emulator";
import {
  connectTelegramAccountWithClient,
  createRedisAccessHashStore,
  createRedisUsernameCache,
  createRedisUsernameLookupLimiter,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import type { TestRedis } from "./redis-server.js";
import { makeTempDir } from "./temp-dir.js";

export const BOT_TOKEN = "123456:TEST-token-for-the-fake-bot-api";
export const ACCOUNT = { id: 777_000_001, username: "tgstats_reader", firstName: "Reader" };
/** The key layout of the in-process worker: the default prefix. */
export const KEYS = redisKeys(DEFAULT_KEY_PREFIX);

/** A synthetic export on disk and its chat's Bot API id. */
export interface SeedExport {
  path: string;
  chatId: number;
  botApiChatId: number;
}

/** Writes a synthetic supergroup export into a temp folder. */
export async function writeSeedExport(
  options: Partial<SyntheticExportOptions> & { messages: number },
): Promise<SeedExport> {
  const dir = makeTempDir("tgstats-seed-");
  const file = path.join(dir, "result.json");
  const chatId = options.chatId ?? 1_650_000_001;
  await writeSyntheticExport(file, {
    seed: 11,
    chatType: "private_supergroup",
    ...options,
    chatId,
  });
  return { path: file, chatId, botApiChatId: Number(`-100${chatId}`) };
}

/** The report of the export's first chat straight from the export reader: the reference to compare with. */
export async function reportFromExport(file: string, options: ReportOptions): Promise<ReportJson> {
  for await (const chat of readExportChats(file, { assumedTimeZone: new ZoneClock("UTC") })) {
    const builder = new ReportBuilder(options);
    for await (const batch of chat.batches()) builder.addBatch(batch);
    return toReportJson(builder.state, { chat: chat.info });
  }
  throw new Error("export has no chat");
}

/** Everything an in-process worker test needs: emulator, account, fake Bot API, queue and worker. */
export interface WorkerHarness {
  emulator: TelegramEmulator;
  account: TelegramAccount;
  botApi: FakeBotApi;
  queue: Queue<StatsJobData, StatsJobResult>;
  events: QueueEvents;
  worker: Worker<StatsJobData, StatsJobResult>;
  redis: Redis;
  cache: ChatCache;
  sessionInvalidCalls: number;
  close(): Promise<void>;
}

/** Options of {@link startWorkerHarness}. */
export interface HarnessOptions {
  redis: TestRedis;
  seed: SeedExport;
  floodPolicy?: FloodPolicy;
  floodSleepThresholdSeconds?: number;
  accountIsMember?: boolean;
  checkpointEveryPages?: number;
  latencyMs?: number;
  /** More chats the emulated account has, beside the seed's (e.g. its Saved Messages). */
  extraChats?: EmulatedChat[];
  /** Telegram user ids allowed the account overview (none by default). */
  ownerIds?: number[];
  /** Gives the account a username cache and this budget of ResolveUsername calls per hour. */
  usernameLookupsPerHour?: number;
  /** The adapter's deadline per MTProto request (its own default when unset). */
  requestTimeoutMs?: number;
  /** Splits big reads across accounts (none by default). */
  split?: Parameters<typeof createStatsProcessor>[0]["split"];
}

/** Starts the real processor in a BullMQ worker against the emulator and the fake Bot API. */
export async function startWorkerHarness(options: HarnessOptions): Promise<WorkerHarness> {
  const redis = new Redis(options.redis.url, { maxRetriesPerRequest: null });
  await redis.flushall();
  const chats = await emulatedChatsFromExport(options.seed.path, {
    accountIsMember: options.accountIsMember ?? true,
  });
  const emulator = new TelegramEmulator({
    account: ACCOUNT,
    chats: [...chats, ...(options.extraChats ?? [])],
    floodPolicy: options.floodPolicy,
    latencyMs: options.latencyMs ?? 0,
  });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createRedisAccessHashStore(redis, KEYS.accessHash),
    floodSleepThresholdSeconds: options.floodSleepThresholdSeconds ?? 0,
    ...(options.usernameLookupsPerHour === undefined
      ? {}
      : {
          usernames: createRedisUsernameCache(redis, {
            keyBase: KEYS.username,
            ttlSeconds: 3600,
            notFoundTtlSeconds: 3600,
          }),
          usernameLookups: createRedisUsernameLookupLimiter(redis, {
            keyBase: KEYS.usernameLookups,
            points: options.usernameLookupsPerHour,
            durationSeconds: 3600,
          }),
        }),
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const botApi = await startFakeBotApi({ token: BOT_TOKEN });
  botApi.addChat({ id: options.seed.botApiChatId, type: "supergroup", title: "Seed" });
  const cache = new ChatCache(redis, { ttlSeconds: 3600, prefix: KEYS.cache });
  const connection = { url: options.redis.url, maxRetriesPerRequest: null };
  const queue = new Queue<StatsJobData, StatsJobResult>(STATS_QUEUE, {
    connection,
    prefix: DEFAULT_KEY_PREFIX,
  });
  const events = new QueueEvents(STATS_QUEUE, { connection, prefix: DEFAULT_KEY_PREFIX });
  await events.waitUntilReady();
  const harness: WorkerHarness = {
    emulator,
    account,
    botApi,
    queue,
    events,
    redis,
    cache,
    sessionInvalidCalls: 0,
    worker: undefined as unknown as Worker<StatsJobData, StatsJobResult>,
    async close() {
      await harness.worker.close();
      await events.close();
      await queue.close();
      await account.destroy();
      await botApi.close();
      redis.disconnect();
    },
  };
  const api = createDeliveryApi(BOT_TOKEN, { apiRoot: botApi.apiRoot });
  const processor = createStatsProcessor({
    account,
    ownerIds: options.ownerIds ?? [],
    cache,
    api,
    downloadFile: createFileDownloader(api, BOT_TOKEN, botApi.apiRoot),
    renderCharts: (report, signal) => renderReportCharts(report, { signal }),
    logger: pino({ level: "silent" }),
    checkpointEveryPages: options.checkpointEveryPages ?? 2,
    checkpoints: new CheckpointStore(redis, KEYS.checkpoint),
    deliveryJournals: new DeliveryJournals(redis, KEYS.delivery),
    fence: new ChatFence(redis, KEYS.forget),
    split: options.split,
    onSessionInvalid: () => {
      harness.sessionInvalidCalls++;
    },
  });
  harness.worker = new Worker(STATS_QUEUE, processor, { connection, prefix: DEFAULT_KEY_PREFIX });
  return harness;
}

/** Job data of a stats request for the seed chat, answered in the seed chat. */
export function statsJob(
  seed: SeedExport,
  options: Partial<StatsJobData["options"]> = {},
  statusMessageId: number | null = null,
): StatsJobInput {
  return {
    schemaVersion: STATS_JOB_SCHEMA_VERSION,
    requester: { userId: 42, languageCode: "en" },
    target: { kind: "bot-chat", chatId: seed.botApiChatId },
    reply: { chatId: seed.botApiChatId, statusMessageId, language: "en" },
    options: { timeZone: "UTC", fromDate: null, toDate: null, sender: null, ...options },
  };
}

/** Adds a job and waits until it completes, returning its result. */
export async function runJob(
  harness: WorkerHarness,
  data: StatsJobInput,
  timeoutMs = 60_000,
): Promise<StatsJobResult> {
  const job = await harness.queue.add("stats", data as StatsJobData);
  return job.waitUntilFinished(harness.events, timeoutMs);
}

/** History page requests (not counts) the emulator answered, in order. */
export function historyPages(emulator: TelegramEmulator): Record<string, unknown>[] {
  return emulator.requestLog
    .filter(
      (request) => request.method === "messages.GetHistory" && Number(request.params.limit) > 1,
    )
    .map((request) => request.params);
}
