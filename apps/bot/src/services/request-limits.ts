import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimit } from "../config.js";
import { untilDeadline } from "./redis-deadline.js";

/** Whose budget a request is taken from. */
export type LimitScope = "user" | "chat";

/**
 * Rate limits per user and per chat (rate-limiter-flexible on Redis, so every
 * bot process shares them).
 */
export class RequestLimits {
  private readonly limiters: Record<LimitScope, RateLimiterRedis>;

  constructor(redis: Redis, limits: Record<LimitScope, RateLimit>, prefix: string) {
    const limiter = (scope: LimitScope): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:rate:${scope}`,
        points: limits[scope].points,
        duration: limits[scope].durationSeconds,
      });
    this.limiters = { user: limiter("user"), chat: limiter("chat") };
  }

  /**
   * Takes one request from a budget.
   *
   * @returns null when allowed, else the milliseconds until a request is allowed again
   */
  async consume(scope: LimitScope, id: number, signal: AbortSignal): Promise<number | null> {
    return untilDeadline(`rate limit (${scope})`, signal, this.consumeRaw(scope, id));
  }

  // rate-limiter-flexible rejects with a RateLimiterRes when over the limit and with an Error when Redis fails.
  private async consumeRaw(scope: LimitScope, id: number): Promise<number | null> {
    try {
      await this.limiters[scope].consume(String(id));
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
      throw rejection;
    }
  }
}
