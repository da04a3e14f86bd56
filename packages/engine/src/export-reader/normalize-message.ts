import {
  createMessage,
  type ChatInfo,
  type Entity,
  type EntityType,
  type ForwardOrigin,
  type Message,
  type MessageKind,
  type Reaction,
  type Sender,
} from "../model/message.js";
import { serviceDetailsOf } from "./service-details.js";
import type { ZoneClock } from "../time/zone-clock.js";
import { IdSet } from "./id-set.js";
import { localDateToUnix, localDateYear } from "./local-date.js";
import type { PeerIdReader } from "./peer-ids.js";
import type { ExportChatStats, SkipReason } from "./types.js";

type RawRecord = Record<string, unknown>;

/** 1971-01-01T00:00:00Z. tdesktop before 2.1.9 wrote the epoch as the edit date of unedited messages. */
const FIRST_REAL_EDIT_UNIX = 31_536_000;

const KEPT_ENTITIES: ReadonlySet<string> = new Set<EntityType>([
  "link",
  "text_link",
  "mention",
  "mention_name",
  "hashtag",
  "cashtag",
  "bot_command",
  "email",
  "phone",
  "custom_emoji",
]);

const MEDIA_TYPE_KINDS: Readonly<Record<string, MessageKind>> = {
  sticker: "sticker",
  video_message: "video_note",
  voice_message: "voice",
  animation: "animation",
  video_file: "video",
  audio_file: "audio",
};

/**
 * Turns the parsed message objects of one chat into {@link Message}s: ids of
 * every generation, local dates in the assumed zone, text arrays joined,
 * deduplication by id.
 *
 * Poll and to-do messages have an empty `text` in exports; their question or
 * title is used as the text, so that words people typed there count (answers
 * and tasks are left out).
 */
export class MessageNormalizer {
  private readonly seen = new IdSet();
  private lastDateUnix = 0;
  private dateWasAssumed = false;
  private readonly chatIsChannel: boolean;
  /** Why the last {@link normalize} left its entry out, until {@link addAll} records where. */
  private skippedFor: SkipReason | null = null;

  constructor(
    private readonly chat: ChatInfo,
    private readonly peers: PeerIdReader,
    private readonly clock: ZoneClock,
    private readonly stats: ExportChatStats,
  ) {
    this.chatIsChannel = chat.type === "private_channel" || chat.type === "public_channel";
  }

  /** Ids of the messages seen so far (kept or dropped as duplicates). */
  get seenIds(): IdSet {
    return this.seen;
  }

  /**
   * Normalises the elements of a parsed `messages` slice and appends them to `out`.
   *
   * @param offsetOf the file offset of element `index` of the slice, asked
   *   for the first entry of each kind that is left out (for the report's notes)
   */
  addAll(raws: unknown, out: Message[], offsetOf: (index: number) => number): void {
    if (!Array.isArray(raws)) return;
    const elements = raws as unknown[];
    for (let index = 0; index < elements.length; index++) {
      const message = this.normalize(elements[index]);
      if (message !== null) out.push(message);
      else if (this.skippedFor !== null) {
        const skipped = this.stats.skipped[this.skippedFor];
        if (skipped.firstByte < 0) skipped.firstByte = offsetOf(index);
        this.skippedFor = null;
      }
    }
  }

