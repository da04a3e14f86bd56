import { z } from "zod";
import { historyOffsetSchema, messageIdSchema } from "@tgstats/platform";
import { monthBucketsJsonSchema } from "@tgstats/platform/month-buckets";

/** Most parts of one split read: more accounts than this read no faster (Telegram paces each). */
export const MAX_SPLIT_PARTS = 8;

const splitPartRangeSchema = z.object({
  index: z
    .number()
    .int()
    .min(0)
    .max(MAX_SPLIT_PARTS - 1),
  /** Messages with `minId < id ≤ maxId`. */
  minId: messageIdSchema,
  maxId: messageIdSchema.min(1),
  accountId: z.number().int(),
});

/** One id range of a split read and the account that fetches it. */
export type SplitPartRange = z.infer<typeof splitPartRangeSchema>;

/** A split read as its coordinator's checkpoint keeps it. */
export const splitPlanSchema = z.object({
  /** The cache's highest id when the split was planned (the read is of ids above it). */
  baseHighId: messageIdSchema,
  totalMessages: z.number().int().nonnegative(),
  parts: z.array(splitPartRangeSchema).min(2).max(MAX_SPLIT_PARTS),
  /** True once the parts' jobs exist: they are added once, with fixed ids. */
  partsAdded: z.boolean(),
  /** What the coordinator has merged so far, once the parts ended: kept so a resumed merge reads nothing twice. */
  merge: z
    .object({
      /** Indexes of the parts whose messages are in `buckets` (merged from their account, or read here). */
      parts: z.array(
        z
          .number()
          .int()
          .min(0)
          .max(MAX_SPLIT_PARTS - 1),
      ),
      buckets: monthBucketsJsonSchema,
      /** The failed part the coordinator is reading itself, and where its next page starts. */
      reading: z
        .object({
          index: z
            .number()
            .int()
            .min(0)
            .max(MAX_SPLIT_PARTS - 1),
          offsetId: historyOffsetSchema,
        })
        .nullable(),
    })
    .optional(),
});

/** A split read: its parts and whether their jobs exist. */
export type SplitPlan = z.infer<typeof splitPlanSchema>;

/**
 * Cuts the ids `minId < id ≤ maxId` into one contiguous range per account, of
 * equal id width (ids of a supergroup or channel are one sequence, so width
 * tracks the message count up to deleted gaps). Never more ranges than ids.
 *
 * @example planSplit({ minId: 0, maxId: 90 }, [7, 8, 9]) // (0,30] → 7, (30,60] → 8, (60,90] → 9
 */
export function planSplit(
  range: { minId: number; maxId: number },
  accountIds: readonly number[],
): SplitPartRange[] {
  const width = range.maxId - range.minId;
  const count = Math.min(accountIds.length, Math.max(width, 0));
  const bound = (index: number): number => range.minId + Math.floor((width * index) / count);
  return accountIds.slice(0, count).map((accountId, index) => ({
    index,
    minId: bound(index),
    maxId: bound(index + 1),
    accountId,
  }));
}
