import { Api } from "telegram";
import {
  peerKey,
  type MemberRef,
  type Message,
  type PeerRef,
  type Reaction,
} from "@tgstats/engine";
import { toLong } from "@tgstats/worker/mtproto";
import { apiAction } from "./api-action.js";
import { apiEntities } from "./api-entities.js";
import { apiMedia } from "./api-media.js";
import { peerOf, type ChatState, type EmulatedAccount } from "./emulated-chat.js";
import type { PeerBook } from "./peer-book.js";
import { documentIdOf } from "./stable-ids.js";

/** Users and chats an answer mentions, to send along with it. */
export class AnswerPeers {
  readonly users = new Set<number>();
  readonly chats = new Map<string, PeerRef>();

  add(ref: PeerRef): void {
    if (ref.kind === "user") this.users.add(ref.id);
    else this.chats.set(peerKey(ref), ref);
  }

  /** The User objects. */
  userObjects(book: PeerBook): Api.User[] {
    return [...this.users].map((id) => book.user(id));
  }

  /** The Chat and Channel objects. */
  chatObjects(book: PeerBook): Api.TypeChat[] {
    return [...this.chats.values()].map((ref) => book.chatObject(ref));
  }
}

/**
 * Turns model messages back into the TL messages Telegram would have sent
 * for them, recording which users and chats the answer must carry.
 */
export class MessageEncoder {
  constructor(
    private readonly book: PeerBook,
    private readonly account: EmulatedAccount,
  ) {}

  /** One message of `chat`, as Api.Message or Api.MessageService. */
  encode(message: Message, chat: ChatState, peers: AnswerPeers): Api.TypeMessage {
    const peerId = chat.peer();
    peers.add(chat.info);
    const from = this.fromId(message, chat, peers);
    const out = message.sender?.kind === "user" && message.sender.id === this.account.id;
    const common = {
      id: message.id,
      peerId,
      date: message.dateUnix,
      ...(from === undefined ? {} : { fromId: from }),
      ...(out ? { out: true } : {}),
      ...(chat.isBroadcast ? { post: true } : {}),
      ...(message.reactions.length > 0 ? { reactions: reactionsOf(message.reactions) } : {}),
    };
    if (message.kind === "service") {
      const action = apiAction(message.serviceAction ?? "unknown", {
        title: chat.info.name ?? "",
        actorId: message.sender?.kind === "user" ? message.sender.id : 0,
        details: message.service,
        memberId: (member) => this.memberId(member, peers),
      });
      const pinned = message.service?.type === "message_pinned" ? message.service.messageId : null;
      return new Api.MessageService({
        ...common,
        action,
        ...(pinned === null
          ? {}
          : { replyTo: new Api.MessageReplyHeader({ replyToMsgId: pinned }) }),
      });
    }
    const media = apiMedia(message, chat.info);
    // A poll's question is its text in the model; Telegram sends it in the poll.
    const text = message.kind === "poll" ? "" : message.text;
    const entities = apiEntities(text, message.entities, (name) => this.book.userIdByName(name));
    return new Api.Message({
      ...common,
      message: text,
      ...(media === undefined ? {} : { media }),
      ...(entities.length > 0 ? { entities } : {}),
      ...(message.replyToId === null
        ? {}
        : { replyTo: new Api.MessageReplyHeader({ replyToMsgId: message.replyToId }) }),
      ...(message.forwardedFrom === null ? {} : { fwdFrom: this.forwardHeader(message, peers) }),
      ...(message.viaBot === null ? {} : { viaBotId: this.viaBot(message.viaBot, peers) }),
      ...(message.editedDateUnix === null ? {} : { editDate: message.editedDateUnix }),
      ...(message.authorSignature === null ? {} : { postAuthor: message.authorSignature }),
      ...postCounters(message),
    });
  }

  /** A member's user id (its own, else one for its name; 0 when it has neither), sent along with the answer. */
  private memberId(member: MemberRef, peers: AnswerPeers): number {
    const id =
      member.peer?.id ?? (member.name === null ? 0 : this.book.memberIdByName(member.name));
    if (id !== 0) peers.add({ kind: "user", id });
    return id;
  }

  /**
   * Telegram leaves `from_id` out for a broadcast channel's own posts and for
   * the other side of a private chat; everything else names its sender.
   */
  private fromId(message: Message, chat: ChatState, peers: AnswerPeers): Api.TypePeer | undefined {
    const sender = message.sender;
    if (sender === null) return undefined;
    const isChat = sender.kind === chat.info.kind && sender.id === chat.info.id;
    if (isChat && (chat.isBroadcast || chat.info.kind === "user")) return undefined;
    if (chat.info.kind === "user" && sender.kind === "user" && sender.id === this.account.id) {
      peers.add(sender);
      return undefined;
    }
    peers.add(sender);
    return peerOf(sender);
  }

  private forwardHeader(message: Message, peers: AnswerPeers): Api.MessageFwdHeader {
    const origin = message.forwardedFrom!;
    if (origin.peer !== null) {
      peers.add(origin.peer);
      return new Api.MessageFwdHeader({ date: message.dateUnix, fromId: peerOf(origin.peer) });
    }
    return new Api.MessageFwdHeader({
      date: message.dateUnix,
      ...(origin.name === null ? {} : { fromName: origin.name }),
    });
  }

  private viaBot(viaBot: string, peers: AnswerPeers): ReturnType<typeof toLong> {
    const id = this.book.botId(viaBot);
    peers.add({ kind: "user", id });
    return toLong(id);
  }
}

/** Views and forwards share one flag bit in TL: a message carries both or neither (a missing one is 0). */
function postCounters(message: Message): { views?: number; forwards?: number } {
  if (message.views === null && message.forwards === null) return {};
  return { views: message.views ?? 0, forwards: message.forwards ?? 0 };
}

function reactionsOf(reactions: readonly Reaction[]): Api.MessageReactions {
  return new Api.MessageReactions({
    results: reactions.map(
      (reaction) =>
        new Api.ReactionCount({
          count: reaction.count,
          reaction:
            reaction.type === "emoji"
              ? new Api.ReactionEmoji({ emoticon: reaction.emoji })
              : reaction.type === "custom_emoji"
                ? new Api.ReactionCustomEmoji({
                    documentId: toLong(documentIdOf(reaction.documentId)),
                  })
                : new Api.ReactionPaid(),
        }),
    ),
  });
}
