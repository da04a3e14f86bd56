/**
 * What the bundled fonts can draw. A character none of them has would make Skia
 * fall back to whatever the machine has, often a box: labels replace such
 * characters with U+FFFD instead, and word or emoji bars leave them out.
 */
import { readFileSync } from "node:fs";
import { readFontCoverage, type FontCoverage } from "./font-cmap.js";
import { chartFontFiles } from "./font-files.js";

/** Shaping consumes these (U+FE0F, ZWJ, emoji tags): no font needs a glyph for them. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const REPLACEMENT = "\uFFFD";

let coverages: FontCoverage[] | null = null;

/** Coverage of the bundled fonts, read from their files once (a few ms). */
function bundledCoverage(): FontCoverage[] {
  // The bold text font has the same character set as the regular one.
  coverages ??= chartFontFiles()
    .filter((file) => !file.path.includes("Bold"))
    .map((file) => readFontCoverage(readFileSync(file.path)));
  return coverages;
}

function drawable(char: string): boolean {
  const codePoint = char.codePointAt(0)!;
  return IGNORABLE.test(char) || bundledCoverage().some((coverage) => coverage.has(codePoint));
}

/**
 * True when the bundled fonts have a glyph for every character of `text`.
 *
 * @example canDrawText("Привет 👋") // true; canDrawText("これ") // false (no CJK font bundled)
 */
export function canDrawText(text: string): boolean {
  for (const char of text) if (!drawable(char)) return false;
  return true;
}

/**
 * `text` with every character the bundled fonts lack replaced by U+FFFD.
 *
 * @example drawableText("田中 Taro") // "\uFFFD\uFFFD Taro"
 */
export function drawableText(text: string): string {
  if (canDrawText(text)) return text;
  return Array.from(text, (char) => (drawable(char) ? char : REPLACEMENT)).join("");
}
