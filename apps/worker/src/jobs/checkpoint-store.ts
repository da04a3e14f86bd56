import type { Redis } from "ioredis";
import { z } from "zod";
import { packJson, unpackJson, type FencedWriter } from "@tgstats/platform";

/** Checkpoints outlive long flood waits and retries, then go (a failed job is kept as long). */
const CHECKPOINT_TTL_SECONDS = 7 * 86_400;

const storedPartialSchema = z.strictObject({ storedAt: z.string() });

/** What the job data holds in place of a checkpoint's aggregates: where they are. */
export type StoredPartial = z.infer<typeof storedPartialSchema>;

/** A checkpoint as the job data keeps it: its aggregates stored here, or inline (older workers). */
export interface StoredCheckpoint {
  partial: unknown;
}

/** What came of restoring a checkpoint. */
export type RestoredCheckpoint<Checkpoint> =
  | { checkpoint: Checkpoint; dropped: null }
  /** `dropped` says why the walk starts over: the aggregates expired, or they do not validate. */
  | { checkpoint: null; dropped: string | null };

/**
 * The partial aggregates of job checkpoints, gzipped in a Redis key of their
 * own. Inline in the job data they grew with the chat's age (every month of a
 * first read, rewritten every few pages) and weighed on every BullMQ read of
 * the job, Bull Board's included; here they are a fifth of the size and the
 * job keeps only a reference.
 */
export class CheckpointStore {
  /** @param prefix `redisKeys(prefix).checkpoint` */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Stores `partial` for the job (`queue:id`) and returns the reference to keep in its data.
   *
   * @param fenced the job's writer when it reads a chat: nothing is stored once the chat is forgotten
   */
  async save(jobKey: string, partial: unknown, fenced?: FencedWriter): Promise<StoredPartial> {
    const key = this.key(jobKey);
    const packed = await packJson(partial);
    if (fenced === undefined) await this.redis.set(key, packed, "EX", CHECKPOINT_TTL_SECONDS);
    else await fenced.set(key, packed, CHECKPOINT_TTL_SECONDS);
    return { storedAt: key };
  }

  /** `checkpoint` with its partial stored here and replaced by the reference: what goes into the job data. */
  async offload<Checkpoint extends StoredCheckpoint>(
    jobKey: string,
    checkpoint: Checkpoint,
    fenced?: FencedWriter,
  ): Promise<Omit<Checkpoint, "partial"> & { partial: StoredPartial }> {
    return { ...checkpoint, partial: await this.save(jobKey, checkpoint.partial, fenced) };
  }

  /**
   * A checkpoint from the job data of `jobKey` with its partial loaded (a
   * partial stored inline, by an older worker, as it is), checked against
   * `schema`. Only the job's own key is read: the job data is not trusted
   * to name a key (another job's checkpoint or split part holds another
   * chat's aggregates, and would land in this job's report).
   */
  async restore<Schema extends z.ZodType>(
    jobKey: string,
    checkpoint: StoredCheckpoint | null,
    schema: Schema,
  ): Promise<RestoredCheckpoint<z.infer<Schema>>> {
    if (checkpoint === null) return { checkpoint: null, dropped: null };
    const stored = storedPartialSchema.safeParse(checkpoint.partial);
    let partial = checkpoint.partial;
    if (stored.success) {
      if (stored.data.storedAt !== this.key(jobKey))
        return { checkpoint: null, dropped: "its reference names a key of another job" };
      const packed = await this.redis.getBuffer(stored.data.storedAt);
      if (packed === null)
        return { checkpoint: null, dropped: "its aggregates expired or were deleted" };
      const unpacked = await unpackJson(packed).then(
        (value) => ({ value }),
        () => null,
      );
      // Retrying cannot make damaged bytes readable: the walk starts over instead of failing each attempt.
      if (unpacked === null)
        return { checkpoint: null, dropped: "its aggregates are not gzipped JSON" };
      partial = unpacked.value;
    }
    return validCheckpoint({ ...checkpoint, partial }, schema);
  }

  /** Deletes the job's stored partial (the job finished, or its checkpoint was cleared). */
  async delete(jobKey: string): Promise<void> {
    await this.redis.del(this.key(jobKey));
  }

  private key(jobKey: string): string {
    return `${this.prefix}:${jobKey}`;
  }
}

/** `checkpoint` when it matches `schema`; otherwise none, and why. */
export function validCheckpoint<Schema extends z.ZodType>(
  checkpoint: unknown,
  schema: Schema,
): RestoredCheckpoint<z.infer<Schema>> {
  if (checkpoint === null) return { checkpoint: null, dropped: null };
  const parsed = schema.safeParse(checkpoint);
  if (parsed.success) return { checkpoint: parsed.data, dropped: null };
  const first = parsed.error.issues[0];
  const where = first === undefined ? "" : ` at ${first.path.join(".") || "(root)"}`;
  return { checkpoint: null, dropped: `it does not validate${where}: ${first?.message ?? ""}` };
}
