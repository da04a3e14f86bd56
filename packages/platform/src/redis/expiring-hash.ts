import type { Redis } from "ioredis";
import type { FencedWriter } from "../forget/chat-fence.js";

/**
 * Sets hash fields and renews the key's expiry together: through a job's
 * fenced writer when given (see ChatFence: nothing lands once the chat is
 * forgotten), else in one MULTI.
 *
 * @param fields field, value, field, value, …
 * @throws {ChatForgottenError} through `fenced`, writing nothing
 */
export async function setExpiringHash(
  redis: Redis,
  key: string,
  fields: (string | Buffer)[],
  ttlSeconds: number,
  fenced?: FencedWriter,
): Promise<void> {
  if (fenced !== undefined) {
    await fenced.hset(key, fields, ttlSeconds);
    return;
  }
  await redis
    .multi()
    .hset(key, ...fields)
    .expire(key, ttlSeconds)
    .exec();
}
