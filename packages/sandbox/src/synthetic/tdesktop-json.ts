/**
 * Writes message drafts the way Telegram Desktop's JSON exporter does
 * (`export_output_json.cpp`): one-space indentation per nesting level, keys in
 * the exporter's order, empty values left out, `date_unixtime` as a string,
 * control characters as `\xHH` (not valid JSON), U+2028/2029 as `\u2028/9`.
 *
 * Hand-written because the point is to copy the exporter's exact bytes, quirks
 * included (reaction objects are indented one level deeper than their siblings,
 * as in real exports); no JSON library reproduces that.
 */

import { ZoneClock } from "@tgstats/engine";
import type {
  DocumentMedia,
  MediaDraft,
  MessageDraft,
  PeerName,
  ReactionDraft,
  RegularDraft,
  ServiceDraft,
  TextPart,
} from "./message-draft.js";

const SPACES = Array.from({ length: 16 }, (_, n) => " ".repeat(n));

/** Indentation of a message object inside a single-chat export's `messages` array. */
export const MESSAGE_INDENT = 2;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;

/**
 * A JSON string literal as tdesktop's `SerializeString` writes it.
 *
 * @param tdesktopEscapes true: control characters become `\xHH` like tdesktop
 *   (invalid JSON); false: `\u00hh`, so the result is valid JSON.
 * @example tdesktopString("a\u0001b", true) // "\"a\\x01b\""
 */
export function tdesktopString(value: string, tdesktopEscapes: boolean): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let result = '"';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === "\n") result += "\\n";
    else if (char === "\r") result += "\\r";
    else if (char === "\t") result += "\\t";
    else if (char === '"') result += '\\"';
    else if (char === "\\") result += "\\\\";
    else if (code < 0x20) result += controlEscape(code, tdesktopEscapes);
    else if (code === 0x2028) result += "\\u2028";
    else if (code === 0x2029) result += "\\u2029";
    else result += char;
  }
  return result + '"';
}

function controlEscape(code: number, tdesktopEscapes: boolean): string {
  // tdesktop prints the high nibble as a digit and the low one in upper-case hex.
  const hex = code.toString(16).toUpperCase().padStart(2, "0");
  return tdesktopEscapes ? `\\x${hex}` : `\\u00${hex.toLowerCase()}`;
}

/** `{` + fields one level deeper than `indent` + `}` at `indent` (tdesktop `SerializeObject`). */
export function objectAt(indent: number, fields: readonly string[]): string {
  const pad = SPACES[indent + 1]!;
  return `{\n${pad}${fields.join(`,\n${pad}`)}\n${SPACES[indent]!}}`;
}

/** `[` + items one level deeper than `indent` + `]` at `indent` (tdesktop `SerializeArray`). */
export function arrayAt(indent: number, items: readonly string[]): string {
  const pad = SPACES[indent + 1]!;
  const body = items.length === 0 ? "" : `${pad}${items.join(`,\n${pad}`)}`;
  return `[\n${body}\n${SPACES[indent]!}]`;
}

/**
 * Formats unix seconds as tdesktop's local `date` (`Qt::ISODate`, no offset) in one zone.
 * Caches the calendar day so the hot path is string concatenation only.
 */
export class LocalDateFormatter {
  private readonly clock: ZoneClock;
  private cachedDayIndex = Number.NaN;
  private cachedDay = "";

  /** @param timeZone IANA zone of the "exporting PC". */
  constructor(timeZone: string) {
    this.clock = new ZoneClock(timeZone);
  }

