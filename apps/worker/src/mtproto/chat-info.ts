import { Api } from "telegram";
import { botApiIdOf } from "@tgstats/platform";
import { peerKey, type ChatInfo, type ChatType, type PeerRef } from "@tgstats/engine";
import { longToBigint, longToNumber, toLong } from "./long.js";

/** Telegram's "Replies" service user (old and current id); tdesktop exports its chat as `replies`. */
export const REPLIES_USER_IDS: ReadonlySet<number> = new Set([708_513, 1_271_266_957]);
/** Telegram's "Verification Codes" user; tdesktop exports its chat as `verification_codes`. */
export const VERIFICATION_CODES_USER_ID = 489_000;

/** A chat or user from a response, with what the adapter needs to address it again. */
export interface ChatEntity {
  info: ChatInfo;
  /** Null for a "min" channel or user, whose access hash cannot address it. */
  peer: Api.TypeInputPeer | null;
  botApiId: number;
  username: string | null;
  /** The hash to persist (channels and users only). */
  accessHash: bigint | null;
  /** False when Telegram says the account cannot read it (left, kicked, forbidden). */
  readable: boolean;
}

export { botApiIdOf, peerOfBotApiId } from "@tgstats/platform";

/** Kind and bare id of an MTProto Peer. */
export function peerRefOf(peer: Api.TypePeer): PeerRef {
  if (peer instanceof Api.PeerChannel) return { kind: "channel", id: longToNumber(peer.channelId) };
  if (peer instanceof Api.PeerChat) return { kind: "chat", id: longToNumber(peer.chatId) };
  return { kind: "user", id: longToNumber(peer.userId) };
}

/** The display name tdesktop writes for a user: "First Last", null for deleted or nameless accounts. */
export function userName(user: Api.User): string | null {
  if (user.deleted === true) return null;
  const first = user.firstName ?? "";
  const last = user.lastName ?? "";
  const name = first === "" ? last : last === "" ? first : `${first} ${last}`;
  return name === "" ? null : name;
}

/** The active public username of a user or channel (collectible usernames included). */
export function usernameOf(entity: Api.User | Api.Channel): string | null {
  if (entity.username != null && entity.username !== "") return entity.username;
  return entity.usernames?.find((name) => name.active === true)?.username ?? null;
}

/** The export's chat type of a channel or supergroup: "public_*" when it has a username. */
function channelType(broadcast: boolean, username: string | null): ChatType {
  if (broadcast) return username === null ? "private_channel" : "public_channel";
  return username === null ? "private_supergroup" : "public_supergroup";
}

/** The export's chat type of a dialog with a user (tdesktop's `DialogTypeFromUser`). */
function userChatType(user: Api.User, id: number): ChatType {
  if (user.self === true) return "saved_messages";
  if (REPLIES_USER_IDS.has(id)) return "replies";
  if (id === VERIFICATION_CODES_USER_ID) return "verification_codes";
  return user.bot === true ? "bot_chat" : "personal_chat";
}

/** Types whose chat name tdesktop leaves out. */
const NAMELESS_TYPES: ReadonlySet<ChatType> = new Set([
  "saved_messages",
  "replies",
  "verification_codes",
]);

/**
 * What a chat or user entity of a response tells about the chat, as the export
 * reader would describe the same chat; null for empty entities.
 */
export function chatEntityOf(entity: Api.TypeChat | Api.TypeUser): ChatEntity | null {
  if (entity instanceof Api.Channel) return channelEntity(entity);
  if (entity instanceof Api.ChannelForbidden) {
    const id = longToNumber(entity.id);
    const info: ChatInfo = {
      kind: "channel",
      id,
      name: nameOrNull(entity.title),
      type: channelType(entity.broadcast === true, null),
    };
    const accessHash = longToBigint(entity.accessHash);
    const peer = new Api.InputPeerChannel({ channelId: entity.id, accessHash: entity.accessHash });
    return { info, peer, botApiId: botApiIdOf(info), username: null, accessHash, readable: false };
  }
  if (entity instanceof Api.Chat || entity instanceof Api.ChatForbidden) {
    const id = longToNumber(entity.id);
    const info: ChatInfo = {
      kind: "chat",
      id,
      name: nameOrNull(entity.title),
      type: "private_group",
    };
    const readable =
      entity instanceof Api.Chat && entity.left !== true && entity.deactivated !== true;
    const peer = new Api.InputPeerChat({ chatId: entity.id });
    return { info, peer, botApiId: botApiIdOf(info), username: null, accessHash: null, readable };
  }
  if (entity instanceof Api.User) return userEntity(entity);
  return null;
}

