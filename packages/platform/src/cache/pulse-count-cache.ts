import type { Redis } from "ioredis";
import { z } from "zod";
import type { FencedWriter } from "../forget/chat-fence.js";
import { setExpiringHash } from "../redis/expiring-hash.js";

/** Format of what is stored; entries of another version are ignored (and rewritten). */
const PULSE_COUNT_VERSION = 1;

/** What the pulse counted of one chat in one month. */
export interface MonthCount {
  /** Messages dated in the month (Telegram's history positions: service messages included). */
  messages: number;
  /** Of those, found by a search from the account itself; null where not asked (channels). */
  own: number | null;
}

/** A chat's counts as the pulse last took them. */
export interface StoredPulseCounts {
  /** The chat's last message id then: while it is the same, nothing was added since. */
  lastMessageId: number;
  /** Messages in the chat then, all time. */
  total: number;
  /** The month that was running then (a month index since 1970-01): its count may have grown since. */
  runningMonth: number;
  /** Counted months, by month index (months without messages included, as 0). */
  months: Map<number, MonthCount>;
}

const storedSchema = z.object({
  version: z.literal(PULSE_COUNT_VERSION),
  lastMessageId: z.number().int(),
  total: z.number().int().nonnegative(),
  runningMonth: z.number().int(),
  months: z.record(
    z.string().regex(/^\d+$/),
    z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative().nullable()]),
  ),
});

/** Options of {@link PulseCountCache}. */
export interface PulseCountCacheOptions {
  /** How long a chat's counts live after the last write (the chat cache's TTL). */
  ttlSeconds: number;
  /** The chat cache's key prefix (`redisKeys(prefix).cache`): a chat's counts are `<prefix>:<scope>:pulse`. */
  prefix: string;
}

/**
 * The pulse's message counts per chat, account and zone. A month that has
 * ended changes only by deletions, and a chat whose last message is the same
 * has changed in no month; so a repeat asks Telegram only for the running
 * month of chats with new messages. One hash per chat beside its cached
 * aggregates (`<scope>:pulse`, a field per account and zone) with its own
 * expiry, so counting never keeps the aggregates alive; `/forget` deletes
 * it with the chat (`ChatCache.forgetBotChat`). Numbers only: no text, no names.
 */
export class PulseCountCache {
  constructor(
    private readonly redis: Redis,
    private readonly options: PulseCountCacheOptions,
  ) {}

  /**
   * The chat's counts as last stored, or null (none, or an unreadable entry).
   *
   * @param chatScope the chat's cache scope (see chatCacheScope)
   */
  async load(
    chatScope: string,
    accountId: number,
    timeZone: string,
  ): Promise<StoredPulseCounts | null> {
    const raw = await this.redis.hget(
      pulseCountKey(this.options.prefix, chatScope),
      field(accountId, timeZone),
    );
    if (raw === null) return null;
    const stored = storedSchema.safeParse(parseJson(raw));
    if (!stored.success) return null;
    const { lastMessageId, total, runningMonth } = stored.data;
    const months = new Map<number, MonthCount>();
    for (const [month, [messages, own]] of Object.entries(stored.data.months))
      months.set(Number(month), { messages, own });
    return { lastMessageId, total, runningMonth, months };
  }

  /**
   * Stores a chat's counts (replacing what was stored) and renews their expiry.
   *
   * @param fenced a job's writer (see ChatFence): the save lands only while the chat is not forgotten
   * @throws {ChatForgottenError} through `fenced`, writing nothing
   */
  async save(
    chatScope: string,
    accountId: number,
    timeZone: string,
    counts: StoredPulseCounts,
    fenced?: FencedWriter,
  ): Promise<void> {
    const stored: z.infer<typeof storedSchema> = {
      version: PULSE_COUNT_VERSION,
      lastMessageId: counts.lastMessageId,
      total: counts.total,
      runningMonth: counts.runningMonth,
      months: Object.fromEntries(
        [...counts.months].map(([month, count]) => [String(month), [count.messages, count.own]]),
      ),
    };
    const key = pulseCountKey(this.options.prefix, chatScope);
    const fields = [field(accountId, timeZone), JSON.stringify(stored)];
    await setExpiringHash(this.redis, key, fields, this.options.ttlSeconds, fenced);
  }
}

/**
 * The key of a chat's pulse counts, beside its cached aggregates.
 *
 * @example pulseCountKey("tgstats:cache", "channel42") // "tgstats:cache:channel42:pulse"
 */
export function pulseCountKey(cachePrefix: string, chatScope: string): string {
  return `${cachePrefix}:${chatScope}:pulse`;
}

/** The hash field of one account's counts in one zone. */
function field(accountId: number, timeZone: string): string {
  return `pulse|${accountId}|${timeZone}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
