/**
 * Which Unicode code points a font file maps to a glyph, read from its `cmap`
 * table. Used to prove that the bundled fonts cover what the charts draw
 * (Cyrillic, emoji) instead of silently falling back to a system font.
 *
 * Written by hand because no font parser is a dependency and only the cmap is
 * needed: sfnt (TTF/OTF), WOFF 1.0 and WOFF2 containers, cmap formats 4 and 12.
 * (WOFF2 transforms only glyf, loca and hmtx; its cmap is stored as is.)
 */
import { brotliDecompressSync, inflateSync } from "node:zlib";

/** Thrown when bytes are not a font this reader understands. */
export class FontFormatError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(`${message} (${detail}). Pass a TTF, OTF, WOFF or WOFF2 font file.`);
    this.name = "FontFormatError";
  }
}

/** Code points a font has glyphs for, as sorted inclusive ranges. */
export class FontCoverage {
  /** @param ranges sorted, non-overlapping `[first, last]` code point ranges */
  constructor(readonly ranges: readonly (readonly [number, number])[]) {}

  /** True when the font maps `codePoint` to a real glyph (not glyph 0, `.notdef`). */
  has(codePoint: number): boolean {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [first, last] = this.ranges[mid]!;
      if (codePoint < first) high = mid - 1;
      else if (codePoint > last) low = mid + 1;
      else return true;
    }
    return false;
  }

  /**
   * Code points of `text` the font has no glyph for.
   *
   * @example coverage.missing("Яa\u{10FFFD}") // [0x10fffd] for Noto Sans
   */
  missing(text: string): number[] {
    const result: number[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (!this.has(codePoint)) result.push(codePoint);
    }
    return result;
  }
}

const SFNT_TRUETYPE = 0x00010000;
const SFNT_OPENTYPE = 0x4f54544f; // "OTTO"
const WOFF = 0x774f4646; // "wOFF"
const WOFF2 = 0x774f4632; // "wOF2"
const CMAP = 0x636d6170; // "cmap"

/**
 * Reads the character coverage of a TTF, OTF, WOFF or WOFF2 font.
 *
 * @example readFontCoverage(readFileSync("NotoSans_400Regular.ttf")).has(0x042f) // true ("Я")
 */
export function readFontCoverage(bytes: Uint8Array): FontCoverage {
  const cmap = findCmapTable(bytes);
  return new FontCoverage(mergeRanges(readCmap(cmap)));
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findCmapTable(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength < 12)
    throw new FontFormatError("Font file too short", `${bytes.byteLength} bytes`);
  const data = view(bytes);
  const signature = data.getUint32(0);
  if (signature === SFNT_TRUETYPE || signature === SFNT_OPENTYPE) {
    const numTables = data.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const record = 12 + i * 16;
      if (data.getUint32(record) !== CMAP) continue;
      const offset = data.getUint32(record + 8);
      return bytes.subarray(offset, offset + data.getUint32(record + 12));
    }
  } else if (signature === WOFF) {
    const numTables = data.getUint16(12);
    for (let i = 0; i < numTables; i++) {
      const record = 44 + i * 20;
      if (data.getUint32(record) !== CMAP) continue;
      const offset = data.getUint32(record + 4);
      const compressedLength = data.getUint32(record + 8);
      const originalLength = data.getUint32(record + 12);
      const table = bytes.subarray(offset, offset + compressedLength);
      return compressedLength < originalLength ? inflateSync(table) : table;
    }
  } else if (signature === WOFF2) {
    return findWoff2Cmap(bytes, data);
  } else {
    throw new FontFormatError(
      "Unsupported font container",
      `signature 0x${signature.toString(16)}`,
    );
  }
  throw new FontFormatError("Font has no cmap table", "no character map");
}

/** WOFF2 known-table indices that matter here (WOFF2 spec, table 5.1). */
const WOFF2_CMAP_INDEX = 0;
const WOFF2_GLYF_INDEX = 10;
const WOFF2_LOCA_INDEX = 11;
const WOFF2_ARBITRARY_TAG = 63;
const GLYF = 0x676c7966; // "glyf"
const LOCA = 0x6c6f6361; // "loca"
const WOFF2_HEADER_BYTES = 48;

