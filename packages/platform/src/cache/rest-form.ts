import type { CachedHistory } from "./chat-cache.js";

/**
 * Brings a chat's cached months to what may stay at rest, in place, and
 * returns the months to write. Changed months lose their rare words and
 * phrases (see `ReportState.forRest`). Every month's reply index keeps only
 * the messages a reply may still need: those a later cached month answers,
 * and those within the reply window below the newest cached id (the next read
 * may answer them). A month whose index shrinks is written too.
 */
export function toRestForm(history: CachedHistory, changedMonths: Iterable<string>): string[] {
  const answered = new Set<number>();
  for (const state of history.months.values())
    for (const id of [...state.replies.pendingTargetIds(), ...state.replyChains.pendingTargetIds()])
      answered.add(id);
  const changed = new Set(changedMonths);
  const write: string[] = [];
  for (const [month, state] of history.months) {
    const openAboveId = history.highId - state.replies.windowIds;
    const keep = (id: number): boolean => id > openAboveId || answered.has(id);
    const indexed = [...state.replies.indexedIds(), ...state.replyChains.indexedIds()];
    if (!changed.has(month) && indexed.every(keep)) continue;
    history.months.set(month, state.forRest(keep));
    write.push(month);
  }
  return write;
}
