import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { exportErrors } from "./errors.js";
import type { PositionalReader } from "./byte-source.js";

/** Decompressed bytes kept behind the furthest read, for the reader's look-backs. */
const KEEP_BEHIND_BYTES = 8 << 20;
/** zlib's output chunk: large enough that per-chunk overhead vanishes. */
const GUNZIP_CHUNK_BYTES = 256 << 10;

/**
 * A gzip file read as if it were the decompressed file, streaming: reads at
 * increasing positions decompress on; a read up to {@link KEEP_BEHIND_BYTES}
 * behind the furthest one is served from memory, and one further back starts
 * decompressing again from the beginning (the reader does that only for
 * exports not written by Telegram Desktop, whose chat header follows its
 * messages). Memory stays at about twice the kept bytes.
 */
export class GunzipReader implements PositionalReader {
  /** Decompressed bytes from `start` on; `length` of them are filled. */
  private buf = Buffer.allocUnsafe(0);
  private start = 0;
  private length = 0;
  private stream: Readable | null = null;
  private chunks: AsyncIterator<Buffer> | null = null;
  private ended = false;

  /** @param path a gzip file (checked by its magic bytes before) */
  constructor(private readonly path: string) {}

  /** Reads up to `length` decompressed bytes at `position` (0 at the end of the data). */
  async read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number }> {
    if (position < this.start) this.restart();
    while (this.start + this.length < position + length && !this.ended) await this.pull(position);
    const from = position - this.start;
    const bytesRead = Math.max(0, Math.min(length, this.length - from));
    if (bytesRead > 0) this.buf.copy(buffer, offset, from, from + bytesRead);
    return { bytesRead };
  }

  /** Stops decompressing and lets go of the file. */
  close(): Promise<void> {
    this.stream?.destroy();
    this.stream = null;
    this.chunks = null;
    return Promise.resolve();
  }

  private restart(): void {
    void this.close();
    this.start = 0;
    this.length = 0;
    this.ended = false;
  }

  /** Appends the next decompressed chunk, keeping the bytes from `keepFrom` on (and the last ones). */
  private async pull(keepFrom: number): Promise<void> {
    if (this.chunks === null) {
      const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
      this.stream = createReadStream(this.path).pipe(gunzip);
      this.chunks = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    }
    let next: IteratorResult<Buffer>;
    try {
      next = await this.chunks.next();
    } catch (error) {
      throw exportErrors.badGzip(this.path, (error as Error).message);
    }
    if (next.done === true) {
      this.ended = true;
      return;
    }
    const chunk = next.value;
    if (this.length + chunk.length > this.buf.length) this.makeRoom(keepFrom, chunk.length);
    chunk.copy(this.buf, this.length);
    this.length += chunk.length;
  }

  /** Drops bytes no read needs any more, and grows the buffer if that is not enough. */
  private makeRoom(keepFrom: number, needed: number): void {
    const end = this.start + this.length;
    const dropTo = Math.min(keepFrom, end - KEEP_BEHIND_BYTES);
    if (dropTo > this.start) {
      this.buf.copy(this.buf, 0, dropTo - this.start, this.length);
      this.length = end - dropTo;
      this.start = dropTo;
    }
    if (this.length + needed <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(
      Math.max(this.buf.length * 2, this.length + needed, 2 * KEEP_BEHIND_BYTES),
    );
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }
}