/**
 * The cmap of a WOFF2 font: walks the table directory to the cmap's offset in
 * the one Brotli stream, then decompresses that stream.
 */
function findWoff2Cmap(bytes: Uint8Array, data: DataView): Uint8Array {
  if (data.getUint32(4) === 0x74746366)
    throw new FontFormatError("Unsupported font container", "WOFF2 font collection");
  const numTables = data.getUint16(12);
  const compressedLength = data.getUint32(20);
  let at = WOFF2_HEADER_BYTES;
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = data.getUint8(at++);
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new FontFormatError("Damaged WOFF2 table directory", "UIntBase128 longer than 5 bytes");
  };
  let streamOffset = 0;
  let cmap: { offset: number; length: number } | null = null;
  for (let i = 0; i < numTables; i++) {
    const flags = data.getUint8(at++);
    const index = flags & 0x3f;
    const transform = flags >> 6;
    let tag = -1;
    if (index === WOFF2_ARBITRARY_TAG) {
      tag = data.getUint32(at);
      at += 4;
    }
    const originalLength = base128();
    const isGlyfOrLoca =
      index === WOFF2_GLYF_INDEX || index === WOFF2_LOCA_INDEX || tag === GLYF || tag === LOCA;
    // glyf and loca are transformed unless version 3; every other table unless version 0.
    const transformed = isGlyfOrLoca ? transform !== 3 : transform !== 0;
    const storedLength = transformed ? base128() : originalLength;
    if (index === WOFF2_CMAP_INDEX || tag === CMAP)
      cmap = { offset: streamOffset, length: storedLength };
    streamOffset += storedLength;
  }
  if (cmap === null) throw new FontFormatError("Font has no cmap table", "no character map");
  const stream = brotliDecompressSync(bytes.subarray(at, at + compressedLength));
  return stream.subarray(cmap.offset, cmap.offset + cmap.length);
}

/** Picks the best Unicode subtable: format 12 (full Unicode) over format 4 (BMP). */
function readCmap(cmap: Uint8Array): [number, number][] {
  const data = view(cmap);
  const numTables = data.getUint16(2);
  let format4Offset: number | null = null;
  for (let i = 0; i < numTables; i++) {
    const platform = data.getUint16(4 + i * 8);
    const encoding = data.getUint16(6 + i * 8);
    const offset = data.getUint32(8 + i * 8);
    const isUnicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!isUnicode) continue;
    const format = data.getUint16(offset);
    if (format === 12) return readFormat12(data, offset);
    if (format === 4) format4Offset ??= offset;
  }
  if (format4Offset === null)
    throw new FontFormatError("No Unicode cmap subtable", "formats 4 and 12 absent");
  return readFormat4(data, format4Offset);
}

function readFormat12(data: DataView, offset: number): [number, number][] {
  const groups = data.getUint32(offset + 12);
  const ranges: [number, number][] = [];
  for (let i = 0; i < groups; i++) {
    const group = offset + 16 + i * 12;
    const first = data.getUint32(group);
    const last = data.getUint32(group + 4);
    // A group starting at glyph 0 maps its first code point to .notdef.
    const start = data.getUint32(group + 8) === 0 ? first + 1 : first;
    if (start <= last) ranges.push([start, last]);
  }
  return ranges;
}

function readFormat4(data: DataView, offset: number): [number, number][] {
  const segCount = data.getUint16(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  const ranges: [number, number][] = [];
  for (let segment = 0; segment < segCount; segment++) {
    const end = data.getUint16(endCodes + segment * 2);
    const start = data.getUint16(startCodes + segment * 2);
    const delta = data.getUint16(idDeltas + segment * 2);
    const rangeOffsetAt = idRangeOffsets + segment * 2;
    const rangeOffset = data.getUint16(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const glyphAt = rangeOffsetAt + rangeOffset + (code - start) * 2;
        glyph = glyphAt + 2 <= data.byteLength ? data.getUint16(glyphAt) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) ranges.push([code, code]);
    }
  }
  return ranges;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of ranges) {
    const previous = merged.at(-1);
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}