  /** One message, or null when it is a duplicate or not a usable message. */
  normalize(value: unknown): Message | null {
    if (!isRecord(value)) return this.invalid("not-an-object");
    const id = value.id;
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return this.invalid("id-not-integer");
    if (!this.seen.add(id)) {
      this.stats.duplicates++;
      return null;
    }
    if (value.type === "unsupported") return this.unsupported(value, id);
    const dateUnix = this.dateOf(value);
    if (dateUnix === null) return this.invalid("no-date");
    this.lastDateUnix = dateUnix;
    const isService = value.type === "service";
    const kind = isService ? "service" : messageKind(value);
    let text = textOf(value);
    if (text === "" && (kind === "poll" || kind === "todo")) text = headlineOf(value, kind);
    const sender = isService ? this.sender(value.actor_id, value.actor) : this.author(value);
    const message: Message = {
      id,
      dateUnix,
      sender,
      authorSignature: stringOrNull(value.author),
      kind,
      text,
      entities: entitiesOf(value),
      replyToId: this.replyTo(value),
      forwardedFrom: this.forwardOrigin(value),
      viaBot: stringOrNull(value.via_bot),
      editedDateUnix: this.editedOf(value),
      reactions: reactionsOf(value.reactions),
      stickerEmoji: kind === "sticker" ? stringOrNull(value.sticker_emoji) : null,
      views: null,
      forwards: null,
      serviceAction: isService ? serviceAction(value) : null,
      service: isService ? serviceDetailsOf(value, sender) : null,
    };
    if (message.editedDateUnix !== null && unixOf(value.edited_unixtime) === null)
      message.editedDateAssumed = true;
    if (this.dateWasAssumed) {
      message.dateAssumed = true;
      this.stats.assumedDates++;
    }
    if (isService) this.stats.service++;
    this.stats.messages++;
    return message;
  }

  private invalid(reason: SkipReason): null {
    this.stats.invalid++;
    this.stats.skipped[reason].count++;
    this.skippedFor = reason;
    return null;
  }

  /** Unsupported records are only `{id, type}`: they borrow the previous message's date to keep order. */
  private unsupported(value: RawRecord, id: number): Message {
    const own = this.dateOf(value);
    const dateUnix = own ?? this.lastDateUnix;
    this.stats.unsupported++;
    this.stats.messages++;
    return createMessage({ id, dateUnix, kind: "unsupported" });
  }

  private dateOf(value: RawRecord): number | null {
    const unix = unixOf(value.date_unixtime);
    this.dateWasAssumed = false;
    if (unix !== null) return unix;
    const local = value.date;
    if (typeof local !== "string") return null;
    const assumed = localDateToUnix(local, this.clock);
    this.dateWasAssumed = assumed !== null;
    return assumed;
  }

  private editedOf(value: RawRecord): number | null {
    const unix = unixOf(value.edited_unixtime);
    if (unix !== null) return unix >= FIRST_REAL_EDIT_UNIX ? unix : null;
    const local = value.edited;
    if (typeof local !== "string" || localDateYear(local) < 1971) return null;
    return localDateToUnix(local, this.clock);
  }

  private sender(idValue: unknown, nameValue: unknown): Sender | null {
    const peer = this.peers.peer(idValue);
    if (peer === null) return null;
    return { kind: peer.kind, id: peer.id, name: stringOrNull(nameValue) };
  }

  /** Sender of a regular message. Exports before 1.4.8 have names only: a channel post is the channel's. */
  private author(value: RawRecord): Sender | null {
    const sender = this.sender(value.from_id, value.from);
    if (sender !== null) return sender;
    if (this.chatIsChannel) return { kind: this.chat.kind, id: this.chat.id, name: this.chat.name };
    this.stats.senderUnknown++;
    return null;
  }

  /** A reply into another chat (`reply_to_peer_id`) names a message id there, so it is dropped. */
  private replyTo(value: RawRecord): number | null {
    const id = value.reply_to_message_id;
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return null;
    const peerValue = value.reply_to_peer_id;
    if (peerValue === undefined) return id;
    const peer = this.peers.peer(peerValue);
    return peer !== null && peer.kind === this.chat.kind && peer.id === this.chat.id ? id : null;
  }

  private forwardOrigin(value: RawRecord): ForwardOrigin | null {
    const name = value.forwarded_from;
    const idValue = value.forwarded_from_id;
    if (name === undefined && idValue === undefined) return null;
    return { name: stringOrNull(name), peer: this.peers.peer(idValue) };
  }
}

function isRecord(value: unknown): value is RawRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** `date_unixtime` is a string of digits (a number in some third-party rewrites). */
function unixOf(value: unknown): number | null {
  if (typeof value === "string") {
    const n = value.length > 0 ? Number(value) : Number.NaN;
    return Number.isSafeInteger(n) ? n : null;
  }
  return typeof value === "number" && Number.isSafeInteger(value) ? value : null;
}

