import type { Redis } from "ioredis";

/**
 * Deletes the entries about `jobIds` from a BullMQ queue's event stream
 * (`<prefix>:<queue>:events`): results and failure reasons of forgotten jobs
 * must not outlive the jobs. The stream is capped (QUEUE_STREAMS), so one
 * XRANGE reads it whole.
 *
 * @returns how many entries were deleted
 */
export async function deleteJobEvents(
  redis: Redis,
  streamKey: string,
  jobIds: ReadonlySet<string>,
): Promise<number> {
  const entries = await redis.xrange(streamKey, "-", "+");
  const doomed = entries
    .filter(([, fields]) => jobIds.has(fieldValue(fields, "jobId") ?? ""))
    .map(([id]) => id);
  return doomed.length === 0 ? 0 : redis.xdel(streamKey, ...doomed);
}

/** The value of field `name` in a stream entry's flat field list. */
function fieldValue(fields: string[], name: string): string | undefined {
  for (let at = 0; at + 1 < fields.length; at += 2) if (fields[at] === name) return fields[at + 1];
  return undefined;
}
