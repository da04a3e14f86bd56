import { once } from "node:events";
import { PassThrough } from "node:stream";
import { Queue } from "bullmq";
import type { Bot } from "grammy";
import type { MessageEntity, Update } from "grammy/types";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  ChatCache,
  STATS_QUEUE,
  configSecrets,
  createLogger,
  createSecretScrubber,
  redisKeys,
  statsJobDataSchema,
  type StatsJobData,
  type StatsJobInput,
  type StatsJobResult,
} from "@tgstats/platform";
import {
  startFakeBotApi,
  type BotApiChat,
  type BotApiUser,
  type FakeBotApi,
  type FakeBotApiCall,
} from "@tgstats/sandbox";
import { loadBotConfig } from "@tgstats/bot";
import type { BotContext } from "@tgstats/bot";
import { PRODUCER_REDIS_OPTIONS, createBot } from "@tgstats/bot";
import { startTestRedis, type TestRedis } from "./redis-server.js";
import { startedLater } from "./started-later.js";

/** The token of every bot test; the fake server derives the bot id (5151) from it. */
export const BOT_TOKEN = "5151:bot-tests";

/** A supergroup, its members, a basic group and an owner used across the bot tests. */
export const GROUP: BotApiChat = { id: -1001234567890, type: "supergroup", title: "Team" };
export const OTHER_GROUP: BotApiChat = { id: -1009876543210, type: "supergroup", title: "Others" };
/** Public channels the Bot API finds by @username (getChat), though the bot is in none of them. */
export const PUBLIC_CHANNELS: readonly BotApiChat[] = [
  "some_channel",
  "other_channel",
  "third_channel",
].map((username, index) => ({
  id: -1003000000001 - index,
  type: "channel",
  title: username,
  username,
}));
export const alice: BotApiUser = {
  id: 11,
  is_bot: false,
  first_name: "Alice",
  username: "alice_x",
  language_code: "en",
};
export const boris: BotApiUser = {
  id: 12,
  is_bot: false,
  first_name: "Борис",
  language_code: "ru",
};
export const carol: BotApiUser = {
  id: 13,
  is_bot: false,
  first_name: "Carol",
  language_code: "en",
};
export const owner: BotApiUser = {
  id: 99,
  is_bot: false,
  first_name: "Owner",
  language_code: "en",
};

/** A user's private chat with the bot. */
export function privateChat(user: BotApiUser): BotApiChat {
  return { id: user.id, type: "private", first_name: user.first_name };
}

/** Options of {@link startBotHarness}. */
export interface BotHarnessOptions {
  /** Names the queue prefix and key prefixes, unique per test file. */
  name: string;
  /** Environment on top of the defaults (token, Redis, apiRoot, OWNER_IDS=99). */
  env?: Record<string, string>;
  /** What the bot's clock says. */
  now?: Date;
  /** The bot token, for the fake server and the bot alike; {@link BOT_TOKEN} by default. */
  token?: string;
}

