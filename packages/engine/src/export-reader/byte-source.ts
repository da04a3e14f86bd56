/** Reads bytes at a position: a file handle, or a {@link GunzipReader} for a gzipped export. */
export interface PositionalReader {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** Default read size: large enough that per-read overhead vanishes, small enough to keep memory flat. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** How a {@link ByteSource} reads. */
export interface ByteSourceOptions {
  chunkBytes: number;
  signal: AbortSignal | undefined;
  onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined;
}

/**
 * A sliding window over a file (see {@link PositionalReader}): `buf[0, end)` holds the bytes from file offset
 * `offsetOf(0)` on, and `pos` is the reader's current index. Reading more drops
 * the bytes before a kept index, so memory stays at about one chunk plus the
 * largest value that has to be kept whole.
 */
export class ByteSource {
  buf: Buffer;
  end = 0;
  pos = 0;
  /** File offset of `buf[0]`. */
  private base = 0;
  /** File offset of the next read. */
  private next = 0;
  /** Highest offset reported as progress (reads go back after a look-ahead). */
  private reported = 0;

  constructor(
    private readonly handle: PositionalReader,
    /** File size in bytes when it was opened (of the decompressed data for gzip; for progress only). */
    readonly size: number,
    private readonly options: ByteSourceOptions,
  ) {
    this.buf = Buffer.allocUnsafe(options.chunkBytes * 2);
  }

  /** File offset of buffer index `index`. */
  offsetOf(index: number): number {
    return this.base + index;
  }

  /** Bytes per read. */
  get chunkBytes(): number {
    return this.options.chunkBytes;
  }

  /** File offset just after the last byte read so far. */
  get bytesRead(): number {
    return this.next;
  }

  /**
   * Reads the next chunk after dropping the bytes before `keepFrom`, which
   * shifts every buffer index (including `pos`) down by the returned amount.
   *
   * @returns the shift, or -1 at the end of the file (nothing read)
   */
  async fill(keepFrom: number): Promise<number> {
    const { chunkBytes, signal, onProgress } = this.options;
    signal?.throwIfAborted();
    if (keepFrom > 0) {
      this.buf.copy(this.buf, 0, keepFrom, this.end);
      this.end -= keepFrom;
      this.pos -= keepFrom;
      this.base += keepFrom;
    }
    if (this.buf.length - this.end < chunkBytes) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.end + chunkBytes));
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const { bytesRead } = await this.handle.read(this.buf, this.end, chunkBytes, this.next);
    signal?.throwIfAborted();
    if (bytesRead === 0) return -1;
    this.end += bytesRead;
    this.next += bytesRead;
    if (this.next > this.reported) {
      this.reported = this.next;
      onProgress?.(this.next, this.size);
    }
    return keepFrom;
  }

  /** Forgets the window and continues reading at file offset `offset`. */
  seek(offset: number): void {
    this.base = offset;
    this.next = offset;
    this.end = 0;
    this.pos = 0;
  }

  /** Reads up to `length` bytes at `offset` into a separate buffer, leaving the window alone. */
  async peekAt(offset: number, length: number): Promise<Buffer> {
    this.options.signal?.throwIfAborted();
    const scratch = Buffer.allocUnsafe(length);
    const { bytesRead } = await this.handle.read(scratch, 0, length, offset);
    return scratch.subarray(0, bytesRead);
  }
}
