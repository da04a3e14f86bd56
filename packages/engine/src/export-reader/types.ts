import type { ChatInfo, Message } from "../model/message.js";
import type { ZoneClock } from "../time/zone-clock.js";

/** How to read an export. */
export interface ReadExportOptions {
  signal?: AbortSignal;
  /** Zone used to interpret `date` strings of exports without `date_unixtime` (old exports). */
  assumedTimeZone: ZoneClock;
  /** Called now and then with bytes read so far and the file size (for a progress bar). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Receives the account owner's user id (`personal_information.user_id`) of
   * a full-account export, when the file has one; nothing else of that
   * section (phone, name) is kept.
   */
  onAccountOwner?: (userId: number) => void;
  /** Bytes per read (default 1 MiB). Tests use tiny values to put chunk boundaries everywhere. */
  chunkBytes?: number;
  /**
   * Scan every byte to find message boundaries instead of trusting tdesktop's
   * line layout (slower; the output is the same). For tests and diagnosis.
   */
  exactScan?: boolean;
}

/** Where in the export a chat was found. */
export type ExportChatSection =
  /** The root of a single-chat export ("Export chat history"). */
  | "single"
  /** `chats.list` of a full-account export. */
  | "chats"
  /** `left_chats.list` of a full-account export (channels and supergroups the user left). */
  | "left_chats";

/** Why an entry of a `messages` array was left out. */
export type SkipReason =
  /** Not a JSON object (a number, string, array or null). */
  | "not-an-object"
  /** Its `id` is missing or not an integer (`"12"`, `1.5`). */
  | "id-not-integer"
  /** Neither `date_unixtime` nor `date` holds a time. */
  | "no-date";

/** Every {@link SkipReason}, in the order the report's notes list them. */
export const SKIP_REASONS: readonly SkipReason[] = ["id-not-integer", "no-date", "not-an-object"];

/** The entries left out for one {@link SkipReason}. */
export interface SkippedEntries {
  count: number;
  /** File offset of the first one (where its value starts); -1 while there is none. */
  firstByte: number;
}

/** Counts gathered while a chat's messages are read (they cover only the messages read). */
export interface ExportChatStats {
  /** Messages handed out (after deduplication), unsupported ones included. */
  messages: number;
  /** Entries dropped because their id had already appeared in this chat. */
  duplicates: number;
  /** Messages whose time came from the local `date` string read in the assumed zone. */
  assumedDates: number;
  /** `type: "unsupported"` records (media the exporter could not write). */
  unsupported: number;
  /** Service messages (joins, pins, calls…). */
  service: number;
  /** Entries left out because they had no usable id or date (all of {@link skipped}). */
  invalid: number;
  /** The entries counted in {@link invalid}, by why they were left out. */
  skipped: Record<SkipReason, SkippedEntries>;
  /** Regular messages without any sender id (exports older than Telegram Desktop 1.4.8). */
  senderUnknown: number;
  /** tdesktop's invalid `\xHH` control-character escapes that were accepted. */
  controlEscapes: number;
  /** True once every message of the chat has been read; false if the chat was skipped or cut short. */
  complete: boolean;
}

/** Where a chat's `messages` array is in the file, for reading byte ranges of it in parallel. */
export interface MessagesLocation {
  /** The file read (result.json inside a folder that was passed). */
  path: string;
  /** Byte offset just after the array's `[`. */
  arrayOffset: number;
  /** Indentation of the line with the `[` (where its `]` goes); null if unknown. */
  arrayIndent: number | null;
  /** The chat's `id` as written in the file (2^32-shifted in some exports). */
  rawChatId: number;
}

/** One chat of an export, streamed. */
export interface ExportChat {
  info: ChatInfo;
  section: ExportChatSection;
  /** Where its messages are in the file. */
  location: MessagesLocation;
  /**
   * Messages in file order, in batches (arrays) to keep per-message overhead
   * low. Deduplicated by id within the chat. If not consumed before the next
   * chat is requested, the rest of this chat is skipped cheaply (no
   * `JSON.parse`). Calling it again continues where the last call stopped.
   */
  batches(): AsyncGenerator<Message[], void, undefined>;
  /** Filled in while reading. */
  readonly stats: Readonly<ExportChatStats>;
}
