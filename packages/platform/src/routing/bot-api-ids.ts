import type { PeerRef } from "@tgstats/engine/primitives";

/** Bot API ids of channels and supergroups are `-100` followed by the bare id: −(10¹² + id). */
const CHANNEL_BOT_API_SHIFT = 1_000_000_000_000;

/**
 * The Bot API id of a peer: −100… for channels and supergroups, −id for basic
 * groups, the id itself for users.
 *
 * @example botApiIdOf({ kind: "channel", id: 1234567890 }) // -1001234567890
 */
export function botApiIdOf(peer: PeerRef): number {
  if (peer.kind === "channel") return -(CHANNEL_BOT_API_SHIFT + peer.id);
  return peer.kind === "chat" ? -peer.id : peer.id;
}

/**
 * The peer a Bot API chat id names.
 *
 * @example peerOfBotApiId(-1001234567890) // { kind: "channel", id: 1234567890 }
 */
export function peerOfBotApiId(chatId: number): PeerRef {
  if (chatId <= -CHANNEL_BOT_API_SHIFT)
    return { kind: "channel", id: -chatId - CHANNEL_BOT_API_SHIFT };
  return chatId < 0 ? { kind: "chat", id: -chatId } : { kind: "user", id: chatId };
}
