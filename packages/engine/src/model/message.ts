/**
 * The one message shape that every source emits: the export reader now, the
 * MTProto adapter later. The engine only ever sees this model, so nothing here
 * may depend on where a message came from.
 */

/** Which kind of Telegram peer an id belongs to (MTProto PeerUser / PeerChat / PeerChannel). */
export type PeerKind = "user" | "chat" | "channel";

/** A peer as the export prints it (`"user123"`), split into kind and bare MTProto id. */
export interface PeerRef {
  kind: PeerKind;
  /** Bare MTProto id, without the Bot API `-100` prefix or the old 2^32/2^33 shifts. */
  id: number;
}

/** The sender of a message. `name` is null for deleted or nameless accounts. */
export interface Sender extends PeerRef {
  name: string | null;
}

/** Chat types as the export names them. */
export type ChatType =
  | "personal_chat"
  | "bot_chat"
  | "saved_messages"
  | "replies"
  | "verification_codes"
  | "private_group"
  | "private_supergroup"
  | "public_supergroup"
  | "private_channel"
  | "public_channel"
  | "unknown";

/**
 * True for a broadcast channel, whose posts are the channel's own (no
 * person wrote them), false for groups, supergroups and private chats.
 *
 * @example isBroadcastChannel("public_channel") // true
 */
export function isBroadcastChannel(type: string): boolean {
  return type === "private_channel" || type === "public_channel";
}

/** A chat: where the messages were written. */
export interface ChatInfo {
  /** Peer kind of the chat itself (a basic group is `chat`, supergroups and channels `channel`). */
  kind: PeerKind;
  id: number;
  name: string | null;
  type: ChatType;
}

/** What a message carries besides text. `text` means no media at all. */
export type MessageKind =
  | "text"
  | "photo"
  | "video"
  | "animation"
  | "sticker"
  | "voice"
  | "video_note"
  | "audio"
  | "file"
  | "poll"
  | "location"
  | "venue"
  | "contact"
  | "game"
  | "invoice"
  | "todo"
  | "giveaway"
  | "dice"
  | "story"
  | "service"
  | "unsupported";

/** Entity types the engine cares about; formatting (bold, italic…) is dropped. */
export type EntityType =
  | "link"
  | "text_link"
  | "mention"
  | "mention_name"
  | "hashtag"
  | "cashtag"
  | "bot_command"
  | "email"
  | "phone"
  | "custom_emoji";

/** A semantic entity in the text. `value` is the text it covers (for `text_link`, the href). */
export interface Entity {
  type: EntityType;
  value: string;
  /** The mentioned user's bare id (`mention_name` only; the export's `user_id`). */
  userId?: number;
}

/** A reaction on a message: a Unicode emoji, a custom emoji (by document id) or a paid star reaction. */
export type Reaction =
  | { type: "emoji"; emoji: string; count: number }
  | { type: "custom_emoji"; documentId: string; count: number }
  | { type: "paid"; count: number };

/** Where a forwarded message came from. */
export interface ForwardOrigin {
  name: string | null;
  peer: PeerRef | null;
}

/**
 * A person a membership action names. Exports name members added or removed
 * by someone else (and a link's inviter) by display name only, so `peer` is
 * null there unless the member is the actor; MTProto always gives the id.
 */
export interface MemberRef {
  peer: PeerRef | null;
  /** Display name; null for deleted accounts and where the source gives none. */
  name: string | null;
}

/**
 * The details of the service actions the engine reads. The actor is the
 * message's `sender`; a leave is `members_removed` whose only member is the actor.
 */
export type ServiceDetails =
  /** `create_group` / `create_channel`: the first title and members (the creator too, when listed). */
  | { type: "chat_created"; title: string; members: MemberRef[] }
  /** `invite_members`: one member who is the actor joined on their own (a public group). */
  | { type: "members_added"; members: MemberRef[] }
  /** `remove_members`: removed by the actor, or left when the member is the actor. */
  | { type: "members_removed"; members: MemberRef[] }
  /** `join_group_by_link`: the actor joined; `inviter` made the link, when known. */
  | { type: "joined_by_link"; inviter: MemberRef | null }
  /** `join_group_by_request`: the actor's request to join was approved. */
  | { type: "joined_by_request" }
  /** `edit_group_title`. */
  | { type: "title_changed"; title: string }
  /** `pin_message`: the pinned message's id, when known. */
  | { type: "message_pinned"; messageId: number | null }
  /** `migrate_to_supergroup`: the basic group's last record. */
  | { type: "migrated_to_supergroup" }
  /** `migrate_from_group`: the supergroup's first record, with the old group's title. */
  | { type: "migrated_from_group"; title: string };

/** A normalised message. Dates are unix seconds (UTC). */
export interface Message {
  id: number;
  dateUnix: number;
  /** True when the date came from a local-time string and a time zone had to be assumed. */
  dateAssumed?: boolean;
  /** Null only for service messages without an actor and for unsupported messages. */
  sender: Sender | null;
  /** Channel signature or an anonymous admin's title. */
  authorSignature: string | null;
  kind: MessageKind;
  /** Plain text joined from all parts (caption for media). Empty string when there is none. */
  text: string;
  entities: Entity[];
  replyToId: number | null;
  forwardedFrom: ForwardOrigin | null;
  viaBot: string | null;
  editedDateUnix: number | null;
  /** True when the edit date came from a local-time string (exports before 3.7.6): edited, time uncertain. */
  editedDateAssumed?: boolean;
  reactions: Reaction[];
  /** Emoji of a sticker (`sticker` kind only). */
  stickerEmoji: string | null;
  /** Channel posts read over MTProto; absent from exports. */
  views: number | null;
  forwards: number | null;
  /** Service action name (`pin_message`, `invite_members`, …); null for regular messages. */
  serviceAction: string | null;
  /** Details of membership, title, pin and migration actions; null for everything else. */
  service: ServiceDetails | null;
}

/**
 * A message with every optional field at its "absent" value, overridden by
 * `fields`: one place that knows the empty shape, for sources and tests.
 *
 * @example createMessage({ id: 7, dateUnix: 1700000000, kind: "unsupported" })
 */
export function createMessage(
  fields: Partial<Message> & Pick<Message, "id" | "dateUnix">,
): Message {
  return {
    sender: null,
    authorSignature: null,
    kind: "text",
    text: "",
    entities: [],
    replyToId: null,
    forwardedFrom: null,
    viaBot: null,
    editedDateUnix: null,
    reactions: [],
    stickerEmoji: null,
    views: null,
    forwards: null,
    serviceAction: null,
    service: null,
    ...fields,
  };
}

/** True for messages people wrote (not service or unsupported records). */
export function isRegularMessage(message: Message): boolean {
  return message.kind !== "service" && message.kind !== "unsupported";
}

/**
 * The key that identifies a peer across a report, as the export writes it.
 *
 * @example peerKey({ kind: "user", id: 42 }) // "user42"
 */
export function peerKey(peer: PeerRef): string {
  return `${peer.kind}${peer.id}`;
}
