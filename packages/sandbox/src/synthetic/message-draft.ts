/**
 * What one synthetic message says, before it is written out. The generator
 * fills drafts; `tdesktop-json.ts` turns them into bytes in tdesktop's key order.
 */

/** A peer as a message names it: display name (null for deleted accounts) and prefixed id. */
export interface PeerName {
  name: string | null;
  /** Prefixed peer id as tdesktop writes it, e.g. `"user123"` or `"channel456"`. */
  id: string;
}

/** Text-part types tdesktop writes (`plain` only appears inside `text_entities`). */
export type TextPartType =
  | "plain"
  | "mention"
  | "hashtag"
  | "bot_command"
  | "link"
  | "email"
  | "bold"
  | "italic"
  | "code"
  | "pre"
  | "text_link"
  | "mention_name"
  | "phone"
  | "cashtag"
  | "underline"
  | "strikethrough"
  | "blockquote"
  | "spoiler"
  | "custom_emoji";

/** One flattened part of a message text. Concatenating all `text`s gives the full text. */
export interface TextPart {
  type: TextPartType;
  text: string;
  /** `text_link` target. */
  href?: string;
  /** `mention_name` target (written as a bare number). */
  userId?: number;
  /** `custom_emoji` file path, `""` when the sticker file was not exported. */
  documentId?: string;
  /** `pre` language. */
  language?: string;
}

/** A media file that was not downloaded or was saved under a relative path. */
export interface FileRef {
  /** Relative path, or one of tdesktop's "(File not included…)" skip strings. */
  path: string;
  sizeBytes: number;
}

/** A compressed photo (no `media_type`). */
export interface PhotoMedia {
  kind: "photo";
  file: FileRef;
  width: number;
  height: number;
  spoiler?: boolean;
}

/** Media types tdesktop derives from document attributes. */
export type DocumentMediaType =
  "sticker" | "video_message" | "voice_message" | "animation" | "video_file" | "audio_file";

/** Any document: sticker, voice, round video, GIF, video, audio or plain file. */
export interface DocumentMedia {
  kind: "document";
  file: FileRef;
  fileName?: string;
  thumbnail?: FileRef;
  mediaType?: DocumentMediaType;
  stickerEmoji?: string;
  performer?: string;
  title?: string;
  mimeType: string;
  durationSeconds?: number;
  width?: number;
  height?: number;
}

/** A shared contact card. */
export interface ContactMedia {
  kind: "contact";
  firstName: string;
  lastName: string;
  phoneNumber: string;
}

/** A point on the map, possibly live. */
export interface LocationMedia {
  kind: "location";
  latitude: number;
  longitude: number;
  livePeriodSeconds?: number;
}

/** A named place. */
export interface VenueMedia {
  kind: "venue";
  placeName: string;
  address: string;
  latitude: number;
  longitude: number;
}

/** A poll with its current results. */
export interface PollMedia {
  kind: "poll";
  question: string;
  closed: boolean;
  totalVoters: number;
  answers: { text: string; voters: number; chosen: boolean }[];
}

/** Everything a regular message can carry besides text. */
export type MediaDraft =
  PhotoMedia | DocumentMedia | ContactMedia | LocationMedia | VenueMedia | PollMedia;

/** Someone who recently reacted (only in small chats). */
export interface RecentReactor {
  from: PeerName;
  dateUnix: number;
}

/** One reaction bucket on a message. */
export type ReactionDraft =
  | { type: "emoji"; count: number; emoji: string; recent?: RecentReactor[] }
  | { type: "custom_emoji"; count: number; documentId: string }
  | { type: "paid"; count: number };

/** A regular (`"type": "message"`) message. */
export interface RegularDraft {
  kind: "message";
  id: number;
  dateUnix: number;
  editedUnix?: number;
  from: PeerName;
  /** Channel signature or anonymous admin title. */
  author?: string;
  /** Present (possibly null) only for forwards. */
  forwardedFrom?: string | null;
  savedFrom?: string | null;
  replyToId?: number;
  viaBot?: string;
  media?: MediaDraft;
  text: TextPart[];
  reactions?: ReactionDraft[];
}

/** Service actions the generator emits. */
export type ServiceAction =
  | "create_group"
  | "create_channel"
  | "edit_group_title"
  | "edit_group_photo"
  | "invite_members"
  | "remove_members"
  | "join_group_by_link"
  | "join_group_by_request"
  | "pin_message"
  | "phone_call"
  | "group_call"
  | "invite_to_group_call";

/** A service (`"type": "service"`) message; only the fields its action uses are set. */
export interface ServiceDraft {
  kind: "service";
  id: number;
  dateUnix: number;
  actor: PeerName;
  action: ServiceAction;
  title?: string;
  members?: (string | null)[];
  inviter?: string | null;
  photo?: { file: FileRef; width: number; height: number };
  messageId?: number;
  /** `phone_call` duration. */
  durationSeconds?: number;
  discardReason?: "busy" | "disconnect" | "hangup" | "missed";
  /** `group_call` duration (tdesktop names it plain `duration`). */
  callDurationSeconds?: number;
}

/** A message whose media tdesktop could not export: written as `{id, type}` only. */
export interface UnsupportedDraft {
  kind: "unsupported";
  id: number;
}

/** Any message of the export. */
export type MessageDraft = RegularDraft | ServiceDraft | UnsupportedDraft;
