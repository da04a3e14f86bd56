/**
 * Per-code-unit flags for the tokenizer: one table lookup per character
 * instead of Unicode-property regular expressions, which cost ~8 ns per
 * character in V8 and would alone exceed the engine's per-message budget.
 * Built once from those same regular expressions, so the Unicode data is
 * still the engine's, not a hand-kept copy.
 */

/** \p{L} or \p{N} outside the no-space scripts: may start a word. */
export const WORD_START = 1;
/** \p{L}, \p{N} or \p{M} outside the no-space scripts: may continue a word. */
export const WORD_PART = 2;
/** \p{N}. */
export const DIGIT = 4;
/** \p{L}: a word holding none is a number. */
export const LETTER = 8;
/** Changes under `toLowerCase`. */
export const UPPER = 16;
/** Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar (by script, or script extension from U+2E80): words need `Intl.Segmenter`. */
export const NO_SPACE = 32;
/** ’ ʼ ё Ё: normalised in terms. */
export const NORMALISED = 64;
/** High surrogate: look the code point up with {@link astralFlags}. */
export const HIGH_SURROGATE = 128;
/** Line breaks and . ! ? … ; : (ASCII and ideographic): a phrase ends there. */
export const PHRASE_BREAK = 256;
/** White space (\s). */
export const SPACE = 512;
/** May belong to an emoji: BMP Extended_Pictographic, U+FE0E, U+FE0F, U+20E3, and the high surrogates of U+1F000–U+1FBFF. */
export const EMOJI_HINT = 1024;
/** @ # /: may start a mention, hashtag or bot command. */
export const SIGIL = 2048;

const NO_SPACE_SCRIPTS = ["Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar"];
const scriptClass = (property: string): RegExp =>
  new RegExp(`[${NO_SPACE_SCRIPTS.map((script) => `\\p{${property}=${script}}`).join("")}]+`, "gu");
/**
 * Script extensions also put ʼ · and some Latin combining marks in Thai or
 * Han; below the CJK blocks only the script itself counts, so п'ять and ñ stay whole.
 */
const SCRIPT_EXTENSIONS_FROM = 0x2e80;

/** Unicode property, flag, first code unit it applies to. */
const PROPERTY_FLAGS: readonly [RegExp, number, number][] = [
  [/\p{L}+/gu, LETTER, 0],
  [/\p{N}+/gu, DIGIT, 0],
  [/\p{M}+/gu, WORD_PART, 0],
  [/\p{Changes_When_Lowercased}+/gu, UPPER, 0],
  [scriptClass("sc"), NO_SPACE, 0],
  [scriptClass("scx"), NO_SPACE, SCRIPT_EXTENSIONS_FROM],
  [/\s+/gu, SPACE, 0],
  [/[\p{Extended_Pictographic}\uFE0E\uFE0F\u20E3]+/gu, EMOJI_HINT, 0],
];
const PHRASE_BREAK_CHARS = "\n\r\u0085\u2028\u2029.!?…;:。！？；：";
const NORMALISED_CHARS = "’ʼёЁ";

/** Flags of every BMP code unit. */
export const CHAR_FLAGS: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const bmp = bmpWithoutSurrogates();
  for (const [pattern, flag, from] of PROPERTY_FLAGS) {
    for (const match of bmp.matchAll(pattern)) {
      for (let offset = 0; offset < match[0].length; offset++) {
        const code = match[0].charCodeAt(offset);
        if (code >= from) table[code]! |= flag;
      }
    }
  }
  for (let code = 0; code < 0x10000; code++) table[code] = withWordFlags(table[code]!);
  for (const char of PHRASE_BREAK_CHARS) table[char.charCodeAt(0)]! |= PHRASE_BREAK;
  for (const char of NORMALISED_CHARS) table[char.charCodeAt(0)]! |= NORMALISED;
  for (const char of "@#/") table[char.charCodeAt(0)]! |= SIGIL;
  table.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
  table.fill(HIGH_SURROGATE | EMOJI_HINT, 0xd83c, 0xd83f);
  return table;
}

/** Every BMP code unit but the surrogates, as one string. */
function bmpWithoutSurrogates(): string {
  const chunks: string[] = [];
  for (const [from, to] of [
    [0, 0xd800],
    [0xe000, 0x10000],
  ] as const) {
    for (let start = from; start < to; start += 0x1000) {
      const units = Array.from(
        { length: Math.min(0x1000, to - start) },
        (_, index) => start + index,
      );
      chunks.push(String.fromCharCode(...units));
    }
  }
  return chunks.join("");
}

/** Derives WORD_START / WORD_PART from the property flags. */
function withWordFlags(flags: number): number {
  if (flags & NO_SPACE) return flags & ~WORD_PART;
  if (flags & (LETTER | DIGIT)) return flags | WORD_START | WORD_PART;
  return flags;
}

const astralCache = new Map<number, number>();

/** Flags of a code point above U+FFFF (Han extensions, math letters…), cached per code point. */
export function astralFlags(codePoint: number): number {
  let flags = astralCache.get(codePoint);
  if (flags === undefined) {
    flags = 0;
    const char = String.fromCodePoint(codePoint);
    for (const [pattern, flag] of PROPERTY_FLAGS) {
      pattern.lastIndex = 0;
      if (pattern.test(char)) flags |= flag;
    }
    flags = withWordFlags(flags);
    astralCache.set(codePoint, flags);
  }
  return flags;
}
