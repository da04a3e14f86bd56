import { z } from "zod";
import {
  keyPrefixSetting,
  listenHostSetting,
  ownerIdsSetting,
  parseEnvConfig,
  renamedPrefixProblems,
  splitSessionPool,
} from "@tgstats/shared";

const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : Number(value)),
    schema,
  );

/**
 * Every setting of the worker, read from the environment once at start-up.
 * With `TG_EMULATOR_EXPORT` set the worker reads history from the Telegram
 * emulator (sandbox and tests) and needs no Telegram credentials.
 */
export const workerConfigSchema = z.object({
  REDIS_URL: z
    .url("must be a URL such as redis://127.0.0.1:6379")
    .default("redis://127.0.0.1:6379"),
  BOT_TOKEN: z
    .string({ error: "set it to the token @BotFather gave you (123456:ABC…)" })
    .regex(
      /^\d+:[A-Za-z0-9_-]+$/,
      "does not look like a bot token (123456:ABC…); copy it from @BotFather",
    ),
  BOT_API_ROOT: z.url("must be a URL").optional(),
  /** Prefix of every key (queues, cache, leases…); the sandbox uses its own, so it never touches a deployment's. */
  REDIS_KEY_PREFIX: keyPrefixSetting,
  TG_API_ID: optionalNumber(
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
  LEASE_TTL_MS: optionalNumber(z.number().int().min(1000)).default(15_000),
  /** How long a starting worker waits for a free session (e.g. during a rolling restart). */
  LEASE_WAIT_MS: optionalNumber(z.number().int().min(0)).default(60_000),
  TG_EMULATOR_EXPORT: z.string().min(1).optional(),
  TG_EMULATOR_LATENCY_MS: optionalNumber(z.number().int().nonnegative()).default(0),
  TG_EMULATOR_FLOOD: z.string().optional(),
  /** Test hook: "1" makes the emulator reject the session, as a revoked one would be. */
  TG_EMULATOR_UNAUTHORIZED: z.enum(["0", "1"]).default("0"),
  /** Test hook: the emulated account's user id, so several emulated workers are distinct accounts. */
  TG_EMULATOR_ACCOUNT_ID: optionalNumber(z.number().int().positive()).default(777_000_001),
  /** Test hook: Bot API ids (comma-separated) of the only chats the emulated account is in; default all. */
  TG_EMULATOR_MEMBER_OF: z
    .string()
    .regex(/^-?\d+(\s*,\s*-?\d+)*$/, "comma-separated Bot API chat ids, e.g. -1001234567890,-42")
    .optional(),
  /** How often the account's dialogs are re-read and published for routing (new groups are noticed within this). */
  READABLE_CHATS_REFRESH_MS: optionalNumber(z.number().int().min(1000)).default(600_000),
  /** Who may have the account overview (the bot checks too); none: nobody. */
  OWNER_IDS: ownerIdsSetting,
  /**
   * A read of at least this many new messages of a supergroup or channel (a first request)
   * is split across every account that can read it; 0 never splits.
   */
  SPLIT_MIN_MESSAGES: optionalNumber(z.number().int().min(0)).default(20_000),
  /**
   * Public usernames each account may look up (contacts.ResolveUsername) per hour; jobs beyond
   * wait. Telegram flood-limits these per account, and anyone can ask the bot for a name.
   */
  USERNAME_LOOKUPS_PER_HOUR: optionalNumber(z.number().int().min(1)).default(30),
  /** How long a resolved username is remembered (names that do not exist: at most an hour). */
  USERNAME_CACHE_HOURS: optionalNumber(
    z.number().positive("must be a number of hours > 0"),
  ).default(24),
  /**
   * Longest wait for one MTProto answer; then the request is sent again on a fresh
   * connection, and a second silence fails the attempt (the job is retried from its checkpoint).
   */
  MTPROTO_REQUEST_TIMEOUT_MS: optionalNumber(z.number().int().min(1000)).default(30_000),
  FLOOD_SLEEP_THRESHOLD_S: optionalNumber(z.number().int().min(0).max(60)).default(10),
  CACHE_TTL_DAYS: optionalNumber(z.number().positive("must be a number of days > 0")).default(30),
  WORKER_CONCURRENCY: optionalNumber(z.number().int().min(1).max(16)).default(1),
  CHECKPOINT_EVERY_PAGES: optionalNumber(z.number().int().min(1)).default(20),
  /** How long a job's lock lives without renewal; a killed worker's job is retried after about this long. */
  JOB_LOCK_MS: optionalNumber(z.number().int().min(1000)).default(30_000),
  /** Times a job may stall (its worker died) and resume from its checkpoint before it fails. */
  JOB_MAX_STALLS: optionalNumber(z.number().int().min(0)).default(2),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Port of /metrics, /healthz and /readyz; 0 picks a free one (logged at start). */
  OPS_PORT: optionalNumber(
    z.number().int().min(0).max(65_535, "must be a TCP port (0 picks a free one)"),
  ).default(9101),
  /** Address of /metrics, /healthz and /readyz: loopback unless set (compose sets 0.0.0.0). */
  OPS_HOST: listenHostSetting(),
});

/** The worker's checked configuration. */
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** Without the emulator, the worker needs a real account: api_id, api_hash and a session. */
function telegramCredentialProblems(given: Record<string, string | undefined>): string[] {
  if (given.TG_EMULATOR_EXPORT !== undefined) return [];
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
