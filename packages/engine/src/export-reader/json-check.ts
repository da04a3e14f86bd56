/**
 * Finds the first byte where JSON text stops being valid, for error messages
 * that name it exactly. Only run once something already failed, so it favours
 * clarity over speed.
 *
 * Hand-written because the errors need what no JSON library gives: byte
 * offsets into UTF-8 (`JSON.parse` and the streaming parsers count UTF-16
 * units of text already decoded, with bad bytes turned into U+FFFD, and
 * Node 20's `JSON.parse` often names no position at all), UTF-8 checking, and
 * tdesktop's `\xHH` escapes accepted as the reader accepts them.
 */

/** Where and why JSON text is invalid. */
export interface JsonFault {
  /** Buffer index of the first byte that cannot be there. */
  index: number;
  /** What is wrong there, for a sentence ("a comma before \"]\""). */
  what: string;
  /** Buffer index of the top-level value the bad byte is in (-1 between values). */
  valueStart: number;
  /** The fault is a comma before a closing bracket (`index` is the comma's). */
  trailingComma: boolean;
}

/**
 * What the checked bytes hold: one value; or the rest of an array, from just
 * after its `[` or from just after one of its elements (then its elements are
 * the "top-level values" and checking stops at its `]`).
 */
export type JsonCheckMode = "value" | "array-start" | "array-after-element";

/** What the checker expects next (a plain object: the build strips types file by file, so no const enum). */
const Expect = {
  /** A value must come (after a comma or colon, or at the start). */
  Value: 0,
  /** Inside `[`: a value or `]`. */
  FirstElement: 1,
  /** Inside `{`: a key or `}`. */
  FirstKey: 2,
  /** After a comma in an object: a key. */
  Key: 3,
  /** After a key: a colon. */
  Colon: 4,
  /** After a value: a comma or the closing bracket of what holds it. */
  Separator: 5,
} as const;
type Expect = (typeof Expect)[keyof typeof Expect];

/**
 * The first fault in `buf[start, end)`, or null when every byte there can
 * begin valid JSON text of `mode` (it may be incomplete: the caller knows
 * whether more bytes should follow).
 *
 * @example findJsonFault(Buffer.from('{"a": 1,}'), 0, 9, "value") // { index: 8, what: 'a comma before "}"', … }
 */
export function findJsonFault(
  buf: Buffer,
  start: number,
  end: number,
  mode: JsonCheckMode,
): JsonFault | null {
  const closers: number[] = mode === "value" ? [] : [0x5d];
  /** Depth of the top-level values (inside the array being checked, or none). */
  const top = closers.length;
  let expect: Expect =
    mode === "array-start"
      ? Expect.FirstElement
      : mode === "array-after-element"
        ? Expect.Separator
        : Expect.Value;
  /** Start of the top-level value being read, or -1 between values. */
  let valueStart = -1;
  /** Index of the comma just read, or -1 when the last token was something else. */
  let comma = -1;
  let i = start;
  // A bad byte where a value should start is not inside a value.
  const fault = (index: number, what: string, trailingComma = false): JsonFault => ({
    index,
    what,
    valueStart: index === valueStart ? -1 : valueStart,
    trailingComma,
  });
  while (i < end) {
    const c = buf[i]!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    const closer = closers.at(-1);
    if (c === 0x2c && expect === Expect.Separator && closer !== undefined) {
      comma = i++;
      expect = closer === 0x7d ? Expect.Key : Expect.Value;
      continue;
    }
    if (
      (c === 0x7d || c === 0x5d) &&
      c === closer &&
      (expect === Expect.Separator ||
        (c === 0x7d && expect === Expect.FirstKey) ||
        (c === 0x5d && expect === Expect.FirstElement))
    ) {
      closers.pop();
      if (closers.length < top) return null;
      if (closers.length === top) valueStart = -1;
      expect = Expect.Separator;
      comma = -1;
      i++;
      continue;
    }
    if (comma >= 0 && (c === 0x7d || c === 0x5d))
      return fault(comma, `a comma before "${String.fromCharCode(c)}"`, true);
    if (expect === Expect.Separator) {
      if (closer === undefined)
        return fault(i, `${describeByte(buf, i)} after the end of the data`);
      return fault(
        i,
        `${describeByte(buf, i)} where "," or "${String.fromCharCode(closer)}" should be`,
      );
    }
    if (expect === Expect.Colon) {
      if (c !== 0x3a) return fault(i, `${describeByte(buf, i)} where ":" should follow a key`);
      expect = Expect.Value;
      i++;
      continue;
    }
    const isKey: boolean = expect === Expect.FirstKey || expect === Expect.Key;
    if (isKey && c !== 0x22)
      return fault(i, `${describeByte(buf, i)} where a key in quotes should be`);
    // A key or a value starts at `i`.
    comma = -1;
    if (closers.length === top) valueStart = i;
    let after: Scanned;
    if (c === 0x7b || c === 0x5b) {
      closers.push(c === 0x7b ? 0x7d : 0x5d);
      expect = c === 0x7b ? Expect.FirstKey : Expect.FirstElement;
      i++;
      continue;
    } else if (c === 0x22) after = stringEnd(buf, i + 1, end);
    else if (c === 0x2d || isDigit(c)) after = numberEnd(buf, i, end);
    else after = literalEnd(buf, i, end);
    if (after === null) return null;
    if (typeof after !== "number") return fault(after.index, after.what);
    i = after;
    expect = isKey ? Expect.Colon : Expect.Separator;
    if (closers.length === top) valueStart = -1;
  }
  return null;
}

