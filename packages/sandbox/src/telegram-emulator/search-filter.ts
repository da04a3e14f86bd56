import { Api } from "telegram";
import { peerKey, type Message, type PeerRef } from "@tgstats/engine";

/** What `messages.search` filters on, as the emulator understands it. */
export interface SearchQuery {
  /** Only messages sent by this peer (`from_id`); null: anyone. */
  from: PeerRef | null;
  /** `min_date`: when positive, only messages dated after it (exclusive). */
  minDateUnix: number;
  /** `max_date`: when positive, only messages dated before it (exclusive). */
  maxDateUnix: number;
}

/**
 * The messages an empty-query `messages.search` finds, ascending ids:
 * messages people sent (service records such as joins and pins are not in
 * Telegram's search index, unlike `getHistory`'s `count`), from `from` when
 * given, dated strictly between `min_date` and `max_date` (each bound only
 * when positive, as the method's documentation says).
 *
 * @example
 * // dates 100, 200, 300: min_date 100, max_date 300 → only the message dated 200
 */
export function searchMatches(messages: readonly Message[], query: SearchQuery): Message[] {
  const fromKey = query.from === null ? null : peerKey(query.from);
  return messages.filter(
    (message) =>
      message.kind !== "service" &&
      (fromKey === null || (message.sender !== null && peerKey(message.sender) === fromKey)) &&
      (query.minDateUnix <= 0 || message.dateUnix > query.minDateUnix) &&
      (query.maxDateUnix <= 0 || message.dateUnix < query.maxDateUnix),
  );
}

/**
 * Why the emulator cannot answer a search, or null when it can: it
 * emulates the counting search only (an empty query, no media filter, no
 * thread or saved-messages scope).
 */
export function unsupportedSearch(request: Api.messages.Search): string | null {
  if (request.q !== "") return "a text query";
  if (!(request.filter instanceof Api.InputMessagesFilterEmpty))
    return `the filter ${request.filter.className}`;
  if (request.topMsgId !== undefined || request.savedPeerId !== undefined)
    return "a thread or saved-messages scope";
  return null;
}
