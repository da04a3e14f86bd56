import type { Redis } from "ioredis";
import { z } from "zod";
import type { ReportState } from "@tgstats/engine";
import { packJson, unpackJsonAs } from "../redis/gzip-json.js";
import { peerOfBotApiId } from "../routing/bot-api-ids.js";
import type { MonthBucketSet, MonthIds } from "./month-buckets.js";
import { setExpiringHash } from "../redis/expiring-hash.js";
import { pulseCountKey } from "./pulse-count-cache.js";
import { toRestForm } from "./rest-form.js";
import type { FencedWriter } from "../forget/chat-fence.js";

/** Format of what is stored; entries of another version are deleted (and rebuilt). */
const CACHE_VERSION = 2;

/**
 * The cached history of one chat in one time zone: month buckets of folded
 * aggregates over a contiguous id range, newest id last. No message text, no
 * word or phrase of fewer than `MIN_MESSAGES_AT_REST` messages of its month,
 * and reply indexes only as far as a later reply may need them (see
 * {@link toRestForm}).
 */
export interface CachedHistory extends MonthBucketSet {
  /** Highest message id folded in; the next sync fetches only ids above it. */
  highId: number;
}

const cacheMetaSchema = z.object({
  version: z.number(),
  highId: z.number().int(),
  months: z.record(z.string(), z.object({ minId: z.number().int(), maxId: z.number().int() })),
});

type CacheMeta = z.infer<typeof cacheMetaSchema>;

/** Options of {@link ChatCache}. */
export interface ChatCacheOptions {
  /** How long a chat's aggregates live after the last write. */
  ttlSeconds: number;
  /** Prefix of its keys: `redisKeys(prefix).cache`. */
  prefix: string;
}

/**
 * Per-chat aggregates in Redis: one hash per chat, with a meta field and one
 * gzipped {@link ReportStateJson} per zone and month. Everything of a chat
 * expires together and is deleted with one command ({@link deleteChat}).
 */
