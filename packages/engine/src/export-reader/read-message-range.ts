import { open, type FileHandle } from "node:fs/promises";
import type { Message } from "../model/message.js";
import type { ZoneClock } from "../time/zone-clock.js";
import { DEFAULT_CHUNK_BYTES } from "./byte-source.js";
import type { IdSet } from "./id-set.js";
import { COMMA, fixHexEscapes, hasHexEscape, isWhitespace } from "./json-bytes.js";
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
      let carry: Buffer = Buffer.alloc(0);
      for (let pos = this.range.start; pos < this.range.end;) {
        options.signal?.throwIfAborted();
        const chunk = await this.readChunk(file, pos, Math.min(chunkBytes, this.range.end - pos));
        pos += chunk.length;
        options.onBytes?.(chunk.length);
        const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        const cut = pos >= this.range.end ? data.length : this.lastElementEnd(data);
        if (cut < 0) {
          carry = data;
          continue;
        }
        this.stats.complete = pos >= this.range.end;
        yield this.parse(data, cut);
        carry = data.subarray(cut);
      }
    } finally {
      await file.close();
    }
  }

  private async readChunk(file: FileHandle, offset: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    if (bytesRead < length)
      throw new RangeReadError(this.range, "the file is shorter than planned");
    return buffer;
  }

  private lastElementEnd(data: Buffer): number {
    const at = data.lastIndexOf(this.elementEnd);
    return at < 0 ? -1 : at + this.elementEnd.length;
  }

  /** `data[…, end)`: whole messages, after the comma that ended the previous read. */
  private parse(data: Buffer, end: number): Message[] {
    let start = 0;
    while (start < end && (isWhitespace(data[start]!) || data[start] === COMMA)) start++;
    let text = data.toString("utf8", start, end);
    let escapes = 0;
    if (hasHexEscape(data, start, end)) ({ text, count: escapes } = fixHexEscapes(text));
    let raws: unknown;
    try {
      raws = JSON.parse(`[${text}]`);
    } catch (error) {
      throw new RangeReadError(this.range, error instanceof Error ? error.message : "bad JSON");
    }
    this.stats.controlEscapes += escapes;
    const messages: Message[] = [];
    this.normalizer.addAll(raws, messages);
    return messages;
  }
}
