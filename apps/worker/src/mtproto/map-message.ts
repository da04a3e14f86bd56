import { Api } from "telegram";
import {
  createMessage,
  type ChatInfo,
  type ForwardOrigin,
  type Message,
  type PeerRef,
  type Reaction,
  type Sender,
} from "@tgstats/engine";
import { peerRefOf, type PeerDirectory } from "./chat-info.js";
import { mediaFacts } from "./media-kind.js";
import { ACTORLESS_ACTIONS, serviceActionName } from "./service-action-names.js";
import { serviceDetailsOf } from "./service-details.js";
import { modelEntities } from "./text-entities.js";

/** What mapping a page of messages needs besides the messages. */
export interface MessageContext {
  chat: ChatInfo;
  /** The reading account: the sender of outgoing messages in private chats. */
  me: PeerRef;
  /** Users and chats that came with the page. */
  directory: PeerDirectory;
}

/**
 * One MTProto message as the shared {@link Message} model, field for field as
 * the export reader gives the same message from a tdesktop export; null for
 * MessageEmpty. Views and forwards come only from MTProto (exports lack them).
 */
export function toModelMessage(message: Api.TypeMessage, context: MessageContext): Message | null {
  if (message instanceof Api.Message) return regularMessage(message, context);
  if (message instanceof Api.MessageService) return serviceMessage(message, context);
  return null;
}

function regularMessage(message: Api.Message, context: MessageContext): Message {
  const media = mediaFacts(message.media);
  if (media.kind === "unsupported") return unsupportedMessage(message.id, message.date);
  const raw = message.message;
  const text = raw === "" && media.headline !== null ? media.headline : raw;
  return {
    id: message.id,
    dateUnix: message.date,
    sender: senderOf(message, context),
    authorSignature: message.postAuthor ?? null,
    kind: media.kind,
    text,
    entities: modelEntities(raw, message.entities),
    replyToId: replyToIdOf(message.replyTo, context.chat),
    forwardedFrom: forwardOriginOf(message.fwdFrom, context.directory),
    viaBot: viaBotOf(message, context.directory),
    editedDateUnix: message.editDate ?? null,
    reactions: reactionsOf(message.reactions),
    stickerEmoji: media.stickerEmoji,
    views: message.views ?? null,
    forwards: message.forwards ?? null,
    serviceAction: null,
    service: null,
  };
}

/** Service records: who did what, and the details of membership, title, pin and migration actions. */
function serviceMessage(message: Api.MessageService, context: MessageContext): Message {
  const action = serviceActionName(message.action);
  return createMessage({
    id: message.id,
    dateUnix: message.date,
    sender: ACTORLESS_ACTIONS.has(action) ? null : senderOf(message, context),
    kind: "service",
    reactions: reactionsOf(message.reactions),
    serviceAction: action,
    service: serviceDetailsOf(message, context.directory),
  });
}

/** tdesktop exports media it cannot show as a bare `{id, type: "unsupported"}` record. */
function unsupportedMessage(id: number, dateUnix: number): Message {
  return createMessage({ id, dateUnix, kind: "unsupported" });
}

/**
 * tdesktop's sender: `from_id`, else the chat itself (channel posts). In
 * private chats Telegram may leave `from_id` out; the `out` flag then says
 * whether the account or the other side wrote.
 */
function senderOf(message: Api.Message | Api.MessageService, context: MessageContext): Sender {
  let peer: PeerRef;
  if (message.fromId != null) peer = peerRefOf(message.fromId);
  else if (message.peerId instanceof Api.PeerUser && message.out === true) peer = context.me;
  else peer = peerRefOf(message.peerId);
  return { kind: peer.kind, id: peer.id, name: context.directory.name(peer) };
}

/** A reply into another chat names a message id there, so it is dropped (as the export reader does). */
function replyToIdOf(
  replyTo: Api.TypeMessageReplyHeader | undefined,
  chat: ChatInfo,
): number | null {
  if (!(replyTo instanceof Api.MessageReplyHeader) || replyTo.replyToMsgId == null) return null;
  const other = replyTo.replyToPeerId;
  if (other == null) return replyTo.replyToMsgId;
  const peer = peerRefOf(other);
  return peer.kind === chat.kind && peer.id === chat.id ? replyTo.replyToMsgId : null;
}

function forwardOriginOf(
  header: Api.TypeMessageFwdHeader | undefined,
  directory: PeerDirectory,
): ForwardOrigin | null {
  if (header == null) return null;
  const peer = header.fromId == null ? null : peerRefOf(header.fromId);
  const name = header.fromName ?? (peer === null ? null : directory.name(peer));
  return { name, peer };
}

/** `via_bot` as tdesktop writes it: "@" + the bot's username. */
function viaBotOf(message: Api.Message, directory: PeerDirectory): string | null {
  if (message.viaBotId == null) return null;
  const bot = directory.user(message.viaBotId.toJSNumber());
  const username = bot?.username;
  return username == null || username === "" ? null : `@${username}`;
}

function reactionsOf(reactions: Api.TypeMessageReactions | undefined): Reaction[] {
  const result: Reaction[] = [];
  if (reactions == null) return result;
  for (const { reaction, count } of reactions.results) {
    if (reaction instanceof Api.ReactionEmoji)
      result.push({ type: "emoji", emoji: reaction.emoticon, count });
    else if (reaction instanceof Api.ReactionCustomEmoji)
      result.push({ type: "custom_emoji", documentId: reaction.documentId.toString(), count });
    else if (reaction instanceof Api.ReactionPaid) result.push({ type: "paid", count });
  }
  return result;
}
