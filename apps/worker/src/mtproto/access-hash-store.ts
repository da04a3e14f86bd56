import type { Redis } from "ioredis";

/**
 * Where an account keeps the access hashes it has learned. A StringSession
 * stores none, so without this a fresh process could not address `-100…`
 * chats again until it had paged through its dialogs.
 */
export interface AccessHashStore {
  /** The hash of `peerKey` (`channel123`, `user42`) for `accountId`, or null when unknown. */
  get(accountId: number, peerKey: string): Promise<bigint | null>;
  set(accountId: number, peerKey: string, accessHash: bigint): Promise<void>;
}

/**
 * An {@link AccessHashStore} in Redis: one HASH per account
 * (`<prefix>:<accountId>`, field = peer key, value = decimal hash). Access
 * hashes are per account, so one account's hashes are useless to another.
 *
 * @param prefix `redisKeys(prefix).accessHash`
 * @example createRedisAccessHashStore(redis, "tgstats:access-hash").set(42, "channel1234567890", 987654321n)
 */
export function createRedisAccessHashStore(redis: Redis, prefix: string): AccessHashStore {
  return {
    async get(accountId, peerKey) {
      const value = await redis.hget(`${prefix}:${accountId}`, peerKey);
      return value === null ? null : BigInt(value);
    },
    async set(accountId, peerKey, accessHash) {
      await redis.hset(`${prefix}:${accountId}`, peerKey, accessHash.toString());
    },
  };
}

/** An in-memory {@link AccessHashStore}, for tests and one-off tools. */
export function createMemoryAccessHashStore(): AccessHashStore {
  const hashes = new Map<string, bigint>();
  return {
    get(accountId, peerKey) {
      return Promise.resolve(hashes.get(`${accountId}:${peerKey}`) ?? null);
    },
    set(accountId, peerKey, accessHash) {
      hashes.set(`${accountId}:${peerKey}`, accessHash);
      return Promise.resolve();
    },
  };
}
