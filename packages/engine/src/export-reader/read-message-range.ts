import { isUtf8 } from "node:buffer";
import { open, type FileHandle } from "node:fs/promises";
import type { Message } from "../model/message.js";
import type { ZoneClock } from "../time/zone-clock.js";
import { DEFAULT_CHUNK_BYTES } from "./byte-source.js";
import type { IdSet } from "./id-set.js";
import {
  COMMA,
  LBRACKET,
  RBRACKET,
  elementStartAt,
  fixHexEscapes,
  hasHexEscape,
  isWhitespace,
} from "./json-bytes.js";
import type { MessageRange, RangeChat } from "./message-ranges.js";
import { MessageNormalizer } from "./normalize-message.js";
import { PeerIdReader } from "./peer-ids.js";
import { newExportChatStats } from "./read-export.js";
import type { ExportChatStats } from "./types.js";

/**
 * A range did not read as a run of whole messages (a damaged or changed
 * file). Not shown to users: the chat is then read in one pass, whose error
 * names the damage exactly.
 */
export class RangeReadError extends Error {
  constructor(
    readonly range: MessageRange,
    reason: string,
  ) {
    super(`Bytes ${range.start}–${range.end} are not a run of whole messages: ${reason}`);
    this.name = "RangeReadError";
  }
}

/** Options of {@link MessageRangeReader.batches}. */
export interface ReadRangeOptions {
  signal?: AbortSignal;
  /** Called after each read with the bytes it read. */
  onBytes?: (bytes: number) => void;
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number;
}

/**
 * Reads one {@link MessageRange} of a chat on its own, as the export reader
 * would read those messages: same normalisation, deduplication within the
 * range, stats of the range. Deduplication across ranges is the caller's
 * (see {@link seenIds}).
 */
export class MessageRangeReader {
  readonly stats: ExportChatStats = newExportChatStats();
  private readonly normalizer: MessageNormalizer;
  private readonly elementEnd: Buffer;

  constructor(
    private readonly chat: RangeChat,
    private readonly range: MessageRange,
    clock: ZoneClock,
  ) {
    const peers = new PeerIdReader(chat.rawChatId, chat.info.type === "private_group");
    this.normalizer = new MessageNormalizer(chat.info, peers, clock, this.stats);
    this.elementEnd = Buffer.from(chat.elementEnd, "latin1");
  }

  /** Ids of the messages read so far. */
  get seenIds(): IdSet {
    return this.normalizer.seenIds;
  }

  /** The range's messages in file order, a read's worth at a time. @throws {RangeReadError} */
  async *batches(options: ReadRangeOptions = {}): AsyncGenerator<Message[], void, undefined> {
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    const file = await open(this.chat.path, "r");
    try {
      // One buffer for the whole range: byte 0 is room for the `[` that parse() writes
      // before the messages, and one spare byte at the end for its `]`.
      let buf: Buffer = Buffer.allocUnsafe(chunkBytes + 2);
      let filled = 1;
      for (let pos = this.range.start; pos < this.range.end;) {
        options.signal?.throwIfAborted();
        const want = Math.min(chunkBytes, this.range.end - pos);
        if (buf.length < filled + want + 1) buf = grown(buf, filled, filled + want + 1);
        await this.readInto(file, buf, filled, want, pos);
        pos += want;
        filled += want;
        options.onBytes?.(want);
        const cut = pos >= this.range.end ? filled : this.lastElementEnd(buf, filled);
        if (cut < 0) continue;
        this.stats.complete = pos >= this.range.end;
        // buf[1, filled) holds the file's bytes up to `pos`.
        yield this.parse(buf, cut, pos - filled);
        buf.copy(buf, 1, cut, filled);
        filled = 1 + filled - cut;
      }
    } finally {
      await file.close();
    }
  }

  private async readInto(
    file: FileHandle,
    buf: Buffer,
    at: number,
    length: number,
    offset: number,
  ): Promise<void> {
    const { bytesRead } = await file.read(buf, at, length, offset);
    if (bytesRead < length)
      throw new RangeReadError(this.range, "the file is shorter than planned");
  }

  private lastElementEnd(buf: Buffer, end: number): number {
    const at = buf.lastIndexOf(this.elementEnd, end - this.elementEnd.length);
    return at < 1 ? -1 : at + this.elementEnd.length;
  }

  /**
   * `buf[1, end)`: whole messages, after the comma that ended the previous
   * read. Parsed as one JSON array by writing its brackets into the buffer
   * (the bytes they cover are a separator and the spare byte) instead of
   * copying the text into a new string.
   *
   * @param base file offset of `buf[0]`
   */
  private parse(buf: Buffer, end: number, base: number): Message[] {
    let start = 1;
    while (start < end && isWhitespace(buf[start]!)) start++;
    // One comma, after the previous read's last message; more is left to JSON.parse to refuse.
    if (base + 1 > this.range.start && buf[start] === COMMA) start++;
    while (start < end && isWhitespace(buf[start]!)) start++;
    // JSON.parse would turn bytes that are not UTF-8 into U+FFFD without a word.
    if (!isUtf8(buf.subarray(start, end)))
      throw new RangeReadError(this.range, "bytes that are not UTF-8");
    const after = buf[end]!;
    buf[start - 1] = LBRACKET;
    buf[end] = RBRACKET;
    let text = buf.toString("utf8", start - 1, end + 1);
    buf[end] = after;
    let escapes = 0;
    if (hasHexEscape(buf, start, end)) ({ text, count: escapes } = fixHexEscapes(text));
    let raws: unknown;
    try {
      raws = JSON.parse(text);
    } catch (error) {
      throw new RangeReadError(this.range, error instanceof Error ? error.message : "bad JSON");
    }
    this.stats.controlEscapes += escapes;
    const messages: Message[] = [];
    this.normalizer.addAll(
      raws,
      messages,
      (index) => base + elementStartAt(buf, start, end, index),
    );
    return messages;
  }
}

/** A larger buffer with the first `filled` bytes of `buf`. */
function grown(buf: Buffer, filled: number, atLeast: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.max(atLeast, 2 * buf.length));
  buf.copy(larger, 0, 0, filled);
  return larger;
}
