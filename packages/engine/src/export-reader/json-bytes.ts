/**
 * Byte-level JSON scanning: finds where values and array elements start and
 * end in a UTF-8 buffer without building them.
 *
 * Hand-written on purpose: generic streaming JSON tokenizers (stream-json,
 * @streamparser/json) build every token in JavaScript and run 5–10× slower
 * than `JSON.parse`. Here only structure is tracked (depth, string state), string
 * bodies are skipped with `Buffer.indexOf`, and the slices found are handed to
 * the native `JSON.parse`. All functions are synchronous and resumable, so a
 * value may span any number of read chunks. For tdesktop's line-per-element
 * layout there is a faster guess (`lastElementEndByLayout`) that the caller
 * confirms with `JSON.parse`.
 */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** True for the four JSON whitespace bytes. */
export function isWhitespace(byte: number): boolean {
  return byte === SPACE || byte === LF || byte === CR || byte === TAB;
}

/**
 * Resumable state of a scan over JSON values: either the elements of an array
 * (from just after its `[`), or one single value.
 */
export interface ElementScan {
  /** Nesting depth inside the current element (0 between elements or in a bare scalar/string). */
  depth: number;
  inString: boolean;
  /** Inside a number or literal (`true`, `null`…) that is itself an element. */
  inScalar: boolean;
  inElement: boolean;
  /** Buffer index of the current element's first byte. */
  elemStart: number;
  /** Buffer index of the first element not yet handed out, or -1. */
  batchStart: number;
  /** Buffer index just after the last completed element, or -1. */
  lastEnd: number;
  /** Elements completed so far. */
  count: number;
  /** Array mode: the closing `]` was consumed. Single mode: the value is complete. */
  ended: boolean;
  /** Buffer index of a byte that cannot appear here, or -1. */
  malformedAt: number;
  /** Array mode: stop as soon as an element is complete (to hand back to a faster path). */
  pauseAfterElement: boolean;
  /** Array mode: an element ended and no comma followed yet (a comma or `]` must come). */
  afterElement: boolean;
  /** Array mode: buffer index of the comma after the last element while no element followed it, or -1. */
  commaAt: number;
}

/** A fresh scan state. */
export function newElementScan(): ElementScan {
  return {
    depth: 0,
    inString: false,
    inScalar: false,
    inElement: false,
    elemStart: -1,
    batchStart: -1,
    lastEnd: -1,
    count: 0,
    ended: false,
    malformedAt: -1,
    pauseAfterElement: false,
    afterElement: false,
    commaAt: -1,
  };
}

/** Moves the buffer indices of a scan after the buffer dropped `shift` leading bytes. */
export function shiftElementScan(scan: ElementScan, shift: number): void {
  if (scan.elemStart >= 0) scan.elemStart -= shift;
  if (scan.batchStart >= 0) scan.batchStart -= shift;
  if (scan.lastEnd >= 0) scan.lastEnd -= shift;
  if (scan.commaAt >= 0) scan.commaAt -= shift;
}

/**
 * Finds the end of a JSON string whose body continues at `start` (a position
 * not in the middle of an escape).
 *
 * @returns the index just after the closing quote, or `-(resume + 1)` when
 *   `end` comes first, where `resume` is where to continue once more bytes are
 *   there (before any trailing backslashes, whose meaning is not yet known).
 */
export function findStringEnd(buf: Buffer, start: number, end: number): number {
  let quote = buf.indexOf(QUOTE, start);
  while (quote !== -1 && quote < end) {
    let k = quote - 1;
    while (k >= start && buf[k] === BACKSLASH) k--;
    // An even run of backslashes before the quote escapes only itself.
    if (((quote - 1 - k) & 1) === 0) return quote + 1;
    quote = buf.indexOf(QUOTE, quote + 1);
  }
  let resume = end;
  while (resume > start && buf[resume - 1] === BACKSLASH) resume--;
  return -(resume + 1);
}

/**
 * Scans from `i` to `end`, updating `scan`. In array mode it walks elements
 * until the closing `]`; in single mode it stops after one value.
 *
 * @returns the index where scanning stopped: after the array's `]` or the single
 *   value (`scan.ended`), at a bad byte (`scan.malformedAt`), or where to resume
 *   once more bytes are loaded.
 */
export function scanElements(
  buf: Buffer,
  i: number,
  end: number,
  scan: ElementScan,
  single: boolean,
): number {
  let depth = scan.depth;
  let inString = scan.inString;
  while (i < end) {
    if (inString) {
      const close = findStringEnd(buf, i, end);
      if (close < 0) {
        i = -close - 1;
        break;
      }
      i = close;
      inString = false;
      if (depth === 0 && completeElement(scan, i, single)) break;
      continue;
    }
    const c = buf[i]!;
    if (depth > 0) {
      i++;
      if (c === QUOTE) inString = true;
      else if (c === LBRACE || c === LBRACKET) depth++;
      else if (
        (c === RBRACE || c === RBRACKET) &&
        --depth === 0 &&
        completeElement(scan, i, single)
      )
        break;
      continue;
    }
    if (scan.inScalar) {
      if (c !== COMMA && c !== RBRACKET && c !== RBRACE && c > SPACE) {
        i++;
        continue;
      }
      scan.inScalar = false;
      if (completeElement(scan, i, single)) break;
    }
    if (c === SPACE || c === LF || c === CR || c === TAB) {
      i++;
      continue;
    }
    // Array mode is strict about separators: one comma between elements, none after the last.
    if (c === COMMA && !single && scan.afterElement) {
      scan.afterElement = false;
      scan.commaAt = i++;
      continue;
    }
    if (c === RBRACKET && !single && scan.commaAt < 0) {
      scan.ended = true;
      i++;
      break;
    }
    if (!startsValue(c) || scan.afterElement || (c === RBRACKET && !single)) {
      scan.malformedAt = c === RBRACKET && !single ? scan.commaAt : i;
      break;
    }
    scan.commaAt = -1;
    scan.inElement = true;
    scan.elemStart = i;
    if (scan.batchStart < 0) scan.batchStart = i;
    i++;
    if (c === LBRACE || c === LBRACKET) depth = 1;
    else if (c === QUOTE) inString = true;
    else scan.inScalar = true;
  }
  scan.depth = depth;
  scan.inString = inString;
  return i;
}