/** The bot wired to a fake Bot API server and a throwaway Redis, driven by `handleUpdate`. */
export interface BotHarness {
  server: FakeBotApi;
  redis: TestRedis;
  connection: Redis;
  queue: Queue<StatsJobInput, StatsJobResult>;
  cache: ChatCache;
  bot: Bot<BotContext>;
  /** Every log line the bot wrote, parsed. */
  logLines: () => Record<string, unknown>[];
  /** Handles a text message and returns the Bot API calls it made. */
  send(chat: BotApiChat, from: BotApiUser, text: string, extra?: object): Promise<FakeBotApiCall[]>;
  /** Handles any update and returns the Bot API calls it made. */
  handle(update: Omit<Update, "update_id">): Promise<FakeBotApiCall[]>;
  /** Jobs waiting in the queue, parsed with the job schema, oldest first. */
  jobs(): Promise<StatsJobData[]>;
  /** Empties the queue and deletes the bot's keys, so each test starts clean. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The entity grammY needs to see a command at the start of `text`. */
export function commandEntities(text: string): MessageEntity[] {
  const command = /^\/\S+/.exec(text);
  return command === null ? [] : [{ type: "bot_command", offset: 0, length: command[0].length }];
}

/** Starts Redis, the fake Bot API and the bot (no polling: updates go through handleUpdate). */
export async function startBotHarness(options: BotHarnessOptions): Promise<BotHarness> {
  const redis = await startTestRedis();
  const token = options.token ?? BOT_TOKEN;
  const server = await startFakeBotApi({ token });
  for (const chat of [GROUP, OTHER_GROUP, ...PUBLIC_CHANNELS]) server.addChat(chat);
  for (const user of [alice, boris, carol, owner]) {
    server.addUser(user);
    server.addChat(privateChat(user));
  }
  const connection = new Redis(redis.url, PRODUCER_REDIS_OPTIONS);
  connection.on("error", () => undefined);
  // Without an offline queue, commands fail until the connection is ready.
  await once(connection, "ready");
  const prefix = `tgstats-test-${options.name}`;
  const queue = new Queue<StatsJobInput, StatsJobResult>(STATS_QUEUE, { connection, prefix });
  queue.on("error", () => undefined);
  const cache = new ChatCache(connection, { ttlSeconds: 3600, prefix: redisKeys(prefix).cache });
  const config = loadBotConfig({
    BOT_TOKEN: token,
    REDIS_URL: redis.url,
    BOT_API_ROOT: server.apiRoot,
    OWNER_IDS: String(owner.id),
    READER_ACCOUNT: "@tgstats_reader",
    ...options.env,
  });
  const logStream = new PassThrough();
  let logText = "";
  logStream.on("data", (chunk: Buffer) => (logText += chunk.toString("utf8")));
  const now = options.now ?? new Date("2024-03-10T12:00:00Z");
  const bot = createBot({
    config,
    redis: connection,
    queue,
    cache,
    // As in the bot's main: the logger scrubs every secret of the configuration.
    logger: createLogger({
      name: "bot",
      level: "debug",
      destination: logStream,
      scrubber: createSecretScrubber(configSecrets(config)),
    }),
    clock: { now: () => now },
    keyPrefix: prefix,
  });
  await bot.init();
  let nextUpdateId = 1;
  let nextMessageId = 1000;

  const handle = async (update: Omit<Update, "update_id">): Promise<FakeBotApiCall[]> => {
    const before = server.calls.length;
    await bot.handleUpdate({ update_id: nextUpdateId++, ...update });
    return server.calls.slice(before);
  };
  return {
    server,
    redis,
    connection,
    queue,
    cache,
    bot,
    logLines: () =>
      logText
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    handle,
    send: (chat, from, text, extra = {}) =>
      handle({
        message: {
          message_id: nextMessageId++,
          date: Math.floor(now.getTime() / 1000),
          chat,
          from,
          text,
          entities: commandEntities(text),
          ...extra,
        } as Update["message"],
      }),
    jobs: async () => {
      const jobs = await queue.getJobs(["wait"], 0, -1, true);
      return jobs.map((job) => statsJobDataSchema.parse(job.data));
    },
    reset: async () => {
      await queue.obliterate({ force: true });
      const keys = await connection.keys(`${prefix}:*`);
      if (keys.length > 0) await connection.del(...keys);
    },
    close: async () => {
      if (connection.status === "ready") await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
      await server.close();
      await redis.stop();
    },
  };
}

/**
 * The harness of a test file: started before its tests, reset before each,
 * closed after them. The returned object stands for the harness once started.
 *
 * @example const harness = useBotHarness({ name: "bot-stats" }); it("…", () => harness.send(GROUP, alice, "/stats"));
 */
export function useBotHarness(options: BotHarnessOptions): BotHarness {
  let started: BotHarness | null = null;
  beforeAll(async () => {
    started = await startBotHarness(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(async () => {
    await started?.reset();
  });
  return startedLater(() => started, "The bot harness");
}

/** The texts of the messages the bot sent or edited, in call order. */
export function sentTexts(calls: readonly FakeBotApiCall[]): string[] {
  return calls
    .filter((call) => call.method === "sendMessage" || call.method === "editMessageText")
    .map((call) => call.text ?? "");
}
