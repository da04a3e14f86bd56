import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { ChatCache } from "@tgstats/platform";
import type { BotConfig } from "./config.js";
import type { Language } from "./i18n.js";
import type { ChatForgetter } from "./services/chat-forgetter.js";
import type { ChatSettings, ChatSettingsStore } from "./services/chat-settings.js";
import type { KnownUsers } from "./services/known-users.js";
import type { RequestLimits } from "./services/request-limits.js";
import type { StatsProducer } from "./services/stats-producer.js";

/** Where "now" comes from; tests pin it. */
export interface BotClock {
  now(): Date;
}

/** The real clock. */
export const systemClock: BotClock = { now: () => new Date() };

/** Everything the features use, built once in `createBot`. */
export interface BotServices {
  config: BotConfig;
  logger: Logger;
  clock: BotClock;
  cache: ChatCache;
  settings: ChatSettingsStore;
  users: KnownUsers;
  limits: RequestLimits;
  producer: StatsProducer;
  forgetter: ChatForgetter;
}

/** What the bot's own middleware adds to grammY's context. */
export interface BotContextExtras {
  services: BotServices;
  /** This update's logger (carries the update id). */
  log: Logger;
  /** Aborts when this update has spent its Redis budget (see redis-deadline.ts). */
  redisSignal: AbortSignal;
  /** The chat's settings (defaults when Redis could not be read). */
  chatSettings: ChatSettings;
  /** The language of this update's answers. */
  language: Language;
}

/** The context every feature sees. */
export type BotContext = Context & I18nFlavor & BotContextExtras;
