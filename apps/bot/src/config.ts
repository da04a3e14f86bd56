import { z } from "zod";
import { isValidTimeZone } from "@tgstats/engine/primitives";
import {
  envNumber,
  opsSettings,
  ownerIdsSetting,
  serviceSettings,
  parseEnvConfig,
  renamedPrefixProblems,
} from "@tgstats/platform";

/** A rate limit: at most `points` requests per `durationSeconds`. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Parses a rate limit written as `count/duration`, or null when it is not one.
 *
 * @example parseRateLimit("3/10m") // { points: 3, durationSeconds: 600 }
 */
export function parseRateLimit(text: string): RateLimit | null {
  const match = /^\s*(\d+)\s*\/\s*(\d*)\s*([smhd])\s*$/i.exec(text);
  if (match === null) return null;
  const points = Number(match[1]);
  const amount = match[2] === "" ? 1 : Number(match[2]);
  const durationSeconds = amount * UNIT_SECONDS[match[3]!.toLowerCase()]!;
  return points > 0 && durationSeconds > 0 ? { points, durationSeconds } : null;
}

const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, context) => {
      const limit = parseRateLimit(text);
      if (limit === null)
        context.addIssue({
          code: "custom",
          message: "write it as count/duration, e.g. 3/10m (units s, m, h, d)",
        });
      return limit ?? { points: 1, durationSeconds: 1 };
    });

/**
 * Every setting of the bot, read from the environment once at start-up.
 * `BOT_API_ROOT` points grammY at another Bot API server (the sandbox's fake
 * one, or a self-hosted telegram-bot-api).
 */
export const botConfigSchema = z.object({
  BOT_TOKEN: z
    .string({ error: "set it to the token @BotFather gave you (123456:ABC…)" })
    .regex(
      /^\d+:[A-Za-z0-9_-]+$/,
      "does not look like a bot token (123456:ABC…); copy it from @BotFather",
    ),
  ...serviceSettings,
  BOT_API_ROOT: z.url("must be a URL such as http://127.0.0.1:8081").optional(),
  /** /metrics, /healthz and /readyz (the worker's default port is 9101). */
  ...opsSettings(9102),
  OWNER_IDS: ownerIdsSetting,
  RATE_LIMIT_USER: rateLimit("3/10m"),
  RATE_LIMIT_CHAT: rateLimit("10/10m"),
  READER_ACCOUNT: z
    .string()
    .regex(
      /^@?[A-Za-z0-9_]{4,32}$/,
      "must be the reader account's @username, e.g. @my_stats_reader",
    )
    .transform((name) => name.replace(/^@/, ""))
    .optional(),
  /** The workers' refresh of what their accounts read: how soon an added account is noticed (told to users). */
  READABLE_CHATS_REFRESH_MS: envNumber(z.number().int().min(1000)).default(600_000),
  DEFAULT_TIME_ZONE: z
    .string()
    .default("UTC")
    .refine(isValidTimeZone, "must be an IANA time zone such as UTC or Europe/Moscow"),
});

/** The bot's checked configuration. */
export type BotConfig = z.infer<typeof botConfigSchema>;

/** Reads and checks the bot's configuration; throws ConfigError naming each bad variable. */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  // Empty variables (`READER_ACCOUNT=` in a .env) mean "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  return parseEnvConfig("tgstats bot", botConfigSchema, given, renamedPrefixProblems);
}
