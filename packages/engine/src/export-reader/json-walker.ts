import { isUtf8 } from "node:buffer";
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
import { describeByte, findJsonFault } from "./json-check.js";

/** Longest skipped value that is checked to be valid JSON (longer ones are a chat's messages, read later or left out). */
const CHECKED_SKIP_BYTES = 8 << 20;

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
   * the object's closing brace (consumed).
   *
   * @param first true right after the object's `{`: no comma may come first
   */
  async nextKey(first = false): Promise<string | null> {
    if (!(await this.separator(first, RBRACE, "}"))) return null;
    if ((await this.peekInside()) !== QUOTE) throw this.malformedHere("expected a key in quotes");
    const key = await this.readValue();
    await this.expect(COLON, '":" after a key');
    return typeof key === "string" ? key : "";
  }

  /**
   * Before an array element: false (and the `]` consumed) at the end of the array.
   *
   * @param first true right after the array's `[`: no comma may come first
   */
  async nextElement(first = false): Promise<boolean> {
    return this.separator(first, RBRACKET, "]");
  }

  /**
   * Consumes what comes between two members of an object or array (a comma,
   * nothing before the first) or its closing bracket; false at the bracket.
   */
  private async separator(first: boolean, closer: number, closerText: string): Promise<boolean> {
    let byte = await this.peekInside();
    if (byte === closer) {
      this.src.pos++;
      return false;
    }
    if (first) return true;
    if (byte !== COMMA) throw this.malformedHere(`expected "," or "${closerText}"`);
    const comma = this.src.offsetOf(this.src.pos);
    this.src.pos++;
    byte = await this.peekInside();
    if (byte === closer)
      throw exportErrors.malformed(this.path, comma, `a comma before the closing "${closerText}"`);
    return true;
  }

  /** Parses the value at the current position; meant for small values (names, ids). */
  async readValue(): Promise<unknown> {
    await this.peekInside();
    const src = this.src;
    const scan = newElementScan();
    let i = src.pos;
    for (;;) {
      i = scanElements(src.buf, i, src.end, scan, true);
      if (scan.malformedAt >= 0) throw this.unexpectedAt(scan.malformedAt);
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

  /**
   * Passes over the value at the current position, checking that it is valid
   * JSON when it is at most {@link CHECKED_SKIP_BYTES} long; a longer one is
   * only scanned, without keeping it in memory.
   *
   * @param check false for a value that is read (and so checked) later
   */
  async skipValue(check = true): Promise<void> {
    await this.peekInside();
    if (!check) {
      await this.scanThrough(newElementScan(), true);
      return;
    }
    const src = this.src;
    const scan = newElementScan();
    let start = src.pos;
    for (;;) {
      src.pos = scanElements(src.buf, src.pos, src.end, scan, true);
      if (scan.malformedAt >= 0)
        throw this.faultIn(start, src.end) ?? this.unexpectedAt(scan.malformedAt);
      if (scan.ended) break;
      if (start >= 0 && src.pos - start > CHECKED_SKIP_BYTES) start = -1;
      const startOffset = src.offsetOf(start);
      const shift = await src.fill(start >= 0 ? start : src.pos);
      // At the end of the file the buffer was still shifted: find the start by its offset.
      if (start >= 0) start = startOffset - src.offsetOf(0);
      if (shift < 0) throw this.faultIn(start, src.end) ?? this.truncated();
      shiftElementScan(scan, shift);
    }
    const fault = this.faultIn(start, src.pos);
    if (fault !== null) throw fault;
  }

  /** The error for the first invalid byte of the value at `buf[start, end)`, if any (none when `start` is -1). */
  private faultIn(start: number, end: number): ExportFormatError | null {
    if (start < 0) return null;
    const fault = findJsonFault(this.src.buf, start, end, "value");
    return fault === null ? null : this.malformedAt(fault.index, fault.what);
  }

  /**
   * Runs `scan` from the current position until it ends (single value, or the
   * rest of an array whose `[` is behind), dropping bytes as it goes.
   */
  async scanThrough(scan: ElementScan, single: boolean): Promise<void> {
    const src = this.src;
    for (;;) {
      src.pos = scanElements(src.buf, src.pos, src.end, scan, single);
      if (scan.malformedAt >= 0) throw this.unexpectedAt(scan.malformedAt);
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
    // JSON.parse would turn bytes that are not UTF-8 into U+FFFD without a word.
    if (isUtf8(buf.subarray(start, end))) {
      let text = buf.toString("utf8", start, end);
      if (hasHexEscape(buf, start, end)) text = fixHexEscapes(text).text;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        const fault = findJsonFault(buf, start, end, "value");
        if (fault !== null) throw this.malformedAt(fault.index, fault.what);
        throw this.malformedAt(start, `a value is not valid JSON (${jsonErrorText(error)})`);
      }
    }
    const fault = findJsonFault(buf, start, end, "value");
    throw this.malformedAt(fault?.index ?? start, fault?.what ?? "a value is not UTF-8 text");
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
    const { buf, pos, end } = this.src;
    const found = pos < end ? ` but found ${describeByte(buf, pos)}` : "";
    return this.malformedAt(pos, `${what}${found}`);
  }

  /** The error for a byte the scanner cannot place. */
  unexpectedAt(index: number): ExportFormatError {
    return this.malformedAt(index, `unexpected ${describeByte(this.src.buf, index)}`);
  }
}

/**
 * The engine's parse error text on one line, without the position (which
 * counts UTF-16 units, not bytes) and with control characters and U+FFFD
 * escaped: V8 quotes the text around the error, raw bytes and line breaks included.
 */
export function jsonErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error))
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/[\p{Cc}\ufffd]/gu, (char) =>
      char === "\ufffd" ? "\\ufffd" : `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
    );
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
