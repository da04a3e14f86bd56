import type { ChatInfo } from "./message.js";

/** What a `t.me` link to a message needs to know of its chat. */
export interface LinkableChat extends Pick<ChatInfo, "kind" | "id"> {
  /** The chat's public username, when it has one (MTProto knows it; exports do not). */
  username?: string | null;
}

/**
 * The `t.me` link that opens a message, or null where Telegram has none.
 * Supergroups and channels have links: `t.me/<username>/<id>` when public,
 * else `t.me/c/<id>/<id>`, which opens for anyone who may read the chat.
 * Basic groups and private chats have no message links.
 *
 * @example
 * messageLink({ kind: "channel", id: 1234567890 }, 42); // "https://t.me/c/1234567890/42"
 * messageLink({ kind: "channel", id: 1, username: "durov" }, 42); // "https://t.me/durov/42"
 */
export function messageLink(chat: LinkableChat, messageId: number): string | null {
  if (chat.kind !== "channel" || !Number.isSafeInteger(messageId) || messageId <= 0) return null;
  const username = chat.username ?? null;
  if (username !== null && /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username))
    return `https://t.me/${username}/${messageId}`;
  return `https://t.me/c/${chat.id}/${messageId}`;
}