function channelEntity(channel: Api.Channel): ChatEntity {
  const id = longToNumber(channel.id);
  const username = usernameOf(channel);
  const info: ChatInfo = {
    kind: "channel",
    id,
    name: nameOrNull(channel.title),
    type: channelType(channel.broadcast === true, username),
  };
  const hash = channel.min === true ? undefined : channel.accessHash;
  const peer =
    hash == null ? null : new Api.InputPeerChannel({ channelId: channel.id, accessHash: hash });
  return {
    info,
    peer,
    botApiId: botApiIdOf(info),
    username,
    accessHash: hash == null ? null : longToBigint(hash),
    // Public chats can be read without joining; a private one left behind cannot.
    readable: channel.left !== true || username !== null,
  };
}

function userEntity(user: Api.User): ChatEntity {
  const id = longToNumber(user.id);
  const type = userChatType(user, id);
  const info: ChatInfo = {
    kind: "user",
    id,
    name: NAMELESS_TYPES.has(type) ? null : userName(user),
    type,
  };
  const hash = user.min === true ? undefined : user.accessHash;
  // Only the owners' account overview counts these; resolveChat never reports a user.
  const peer =
    user.self === true
      ? new Api.InputPeerSelf()
      : hash == null
        ? null
        : new Api.InputPeerUser({ userId: user.id, accessHash: hash });
  return {
    info,
    peer,
    botApiId: id,
    username: usernameOf(user),
    accessHash: hash == null ? null : longToBigint(hash),
    readable: true,
  };
}

function nameOrNull(title: string): string | null {
  return title === "" ? null : title;
}

/** An InputPeer for a peer whose access hash is known (none needed for basic groups). */
export function inputPeerOf(peer: PeerRef, accessHash: bigint | null): Api.TypeInputPeer | null {
  if (peer.kind === "chat") return new Api.InputPeerChat({ chatId: toLong(peer.id) });
  if (accessHash === null) return null;
  if (peer.kind === "channel")
    return new Api.InputPeerChannel({ channelId: toLong(peer.id), accessHash: toLong(accessHash) });
  return new Api.InputPeerUser({ userId: toLong(peer.id), accessHash: toLong(accessHash) });
}

/**
 * Names of the users and chats that came with a response, to name senders and
 * forward origins the way the export does.
 */
export class PeerDirectory {
  private readonly users = new Map<number, Api.User>();
  private readonly chats = new Map<string, Api.TypeChat>();

  constructor(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]) {
    for (const user of users)
      if (user instanceof Api.User) this.users.set(longToNumber(user.id), user);
    for (const chat of chats) {
      if (chat instanceof Api.ChatEmpty) continue;
      const kind =
        chat instanceof Api.Chat || chat instanceof Api.ChatForbidden ? "chat" : "channel";
      this.chats.set(peerKey({ kind, id: longToNumber(chat.id) }), chat);
    }
  }

  /** A user that came with the response. */
  user(id: number): Api.User | undefined {
    return this.users.get(id);
  }

  /** Display name of a peer, or null when it is unknown or nameless. */
  name(peer: PeerRef): string | null {
    if (peer.kind === "user") {
      const user = this.users.get(peer.id);
      return user === undefined ? null : userName(user);
    }
    const chat = this.chats.get(peerKey(peer));
    return chat === undefined || chat instanceof Api.ChatEmpty ? null : nameOrNull(chat.title);
  }
}
