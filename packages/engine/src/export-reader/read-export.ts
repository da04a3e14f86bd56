import { isUtf8 } from "node:buffer";
import type { ChatInfo, Message } from "../model/message.js";
import type { ZoneClock } from "../time/zone-clock.js";
import { ByteSource, DEFAULT_CHUNK_BYTES } from "./byte-source.js";
import { ExportFormatError, exportErrors } from "./errors.js";
import {
  LBRACE,
  LBRACKET,
  RBRACKET,
  fixHexEscapes,
  hasHexEscape,
  isWhitespace,
  newElementScan,
  scanElements,
  shiftElementScan,
  COMMA,
  detectArrayLayout,
  lastElementEndByLayout,
  lineIndent,
  type ArrayLayout,
  type ElementScan,
  elementStartAt,
} from "./json-bytes.js";
import { describeByte, findJsonFault, quoteBytes } from "./json-check.js";
import { JsonWalker, jsonErrorText } from "./json-walker.js";
import { MessageNormalizer } from "./normalize-message.js";
import { openExport } from "./open-export.js";
import { PeerIdReader, chatPeer, sniffIdFormat, toChatType } from "./peer-ids.js";
import type {
  ExportChat,
  ExportChatSection,
  ExportChatStats,
  MessagesLocation,
  ReadExportOptions,
} from "./types.js";

/** Bytes past those read that are checked for the first bad byte after a parse failed. */
const LOCATE_AHEAD_BYTES = 64 * 1024;

/** How far into a `messages` array to look for the id format (a few hundred messages). */
const SNIFF_BYTES = 64 * 1024;

/** Top-level keys of a full-account export besides `chats`, to tell "no chats selected" from "not an export". */
const ACCOUNT_KEYS: ReadonlySet<string> = new Set([
  "about",
  "personal_information",
  "profile_pictures",
  "stories",
  "profile_music",
  "contacts",
  "frequent_contacts",
  "sessions",
  "web_sessions",
  "other_data",
]);

/**
 * Streams the chats of a result.json (single-chat or full-account export,
 * including `left_chats`), with memory bounded by the read size and the largest
 * single message, whatever the file size.
 *
 * @param path the result.json, or the export folder that holds it
 * @throws {ExportFormatError} for a missing, HTML, non-JSON, cut-off or damaged
 *   file, JSON that is no export, or an export without messages (after the last chat)
 * @example
 * for await (const chat of readExportChats("result.json", { assumedTimeZone: new ZoneClock("UTC") }))
 *   for await (const batch of chat.batches()) engine.addBatch(batch);
 */
