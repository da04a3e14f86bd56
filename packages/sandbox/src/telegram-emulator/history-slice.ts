/** The paging parameters of `messages.getHistory`. */
export interface HistoryQuery {
  offsetId: number;
  offsetDate: number;
  addOffset: number;
  limit: number;
  maxId: number;
  minId: number;
}

/** What one getHistory call returns, as indexes into the ascending message list. */
export interface HistorySlice {
  /** Indexes of the returned messages, newest first. */
  indexes: number[];
  /** Messages in the whole history (Telegram's `count`: offsets and min/max filters do not change it). */
  count: number;
  /**
   * offsetFromID(offset_id) (or the offset_date position): how many messages are newer than the
   * offset, so the 0-based position of `messages[0]` when add_offset is 0. Present only when an
   * offset id or date was given. Like Telegram (as MadelineProto and the piltover server read
   * it), add_offset does not move it.
   */
  offsetIdOffset: number | undefined;
}

/** Telegram returns at most 100 messages per request. */
export const MAX_HISTORY_LIMIT = 100;
/** What Telegram uses for `limit: 0` ("an intermediate value like ~20"). */
export const DEFAULT_HISTORY_LIMIT = 20;

/**
 * Telegram's documented getHistory paging (core.telegram.org/api/offsets) over
 * a history sorted by ascending id: in the newest-first list, the slice starts
 * at offsetFromID(offset_id) + add_offset, where offsetFromID counts the
 * messages with id ≥ offset_id (0 when offset_id is 0; with only offset_date,
 * the messages dated at or after it); it takes `limit` elements, clipped to the
 * list; then max_id and min_id (both exclusive) filter what was sliced.
 *
 * @example
 * // ids 1..10, the 3 messages older than id 8:
 * sliceHistory(ascending, { offsetId: 8, offsetDate: 0, addOffset: 0, limit: 3, maxId: 0, minId: 0 })
 * // → messages 7, 6, 5 (indexes 6, 5, 4); count 10; offsetIdOffset 3 (ids 8, 9, 10 are newer)
 */
export function sliceHistory(
  messages: readonly { id: number; dateUnix: number }[],
  query: HistoryQuery,
): HistorySlice {
  const count = messages.length;
  const limit = query.limit <= 0 ? DEFAULT_HISTORY_LIMIT : Math.min(query.limit, MAX_HISTORY_LIMIT);
  let base = 0;
  if (query.offsetId > 0) base = count - lowerBound(messages, (m) => m.id >= query.offsetId);
  else if (query.offsetDate > 0)
    // Dates are taken as non-decreasing with id, as they are in a history.
    base = count - lowerBound(messages, (m) => m.dateUnix >= query.offsetDate);
  const start = base + query.addOffset;
  const from = Math.max(0, start);
  const to = Math.min(count, start + limit);
  const indexes: number[] = [];
  for (let position = from; position < to; position++) {
    const index = count - 1 - position;
    const id = messages[index]!.id;
    if (query.maxId > 0 && id >= query.maxId) continue;
    if (query.minId > 0 && id <= query.minId) continue;
    indexes.push(index);
  }
  const offsetGiven = query.offsetId > 0 || query.offsetDate > 0;
  return { indexes, count, offsetIdOffset: offsetGiven ? base : undefined };
}

/** First index whose element satisfies `isAtOrAfter` (which must be monotonic), or `items.length`. */
function lowerBound<T>(items: readonly T[], isAtOrAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrAfter(items[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}
