/**
 * Peer ids across the export generations (format notes §8.4):
 * - 1.4.8 → 2.4.1: `from_id` is a raw user id (number);
 * - 2.4.1 → 2.7.2: a number with tdesktop's export shift, user = 2^32 + id,
 *   chat or channel = 2^33 + id;
 * - 2.7.2 on: a string `"user123"`, `"chat123"` or `"channel123"` with the bare id.
 * The chat's own `id` was shifted the same way until 2.7.2 and is bare since.
 */

import type { ChatType, PeerKind, PeerRef } from "../model/message.js";

/** Added to a user's id in exports before 2.7.2. */
export const USER_SHIFT = 2 ** 32;
/** Added to a basic group's or channel's id in exports before 2.7.2. */
export const CHAT_SHIFT = 2 ** 33;

/** How the export writes sender ids, found by looking at its first messages. */
export type IdFormat = "numeric" | "prefixed";

const CHAT_TYPES: ReadonlySet<string> = new Set<ChatType>([
  "personal_chat",
  "bot_chat",
  "saved_messages",
  "replies",
  "verification_codes",
  "private_group",
  "private_supergroup",
  "public_supergroup",
  "private_channel",
  "public_channel",
]);

/** The export's chat `type` as a {@link ChatType}; anything else is `unknown`. */
export function toChatType(value: unknown): ChatType {
  return typeof value === "string" && CHAT_TYPES.has(value) ? (value as ChatType) : "unknown";
}

/** Peer kind of a chat by its type: basic groups are `chat`, supergroups and channels `channel`. */
export function chatKindOfType(type: ChatType): PeerKind | null {
  switch (type) {
    case "personal_chat":
    case "bot_chat":
    case "saved_messages":
    case "replies":
    case "verification_codes":
      return "user";
    case "private_group":
      return "chat";
    case "private_supergroup":
    case "public_supergroup":
    case "private_channel":
    case "public_channel":
      return "channel";
    case "unknown":
      return null;
  }
}

/**
 * Kind and bare id of a chat from its header.
 *
 * @param rawId the chat `id` as written (bare, or shifted before 2.7.2)
 * @param idFormat how the chat's messages write sender ids; null when unknown.
 *   Numeric ids mean the chat id is shifted too. Ids below 2^32 are bare either
 *   way, and without evidence an id of 2^33 or more is read as shifted only for
 *   groups and channels (modern bare user ids can be that large).
 * @example chatPeer(4294967296 + 42, "personal_chat", "numeric") // { kind: "user", id: 42 }
 */
export function chatPeer(rawId: number, type: ChatType, idFormat: IdFormat | null): PeerRef {
  const typeKind = chatKindOfType(type);
  const shifted =
    rawId >= USER_SHIFT &&
    (idFormat === "numeric" || (idFormat === null && rawId >= CHAT_SHIFT && typeKind !== "user"));
  if (!shifted) return { kind: typeKind ?? "channel", id: rawId };
  if (rawId >= CHAT_SHIFT) return { kind: typeKind ?? "channel", id: rawId - CHAT_SHIFT };
  return { kind: typeKind ?? "user", id: rawId - USER_SHIFT };
}

/**
 * Resolves `from_id` / `actor_id` / `forwarded_from_id` values of one chat.
 * A numeric id of 2^33 or more is a basic group (`chat`) when it equals the
 * chat's own shifted id in a basic group, and a channel otherwise (the export
 * shifted both by 2^33, so nothing else tells them apart).
 */
export class PeerIdReader {
  constructor(
    /** The chat's `id` exactly as written in its header. */
    private readonly rawChatId: number,
    private readonly chatIsBasicGroup: boolean,
  ) {}

  /** The peer an id value names, or null when it is missing or not an id. */
  peer(value: unknown): PeerRef | null {
    if (typeof value === "string") return parsePrefixedId(value);
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0)
      return this.numericPeer(value);
    return null;
  }

  private numericPeer(value: number): PeerRef {
    if (value < USER_SHIFT) return { kind: "user", id: value };
    if (value < CHAT_SHIFT) return { kind: "user", id: value - USER_SHIFT };
    const kind = this.chatIsBasicGroup && value === this.rawChatId ? "chat" : "channel";
    return { kind, id: value - CHAT_SHIFT };
  }
}

/**
 * Splits `"user123"`, `"chat123"` or `"channel123"`; null for anything else.
 *
 * @example parsePrefixedId("channel1292077344") // { kind: "channel", id: 1292077344 }
 */
export function parsePrefixedId(value: string): PeerRef | null {
  let kind: PeerKind;
  let digits: string;
  if (value.startsWith("user")) {
    kind = "user";
    digits = value.slice(4);
  } else if (value.startsWith("channel")) {
    kind = "channel";
    digits = value.slice(7);
  } else if (value.startsWith("chat")) {
    kind = "chat";
    digits = value.slice(4);
  } else return null;
  const id = digits.length > 0 ? Number(digits) : Number.NaN;
  return Number.isSafeInteger(id) && id >= 0 ? { kind, id } : null;
}

const FROM_ID_KEY = Buffer.from('"from_id"', "latin1");
const ACTOR_ID_KEY = Buffer.from('"actor_id"', "latin1");

/**
 * Tells from raw bytes at the start of a `messages` array how its sender ids are
 * written: a `"from_id"`/`"actor_id"` key followed by a number or by a string.
 * A quote inside a JSON string is always escaped, so `"from_id"` followed by a
 * colon can only be a key.
 */
export function sniffIdFormat(bytes: Buffer): IdFormat | null {
  const candidates = [bytes.indexOf(FROM_ID_KEY), bytes.indexOf(ACTOR_ID_KEY)].filter(
    (index) => index >= 0,
  );
  candidates.sort((a, b) => a - b);
  for (const at of candidates) {
    const keyLength = bytes[at + 1] === 0x66 ? FROM_ID_KEY.length : ACTOR_ID_KEY.length;
    let i = at + keyLength;
    while (i < bytes.length && bytes[i]! <= 0x20) i++;
    if (bytes[i] !== 0x3a) continue;
    i++;
    while (i < bytes.length && bytes[i]! <= 0x20) i++;
    const first = bytes[i];
    if (first === 0x22) return "prefixed";
    if (first !== undefined && first >= 0x30 && first <= 0x39) return "numeric";
  }
  return null;
}