  /** @example new LocalDateFormatter("Europe/Moscow").format(0) // "1970-01-01T03:00:00" */
  format(unix: number): string {
    const local = unix + this.clock.offsetSeconds(unix);
    const dayIndex = Math.floor(local / 86_400);
    if (dayIndex !== this.cachedDayIndex) {
      this.cachedDayIndex = dayIndex;
      this.cachedDay = new Date(dayIndex * 86_400_000).toISOString().slice(0, 10);
    }
    const secondOfDay = local - dayIndex * 86_400;
    const hour = Math.floor(secondOfDay / 3600);
    const minute = Math.floor((secondOfDay % 3600) / 60);
    const second = secondOfDay % 60;
    return `${this.cachedDay}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  }

  /** Offset of the zone from UTC at `unix`, in seconds. */
  offsetSeconds(unix: number): number {
    return this.clock.offsetSeconds(unix);
  }
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** What the serializer needs besides the draft. */
export interface SerializeContext {
  tdesktopEscapes: boolean;
  dates: LocalDateFormatter;
}

/** Serializes one message at {@link MESSAGE_INDENT}, byte-compatible with tdesktop. */
export function serializeMessage(draft: MessageDraft, context: SerializeContext): string {
  if (draft.kind === "unsupported") {
    return objectAt(MESSAGE_INDENT, [`"id": ${draft.id}`, `"type": "unsupported"`]);
  }
  const fields = [
    `"id": ${draft.id}`,
    draft.kind === "service" ? `"type": "service"` : `"type": "message"`,
    `"date": "${context.dates.format(draft.dateUnix)}"`,
    `"date_unixtime": "${draft.dateUnix}"`,
  ];
  if (draft.kind === "message" && draft.editedUnix !== undefined) {
    fields.push(`"edited": "${context.dates.format(draft.editedUnix)}"`);
    fields.push(`"edited_unixtime": "${draft.editedUnix}"`);
  }
  if (draft.kind === "service") pushService(fields, draft, context);
  else pushRegular(fields, draft, context);
  return objectAt(MESSAGE_INDENT, fields);
}

const FIELD_INDENT = MESSAGE_INDENT + 1;

function str(value: string, context: SerializeContext): string {
  return tdesktopString(value, context.tdesktopEscapes);
}

function nullableStr(value: string | null, context: SerializeContext): string {
  return value === null || value === "" ? "null" : str(value, context);
}

function pushPeer(
  fields: string[],
  label: string,
  peer: PeerName,
  context: SerializeContext,
): void {
  fields.push(`"${label}": ${nullableStr(peer.name, context)}`);
  fields.push(`"${label}_id": "${peer.id}"`);
}

function pushService(fields: string[], draft: ServiceDraft, context: SerializeContext): void {
  pushPeer(fields, "actor", draft.actor, context);
  fields.push(`"action": "${draft.action}"`);
  if (draft.title !== undefined && draft.title !== "") {
    fields.push(`"title": ${str(draft.title, context)}`);
  }
  if (draft.members !== undefined) {
    const names = draft.members.map((name) => nullableStr(name, context));
    fields.push(`"members": ${arrayAt(FIELD_INDENT, names)}`);
  }
  if (draft.inviter !== undefined) fields.push(`"inviter": ${nullableStr(draft.inviter, context)}`);
  if (draft.photo !== undefined) {
    fields.push(`"photo": ${str(draft.photo.file.path, context)}`);
    fields.push(`"photo_file_size": ${draft.photo.file.sizeBytes}`);
    fields.push(`"width": ${draft.photo.width}`, `"height": ${draft.photo.height}`);
  }
  if (draft.messageId !== undefined) fields.push(`"message_id": ${draft.messageId}`);
  if (draft.durationSeconds) fields.push(`"duration_seconds": ${draft.durationSeconds}`);
  if (draft.discardReason !== undefined) fields.push(`"discard_reason": "${draft.discardReason}"`);
  if (draft.callDurationSeconds) fields.push(`"duration": ${draft.callDurationSeconds}`);
  fields.push(`"text": ""`, `"text_entities": []`);
}

function pushRegular(fields: string[], draft: RegularDraft, context: SerializeContext): void {
  pushPeer(fields, "from", draft.from, context);
  if (draft.author !== undefined && draft.author !== "") {
    fields.push(`"author": ${str(draft.author, context)}`);
  }
  if (draft.forwardedFrom !== undefined) {
    fields.push(`"forwarded_from": ${nullableStr(draft.forwardedFrom, context)}`);
  }
  if (draft.savedFrom !== undefined) {
    fields.push(`"saved_from": ${nullableStr(draft.savedFrom, context)}`);
  }
  if (draft.replyToId !== undefined) fields.push(`"reply_to_message_id": ${draft.replyToId}`);
  if (draft.viaBot !== undefined) fields.push(`"via_bot": ${str(draft.viaBot, context)}`);
  if (draft.media !== undefined) pushMedia(fields, draft.media, context);
  fields.push(`"text": ${serializeText(draft.text, false, context)}`);
  fields.push(`"text_entities": ${serializeText(draft.text, true, context)}`);
  if (draft.reactions !== undefined && draft.reactions.length > 0) {
    fields.push(`"reactions": ${serializeReactions(draft.reactions, context)}`);
  }
}

function pushMedia(fields: string[], media: MediaDraft, context: SerializeContext): void {
  switch (media.kind) {
    case "photo":
      fields.push(`"photo": ${str(media.file.path, context)}`);
      fields.push(`"photo_file_size": ${media.file.sizeBytes}`);
      fields.push(`"width": ${media.width}`, `"height": ${media.height}`);
      if (media.spoiler === true) fields.push(`"media_spoiler": true`);
      return;
    case "document":
      pushDocument(fields, media, context);
      return;
    case "contact":
      fields.push(
        `"contact_information": ${objectAt(FIELD_INDENT, [
          `"first_name": ${str(media.firstName, context)}`,
          `"last_name": ${str(media.lastName, context)}`,
          `"phone_number": ${str(media.phoneNumber, context)}`,
        ])}`,
      );
      return;
    case "location":
      fields.push(`"location_information": ${coordinates(media.latitude, media.longitude)}`);
      if (media.livePeriodSeconds) {
        fields.push(`"live_location_period_seconds": ${media.livePeriodSeconds}`);
      }
      return;
    case "venue":
      fields.push(`"place_name": ${str(media.placeName, context)}`);
      fields.push(`"address": ${str(media.address, context)}`);
      fields.push(`"location_information": ${coordinates(media.latitude, media.longitude)}`);
      return;
    case "poll":
      fields.push(`"poll": ${serializePoll(media, context)}`);
      return;
  }
}

function pushDocument(fields: string[], media: DocumentMedia, context: SerializeContext): void {
  fields.push(`"file": ${str(media.file.path, context)}`);
  if (media.fileName !== undefined && media.fileName !== "") {
    fields.push(`"file_name": ${str(media.fileName, context)}`);
  }
  fields.push(`"file_size": ${media.file.sizeBytes}`);
  if (media.thumbnail !== undefined) {
    fields.push(`"thumbnail": ${str(media.thumbnail.path, context)}`);
    fields.push(`"thumbnail_file_size": ${media.thumbnail.sizeBytes}`);
  }
  if (media.mediaType !== undefined) fields.push(`"media_type": "${media.mediaType}"`);
  if (media.stickerEmoji !== undefined && media.stickerEmoji !== "") {
    fields.push(`"sticker_emoji": ${str(media.stickerEmoji, context)}`);
  }
  if (media.performer !== undefined && media.performer !== "") {
    fields.push(`"performer": ${str(media.performer, context)}`);
  }
  if (media.title !== undefined && media.title !== "") {
    fields.push(`"title": ${str(media.title, context)}`);
  }
  fields.push(`"mime_type": ${str(media.mimeType, context)}`);
  if (media.durationSeconds) fields.push(`"duration_seconds": ${media.durationSeconds}`);
  if (media.width && media.height) {
    fields.push(`"width": ${media.width}`, `"height": ${media.height}`);
  }
}

/** tdesktop prints doubles with `std::to_string`: always six decimals. */
function coordinates(latitude: number, longitude: number): string {
  return objectAt(FIELD_INDENT, [
    `"latitude": ${latitude.toFixed(6)}`,
    `"longitude": ${longitude.toFixed(6)}`,
  ]);
}

function serializePoll(
  poll: Extract<MediaDraft, { kind: "poll" }>,
  context: SerializeContext,
): string {
  // Answers sit two levels below the poll key, their fields three.
  const answers = poll.answers.map((answer) =>
    objectAt(FIELD_INDENT + 2, [
      `"text": ${str(answer.text, context)}`,
      `"voters": ${answer.voters}`,
      `"chosen": ${answer.chosen ? "true" : "false"}`,
    ]),
  );
  return objectAt(FIELD_INDENT, [
    `"question": ${str(poll.question, context)}`,
    `"closed": ${poll.closed ? "true" : "false"}`,
    `"total_voters": ${poll.totalVoters}`,
    `"answers": ${arrayAt(FIELD_INDENT + 1, answers)}`,
  ]);
}

/**
 * tdesktop's `SerializeText`: `""` / `[]` when empty, a bare string for one
 * plain part, otherwise an array where plain parts are bare strings (or, for
 * `text_entities`, `{type: "plain", text}` objects).
 */
function serializeText(
  parts: readonly TextPart[],
  asObjects: boolean,
  context: SerializeContext,
): string {
  if (parts.length === 0) return asObjects ? "[]" : '""';
  const only = parts[0]!;
  if (!asObjects && parts.length === 1 && only.type === "plain") return str(only.text, context);
  const items = parts.map((part) =>
    !asObjects && part.type === "plain" ? str(part.text, context) : textPartObject(part, context),
  );
  return arrayAt(FIELD_INDENT, items);
}

function textPartObject(part: TextPart, context: SerializeContext): string {
  const fields = [`"type": "${part.type}"`, `"text": ${str(part.text, context)}`];
  if (part.type === "mention_name" && part.userId !== undefined) {
    fields.push(`"user_id": ${part.userId}`);
  } else if (part.type === "custom_emoji" && part.documentId !== undefined) {
    fields.push(`"document_id": ${str(part.documentId, context)}`);
  } else if (part.type === "pre" && part.language !== undefined) {
    fields.push(`"language": ${str(part.language, context)}`);
  } else if (part.type === "text_link" && part.href !== undefined) {
    fields.push(`"href": ${str(part.href, context)}`);
  }
  return objectAt(FIELD_INDENT + 1, fields);
}

/**
 * Reactions as tdesktop ≥5.6 writes them. Its serializer pushes one nesting
 * level too many, so the objects sit at field indent + 2 and the closing `]`
 * at field indent + 1 — copied here because real exports look like that.
 */
function serializeReactions(
  reactions: readonly ReactionDraft[],
  context: SerializeContext,
): string {
  const objectIndent = FIELD_INDENT + 2;
  const items = reactions.map((reaction) => {
    const fields = [`"type": "${reaction.type}"`, `"count": ${reaction.count}`];
    if (reaction.type === "emoji") {
      fields.push(`"emoji": ${str(reaction.emoji, context)}`);
      if (reaction.recent !== undefined && reaction.recent.length > 0) {
        const recent = reaction.recent.map((reactor) =>
          objectAt(objectIndent + 2, [
            `"from": ${nullableStr(reactor.from.name, context)}`,
            `"from_id": "${reactor.from.id}"`,
            `"date": "${context.dates.format(reactor.dateUnix)}"`,
          ]),
        );
        fields.push(`"recent": ${arrayAt(objectIndent + 1, recent)}`);
      }
    } else if (reaction.type === "custom_emoji") {
      fields.push(`"document_id": ${str(reaction.documentId, context)}`);
    }
    return objectAt(objectIndent, fields);
  });
  return arrayAt(FIELD_INDENT + 1, items);
}
