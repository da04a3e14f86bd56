import type { ByteSource } from "./byte-source.js";
import { exportErrors, type ExportFormatError } from "./errors.js";
import {
  COLON,
  COMMA,
  LBRACKET,
  QUOTE,
  RBRACE,
  RBRACKET,
  fixHexEscapes,
  hasHexEscape,
  isWhitespace,
  newElementScan,
  scanElements,
  shiftElementScan,
  type ElementScan,
} from "./json-bytes.js";

/**
 * Walks the top of a JSON document (objects, keys, small values) over a
 * {@link ByteSource}. Each step may await a read, which is fine for the few
 * hundred steps an export's outer structure takes; bulk data (message arrays,
 * skipped sections) goes through the synchronous scanner instead.
 */
export class JsonWalker {
  constructor(
    readonly src: ByteSource,
    readonly path: string,
  ) {}

  /** The next non-whitespace byte, not consumed; -1 at the end of the file. */
  async peek(): Promise<number> {
    const src = this.src;
    for (;;) {
      let i = src.pos;
      while (i < src.end && isWhitespace(src.buf[i]!)) i++;
      src.pos = i;
      if (i < src.end) return src.buf[i]!;
      if ((await src.fill(i)) < 0) return -1;
    }
  }

  /** Like {@link peek}, but the end of the file is an error: the JSON is cut off. */
  async peekInside(): Promise<number> {
    const byte = await this.peek();
    if (byte < 0) throw this.truncated();
    return byte;
  }

  /** Consumes `byte` (after whitespace) or fails with a message naming `what` was expected. */
  async expect(byte: number, what: string): Promise<void> {
    if ((await this.peekInside()) !== byte) throw this.malformedHere(`expected ${what}`);
    this.src.pos++;
  }

  /**
   * The next key of the object being walked, with its colon consumed; null at
   * the object's closing brace (consumed). Commas are passed over leniently.
   */
  async nextKey(): Promise<string | null> {
    let byte = await this.peekInside();
    if (byte === COMMA) {
      this.src.pos++;
      byte = await this.peekInside();
    }
    if (byte === RBRACE) {
      this.src.pos++;
      return null;
    }
    if (byte !== QUOTE) throw this.malformedHere("expected a key in quotes");
    const key = await this.readValue();
    await this.expect(COLON, '":" after a key');
    return typeof key === "string" ? key : "";
  }

  /** Before an array element: false (and the `]` consumed) at the end of the array. */
  async nextElement(): Promise<boolean> {
    let byte = await this.peekInside();
    if (byte === COMMA) {
      this.src.pos++;
      byte = await this.peekInside();
    }
    if (byte !== RBRACKET) return true;
    this.src.pos++;
    return false;
  }

  /** Parses the value at the current position; meant for small values (names, ids). */
  async readValue(): Promise<unknown> {
    await this.peekInside();
    const src = this.src;
    const scan = newElementScan();
    let i = src.pos;
    for (;;) {
      i = scanElements(src.buf, i, src.end, scan, true);
      if (scan.malformedAt >= 0) throw this.malformedAt(scan.malformedAt, "unexpected character");
      if (scan.ended) break;
      src.pos = i;
      const shift = await src.fill(scan.elemStart);
      if (shift < 0) throw this.truncated();
      i -= shift;
      shiftElementScan(scan, shift);
    }
    src.pos = i;
    return this.parseSlice(scan.elemStart, scan.lastEnd);
  }

  /** Passes over the value at the current position without keeping it in memory. */
  async skipValue(): Promise<void> {
    await this.peekInside();
    await this.scanThrough(newElementScan(), true);
  }

  /**
   * Runs `scan` from the current position until it ends (single value, or the
   * rest of an array whose `[` is behind), dropping bytes as it goes.
   */
  async scanThrough(scan: ElementScan, single: boolean): Promise<void> {
    const src = this.src;
    for (;;) {
      src.pos = scanElements(src.buf, src.pos, src.end, scan, single);
      if (scan.malformedAt >= 0) throw this.malformedAt(scan.malformedAt, "unexpected character");
      if (scan.ended) return;
      const shift = await src.fill(src.pos);
      if (shift < 0) throw this.truncated();
      shiftElementScan(scan, shift);
    }
  }

  /** True when the value at the current position is an array (not consumed). */
  async atArray(): Promise<boolean> {
    return (await this.peekInside()) === LBRACKET;
  }

  /** `JSON.parse` of `buf[start, end)`, accepting tdesktop's `\xHH` escapes. */
  parseSlice(start: number, end: number): unknown {
    const buf = this.src.buf;
    let text = buf.toString("utf8", start, end);
    if (hasHexEscape(buf, start, end)) text = fixHexEscapes(text).text;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.malformedAt(start, `a value is not valid JSON (${jsonErrorText(error)})`);
    }
  }

  /** The error for a file that ends inside the structure. */
  truncated(): ExportFormatError {
    return exportErrors.truncated(this.path, this.src.bytesRead);
  }

  /** The error for a bad byte at buffer index `index`. */
  malformedAt(index: number, what: string): ExportFormatError {
    return exportErrors.malformed(this.path, this.src.offsetOf(index), what);
  }

  private malformedHere(what: string): ExportFormatError {
    const byte = this.src.buf[this.src.pos];
    const found = byte === undefined ? "" : ` but found "${String.fromCharCode(byte)}"`;
    return this.malformedAt(this.src.pos, `${what}${found}`);
  }
}

/** The engine's parse error text, without the position (which counts UTF-16 units, not bytes). */
export function jsonErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(
    / in JSON at position \d+.*$/s,
    "",
  );
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The UTF-16 position a `JSON.parse` error names, or null. */
export function jsonErrorPosition(error: unknown): number | null {
  const match = error instanceof Error ? / at position (\d+)/.exec(error.message) : null;
  return match === null ? null : Number(match[1]);
}
