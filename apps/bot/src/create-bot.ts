import { sequentialize } from "@grammyjs/runner";
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type NextFunction } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import {
  ChatDirectory,
  ChatFence,
  QueueRegistry,
  redisKeys,
  type ChatCache,
} from "@tgstats/platform";
import { createBotApiFetch } from "./bot-api-fetch.js";
import type { BotConfig } from "./config.js";
import { systemClock, type BotClock, type BotContext, type BotServices } from "./context.js";
import { handleUpdateError } from "./error-boundary.js";
import { exportFileFeature } from "./features/export-file.js";
import { forgetFeature } from "./features/forget.js";
import { settingsFeature } from "./features/settings.js";
import { startFeature } from "./features/start.js";
import { statsFeature } from "./features/stats.js";
import { createI18n, resolveLanguage } from "./i18n.js";
import { createAofRewrite } from "./services/aof-rewrite.js";
import { ChatForgetter } from "./services/chat-forgetter.js";
import { ChatSettingsStore, DEFAULT_CHAT_SETTINGS } from "./services/chat-settings.js";
import { chatMigrationFeature } from "./features/chat-migration.js";
import { KnownUsers } from "./services/known-users.js";
import { REDIS_BUDGET_MS } from "./services/redis-deadline.js";
import { RequestLimits } from "./services/request-limits.js";
import { StatsProducer, type StatsQueue } from "./services/stats-producer.js";

/** What the bot is built from; main.ts makes the real ones, tests their own. */
export interface BotDeps {
  config: BotConfig;
  /**
   * The producer connection: `enableOfflineQueue: false` and a short
   * `commandTimeout` (see {@link PRODUCER_REDIS_OPTIONS}), so a Redis outage fails fast.
   */
  redis: Redis;
  /** The stats queue (BullMQ) on that connection. */
  queue: StatsQueue;
  /** The accounts' own queues on that connection; whoever passes it closes them. Default: a registry of its own. */
  accountQueues?: QueueRegistry;
  cache: ChatCache;
  logger: Logger;
  /** Default: the system clock. */
  clock?: BotClock;
  /** Prefix of every key (REDIS_KEY_PREFIX): the bot's own keys live under `<prefix>:bot`. */
  keyPrefix: string;
  /** Least time between two AOF rewrites after /forget. Default {@link AOF_REWRITE_MIN_INTERVAL_MS}. */
  aofRewriteMinIntervalMs?: number;
  /** The bot's getMe answer, to skip `bot.init()` (tests). */
  botInfo?: UserFromGetMe;
}

/** BGREWRITEAOF copies the whole dataset: after /forget, at most once per this long. */
export const AOF_REWRITE_MIN_INTERVAL_MS = 10 * 60_000;

/** ioredis options of the bot's connection: commands fail at once while Redis is down. */
export const PRODUCER_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  commandTimeout: 1000,
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  // Commands issued in the same tick (many updates at once) go out in one write.
  enableAutoPipelining: true,
} as const;

/**
 * Builds the bot: services on the context, usernames remembered, chat
 * settings and language loaded for what the bot answers, features behind an
 * error boundary. Start it with `bot.start()` (long polling) or feed it with
 * `bot.handleUpdate()`.
 *
 * @example const bot = createBot({ config, redis, queue, cache, logger }); await bot.start();
 */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const { config } = deps;
  const bot = new Bot<BotContext>(config.BOT_TOKEN, {
    botInfo: deps.botInfo,
    client: {
      ...(config.BOT_API_ROOT === undefined ? {} : { apiRoot: config.BOT_API_ROOT }),
      fetch: createBotApiFetch(),
    },
  });
  // 429 retry_after and 5xx are retried briefly. Network errors are not: auto-retry would
  // retry those forever, and an update must end (the error boundary apologises).
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 5, rethrowHttpErrors: true }),
  );
  const services = createServices(deps);
  // Updates run concurrently (grammY runner), but one chat's updates in order.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    ctx.services = services;
    ctx.log = services.logger.child({ updateId: ctx.update.update_id });
    const deadline = new AbortController();
    // Not AbortSignal.timeout: its timer cannot be cancelled and would fire for every finished update.
    const timer = setTimeout(() => {
      deadline.abort(new Error(`Redis budget of ${REDIS_BUDGET_MS} ms spent`));
    }, REDIS_BUDGET_MS);
    ctx.redisSignal = deadline.signal;
    ctx.chatSettings = { ...DEFAULT_CHAT_SETTINGS };
    ctx.language = resolveLanguage(null, ctx.from?.language_code);
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
  });
  bot.use(rememberSender);
  bot.use(chatMigrationFeature);
  const answered = bot.filter(
    (ctx) =>
      ctx.message?.entities?.[0]?.type === "bot_command" ||
      (ctx.chat?.type === "private" && ctx.message?.document !== undefined),
  );
  answered.use(loadChatSettings);
  answered.use(createI18n<BotContext>((ctx) => ctx.language));
  answered
    .errorBoundary(handleUpdateError)
    .use(startFeature, statsFeature, settingsFeature, forgetFeature, exportFileFeature);
  bot.catch((error) => {
    error.ctx.log.error({ err: error.error }, "update failed outside the error boundary");
  });
  return bot;
}

function createServices(deps: BotDeps): BotServices {
  const keys = redisKeys(deps.keyPrefix);
  const producer = new StatsProducer(
    deps.queue,
    new ChatDirectory(deps.redis, keys.readers),
    deps.accountQueues ?? new QueueRegistry({ connection: deps.redis, prefix: keys.prefix }),
  );
  return {
    config: deps.config,
    logger: deps.logger,
    clock: deps.clock ?? systemClock,
    cache: deps.cache,
    settings: new ChatSettingsStore(deps.redis, keys.bot),
    users: new KnownUsers(deps.redis, keys.bot),
    limits: new RequestLimits(
      deps.redis,
      { user: deps.config.RATE_LIMIT_USER, chat: deps.config.RATE_LIMIT_CHAT },
      keys.bot,
    ),
    producer,
    forgetter: new ChatForgetter({
      redis: deps.redis,
      keys,
      cache: deps.cache,
      fence: new ChatFence(deps.redis, keys.forget),
      openQueue: (name) => producer.queueNamed(name),
      aofRewrite: createAofRewrite({
        redis: deps.redis,
        key: `${keys.forget}:aof-rewrite`,
        minIntervalMs: deps.aofRewriteMinIntervalMs ?? AOF_REWRITE_MIN_INTERVAL_MS,
        logger: deps.logger,
      }),
    }),
  };
}

/** Remembers the sender's @username for `/stats @user`, without delaying the update. */
async function rememberSender(ctx: BotContext, next: NextFunction): Promise<void> {
  const from = ctx.from;
  if (from !== undefined && !from.is_bot)
    ctx.services.users.remember(from, ctx.redisSignal).catch((error: unknown) => {
      ctx.log.debug({ err: error }, "could not remember a username");
    });
  await next();
}

/** Loads the chat's settings; with Redis down the defaults apply, so /help still answers. */
async function loadChatSettings(ctx: BotContext, next: NextFunction): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId !== undefined) {
    try {
      ctx.chatSettings = await ctx.services.settings.load(chatId, ctx.redisSignal);
    } catch (error) {
      ctx.log.warn({ err: error }, "chat settings unavailable; using defaults");
    }
  }
  ctx.language = resolveLanguage(ctx.chatSettings.language, ctx.from?.language_code);
  await next();
}
