import { z } from "zod";
import { historyOffsetSchema, messageIdSchema } from "@tgstats/platform";
import { monthBucketsJsonSchema } from "@tgstats/platform/month-buckets";
import { reportStateJsonSchema } from "@tgstats/engine";
import { splitPlanSchema } from "./split/split-plan.js";

/** Where a walk of a stats job stands; every phase keeps these. */
const walkPosition = {
  /** Which walk of the phase (edges has up to two). */
  walkIndex: z.number().int().nonnegative(),
  /** The next page starts below this message id (GetHistory `offsetId`; 0 = newest). */
  offsetId: historyOffsetSchema,
  fetchedMessages: z.number().int().nonnegative(),
  totalMessages: z.number().int().nonnegative(),
  historyRequests: z.number().int().nonnegative(),
  /** True when the walk is of the basic group a supergroup was upgraded from. */
  migratedFrom: z.boolean().optional(),
};

/** `sync`: new messages into the cache's month buckets. */
const syncCheckpointSchema = z.object({
  phase: z.literal("sync"),
  ...walkPosition,
  partial: z.object({
    /** The cache's highest id when the sync started: another means another cache generation. */
    baseHighId: messageIdSchema,
    fold: monthBucketsJsonSchema,
  }),
});

/** `split`: the same read, cut into id ranges other accounts fetch; the parts keep their positions. */
const splitCheckpointSchema = z.object({
  phase: z.literal("split"),
  ...walkPosition,
  partial: splitPlanSchema,
});

/** `edges`: the months a date range cuts, re-read by id. */
const edgesCheckpointSchema = z.object({
  phase: z.literal("edges"),
  ...walkPosition,
  partial: z.object({
    finished: z.array(reportStateJsonSchema),
    current: reportStateJsonSchema.nullable(),
  }),
});

/** `direct`: one filtered walk of an uncached chat (a sender or a range). */
const directCheckpointSchema = z.object({
  phase: z.literal("direct"),
  ...walkPosition,
  /** With a sender filter: the sender's fold and the whole chat's (the member card's group). */
  partial: z.union([
    reportStateJsonSchema,
    z.object({ member: reportStateJsonSchema, group: reportStateJsonSchema }),
  ]),
});

/**
 * Where a paused or interrupted stats job resumes: the walk it was in, the
 * page position and the partial aggregates so far (never message text),
 * checked when restored: one that does not match starts its walk over.
 */
export const chatCheckpointSchema = z.discriminatedUnion("phase", [
  syncCheckpointSchema,
  splitCheckpointSchema,
  edgesCheckpointSchema,
  directCheckpointSchema,
]);

/** A stats job's checkpoint, by phase. */
export type ChatCheckpoint = z.infer<typeof chatCheckpointSchema>;
/** The checkpoint of one phase. */
export type PhaseCheckpoint<Phase extends ChatCheckpoint["phase"]> = Extract<
  ChatCheckpoint,
  { phase: Phase }
>;

/** Where an interrupted split part resumes: the next page and its month buckets so far. */
export const splitPartCheckpointSchema = z.object({
  offsetId: historyOffsetSchema,
  fetchedMessages: z.number().int().nonnegative(),
  historyRequests: z.number().int().nonnegative(),
  partial: monthBucketsJsonSchema,
});

/** A split part's checkpoint. */
export type SplitPartCheckpoint = z.infer<typeof splitPartCheckpointSchema>;
