import { z } from "zod";
import {
  InvalidJobDataError,
  STATS_JOB_SCHEMA_VERSION,
  messageIdSchema,
  statsReplySchema,
} from "./stats-job.js";

/**
 * Job name of a split part: the messages of one chat in an id range, fetched
 * by one account and folded into month buckets. A stats job (the
 * coordinator) adds these as its BullMQ children on the queues of the
 * accounts that can read the chat, waits, then merges their buckets. The
 * value is the one earlier versions used, so parts queued by them still run.
 */
export const SPLIT_PART_JOB_NAME = "history-range";

/** Job data of a {@link SPLIT_PART_JOB_NAME} job. */
export const splitPartJobDataSchema = z.object({
  schemaVersion: z.literal(STATS_JOB_SCHEMA_VERSION),
  /** The chat as the part's account can find it: by Bot API id, or by @username when public. */
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("bot-chat"), chatId: z.number().int() }),
    z.object({ kind: z.literal("username"), username: z.string().regex(/^[A-Za-z0-9_]{4,32}$/) }),
  ]),
  timeZone: z.string().min(1),
  /** Messages with `minId < id ≤ maxId`. */
  minId: messageIdSchema,
  maxId: messageIdSchema.min(1),
  /** Which part of how many (the coordinator makes at most 8). */
  part: z.object({
    index: z.number().int().nonnegative().max(63),
    count: z.number().int().positive().max(64),
  }),
  /** Id of the coordinating stats job: names where the part's buckets are stored. */
  coordinatorJobId: z.string().min(1),
  /** Messages of the whole split read, to show shared progress on the status message. */
  totalMessages: z.number().int().nonnegative(),
  reply: statsReplySchema,
  /** The coordinator's forget generation of the chat (see ChatFence): a /forget since stops the part. */
  fenceGeneration: z.number().int().nonnegative().nullable().default(null),
  /**
   * Where an interrupted part resumes: the next page's offset and the month
   * buckets so far (`partial`, as stored: a reference or inline; the worker
   * checks it when it restores it).
   */
  checkpoint: z
    .object({
      offsetId: z.number().int(),
      fetchedMessages: z.number().int().nonnegative(),
      historyRequests: z.number().int().nonnegative(),
      partial: z.unknown(),
    })
    .nullable()
    .default(null),
});

/** What a part returns: its figures only; its buckets wait in Redis for the coordinator. */
export const splitPartJobResultSchema = z.object({
  schemaVersion: z.literal(STATS_JOB_SCHEMA_VERSION),
  part: z.number().int().nonnegative(),
  accountId: z.number().int(),
  fetchedMessages: z.number().int().nonnegative(),
  historyRequests: z.number().int().nonnegative(),
});

/** A split part's job data, as parsed. */
export type SplitPartJobData = z.infer<typeof splitPartJobDataSchema>;
/** A split part's job data as its coordinator adds it (defaults left out). */
export type SplitPartJobInput = z.input<typeof splitPartJobDataSchema>;
/** What a finished split part returns. */
export type SplitPartJobResult = z.infer<typeof splitPartJobResultSchema>;

/** Parses a split part's job data, throwing {@link InvalidJobDataError} on a mismatch. */
export function parseSplitPartJobData(data: unknown): SplitPartJobData {
  const parsed = splitPartJobDataSchema.safeParse(data);
  if (!parsed.success) throw new InvalidJobDataError(parsed.error.issues);
  return parsed.data;
}
