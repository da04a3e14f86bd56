/** One id range of a split read and the account that fetches it. */
export interface SplitPart {
  index: number;
  /** Messages with `minId < id ≤ maxId`. */
  minId: number;
  maxId: number;
  accountId: number;
}

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
): SplitPart[] {
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
