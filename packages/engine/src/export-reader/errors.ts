/** What was wrong with the export the user pointed at. */
export type ExportFormatErrorCode =
  /** No file or folder at the path, or a folder without result.json. */
  | "not-found"
  /** The file exists but cannot be read (permissions, I/O error). */
  | "unreadable"
  /** An HTML export (messages.html) instead of JSON. */
  | "html-export"
  /** The file is not JSON at all. */
  | "not-json"
  /** A zip archive (of an export folder), which has to be unpacked first. */
  | "zip-archive"
  /** The file ends inside the JSON structure (unfinished export, partial copy or download). */
  | "truncated"
  /** The JSON is broken somewhere inside (a message that does not parse, a bad structure). */
  | "malformed"
  /** Valid JSON, but not a Telegram export (no `messages`, no `chats`). */
  | "not-an-export"
  /** A full-account export written without any chats. */
  | "no-chats"
  /** The chat or the whole export holds no messages. */
  | "empty"
  /** A full-account export was given where one chat was expected, and no chat id was chosen. */
  | "needs-chat-id"
  /** The chosen chat id is not in the export. */
  | "chat-not-found";

/**
 * A bad export file: the message is one line that says what is wrong and what to do.
 * It names the file by its path; {@link ExportFormatError.describe} names it
 * otherwise (the bot's users sent a file: the server's path means nothing to them).
 *
 * @example
 * try { for await (const chat of readExportChats(path, options)) … }
 * catch (error) { if (error instanceof ExportFormatError) console.error(error.message); }
 */
export class ExportFormatError extends Error {
  /**
   * @param code machine-readable kind of problem
   * @param path the file (or folder) the problem is about
   * @param text the one line for the user, with the fix, naming the file by the name it is given
   * @param byteOffset where in the file the problem was found, when it is about one place
   */
  constructor(
    readonly code: ExportFormatErrorCode,
    readonly path: string,
    private readonly text: (fileName: string) => string,
    readonly byteOffset: number | null = null,
  ) {
    super(text(path));
    this.name = "ExportFormatError";
  }

  /**
   * The message with the file named `fileName` instead of by its path.
   *
   * @example error.describe("result.json") // "\"result.json\" is not JSON (it starts with …"
   */
  describe(fileName: string): string {
    return this.text(fileName);
  }
}

const REEXPORT_JSON =
  "re-export as JSON: Telegram Desktop → Export chat history → Format: Machine-readable JSON";

/** Builders for each error, so the wording stays in one place. */
export const exportErrors = {
  notFound: (path: string) =>
    new ExportFormatError(
      "not-found",
      path,
      (name) =>
        `No file or folder at "${name}". Pass the result.json of a Telegram Desktop export (or the folder that holds it).`,
    ),
  folderWithoutResult: (path: string) =>
    new ExportFormatError(
      "not-found",
      path,
      (name) =>
        `The folder "${name}" has no result.json. Pass the folder Telegram Desktop exported into, or the result.json file itself.`,
    ),
  unreadable: (path: string, reason: string) =>
    new ExportFormatError(
      "unreadable",
      path,
      // The reason may be the system's message, which names the path again.
      (name) =>
        `Cannot read "${name}" (${reason.split(path).join(name)}). Check the path and the file's permissions.`,
    ),
  html: (path: string) =>
    new ExportFormatError(
      "html-export",
      path,
      (name) =>
        `"${name}" is an HTML export, which has no user ids or exact times; ${REEXPORT_JSON}.`,
    ),
  zip: (path: string) =>
    new ExportFormatError(
      "zip-archive",
      path,
      (name) =>
        `"${name}" is a zip archive; unpack it first (e.g. unzip "${name}") and pass the result.json of the folder it holds.`,
    ),
  badGzip: (path: string, reason: string) =>
    new ExportFormatError(
      "truncated",
      path,
      (name) =>
        `"${name}" is a gzip file that cannot be decompressed (${reason}): it is cut off or damaged. Copy/download it again, or gzip result.json again.`,
    ),
  /** @param start the file's first bytes, quoted (see `quoteBytes`) */
  notJson: (path: string, start: string) =>
    new ExportFormatError(
      "not-json",
      path,
      (name) =>
        `"${name}" is not JSON (it starts with ${start}). Pass the result.json of a Telegram Desktop export; to make one, ${REEXPORT_JSON}.`,
    ),
  zeroBytes: (path: string) =>
    new ExportFormatError(
      "truncated",
      path,
      (name) =>
        `"${name}" is empty (0 bytes): the export did not finish or the copy failed. Export again, or copy/download the file again.`,
    ),
  truncated: (path: string, atByte: number) =>
    new ExportFormatError(
      "truncated",
      path,
      (name) =>
        `"${name}" is cut off after ${atByte} bytes (it ends in the middle of the data): the export did not finish or the file was not fully copied. Export again, or copy/download the file again.`,
      atByte,
    ),
  malformed: (path: string, atByte: number, what: string) =>
    new ExportFormatError(
      "malformed",
      path,
      (name) =>
        `"${name}" is damaged at byte ${atByte}: ${what}. Export the chat again from Telegram Desktop.`,
      atByte,
    ),
  dataAfterEnd: (path: string, atByte: number, endByte: number, found: string) =>
    new ExportFormatError(
      "malformed",
      path,
      (name) =>
        `"${name}" is damaged at byte ${atByte}: the export ends at byte ${endByte}, but ${found} follows (two exports joined into one file, or stray data at the end). Pass each export as a file of its own, or export the chat again from Telegram Desktop.`,
      atByte,
    ),
  notAnExport: (path: string) =>
    new ExportFormatError(
      "not-an-export",
      path,
      (name) =>
        `"${name}" is JSON but not a Telegram export (it has no "messages" and no "chats"). Pass the result.json of a Telegram Desktop export; to make one, ${REEXPORT_JSON}.`,
    ),
  noChats: (path: string) =>
    new ExportFormatError(
      "no-chats",
      path,
      (name) =>
        `"${name}" is a Telegram data export without chats (only account data). Export again with chats selected (Settings → Advanced → Export Telegram data → Chats), or use Export chat history on one chat.`,
    ),
  empty: (path: string, what: string) =>
    new ExportFormatError(
      "empty",
      path,
      (name) =>
        `${what} in "${name}" has no messages: the chat is empty, or the export's date range or filters left every message out. Export again with a wider range.`,
    ),
  needsChatId: (path: string) =>
    new ExportFormatError(
      "needs-chat-id",
      path,
      (name) =>
        `"${name}" is a full-account export with several chats; choose one chat by its id, or read every chat.`,
    ),
  chatNotFound: (path: string, chatId: number) =>
    new ExportFormatError(
      "chat-not-found",
      path,
      (name) =>
        `There is no chat with id ${chatId} in "${name}". Pick an id from the export's chats list.`,
    ),
};
