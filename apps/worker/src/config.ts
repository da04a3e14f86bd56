import { z } from "zod";
import {
  envNumber,
  opsSettings,
  ownerIdsSetting,
  parseEnvConfig,
  serviceSettings,
  renamedPrefixProblems,
  splitSessionPool,
} from "@tgstats/platform";

/**
 * Every setting of the worker, read from the environment once at start-up.
 * The Telegram credentials are checked by {@link loadWorkerConfig}: the
 * sandbox's emulated worker reads the same settings without them.
 */
export const workerConfigSchema = z.object({
  ...serviceSettings,
  BOT_TOKEN: z
    .string({ error: "set it to the token @BotFather gave you (123456:ABC…)" })
    .regex(
      /^\d+:[A-Za-z0-9_-]+$/,
      "does not look like a bot token (123456:ABC…); copy it from @BotFather",
    ),
  BOT_API_ROOT: z.url("must be a URL").optional(),
  TG_API_ID: envNumber(
    z.number().int().positive("get api_id at my.telegram.org → API development tools"),
  ).optional(),
  TG_API_HASH: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "must be the 32 hex characters of api_hash from my.telegram.org")
    .optional(),
  TG_SESSION: z
    .string()
    .min(20, "run `tgstats login` and paste the session string it prints")
    .optional(),
  /**
   * A pool of session strings (separated by commas or new lines): each worker
   * process leases a free one, so one session is never used by two processes.
   */
  TG_SESSIONS: z.string().optional(),
  /** How long a session lease lives without renewal (its holder renews every third of it). */
  LEASE_TTL_MS: envNumber(z.number().int().min(1000)).default(15_000),
  /** How long a starting worker waits for a free session (e.g. during a rolling restart). */
  LEASE_WAIT_MS: envNumber(z.number().int().min(0)).default(60_000),
  /** How often the account's dialogs are re-read and published for routing (new groups are noticed within this). */
  READABLE_CHATS_REFRESH_MS: envNumber(z.number().int().min(1000)).default(600_000),
  /** Who may have the account overview (the bot checks too); none: nobody. */
  OWNER_IDS: ownerIdsSetting,
  /**
   * A read of at least this many new messages of a supergroup or channel (a first request)
   * is split across every account that can read it; 0 never splits.
   */
  SPLIT_MIN_MESSAGES: envNumber(z.number().int().min(0)).default(20_000),
  /**
   * History pages (100 messages each) an account reads per minute at Telegram's pace: sizes
   * how long a chat's full read takes (the emulator's realistic policy, 30 GetHistory per
   * 30 s, is 60).
   */
  HISTORY_PAGES_PER_MINUTE: envNumber(z.number().positive("must be a number of pages > 0")).default(
    60,
  ),
  /**
   * A chat whose full read would take longer than this many seconds gets a first look (an
   * estimate counted without reading) before its report; 0 turns first looks off.
   */
  FIRST_LOOK_AFTER_SECONDS: envNumber(z.number().int().min(0)).default(60),
  /**
   * Public usernames each account may look up (contacts.ResolveUsername) per hour; jobs beyond
   * wait. Telegram flood-limits these per account, and anyone can ask the bot for a name.
   */
  USERNAME_LOOKUPS_PER_HOUR: envNumber(z.number().int().min(1)).default(30),
  /** How long a resolved username is remembered (names that do not exist: at most an hour). */
  USERNAME_CACHE_HOURS: envNumber(z.number().positive("must be a number of hours > 0")).default(24),
  /**
   * Longest wait for one MTProto answer; then the request is sent again on a fresh
   * connection, and a second silence fails the attempt (the job is retried from its checkpoint).
   */
  MTPROTO_REQUEST_TIMEOUT_MS: envNumber(z.number().int().min(1000)).default(30_000),
  FLOOD_SLEEP_THRESHOLD_S: envNumber(z.number().int().min(0).max(60)).default(10),
  CACHE_TTL_DAYS: envNumber(z.number().positive("must be a number of days > 0")).default(30),
  WORKER_CONCURRENCY: envNumber(z.number().int().min(1).max(16)).default(1),
  CHECKPOINT_EVERY_PAGES: envNumber(z.number().int().min(1)).default(20),
  /** How long a job's lock lives without renewal; a killed worker's job is retried after about this long. */
  JOB_LOCK_MS: envNumber(z.number().int().min(1000)).default(30_000),
  /** Times a job may stall (its worker died) and resume from its checkpoint before it fails. */
  JOB_MAX_STALLS: envNumber(z.number().int().min(0)).default(2),
  /** /metrics, /healthz and /readyz (the bot's default port is 9102). */
  ...opsSettings(9101),
});

/** The worker's checked configuration. */
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** A worker needs a real account: api_id, api_hash and a session. */
function telegramCredentialProblems(given: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const key of ["TG_API_ID", "TG_API_HASH"])
    if (given[key] === undefined)
      problems.push(
        `${key} is missing: get api_id and api_hash at my.telegram.org → API development tools`,
      );
  if (given.TG_SESSION === undefined)
    problems.push(
      "TG_SESSION is missing: run `tgstats login` and put the session string it prints in .env",
    );
  return problems;
}

/** The session pool: TG_SESSIONS split on commas and white space, else TG_SESSION alone. */
export function sessionPool(config: Pick<WorkerConfig, "TG_SESSIONS" | "TG_SESSION">): string[] {
  const pool = splitSessionPool(config.TG_SESSIONS);
  if (pool.length > 0) return pool;
  return config.TG_SESSION === undefined ? [] : [config.TG_SESSION];
}

/** Reads and checks the worker's configuration; throws ConfigError naming each bad variable. */
export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  return parseEnvConfig("tgstats worker", workerConfigSchema, env, (given) => [
    ...renamedPrefixProblems(given),
    ...telegramCredentialProblems(given),
  ]);
}
