/** Counting helpers over `Map<string, number>`, the representation of every frequency table in a report. */

/** Adds `count` to `key` in place. */
export function increment(map: Map<string, number>, key: string, count = 1): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

/** A new map with the counts of both inputs added; the inputs are not changed. */
export function mergeCounts(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): Map<string, number> {
  const merged = new Map(a);
  for (const [key, count] of b) increment(merged, key, count);
  return merged;
}

/**
 * The `limit` largest entries, by count descending then key ascending (a total
 * order, so equal inputs always give equal output).
 */
export function topCounts(map: ReadonlyMap<string, number>, limit: number): [string, number][] {
  return [...map].sort(compareCountEntries).slice(0, limit);
}

/** Count descending, then key ascending by code unit. */
export function compareCountEntries(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return b[1] - a[1];
  return compareText(a[0], b[0]);
}

/** Orders strings by UTF-16 code units: locale-free, so every machine sorts alike. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