export class ChatCache {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: ChatCacheOptions,
  ) {
    this.prefix = options.prefix;
  }

  /**
   * The cached history of a chat in a zone, or null when there is none.
   *
   * @param chatScope identifies the chat: see {@link chatCacheScope}
   */
  async load(chatScope: string, timeZone: string): Promise<CachedHistory | null> {
    const key = this.key(chatScope);
    const rawMeta = await this.redis.hget(key, metaField(timeZone));
    if (rawMeta === null) return null;
    const meta = cacheMetaSchema.safeParse(JSON.parse(rawMeta)).data;
    if (meta?.version !== CACHE_VERSION) {
      // Older formats kept every word: delete them rather than leave them until they expire.
      await this.redis.del(key);
      return null;
    }
    const names = Object.keys(meta.months).sort();
    const buffers =
      names.length === 0
        ? []
        : await this.redis.hmgetBuffer(key, ...names.map((m) => monthField(timeZone, m)));
    // Loaded here, not at the top: the bot uses this class only to delete, and
    // should not load the report engine for that.
    const { ReportState, reportStateJsonSchema } = await import("@tgstats/engine");
    const months = new Map<string, ReportState>();
    for (const [index, month] of names.entries()) {
      const buffer = buffers[index];
      // A month missing under a complete meta means a partial write: treat the whole entry as absent.
      if (buffer === null || buffer === undefined) return null;
      const json = await unpackJsonAs(buffer, reportStateJsonSchema);
      if (json === null) return null;
      months.set(month, ReportState.fromJSON(json));
    }
    const monthIds = new Map<string, MonthIds>(Object.entries(meta.months));
    return { highId: meta.highId, months, monthIds };
  }

  /**
   * The highest message id the cache holds of a chat in a zone (the next
   * sync reads above it), from its meta alone; null when nothing usable is
   * cached. Cheap: no month is read or decoded.
   */
  async cachedHighId(chatScope: string, timeZone: string): Promise<number | null> {
    const rawMeta = await this.redis.hget(this.key(chatScope), metaField(timeZone));
    if (rawMeta === null) return null;
    const meta = cacheMetaSchema.safeParse(JSON.parse(rawMeta)).data;
    return meta?.version === CACHE_VERSION ? meta.highId : null;
  }

  /**
   * Stores a chat's history for a zone and renews the chat's expiry. What is
   * stored is the at-rest form ({@link toRestForm}); it replaces the months
   * in `history` too, so a job reports what the cache will answer next time.
   * The months in `changedMonths` are rewritten, and those whose reply index
   * shrank.
   *
   * @param fenced a job's writer (see ChatFence): the save lands only while the chat is not forgotten
   * @throws {ChatForgottenError} through `fenced`, writing nothing
   */
  async save(
    chatScope: string,
    timeZone: string,
    history: CachedHistory,
    changedMonths: Iterable<string>,
    fenced?: FencedWriter,
  ): Promise<void> {
    const key = this.key(chatScope);
    const fields: (string | Buffer)[] = [];
    for (const month of toRestForm(history, changedMonths)) {
      const state = history.months.get(month);
      if (state === undefined) continue;
      fields.push(monthField(timeZone, month), await packJson(state.toJSON()));
    }
    const meta: CacheMeta = {
      version: CACHE_VERSION,
      highId: history.highId,
      months: Object.fromEntries(history.monthIds),
    };
    fields.push(metaField(timeZone), JSON.stringify(meta));
    // Together: months and the meta that lists them land at once.
    await setExpiringHash(this.redis, key, fields, this.options.ttlSeconds, fenced);
  }

  /** Deletes everything cached about a chat (every zone). Resolves to true when something was there. */
  async deleteChat(chatScope: string): Promise<boolean> {
    return (await this.redis.del(this.key(chatScope))) > 0;
  }

  /**
   * Deletes a chat's cache by its Bot API id, for `/forget`: the channel scope
   * and every account's scope of a basic group or private chat, with the
   * pulse's counts of the chat.
   *
   * @returns how many cached histories were deleted
   */
  async forgetBotChat(botApiChatId: number): Promise<number> {
    // By the numeric rule, not a "-100" text prefix: basic group -100234567 is no channel.
    const peer = peerOfBotApiId(botApiChatId);
    if (peer.kind === "channel") {
      const scope = `channel${peer.id}`;
      await this.redis.del(pulseCountKey(this.prefix, scope));
      const own = (await this.deleteChat(scope)) ? 1 : 0;
      // An upgraded supergroup's old basic group is cached under it (migratedGroupCacheScope).
      return own + (await this.deleteMatching(`${scope}:migrated:*`));
    }
    const scopes = `account*:${peer.kind}${peer.id}`;
    // The pulse's counts of the chat (see PulseCountCache) go too; they are no history.
    await this.deleteMatching(`${scopes}:pulse`);
    return this.deleteMatching(scopes);
  }

  /** Deletes every chat whose scope matches the glob `scopes`; returns how many. */
  private async deleteMatching(scopes: string): Promise<number> {
    let deleted = 0;
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", this.key(scopes), "COUNT", 500);
      cursor = next;
      if (keys.length > 0) deleted += await this.redis.del(...keys);
    } while (cursor !== "0");
    return deleted;
  }

  private key(chatScope: string): string {
    return `${this.prefix}:${chatScope}`;
  }
}

/**
 * The cache identity of a chat. Channel and supergroup message ids are the
 * same for every account; basic groups and private chats number messages per
 * account, so their cache belongs to the account that read them.
 *
 * @example chatCacheScope({ kind: "channel", id: 42 }, 7) // "channel42"
 */
export function chatCacheScope(
  chat: { kind: "user" | "chat" | "channel"; id: number },
  accountId: number,
): string {
  return chat.kind === "channel"
    ? `channel${chat.id}`
    : `account${accountId}:${chat.kind}${chat.id}`;
}

/**
 * The cache scope of an upgraded supergroup's old basic group: under the
 * supergroup's own scope, so forgetting the supergroup forgets it too. Per
 * account, as basic-group message ids are.
 *
 * @example migratedGroupCacheScope({ id: 55 }, { id: 7 }, 42) // "channel55:migrated:account42:chat7"
 */
export function migratedGroupCacheScope(
  supergroup: { id: number },
  oldGroup: { id: number },
  accountId: number,
): string {
  return `channel${supergroup.id}:migrated:account${accountId}:chat${oldGroup.id}`;
}

function metaField(timeZone: string): string {
  return `${timeZone}|meta`;
}

function monthField(timeZone: string, month: string): string {
  return `${timeZone}|m:${month}`;
}
