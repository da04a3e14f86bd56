import { z } from "zod";

/** The prefix of every tgstats key in Redis unless `REDIS_KEY_PREFIX` says otherwise. */
export const DEFAULT_KEY_PREFIX = "tgstats";

/**
 * Where each kind of tgstats data lives under one prefix. Every store takes
 * its part from here, so one setting moves them all and a scan of
 * `<prefix>:*` finds everything tgstats wrote.
 */
export interface RedisKeys {
  /** The prefix itself; BullMQ's `prefix` option (queues are `<prefix>:<queue name>:…`). */
  readonly prefix: string;
  /** Cached aggregates, one hash per chat: `<prefix>:cache:<scope>`. */
  readonly cache: string;
  /** Access hashes, one hash per account: `<prefix>:access-hash:<account id>`. */
  readonly accessHash: string;
  /** Session leases and their log stream: `<prefix>:lease:…`. */
  readonly lease: string;
  /** The bot's settings, rate limits and usernames: `<prefix>:bot:…`. */
  readonly bot: string;
  /** Which account reads which chat: `<prefix>:readers:…`. */
  readonly readers: string;
  /** Checkpoint aggregates of jobs: `<prefix>:checkpoint:<queue>:<job id>`. */
  readonly checkpoint: string;
  /** Month buckets of split parts: `<prefix>:split:<coordinator job id>:…`. */
  readonly split: string;
  /** What /forget leaves for running jobs (see ChatFence): `<prefix>:forget:…`. */
  readonly forget: string;
  /** What a public @name resolved to (shared by all accounts): `<prefix>:username:<name>`. */
  readonly username: string;
  /** Each account's budget of username lookups: `<prefix>:username-lookups:<account id>`. */
  readonly usernameLookups: string;
  /** Each job's delivery journal: `<prefix>:delivery:<queue>:<job id>`. */
  readonly delivery: string;
}

/**
 * The key layout under `prefix`.
 *
 * @example redisKeys("tgstats").cache // "tgstats:cache"
 */
export function redisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    cache: `${prefix}:cache`,
    accessHash: `${prefix}:access-hash`,
    lease: `${prefix}:lease`,
    bot: `${prefix}:bot`,
    readers: `${prefix}:readers`,
    checkpoint: `${prefix}:checkpoint`,
    split: `${prefix}:split`,
    forget: `${prefix}:forget`,
    username: `${prefix}:username`,
    usernameLookups: `${prefix}:username-lookups`,
    delivery: `${prefix}:delivery`,
  };
}

/** The key of a job's stored checkpoint aggregates. */
export function checkpointKey(keys: RedisKeys, queueName: string, jobId: string): string {
  return `${keys.checkpoint}:${queueName}:${jobId}`;
}

/**
 * `REDIS_KEY_PREFIX` in the services' config schemas. Braces are allowed so a
 * Redis Cluster keeps every key in one slot (`{tgstats}`); `:`, `*`, `?` and
 * `[` are not, since they would break the layout and its scans.
 */
export const keyPrefixSetting = z
  .string()
  .regex(/^[\w{}-]+$/, "letters, digits, -, _ and braces only, e.g. tgstats or {tgstats}")
  .default(DEFAULT_KEY_PREFIX);

/**
 * A config cross-check: `QUEUE_PREFIX` (which prefixed only the queues) is
 * replaced by `REDIS_KEY_PREFIX`; a different value would silently move the
 * queues, so it stops the start with what to do.
 */
export function renamedPrefixProblems(given: Record<string, string | undefined>): string[] {
  const old = given.QUEUE_PREFIX;
  if (old === undefined || old === (given.REDIS_KEY_PREFIX ?? DEFAULT_KEY_PREFIX)) return [];
  return [
    `QUEUE_PREFIX is replaced by REDIS_KEY_PREFIX, which now prefixes every tgstats key: give REDIS_KEY_PREFIX its value and remove QUEUE_PREFIX (the README's "Redis keys" says how to move the other keys)`,
  ];
}
