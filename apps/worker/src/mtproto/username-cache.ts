import type { Redis } from "ioredis";
import { z } from "zod";
import type { ChatType, PeerRef } from "@tgstats/engine";

/** What a public username named when an account last resolved it. */
export type CachedUsername =
  /** A peer, with its type so a person or bot is refused without asking Telegram again. */
  | { kind: "peer"; peer: PeerRef; type: ChatType }
  /** Telegram said no such username exists (USERNAME_NOT_OCCUPIED / USERNAME_INVALID). */
  | { kind: "not-found" };

/**
 * Usernames resolved over MTProto, shared by every account (a username names
 * the same peer for all of them; access hashes stay per account). Entries
 * expire, so a username that changes hands is resolved again.
 */
export interface UsernameCache {
  /** The entry for `username` (any case), or null when none is fresh. */
  get(username: string, signal?: AbortSignal): Promise<CachedUsername | null>;
  set(username: string, entry: CachedUsername, signal?: AbortSignal): Promise<void>;
}

/** Options of {@link createRedisUsernameCache}. */
export interface RedisUsernameCacheOptions {
  /** Where the entries live (`redisKeys(prefix).username`): keys are `<keyBase>:<name>`. */
  keyBase: string;
  /** How long a resolved peer is trusted. */
  ttlSeconds: number;
  /** How long "no such username" is trusted; shorter, since a name can be taken any time. */
  notFoundTtlSeconds: number;
}

const entrySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("peer"),
    peer: z.object({ kind: z.enum(["user", "chat", "channel"]), id: z.number().int() }),
    type: z.string() as z.ZodType<ChatType>,
  }),
  z.object({ kind: z.literal("not-found") }),
]);

/**
 * A {@link UsernameCache} in Redis: one string key per lower-cased username,
 * JSON value, with a TTL. An entry that does not parse reads as absent.
 *
 * @example createRedisUsernameCache(redis, { keyBase: "tgstats:username", ttlSeconds: 86_400, notFoundTtlSeconds: 3600 })
 */
export function createRedisUsernameCache(
  redis: Redis,
  options: RedisUsernameCacheOptions,
): UsernameCache {
  const key = (username: string) => `${options.keyBase}:${username.toLowerCase()}`;
  return {
    async get(username, signal) {
      signal?.throwIfAborted();
      const text = await redis.get(key(username));
      if (text === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return null;
      }
      const entry = entrySchema.safeParse(parsed);
      return entry.success ? entry.data : null;
    },
    async set(username, entry, signal) {
      signal?.throwIfAborted();
      const ttl = entry.kind === "peer" ? options.ttlSeconds : options.notFoundTtlSeconds;
      await redis.set(key(username), JSON.stringify(entry), "EX", ttl);
    },
  };
}