export async function* readExportChats(
  path: string,
  options: ReadExportOptions,
): AsyncGenerator<ExportChat, void, undefined> {
  options.signal?.throwIfAborted();
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1)
    throw new RangeError(`chunkBytes must be a positive integer, got ${chunkBytes}`);
  const file = await openExport(path);
  try {
    const src = new ByteSource(file.handle, file.size, {
      chunkBytes,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const reader = new ExportReader(
      src,
      file.path,
      options.assumedTimeZone,
      options.exactScan === true,
      options.onAccountOwner,
    );
    yield* reader.chats();
  } finally {
    await file.handle.close();
  }
}

/** `user_id` of a `personal_information` object, or null when it has none. */
function ownerIdOf(value: unknown): number | null {
  if (typeof value !== "object" || value === null) return null;
  const id = (value as { user_id?: unknown }).user_id;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Options of {@link readExportMessages}. */
export interface ReadExportMessagesOptions extends ReadExportOptions {
  /**
   * The chat to read (its bare id, as in `ChatInfo.id`). Needed for a
   * full-account export; for a single-chat export it must match when given.
   */
  chatId?: number;
  /** Receives the chat once it is found (its info, and stats that fill in while reading). */
  onChat?: (chat: ExportChat) => void;
}

/**
 * Convenience: all messages of a single-chat export, or of one chat of a
 * full-account export, one by one.
 *
 * @throws {ExportFormatError} `needs-chat-id` for a full-account export without
 *   `chatId`, `chat-not-found`, `empty`, and every error of {@link readExportChats}
 * @example
 * for await (const message of readExportMessages("result.json", { assumedTimeZone: clock })) count++;
 */
export async function* readExportMessages(
  path: string,
  options: ReadExportMessagesOptions,
): AsyncGenerator<Message, void, undefined> {
  const wanted = options.chatId;
  for await (const chat of readExportChats(path, options)) {
    if (wanted === undefined && chat.section !== "single") throw exportErrors.needsChatId(path);
    if (wanted !== undefined && chat.info.id !== wanted) continue;
    options.onChat?.(chat);
    for await (const batch of chat.batches()) yield* batch;
    if (wanted === undefined) continue;
    if (chat.stats.messages === 0) throw exportErrors.empty(path, `The chat ${wanted}`);
    return;
  }
  if (wanted !== undefined) throw exportErrors.chatNotFound(path, wanted);
}

/** A run of messages parsed at once, or why it did not parse. */
type ParsedRun = { ok: true; messages: Message[]; count: number } | { ok: false; error: unknown };

/** The chat fields read from its header (`name`, `type`, `id`), as written. */
interface ChatHeader {
  name?: unknown;
  type?: unknown;
  id?: unknown;
}

/** Stats of a chat before any message is read. */
export function newExportChatStats(): ExportChatStats {
  return {
    messages: 0,
    duplicates: 0,
    assumedDates: 0,
    unsupported: 0,
    service: 0,
    invalid: 0,
    skipped: {
      "not-an-object": { count: 0, firstByte: -1 },
      "id-not-integer": { count: 0, firstByte: -1 },
      "no-date": { count: 0, firstByte: -1 },
    },
    senderUnknown: 0,
    controlEscapes: 0,
    complete: false,
  };
}

/** One chat's `messages` array being read; the reader owns the file position. */
class ChatCursor implements ExportChat {
  readonly stats = newExportChatStats();
  /** open: messages remain; done: all read; closed: the reader moved on. */
  state: "open" | "done" | "closed" = "open";
  readonly scan: ElementScan = newElementScan();
  readonly normalizer: MessageNormalizer;
  /** False once the layout is not tdesktop's (or a guess failed): every byte is scanned then. */
  fast = true;
  /** Indentation of the line with the array's `[`, where its `]` goes; null if unknown. */
  arrayIndent: number | null = null;
  /** Line layout of the messages array; undefined until seen, null if not line-per-element. */
  layout: ArrayLayout | null | undefined = undefined;
  /** File offset after the last message parsed (just after the `[` before the first). */
  goodOffset: number;

  constructor(
    readonly info: ChatInfo,
    readonly section: ExportChatSection,
    readonly location: MessagesLocation,
    peers: PeerIdReader,
    clock: ZoneClock,
    private readonly reader: ExportReader,
  ) {
    this.normalizer = new MessageNormalizer(info, peers, clock, this.stats);
    this.goodOffset = location.arrayOffset;
  }

  batches(): AsyncGenerator<Message[], void, undefined> {
    return this.reader.batchesOf(this);
  }
}

/**
 * Walks an export's outer structure with the {@link JsonWalker} and hands
 * out each `messages` array as a {@link ChatCursor}, whose elements are
 * scanned as raw bytes and parsed one chunk-sized slice at a time.
 */
class ExportReader {
  private readonly walker: JsonWalker;
  /** Message array elements seen in all chats, read or skipped. */
  private elementsSeen = 0;
  private busy = false;

  constructor(
    private readonly src: ByteSource,
    private readonly path: string,
    private readonly clock: ZoneClock,
    private readonly exactScan: boolean,
    private readonly onAccountOwner?: (userId: number) => void,
  ) {
    this.walker = new JsonWalker(src, path);
  }

  async *chats(): AsyncGenerator<ExportChat, void, undefined> {
    await this.openRoot();
    const root: ChatHeader = {};
    let sawMessages = false;
    let sawChats = false;
    let sawAccountData = false;
    for (
      let key = await this.walker.nextKey(true);
      key !== null;
      key = await this.walker.nextKey()
    ) {
      if (key === "messages" && (await this.walker.atArray())) {
        sawMessages = true;
        yield* this.chatAt(root, "single");
      } else if (key === "chats" || key === "left_chats") {
        sawChats = true;
        yield* this.chatList(key);
      } else if (key === "name" || key === "type" || key === "id") {
        root[key] = await this.walker.readValue();
      } else if (key === "personal_information" && this.onAccountOwner !== undefined) {
        sawAccountData = true;
        const owner = ownerIdOf(await this.walker.readValue());
        if (owner !== null) this.onAccountOwner(owner);
      } else {
        if (ACCOUNT_KEYS.has(key)) sawAccountData = true;
        await this.walker.skipValue();
      }
    }
    await this.expectEnd();
    if (!sawMessages && !sawChats)
      throw sawAccountData ? exportErrors.noChats(this.path) : exportErrors.notAnExport(this.path);
    if (this.elementsSeen === 0) throw exportErrors.empty(this.path, "The export");
  }

  /** Checks the first bytes and consumes the root `{`. */
  private async openRoot(): Promise<void> {
    const src = this.src;
    while (src.end < 3 && (await src.fill(0)) >= 0);
    if (src.buf[0] === 0xef && src.buf[1] === 0xbb && src.buf[2] === 0xbf) src.pos = 3;
    const first = await this.walker.peek();
    if (first < 0) throw exportErrors.zeroBytes(this.path);
    if (first === 0x3c) throw exportErrors.html(this.path);
    if (first === LBRACKET) throw exportErrors.notAnExport(this.path);
    if (first !== LBRACE) {
      let cut = Math.min(src.end, src.pos + 24);
      // Whole characters only: a cut one would show as bytes that are not text.
      while (cut < src.end && cut > src.pos + 1 && (src.buf[cut]! & 0xc0) === 0x80) cut--;
      throw exportErrors.notJson(this.path, quoteBytes(src.buf.subarray(src.pos, cut)));
    }
    src.pos++;
  }

  /** After the root's `}`: only whitespace may follow (not a second export, not stray bytes). */
  private async expectEnd(): Promise<void> {
    const rootEnd = this.src.offsetOf(this.src.pos);
    if ((await this.walker.peek()) < 0) return;
    const { buf, pos } = this.src;
    throw exportErrors.dataAfterEnd(
      this.path,
      this.src.offsetOf(pos),
      rootEnd,
      describeByte(buf, pos),
    );
  }

  /** `chats` / `left_chats`: `{about, list: [chat…]}`. */
  private async *chatList(section: ExportChatSection): AsyncGenerator<ExportChat, void, undefined> {
    const byte = await this.walker.peekInside();
    if (byte !== LBRACE) {
      await this.walker.skipValue();
      return;
    }
    this.src.pos++;
    for (
      let key = await this.walker.nextKey(true);
      key !== null;
      key = await this.walker.nextKey()
    ) {
      if (key === "list" && (await this.walker.atArray())) yield* this.chatArray(section);
      else await this.walker.skipValue();
    }
  }

  private async *chatArray(
    section: ExportChatSection,
  ): AsyncGenerator<ExportChat, void, undefined> {
    this.src.pos++;
    for (let first = true; await this.walker.nextElement(first); first = false) {
      if ((await this.walker.peekInside()) !== LBRACE) {
        await this.walker.skipValue();
        continue;
      }
      this.src.pos++;
      const header: ChatHeader = {};
      for (
        let key = await this.walker.nextKey(true);
        key !== null;
        key = await this.walker.nextKey()
      ) {
        if (key === "messages" && (await this.walker.atArray()))
          yield* this.chatAt(header, section);
        else if (key === "name" || key === "type" || key === "id")
          header[key] = await this.walker.readValue();
        else await this.walker.skipValue();
      }
    }
  }

  /**
   * At a chat's `messages` array: yields the chat, and when the consumer asks
   * for the next one, skips whatever it left unread.
   */
  private async *chatAt(
    header: ChatHeader,
    section: ExportChatSection,
  ): AsyncGenerator<ExportChat, void, undefined> {
    const arrayOffset = this.src.offsetOf(this.src.pos);
    // tdesktop writes name/type/id first; for other writers, look past the messages and come back.
    if (header.id === undefined || header.type === undefined)
      await this.readHeaderAhead(header, arrayOffset);
    const type = toChatType(header.type);
    const rawId = rawChatId(header.id);
    const idFormat =
      rawId >= 2 ** 32 ? sniffIdFormat(await this.src.peekAt(arrayOffset, SNIFF_BYTES)) : null;
    const peer = chatPeer(rawId, type, idFormat);
    const name = typeof header.name === "string" ? header.name : null;
    const info: ChatInfo = { kind: peer.kind, id: peer.id, name, type };
    const peers = new PeerIdReader(rawId, type === "private_group");
    await this.walker.expect(LBRACKET, "[");
    const arrayIndent = lineIndent(this.src.buf, this.src.pos - 1);
    const location: MessagesLocation = {
      path: this.path,
      arrayOffset: this.src.offsetOf(this.src.pos),
      arrayIndent,
      rawChatId: rawId,
    };
    const cursor = new ChatCursor(info, section, location, peers, this.clock, this);
    cursor.fast = !this.exactScan;
    cursor.arrayIndent = arrayIndent;
    yield cursor;
    if (this.busy) throw concurrentUse();
    if (cursor.state === "open") {
      cursor.state = "closed";
      cursor.scan.pauseAfterElement = false;
      await this.walker.scanThrough(cursor.scan, false);
    }
    this.elementsSeen += cursor.scan.count;
  }

  /** Reads the chat keys after its `messages` array, then returns to the array. */
  private async readHeaderAhead(header: ChatHeader, arrayOffset: number): Promise<void> {
    await this.walker.skipValue(false);
    for (let key = await this.walker.nextKey(); key !== null; key = await this.walker.nextKey()) {
      if (key === "name" || key === "type" || key === "id")
        header[key] = await this.walker.readValue();
      else await this.walker.skipValue();
    }
    this.src.seek(arrayOffset);
  }

  /** The batches of a chat; see {@link ExportChat.batches}. */
  async *batchesOf(cursor: ChatCursor): AsyncGenerator<Message[], void, undefined> {
    for (;;) {
      if (cursor.state === "closed")
        throw new Error(
          `The messages of chat ${cursor.info.id} were requested after the reader moved on to the next chat; read each chat's batches before asking for the next chat.`,
        );
      if (cursor.state === "done") return;
      const batch = await this.nextBatch(cursor);
      if (batch === null) return;
      if (batch.length > 0) yield batch;
    }
  }

  /** The messages that are complete in the buffer (reading more when none are), or null at the array's end. */
  private async nextBatch(cursor: ChatCursor): Promise<Message[] | null> {
    if (this.busy) throw concurrentUse();
    this.busy = true;
    try {
      return await this.readBatch(cursor);
    } catch (error) {
      if (!(error instanceof ExportFormatError)) throw error;
      throw (await this.locateDamage(cursor)) ?? error;
    } finally {
      this.busy = false;
    }
  }

  /** See {@link nextBatch}. */
  private async readBatch(cursor: ChatCursor): Promise<Message[] | null> {
    const { src } = this;
    const scan = cursor.scan;
    for (;;) {
      if (this.finishIfEnded(cursor)) return null;
      if (cursor.fast && !scan.inElement) {
        const fast = this.fastBatch(cursor);
        if (fast !== "more" && fast !== "slow") return fast;
        if (fast === "more") {
          const shift = await src.fill(src.pos);
          if (shift >= 0) {
            shiftElementScan(scan, shift);
            continue;
          }
          // End of file: the exact scanner below reports how the array was cut off.
        }
      }
      // After a cut-off element, the exact scanner hands back to the fast path once it is complete.
      scan.pauseAfterElement = cursor.fast && scan.inElement;
      src.pos = scanElements(src.buf, src.pos, src.end, scan, false);
      if (scan.malformedAt >= 0)
        throw this.walker.malformedAt(scan.malformedAt, betweenMessages(src.buf, scan));
      if (scan.lastEnd >= 0) {
        const batch = this.parseBatch(cursor, scan.batchStart, scan.lastEnd);
        cursor.goodOffset = src.offsetOf(scan.lastEnd);
        scan.lastEnd = -1;
        scan.batchStart = scan.inElement ? scan.elemStart : -1;
        return batch;
      }
      if (scan.ended) continue;
      const shift = await src.fill(scan.inElement ? scan.elemStart : src.pos);
      if (shift < 0) throw this.walker.truncated();
      shiftElementScan(scan, shift);
    }
  }

  /** Marks the chat read to the end once its closing `]` was scanned. */
  private finishIfEnded(cursor: ChatCursor): boolean {
    if (!cursor.scan.ended) return false;
    cursor.state = "done";
    cursor.stats.complete = true;
    return true;
  }

  /**
   * Fast path for tdesktop's layout: the end of the last whole message in the
   * buffer is found with one `lastIndexOf` instead of scanning every byte, and
   * `JSON.parse` succeeding on the run proves the guess (a run that starts at an
   * element and parses can only end at an element's end). Returns "more" to read
   * on first, "slow" to let the exact scanner take this part.
   */
  private fastBatch(cursor: ChatCursor): Message[] | "more" | "slow" {
    const { buf, end } = this.src;
    let start = this.src.pos;
    while (start < end && isWhitespace(buf[start]!)) start++;
    // One comma after a message; anything else between messages is left to the exact scanner.
    if (cursor.scan.afterElement && start < end && buf[start] === COMMA) {
      start++;
      while (start < end && isWhitespace(buf[start]!)) start++;
    } else if (cursor.scan.afterElement && start < end) return "slow";
    if (start >= end) return "more";
    if (buf[start] !== LBRACE) return "slow";
    cursor.layout ??= detectArrayLayout(buf, start, cursor.arrayIndent);
    const layout = cursor.layout;
    if (layout === undefined) return "slow";
    if (layout === null) {
      cursor.fast = false;
      return "slow";
    }
    // Stop at the array's end if it is in the buffer: later bytes belong to other keys or chats.
    const arrayEnd = buf.subarray(start, end).indexOf(layout.arrayEnd);
    const limit = arrayEnd < 0 ? end : start + arrayEnd + 1;
    const runEnd = lastElementEndByLayout(buf, start, limit, layout);
    if (runEnd < 0) return arrayEnd < 0 && end - start < 2 * this.src.chunkBytes ? "more" : "slow";
    const run = this.parseRun(cursor, start, runEnd);
    if (!run.ok) {
      cursor.fast = false;
      return "slow";
    }
    this.src.pos = runEnd;
    cursor.goodOffset = this.src.offsetOf(runEnd);
    cursor.scan.count += run.count;
    cursor.scan.afterElement = true;
    return run.messages;
  }

  /** Parses `buf[start, end)`, a run of whole messages, with one `JSON.parse`. */
  private parseBatch(cursor: ChatCursor, start: number, end: number): Message[] {
    const run = this.parseRun(cursor, start, end);
    if (!run.ok) throw this.locateBadMessage(start, end, run.error);
    return run.messages;
  }

  private parseRun(cursor: ChatCursor, start: number, end: number): ParsedRun {
    const buf = this.src.buf;
    // JSON.parse would turn bytes that are not UTF-8 into U+FFFD without a word.
    if (!isUtf8(buf.subarray(start, end))) return { ok: false, error: new Error("not UTF-8") };
    let text = bracketedText(buf, start, end);
    let escapes = 0;
    if (hasHexEscape(buf, start, end)) ({ text, count: escapes } = fixHexEscapes(text));
    let raws: unknown;
    try {
      raws = JSON.parse(text);
    } catch (error) {
      return { ok: false, error };
    }
    cursor.stats.controlEscapes += escapes;
    const messages: Message[] = [];
    cursor.normalizer.addAll(raws, messages, (index) =>
      this.src.offsetOf(elementStartAt(buf, start, end, index)),
    );
    return { ok: true, messages, count: Array.isArray(raws) ? raws.length : 0 };
  }

  /** The error for a run of messages that failed to parse, unless {@link locateDamage} names the byte. */
  private locateBadMessage(start: number, end: number, batchError: unknown): ExportFormatError {
    return this.walker.malformedAt(
      start,
      `the messages from here on are not a valid JSON list (${jsonErrorText(batchError)})`,
    );
  }

  /**
   * The error naming the first invalid byte after the last message that
   * parsed, or null if there is none up to what was read (a file cut off
   * there is no such fault). The scanner's own view can be off: a damaged
   * quote shifts what it takes for text.
   */
  private async locateDamage(cursor: ChatCursor): Promise<ExportFormatError | null> {
    const from = cursor.goodOffset;
    const bytes = await this.src.peekAt(
      from,
      Math.max(0, this.src.bytesRead - from) + LOCATE_AHEAD_BYTES,
    );
    const mode = from === cursor.location.arrayOffset ? "array-start" : "array-after-element";
    const fault = findJsonFault(bytes, 0, bytes.length, mode);
    if (fault === null) return null;
    const what = fault.trailingComma
      ? 'a comma after the last message, before the closing "]"'
      : fault.valueStart >= 0
        ? `the message starting at byte ${from + fault.valueStart} is not valid JSON (${fault.what})`
        : `${fault.what}, between messages`;
    return exportErrors.malformed(this.path, from + fault.index, what);
  }
}

/**
 * `[` + the text of `buf[start, end)` + `]`, decoded at once with the brackets
 * written over the bytes around the run (and put back): joining strings made
 * JSON.parse copy each read's text once more to flatten it.
 */
function bracketedText(buf: Buffer, start: number, end: number): string {
  if (start < 1 || end >= buf.length) return `[${buf.toString("utf8", start, end)}]`;
  const [before, after] = [buf[start - 1]!, buf[end]!];
  buf[start - 1] = LBRACKET;
  buf[end] = RBRACKET;
  const text = buf.toString("utf8", start - 1, end + 1);
  buf[start - 1] = before;
  buf[end] = after;
  return text;
}

function concurrentUse(): Error {
  return new Error(
    "The export reader was used concurrently; await each batch before the next request.",
  );
}

/** The chat `id` as a number (some third-party rewrites quote it); 0 when missing. */
function rawChatId(value: unknown): number {
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === "number" && Number.isSafeInteger(id) ? id : 0;
}

/** What is wrong where the exact scanner stopped between messages. */
function betweenMessages(buf: Buffer, scan: ElementScan): string {
  const at = scan.malformedAt;
  if (at === scan.commaAt) return 'a comma after the last message, before the closing "]"';
  const found = describeByte(buf, at);
  return scan.afterElement
    ? `${found} where "," or "]" should follow a message`
    : `${found} where a message should start`;
}
