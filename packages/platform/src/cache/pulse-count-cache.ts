import type { Redis } from "ioredis";
import { z } from "zod";

/** Format of what is stored; entries of another version are ignored (and rewritten). */
const PULSE_COUNT_VERSION = 1;

/** What the pulse counted of one chat in one ended month. */
export interface MonthCount {
  /** Messages dated in the month (Telegram's history positions: service messages included). */
  messages: number;
  /** Of those, found by a search from the account itself; null where not asked (channels). */
  own: number | null;
}

const storedSchema = z.object({
  version: z.literal(PULSE_COUNT_VERSION),
  months: z.record(
    z.string().regex(/^\d+$/),
    z.tuple([z.number().int(), z.number().int().nullable()]),
  ),
});

/** Options of {@link PulseCountCache}. */
export interface PulseCountCacheOptions {
  /** How long a chat's counts live after the last write (the chat cache's TTL). */
  ttlSeconds: number;
  /** The chat cache's key prefix (`redisKeys(prefix).cache`): counts live in the chat's own hash. */
  prefix: string;
}

/**
 * The pulse's message counts of ended months, per chat, account and zone. A
 * month that has ended changes only by deletions, so a repeat asks Telegram
 * for the current month alone. Kept in the chat's cache hash (one field per
 * account and zone), so the counts expire with the chat's aggregates and
 * `/forget` deletes them with everything else of the chat.
 */
export class PulseCountCache {
  constructor(
    private readonly redis: Redis,
    private readonly options: PulseCountCacheOptions,
  ) {}

  /**
   * The ended months counted before, by month index (since 1970-01); empty
   * when nothing (or an unreadable entry) is stored.
   *
   * @param chatScope the chat's cache scope (see chatCacheScope)
   */
  async load(
    chatScope: string,
    accountId: number,
    timeZone: string,
  ): Promise<Map<number, MonthCount>> {
    const raw = await this.redis.hget(this.key(chatScope), field(accountId, timeZone));
    const months = new Map<number, MonthCount>();
    if (raw === null) return months;
    const stored = storedSchema.safeParse(parseJson(raw));
    if (!stored.success) return months;
    for (const [month, [messages, own]] of Object.entries(stored.data.months))
      months.set(Number(month), { messages, own });
    return months;
  }

  /** Stores a chat's ended months (replacing what was stored) and renews the chat's expiry. */
  async save(
    chatScope: string,
    accountId: number,
    timeZone: string,
    months: ReadonlyMap<number, MonthCount>,
  ): Promise<void> {
    const stored: z.infer<typeof storedSchema> = {
      version: PULSE_COUNT_VERSION,
      months: Object.fromEntries(
        [...months].map(([month, count]) => [String(month), [count.messages, count.own]]),
      ),
    };
    const key = this.key(chatScope);
    await this.redis
      .multi()
      .hset(key, field(accountId, timeZone), JSON.stringify(stored))
      .expire(key, this.options.ttlSeconds)
      .exec();
  }

  private key(chatScope: string): string {
    return `${this.options.prefix}:${chatScope}`;
  }
}

/** The hash field of one account's counts in one zone; apart from the chat cache's `<zone>|…` fields. */
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
