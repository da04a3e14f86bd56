import path from "node:path";
import { Queue, QueueEvents, Worker, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  ChatCache,
  PulseCountCache,
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
import { renderPulseCharts, renderReportCharts } from "@tgstats/charts";
import { renderReportHtml } from "@tgstats/report-html";
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
import { startTestRedis, type TestRedis } from "./redis-server.js";
import { startedLater } from "./started-later.js";
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
    return toReportJson(builder.state, { chat: chat.info, group: builder.group });
  }
  throw new Error("export has no chat");
}

/** The stats queue and its events, to add jobs and wait until they finish. */
export interface StatsQueue {
  queue: Queue<StatsJobData, StatsJobResult>;
  events: QueueEvents;
  /** Closes the events, then the queue. */
  close: () => Promise<void>;
}

/** Opens the stats queue and its events under `prefix` (the workers' default unless given). */
export async function openStatsQueue(
  connection: ConnectionOptions,
  prefix: string = DEFAULT_KEY_PREFIX,
): Promise<StatsQueue> {
  const queue = new Queue<StatsJobData, StatsJobResult>(STATS_QUEUE, { connection, prefix });
  const events = new QueueEvents(STATS_QUEUE, { connection, prefix });
  await events.waitUntilReady();
  return {
    queue,
    events,
    close: async () => {
      await events.close();
      await queue.close();
    },
  };
}

/** The fake Bot API with the seed's supergroup in it. */
export async function startSeedBotApi(
  seed: SeedExport,
  token: string = BOT_TOKEN,
): Promise<FakeBotApi> {
  const botApi = await startFakeBotApi({ token });
  botApi.addChat({ id: seed.botApiChatId, type: "supergroup", title: "Seed" });
  return botApi;
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
  /** Makes the interactive page instead of report-html alone (e.g. to see the report it is made from). */
  renderPage?: Parameters<typeof createStatsProcessor>[0]["renderPage"];
  /** Custom emoji the emulated Telegram can name, by document id (none by default). */
  customEmoji?: Record<string, string>;
  /** When long reads get a first look (none by default). */
  firstLook?: Parameters<typeof createStatsProcessor>[0]["firstLook"];
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
    customEmoji: options.customEmoji,
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
  const botApi = await startSeedBotApi(options.seed);
  const cache = new ChatCache(redis, { ttlSeconds: 3600, prefix: KEYS.cache });
  const connection = { url: options.redis.url, maxRetriesPerRequest: null };
  const { queue, events, close: closeQueue } = await openStatsQueue(connection);
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
      await closeQueue();
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
    pulseCounts: new PulseCountCache(redis, { ttlSeconds: 3600, prefix: KEYS.cache }),
    api,
    downloadFile: createFileDownloader(api, BOT_TOKEN, botApi.apiRoot),
    renderCharts: (report, signal) => renderReportCharts(report, { signal }),
    renderPulseCharts: (pulse, language, signal) => renderPulseCharts(pulse, { language, signal }),
    renderPage: options.renderPage ?? ((report) => renderReportHtml(report)),
    logger: pino({ level: "silent" }),
    checkpointEveryPages: options.checkpointEveryPages ?? 2,
    checkpoints: new CheckpointStore(redis, KEYS.checkpoint),
    deliveryJournals: new DeliveryJournals(redis, KEYS.delivery),
    fence: new ChatFence(redis, KEYS.forget),
    split: options.split,
    firstLook: options.firstLook,
    onSessionInvalid: () => {
      harness.sessionInvalidCalls++;
    },
  });
  harness.worker = new Worker(STATS_QUEUE, processor, { connection, prefix: DEFAULT_KEY_PREFIX });
  return harness;
}

/** Options of a harness on a test file's own Redis and seed export. */
export type RigHarnessOptions = Omit<HarnessOptions, "redis" | "seed">;

/** A test file's Redis and seed export, and the harnesses its tests start on them. */
export interface WorkerRig {
  /** The file's throwaway Redis. */
  readonly redis: TestRedis;
  /** The file's seed export. */
  readonly seed: SeedExport;
  /** Starts a harness on the file's Redis and seed; it is closed after the test. */
  start(options?: RigHarnessOptions): Promise<WorkerHarness>;
}

/** Starting Redis and writing a seed export of 60k messages take a while. */
const SETUP_TIMEOUT_MS = 60_000;

/** Redis and the seed made in beforeAll, Redis stopped in afterAll; read inside tests. */
function useRedisAndSeed(makeSeed: () => Promise<SeedExport>): Omit<WorkerRig, "start"> {
  let redis: TestRedis | null = null;
  let seed: SeedExport | null = null;
  beforeAll(async () => {
    redis = await startTestRedis();
    seed = await makeSeed();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await redis?.stop();
  });
  const notStarted = () =>
    new Error("Redis and the seed start in beforeAll; use them inside tests.");
  return {
    get redis() {
      if (redis === null) throw notStarted();
      return redis;
    },
    get seed() {
      if (seed === null) throw notStarted();
      return seed;
    },
  };
}

/**
 * The worker tests of a file, each with a harness of its own options: Redis
 * and the seed export start before the file's tests, each harness closes
 * after its test, Redis after the file.
 *
 * @example const rig = useWorkerRig(() => writeSeedExport({ messages: 600 })); it("…", async () => runJob(await rig.start(), statsJob(rig.seed)));
 */
export function useWorkerRig(makeSeed: () => Promise<SeedExport>): WorkerRig {
  const shared = useRedisAndSeed(makeSeed);
  const open: WorkerHarness[] = [];
  afterEach(async () => {
    for (const harness of open.splice(0)) await harness.close();
  });
  return {
    get redis() {
      return shared.redis;
    },
    get seed() {
      return shared.seed;
    },
    async start(options = {}) {
      const harness = await startWorkerHarness({
        ...options,
        redis: shared.redis,
        seed: shared.seed,
      });
      open.push(harness);
      return harness;
    },
  };
}

/** A harness shared by all tests of a file, with the seed it reads. */
export interface SharedWorkerHarness extends WorkerHarness {
  seed: SeedExport;
}

/**
 * One harness for all tests of a file: Redis, the seed export and the
 * harness start before its tests and stop after them. The returned object
 * stands for the harness once started.
 *
 * @example const harness = useWorkerHarness(() => writeSeedExport({ messages: 200 })); it("…", () => runJob(harness, statsJob(harness.seed)));
 */
export function useWorkerHarness(
  makeSeed: () => Promise<SeedExport>,
  options: RigHarnessOptions = {},
): SharedWorkerHarness {
  const shared = useRedisAndSeed(makeSeed);
  let started: SharedWorkerHarness | null = null;
  beforeAll(async () => {
    const harness = await startWorkerHarness({
      ...options,
      redis: shared.redis,
      seed: shared.seed,
    });
    started = Object.assign(harness, { seed: shared.seed });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await started?.close();
  });
  return startedLater(() => started, "The worker harness");
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
