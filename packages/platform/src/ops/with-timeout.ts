/** A check or scrape that did not answer in time. */
export class TimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what} did not answer within ${timeoutMs} ms; is Redis reachable?`);
    this.name = "TimeoutError";
  }
}

/**
 * Settles like `promise`, or rejects with a {@link TimeoutError} after
 * `timeoutMs`. For promises that take no AbortSignal (ioredis commands,
 * BullMQ getters): with `maxRetriesPerRequest: null` they wait for Redis forever.
 *
 * @example const counts = await withTimeout(queue.getJobCounts(), 1000, "job counts");
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