function messageKind(value: RawRecord): MessageKind {
  const mediaType = value.media_type;
  if (typeof mediaType === "string") return MEDIA_TYPE_KINDS[mediaType] ?? "file";
  if (value.photo !== undefined) return "photo";
  if (value.file !== undefined) return "file";
  if (value.poll !== undefined) return "poll";
  // A venue carries location_information too, so it is checked first.
  if (value.place_name !== undefined || value.address !== undefined) return "venue";
  if (value.location_information !== undefined) return "location";
  if (value.contact_information !== undefined) return "contact";
  if (value.game_title !== undefined) return "game";
  if (value.invoice_information !== undefined) return "invoice";
  if (value.todo_list !== undefined) return "todo";
  if (value.giveaway_information !== undefined || value.giveaway_results !== undefined)
    return "giveaway";
  return "text";
}

/** Concatenated text of a text array (plain strings and `{type, text}` parts). */
function joinParts(parts: readonly unknown[]): string {
  // join() gives a flat string; += builds a rope that every later regex scan pays to flatten.
  const texts: string[] = [];
  for (const part of parts) {
    if (typeof part === "string") texts.push(part);
    else if (isRecord(part) && typeof part.text === "string") texts.push(part.text);
  }
  return texts.join("");
}

/** `text` as a string or parts; else `text_entities`; else a 2026 rich message's `full_text`. */
function textOf(value: RawRecord): string {
  const text = value.text;
  if (typeof text === "string") return text;
  if (Array.isArray(text)) return joinParts(text as unknown[]);
  const entities = value.text_entities;
  if (Array.isArray(entities)) return joinParts(entities as unknown[]);
  const full = value.full_text;
  if (typeof full === "string") return full;
  return Array.isArray(full) ? joinParts(full as unknown[]) : "";
}

/** A poll's question or a to-do list's title (each a string or a text array). */
function headlineOf(value: RawRecord, kind: "poll" | "todo"): string {
  const holder = kind === "poll" ? value.poll : value.todo_list;
  if (!isRecord(holder)) return "";
  const headline = kind === "poll" ? holder.question : holder.title;
  if (typeof headline === "string") return headline;
  return Array.isArray(headline) ? joinParts(headline as unknown[]) : "";
}

function entitiesOf(value: RawRecord): Entity[] {
  const entities: Entity[] = [];
  const fromEntities = value.text_entities;
  const fromText = value.text;
  const parts = Array.isArray(fromEntities)
    ? fromEntities
    : Array.isArray(fromText)
      ? fromText
      : null;
  if (parts === null) return entities;
  for (const part of parts as unknown[]) {
    if (!isRecord(part)) continue;
    const type = part.type;
    if (type === "plain" || typeof type !== "string" || !KEPT_ENTITIES.has(type)) continue;
    const entity: Entity = { type: type as EntityType, value: entityValue(type, part) };
    if (type === "mention_name" && typeof part.user_id === "number") entity.userId = part.user_id;
    entities.push(entity);
  }
  return entities;
}

function entityValue(type: string, part: RawRecord): string {
  if (type === "text_link" && typeof part.href === "string") return part.href;
  if (type === "custom_emoji") return documentId(part.document_id);
  return typeof part.text === "string" ? part.text : "";
}

/** A file path, `""`, `"(unavailable)"`; 4.1.1 wrote the raw number. */
function documentId(value: unknown): string {
  if (typeof value === "string") return value;
  return typeof value === "number" ? String(value) : "";
}

function reactionsOf(value: unknown): Reaction[] {
  const reactions: Reaction[] = [];
  if (!Array.isArray(value)) return reactions;
  for (const item of value as unknown[]) {
    if (!isRecord(item)) continue;
    const count = typeof item.count === "number" ? item.count : 0;
    if (item.type === "emoji" && typeof item.emoji === "string")
      reactions.push({ type: "emoji", emoji: item.emoji, count });
    else if (item.type === "custom_emoji")
      reactions.push({ type: "custom_emoji", documentId: documentId(item.document_id), count });
    else if (item.type === "paid") reactions.push({ type: "paid", count });
  }
  return reactions;
}

/** A custom service action has `information_text` and no `action`. */
function serviceAction(value: RawRecord): string {
  if (typeof value.action === "string") return value.action;
  return value.information_text !== undefined ? "custom" : "unknown";
}
