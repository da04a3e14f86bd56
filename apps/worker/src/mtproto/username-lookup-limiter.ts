import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/**
 * A budget of `contacts.ResolveUsername` calls per account. Telegram
 * flood-limits them per account, and anyone can make the bot ask for a new
 * name: past the budget a job waits instead of pushing the account into long
 * flood waits.
 */
export interface UsernameLookupLimiter {
  /**
   * Takes one lookup from `accountId`'s budget.
   *
   * @returns null when allowed, else the milliseconds until one is allowed again
   */
  take(accountId: number, signal?: AbortSignal): Promise<number | null>;
}

/** Options of {@link createRedisUsernameLookupLimiter}. */
export interface UsernameLookupLimiterOptions {
  /** Where the budgets live (`redisKeys(prefix).usernameLookups`): keys are `<keyBase>:<accountId>`. */
  keyBase: string;
  /** Lookups allowed per account in each `durationSeconds`. */
  points: number;
  durationSeconds: number;
}

/**
 * A {@link UsernameLookupLimiter} on Redis (rate-limiter-flexible), shared by
 * every process that uses the account.
 *
 * @example createRedisUsernameLookupLimiter(redis, { keyBase: "tgstats:username-lookups", points: 30, durationSeconds: 3600 })
 */
export function createRedisUsernameLookupLimiter(
  redis: Redis,
  options: UsernameLookupLimiterOptions,
): UsernameLookupLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: options.keyBase,
    points: options.points,
    duration: options.durationSeconds,
  });
  return {
    async take(accountId, signal) {
      signal?.throwIfAborted();
      // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when Redis fails.
      try {
        await limiter.consume(String(accountId));
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
        throw rejection;
      }
    },
  };
}
