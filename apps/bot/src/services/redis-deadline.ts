/**
 * Redis that is down or hung must not keep a user waiting: every Redis call an
 * update makes races one deadline per update, and a miss or a refused command
 * becomes {@link RedisUnavailableError}, which the error boundary answers with
 * "temporarily unavailable".
 */

/**
 * How long an update may spend on Redis before the user is told it is
 * unavailable: leaves 800 ms of the promised 2 s for the answer itself.
 */
export const REDIS_BUDGET_MS = 1200;

/** Redis refused a command (connection down) or did not answer before the update's deadline. */
export class RedisUnavailableError extends Error {
  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Redis did not answer "${operation}" in time or refused it; check that the Redis at REDIS_URL is running and reachable.`,
      options,
    );
    this.name = "RedisUnavailableError";
  }
}

/** One rejection per signal, shared by every call that races it (one listener per update, not per call). */
const expiries = new WeakMap<AbortSignal, Promise<never>>();

function expiryOf(signal: AbortSignal): Promise<never> {
  let expiry = expiries.get(signal);
  if (expiry === undefined) {
    expiry = new Promise<never>((_resolve, reject) => {
      const fail = (): void => {
        reject(signal.reason instanceof Error ? signal.reason : new Error("deadline passed"));
      };
      if (signal.aborted) fail();
      else signal.addEventListener("abort", fail, { once: true });
    });
    // Nobody may be racing it when it fires.
    expiry.catch(() => undefined);
    expiries.set(signal, expiry);
  }
  return expiry;
}

/**
 * Waits for a Redis operation, but no longer than `signal` allows.
 *
 * @param operation what is being done, for the error and the log (`rate limit`)
 * @example await untilDeadline("load settings", ctx.redisSignal, redis.hgetall(key))
 */
export async function untilDeadline<T>(
  operation: string,
  signal: AbortSignal,
  work: Promise<T>,
): Promise<T> {
  try {
    return await Promise.race([work, expiryOf(signal)]);
  } catch (error) {
    // The operation may still settle later; its outcome no longer matters.
    work.catch(() => undefined);
    throw new RedisUnavailableError(operation, { cause: error });
  }
}
