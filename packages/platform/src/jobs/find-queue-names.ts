import type { Redis } from "ioredis";

/** Every tgstats queue name starts with this (`tgstats-stats`, per-account queues…). */
export const TGSTATS_QUEUE_NAME_START = "tgstats-";

/**
 * Names of the BullMQ queues under `prefix` whose name starts with `tgstats-`.
 * A queue leaves a `meta` hash (written by every Queue instance) and an `id`
 * counter (its first job); SCAN finds either without blocking Redis.
 */
export async function findQueueNames(redis: Redis, prefix: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (const suffix of ["meta", "id"]) {
    const pattern = `${prefix}:${TGSTATS_QUEUE_NAME_START}*:${suffix}`;
    for await (const keys of redis.scanStream({ match: pattern, count: 1000 }))
      for (const key of keys as string[])
        names.add(key.slice(prefix.length + 1, key.length - suffix.length - 1));
  }
  return names;
}
