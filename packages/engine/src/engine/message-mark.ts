/**
 * A message's place in the history and who sent it: what the time-ordered
 * parts (conversations, questions) keep of the ends of what they folded.
 */
export interface MessageMark {
  id: number;
  dateUnix: number;
  senderKey: string;
}

/** Serialised {@link MessageMark}: [id, date, sender key]. */
export type MessageMarkJson = [number, number, string];

/**
 * History order: by date, then by id (messages of one second keep their id
 * order). Negative when `a` comes first.
 */
export function compareMarks(a: MessageMark, b: MessageMark): number {
  return a.dateUnix - b.dateUnix || a.id - b.id;
}

/** The mark as JSON. */
export function markToJson(mark: MessageMark): MessageMarkJson {
  return [mark.id, mark.dateUnix, mark.senderKey];
}

/** A mark read back from JSON. */
export function markFromJson([id, dateUnix, senderKey]: MessageMarkJson): MessageMark {
  return { id, dateUnix, senderKey };
}

/**
 * The lower median (the ⌈n/2⌉-th smallest value) of counted values; null when empty.
 *
 * @example lowerMedian(new Map([[1, 2], [5, 1]])) // 1
 */
export function lowerMedian(counts: ReadonlyMap<number, number>): number | null {
  let total = 0;
  for (const count of counts.values()) total += count;
  if (total === 0) return null;
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const value of [...counts.keys()].sort((x, y) => x - y)) {
    seen += counts.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}
