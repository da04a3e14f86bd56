/**
 * What a user may type to name a chat (`--chat`) or a sender (`--sender`) by
 * id: the id as the export writes it (shifted by 2^32 / 2^33 before Telegram
 * Desktop 2.7.2, see peer-ids.ts), the bare id, `user…`/`chat…`/`channel…`,
 * or the Bot API's `-100…` (channels and supergroups) and `-…` (basic groups).
 */

import { peerKey, type ChatInfo, type PeerKind, type PeerRef } from "../model/message.js";
import { CHAT_SHIFT, USER_SHIFT, parsePrefixedId } from "./peer-ids.js";

/** The id tdesktop before 2.7.2 wrote for a peer: user = 2^32 + id, chat or channel = 2^33 + id. */
export function shiftedPeerId(peer: PeerRef): number {
  return (peer.kind === "user" ? USER_SHIFT : CHAT_SHIFT) + peer.id;
}

/** The Bot API's id of a peer: `-100…` for channels and supergroups, `-…` for basic groups. */
export function botApiPeerId(peer: PeerRef): string {
  if (peer.kind === "channel") return `-100${peer.id}`;
  return peer.kind === "chat" ? `-${peer.id}` : String(peer.id);
}

/**
 * True when `filter` names the chat by one of its ids (see the file comment) or,
 * ignoring case, by its name.
 *
 * @param rawChatId the chat's `id` exactly as written in the file
 * @example chatIdMatches({ kind: "channel", id: 1292077344, … }, 9882011936, "9882011936") // true
 */
export function chatIdMatches(info: ChatInfo, rawChatId: number, filter: string): boolean {
  const trimmed = filter.trim();
  const prefixed = parsePrefixedId(trimmed.toLowerCase());
  if (prefixed !== null) return prefixed.kind === info.kind && prefixed.id === info.id;
  if (/^\d+$/.test(trimmed)) {
    const id = Number(trimmed);
    return id === rawChatId || id === info.id || id === shiftedPeerId(info);
  }
  if (/^-\d+$/.test(trimmed)) {
    // `-100…` is a channel's Bot API id; a basic group's `-…` may start with 100 too.
    if (info.kind === "channel" && trimmed.startsWith("-100") && trimmed.slice(4) === `${info.id}`)
      return true;
    return trimmed.slice(1) === String(info.id);
  }
  return info.name !== null && info.name.toLowerCase() === trimmed.toLowerCase();
}

/**
 * The forms a user can pass for a chat, as one phrase for an error message.
 *
 * @example describeChatIdForms({ kind: "channel", id: 1292077344, … }, 9882011936)
 * // "the chat's id as in the file (9882011936), channel1292077344 or -1001292077344, or its name"
 */
export function describeChatIdForms(info: ChatInfo, rawChatId: number): string {
  const forms = [`the chat's id as in the file (${rawChatId})`];
  if (rawChatId !== info.id) forms.push(String(info.id));
  forms.push(peerKey(info));
  if (info.kind !== "user") forms.push(botApiPeerId(info));
  const last = forms.pop()!;
  return `${forms.join(", ")} or ${last}${info.name === null ? "" : ", or its name"}`;
}

/**
 * The peer keys (`user123`, `channel123`, `chat123`) a `--sender` filter names
 * by id, or null when it is no id (then it names a display name). A bare
 * number is a user's, a channel's or a basic group's id (an export writes
 * channel senders as `channel…`, old exports any sender as a number), and from
 * 2^32 on it may be an id shifted as exports before 2.7.2 wrote it.
 *
 * @example senderIdKeys("4597341038") // ["user4597341038", "channel4597341038", "chat4597341038", "user302373742"]
 */
export function senderIdKeys(filter: string): string[] | null {
  const trimmed = filter.trim().toLowerCase();
  const prefixed = parsePrefixedId(trimmed);
  if (prefixed !== null) return [peerKey(prefixed)];
  if (/^\d+$/.test(trimmed)) {
    const id = Number(trimmed);
    if (!Number.isSafeInteger(id)) return null;
    const keys = (["user", "channel", "chat"] as PeerKind[]).map((kind) => `${kind}${id}`);
    if (id >= CHAT_SHIFT) keys.push(`channel${id - CHAT_SHIFT}`, `chat${id - CHAT_SHIFT}`);
    else if (id >= USER_SHIFT) keys.push(`user${id - USER_SHIFT}`);
    return keys;
  }
  if (/^-\d+$/.test(trimmed)) {
    const keys = [`chat${Number(trimmed.slice(1))}`];
    if (trimmed.startsWith("-100") && trimmed.length > 4)
      keys.push(`channel${Number(trimmed.slice(4))}`);
    return keys;
  }
  return null;
}

/** How a `--sender` can be given, for an error message. */
export const SENDER_FORMS =
  "pass the sender's id as in the file (e.g. 302373742 or user302373742; a channel as channel1292077344 or -1001292077344) or their display name";