/** A byte as a message shows it: printable ASCII in quotes, anything else as `\xHH`. */
export function describeByte(buf: Buffer, index: number): string {
  const byte = buf[index];
  if (byte === undefined) return "the end of the data";
  if (byte > 0x20 && byte < 0x7f) return `"${String.fromCharCode(byte)}"`;
  return `byte \\x${byte.toString(16).padStart(2, "0")}`;
}

/**
 * Bytes quoted for a message: text as it is, control bytes and bytes that are
 * not UTF-8 as `\xHH` (never raw, which could break the line or the terminal).
 */
export function quoteBytes(bytes: Buffer): string {
  let text = "";
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i]!;
    const length = c < 0x80 ? 1 : utf8Length(bytes, i, bytes.length);
    if (c >= 0x20 && c < 0x7f)
      text += c === 0x22 || c === 0x5c ? `\\${String.fromCharCode(c)}` : String.fromCharCode(c);
    else if (length !== null && length > 1) text += bytes.toString("utf8", i, i + length);
    else text += `\\x${c.toString(16).padStart(2, "0")}`;
    i += length !== null && length > 1 ? length : 1;
  }
  return `"${text}"`;
}

type Scanned = number | { index: number; what: string } | null;

/** End of a string whose body starts at `i`: the index after its quote, a fault, or null if cut off. */
function stringEnd(buf: Buffer, i: number, end: number): Scanned {
  while (i < end) {
    const c = buf[i]!;
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { index: i, what: `${describeByte(buf, i)} (a control byte) inside text` };
    if (c === 0x5c) {
      const e = buf[i + 1];
      if (e === undefined || i + 1 >= end) return null;
      // \xHH is tdesktop's own escape, which the reader accepts.
      const hexDigits = e === 0x75 ? 4 : e === 0x78 ? 2 : 0;
      if (hexDigits === 0 && !'"\\/bfnrt'.includes(String.fromCharCode(e)))
        return { index: i + 1, what: `${describeByte(buf, i + 1)} after a backslash inside text` };
      for (let k = 2; k < 2 + hexDigits; k++) {
        if (i + k >= end) return null;
        if (!isHexDigit(buf[i + k]!))
          return { index: i + k, what: `${describeByte(buf, i + k)} in a \\u escape` };
      }
      i += 2 + hexDigits;
      continue;
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    const length = utf8Length(buf, i, end);
    if (length === null) return null;
    if (length > 0) {
      i += length;
      continue;
    }
    const at = i - length;
    return {
      index: at,
      what:
        at === i
          ? `${describeByte(buf, i)}, which is not UTF-8 text`
          : `${describeByte(buf, at)} inside a UTF-8 character`,
    };
  }
  return null;
}

/**
 * Bytes in the UTF-8 sequence at `i` (a byte ≥ 0x80); 0 when the byte at `i`
 * starts none, `-k` when byte `i + k` cannot continue it (overlong, surrogate
 * and above U+10FFFF included); null when it is cut off by `end`.
 */
function utf8Length(buf: Buffer, i: number, end: number): number | null {
  const lead = buf[i]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    if (i + k >= end) return null;
    const byte = buf[i + k]!;
    if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return -k;
  }
  return length;
}

/** End of a number starting at `i`, per JSON's grammar. */
function numberEnd(buf: Buffer, i: number, end: number): Scanned {
  if (buf[i] === 0x2d) i++;
  const digits = (from: number): number => {
    let k = from;
    while (k < end && isDigit(buf[k]!)) k++;
    return k;
  };
  const need = (at: number, what: string): Scanned =>
    at >= end ? null : { index: at, what: `${describeByte(buf, at)} where ${what} should be` };
  if (i >= end) return null;
  if (buf[i] === 0x30) i++;
  else if (isDigit(buf[i]!)) i = digits(i);
  else return need(i, "a digit");
  if (i < end && buf[i] === 0x2e) {
    if (i + 1 < end && !isDigit(buf[i + 1]!)) return need(i + 1, "a digit");
    i = digits(i + 1);
  }
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    if (i < end && !isDigit(buf[i]!)) return need(i, "a digit");
    i = digits(i);
  }
  return i >= end ? null : i;
}

const LITERALS = ["true", "false", "null"];

/** End of `true`, `false` or `null` starting at `i`. */
function literalEnd(buf: Buffer, i: number, end: number): Scanned {
  const literal = LITERALS.find((word) => word.charCodeAt(0) === buf[i]);
  if (literal === undefined)
    return { index: i, what: `${describeByte(buf, i)} where a value should be` };
  for (let k = 1; k < literal.length; k++) {
    if (i + k >= end) return null;
    if (buf[i + k] !== literal.charCodeAt(k))
      return { index: i + k, what: `${describeByte(buf, i + k)} inside "${literal}"` };
  }
  return i + literal.length;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

function isHexDigit(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}
