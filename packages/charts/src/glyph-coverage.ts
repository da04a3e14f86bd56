/**
 * What the bundled fonts can draw, and which of the lazily registered subset
 * files a text needs. A character none of them has would make Skia fall back
 * to whatever the machine has, often a box: labels show U+FFFD instead, and
 * the chart says so (see `chartSpec`).
 */
import { readFileSync } from "node:fs";
import { readFontCoverage, type FontCoverage } from "./font-cmap.js";
import { chartFontFiles, lazyFontFiles, type LazyFontFile } from "./font-files.js";

/** Shaping consumes these (U+FE0F, ZWJ, ZWNJ, emoji tags): no font needs a glyph for them. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** What a label shows for a character no bundled font has. */
export const MISSING_GLYPH = "\uFFFD";

let coverages: FontCoverage[] | null = null;

/** Coverage of the fonts registered at start, read from their files once (a few ms). */
function baseCoverage(): FontCoverage[] {
  // The bold text font has the same character set as the regular one.
  coverages ??= chartFontFiles()
    .filter((file) => !file.path.includes("Bold"))
    .map((file) => readFontCoverage(readFileSync(file.path)));
  return coverages;
}

interface LazyFont {
  file: LazyFontFile;
  /** Read on first need: the unicode-range is a superset (Noto Sans Arabic's "math" subset claims U+1D400–1D7FF). */
  coverage: FontCoverage | null;
}

let lazyFonts: LazyFont[] | null = null;
/** Code point → the lazy font that draws it, or null for none; only for code points the base fonts lack. */
const lazyFontOf = new Map<number, LazyFont | null>();

function inRanges(ranges: LazyFontFile["ranges"], codePoint: number): boolean {
  for (const [first, last] of ranges) {
    if (codePoint < first) return false;
    if (codePoint <= last) return true;
  }
  return false;
}

/** The first lazy font (in fallback order) with a glyph for `codePoint`, reading cmaps as needed. */
function findLazyFont(codePoint: number): LazyFont | null {
  let found = lazyFontOf.get(codePoint);
  if (found !== undefined) return found;
  lazyFonts ??= lazyFontFiles().map((file) => ({ file, coverage: null }));
  found = null;
  for (const font of lazyFonts) {
    if (!inRanges(font.file.ranges, codePoint)) continue;
    font.coverage ??= readFontCoverage(readFileSync(font.file.path));
    if (font.coverage.has(codePoint)) {
      found = font;
      break;
    }
  }
  lazyFontOf.set(codePoint, found);
  return found;
}

function inBaseFonts(codePoint: number): boolean {
  return baseCoverage().some((coverage) => coverage.has(codePoint));
}

function drawable(char: string): boolean {
  const codePoint = char.codePointAt(0)!;
  return IGNORABLE.test(char) || inBaseFonts(codePoint) || findLazyFont(codePoint) !== null;
}

/**
 * True when the bundled fonts have a glyph for every character of `text`.
 *
 * @example canDrawText("Привет 👋 یاری 中文"); // true; canDrawText("\u{10FFFD}") // false
 */
export function canDrawText(text: string): boolean {
  for (const char of text) if (!drawable(char)) return false;
  return true;
}

/**
 * `text` with every character the bundled fonts lack replaced by U+FFFD.
 *
 * @example drawableText("Taro \u{10FFFD}") // "Taro \uFFFD"
 */
export function drawableText(text: string): string {
  if (canDrawText(text)) return text;
  return Array.from(text, (char) => (drawable(char) ? char : MISSING_GLYPH)).join("");
}

/**
 * The lazily registered font files that `texts` need, in fallback order:
 * none when the text and emoji fonts have every character.
 *
 * @example lazyFontFilesFor(["یاری"]).map((file) => file.packageName) // ["@fontsource-variable/noto-sans-arabic"]
 */
export function lazyFontFilesFor(texts: Iterable<string>): LazyFontFile[] {
  const needed = new Set<LazyFont>();
  for (const text of texts) {
    for (let index = 0; index < text.length; index++) {
      const codePoint = text.codePointAt(index)!;
      if (codePoint > 0xffff) index++;
      // ASCII is always in the text font: skip the lookup for most characters.
      if (codePoint < 0x80 || inBaseFonts(codePoint)) continue;
      const font = findLazyFont(codePoint);
      if (font !== null) needed.add(font);
    }
  }
  return lazyFonts === null
    ? []
    : lazyFonts.filter((font) => needed.has(font)).map((font) => font.file);
}