/**
 * Buffer index where element `index` (from 0) of `buf[start, end)` starts,
 * a run of whole, valid elements and the commas between them.
 */
export function elementStartAt(buf: Buffer, start: number, end: number, index: number): number {
  let i = start;
  for (let k = 0; ; k++) {
    while (i < end && (isWhitespace(buf[i]!) || buf[i] === COMMA)) i++;
    if (k === index || i >= end) return i;
    i = scanElements(buf, i, end, newElementScan(), true);
  }
}

/** True for a byte a JSON value can start with. */
function startsValue(byte: number): boolean {
  return (
    byte === LBRACE ||
    byte === LBRACKET ||
    byte === QUOTE ||
    byte === 0x2d ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x74 ||
    byte === 0x66 ||
    byte === 0x6e
  );
}

/** Records a finished element; true when scanning should stop (single mode). */
function completeElement(scan: ElementScan, endIndex: number, single: boolean): boolean {
  scan.inElement = false;
  scan.afterElement = true;
  scan.lastEnd = endIndex;
  scan.count++;
  if (single) scan.ended = true;
  return single || scan.pauseAfterElement;
}

/** Byte patterns of tdesktop's layout around the elements of one array. */
export interface ArrayLayout {
  /** `\n` + indentation + `}`: the end of an element. */
  elementEnd: Buffer;
  /** `\n` + the indentation of the array's own line + `]`: the end of the array. */
  arrayEnd: Buffer;
}

/**
 * Indentation of the line that holds `buf[index]` (the array's `[`), which is
 * where a pretty-printer puts the closing `]`; null when the line start is not
 * in the buffer. A wrong guess only costs a fallback to the exact scanner.
 */
export function lineIndent(buf: Buffer, index: number): number | null {
  let i = index - 1;
  while (i >= 0 && buf[i] !== 0x0a) i--;
  if (i < 0) return null;
  let spaces = 0;
  while (buf[i + 1 + spaces] === 0x20) spaces++;
  return spaces;
}

/**
 * The layout of an array whose element starts at `start`, from the bytes
 * before it: tdesktop puts each element on its own line, indented one space
 * per level, and closes it at the same indentation. Null when the bytes show
 * another layout (minified, tabs, CRLF); undefined when they are not in the
 * buffer any more.
 *
 * @param arrayIndent indentation of the line with the array's `[` (see
 *   {@link lineIndent}); null to assume tdesktop's (one space less than the elements)
 */
export function detectArrayLayout(
  buf: Buffer,
  start: number,
  arrayIndent: number | null,
): ArrayLayout | null | undefined {
  let i = start - 1;
  while (i >= 0 && buf[i] === 0x20) i--;
  if (i < 0) return undefined;
  if (buf[i] !== 0x0a) return null;
  const indent = start - 1 - i;
  const closing = arrayIndent ?? Math.max(0, indent - 1);
  if (closing >= indent) return null;
  return {
    elementEnd: Buffer.from(`\n${" ".repeat(indent)}}`, "latin1"),
    arrayEnd: Buffer.from(`\n${" ".repeat(closing)}]`, "latin1"),
  };
}

/**
 * End of the last element in `buf[start, end)` by layout alone: just after the
 * last `elementEnd` pattern, or -1 when there is none. A raw newline cannot be
 * inside a JSON string, so the pattern is always structure; whether it closes
 * an element of *this* array is confirmed by the caller's `JSON.parse`.
 */
export function lastElementEndByLayout(
  buf: Buffer,
  start: number,
  end: number,
  layout: ArrayLayout,
): number {
  const length = layout.elementEnd.length;
  if (end - start < length) return -1;
  const at = buf.lastIndexOf(layout.elementEnd, end - length);
  return at >= start ? at + length : -1;
}

/** True when `buf[start, end)` contains a `\x` sequence (tdesktop's invalid control escape). */
export function hasHexEscape(buf: Buffer, start: number, end: number): boolean {
  return buf.subarray(start, end).indexOf("\\x", 0, "latin1") !== -1;
}

const HEX_ESCAPE = /\\(\\|x([0-9A-Fa-f]{2}))/g;

/**
 * Rewrites tdesktop's `\xHH` escapes (invalid JSON) to `\u00HH`. Escaped
 * backslashes are matched as pairs first, so `\\x41` stays a backslash + "x41".
 *
 * @returns the fixed text and how many escapes were rewritten
 * @example fixHexEscapes('"a\\x01"') // { text: '"a\\u0001"', count: 1 }
 */
export function fixHexEscapes(text: string): { text: string; count: number } {
  let count = 0;
  const fixed = text.replace(
    HEX_ESCAPE,
    (match: string, _pair: string, hex: string | undefined) => {
      if (hex === undefined) return match;
      count++;
      return `\\u00${hex}`;
    },
  );
  return { text: fixed, count };
}
