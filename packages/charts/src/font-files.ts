/**
 * Where the bundled chart fonts are and the family names they are registered
 * under. Kept apart from the Skia registration (fonts.ts) so that text
 * formatting and glyph coverage can be used without loading the canvas.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Family name the text font is registered under. */
export const TEXT_FONT_FAMILY = "TgStats Sans";
/** Family name the colour emoji font is registered under. */
export const EMOJI_FONT_FAMILY = "TgStats Emoji";
/** CSS font-family list of the fonts every chart has: text font first, emoji font last. */
export const CHART_FONT_FAMILY = `"${TEXT_FONT_FAMILY}", "${EMOJI_FONT_FAMILY}"`;

/** Absolute paths of the font files the charts use, with the family each is registered as. */
export interface ChartFontFile {
  family: string;
  path: string;
}

/**
 * Locates the fonts registered at start in node_modules.
 *
 * The emoji font is the single full-coverage WOFF 1.0 of `@fontsource/noto-color-emoji`
 * (the numbered files are unicode-range subsets of the same font); WOFF 1.0 loads
 * about a third faster than the WOFF2 and is readable by `readFontCoverage`.
 */
export function chartFontFiles(): ChartFontFile[] {
  const require = createRequire(import.meta.url);
  const sans = dirname(
    dirname(require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf")),
  );
  const emoji = join(packageFolder("@fontsource/noto-color-emoji"), "files");
  return [
    { family: TEXT_FONT_FAMILY, path: join(sans, "400Regular", "NotoSans_400Regular.ttf") },
    { family: TEXT_FONT_FAMILY, path: join(sans, "700Bold", "NotoSans_700Bold.ttf") },
    { family: EMOJI_FONT_FAMILY, path: join(emoji, "noto-color-emoji-emoji-400-normal.woff") },
  ];
}

/**
 * Font packages for every other script, in fallback order: a character goes
 * to the first one that has it. Each is a set of subset files (Fontsource cuts
 * every font by unicode-range, CJK into ~100 files), so a chart registers only
 * the files whose characters it draws and a Latin or Cyrillic chart none.
 * Variable fonts (one file for every weight) keep the install small.
 */
export const LAZY_FONT_PACKAGES: readonly string[] = [
  "@fontsource-variable/noto-sans-arabic", // Arabic, Persian, Urdu
  "@fontsource-variable/noto-sans-hebrew",
  "@fontsource-variable/noto-sans-devanagari", // Hindi, Marathi, Nepali
  "@fontsource-variable/noto-sans-bengali",
  "@fontsource-variable/noto-sans-gujarati",
  "@fontsource-variable/noto-sans-gurmukhi", // Punjabi
  "@fontsource-variable/noto-sans-tamil",
  "@fontsource-variable/noto-sans-telugu",
  "@fontsource-variable/noto-sans-kannada",
  "@fontsource-variable/noto-sans-malayalam",
  "@fontsource-variable/noto-sans-sinhala",
  "@fontsource-variable/noto-sans-thai",
  "@fontsource-variable/noto-sans-lao",
  "@fontsource-variable/noto-sans-khmer",
  "@fontsource-variable/noto-sans-myanmar",
  "@fontsource-variable/noto-sans-georgian",
  "@fontsource-variable/noto-sans-armenian",
  "@fontsource-variable/noto-sans-sc", // Han first in its simplified form
  "@fontsource-variable/noto-sans-tc",
  "@fontsource-variable/noto-sans-jp",
  "@fontsource-variable/noto-sans-kr",
  "@fontsource/noto-sans-math", // 𝐑𝐮𝐬𝐭𝐚𝐦: mathematical alphanumerics in display names
  "@fontsource-variable/noto-sans-symbols",
  "@fontsource/noto-sans-symbols-2",
];

/** One subset file of a lazily registered font. */
export interface LazyFontFile extends ChartFontFile {
  /** Package it comes from. */
  packageName: string;
  /** Its CSS unicode-range: a superset of what it has glyphs for, as sorted inclusive ranges. */
  ranges: readonly (readonly [number, number])[];
}

/** Thrown when a font package's stylesheet has no usable @font-face. */
export class FontPackageError extends Error {
  constructor(
    readonly packageName: string,
    readonly detail: string,
  ) {
    super(`Font package ${packageName}: ${detail}. Run "npm ci" to reinstall it.`);
    this.name = "FontPackageError";
  }
}

const FONT_FACE = /@font-face\s*{([^}]*)}/g;
const SOURCE = /src:\s*url\(\.\/([^)]+)\)/;
const UNICODE_RANGE = /unicode-range:\s*([^;]+);/;

/**
 * Every subset file of {@link LAZY_FONT_PACKAGES}, in fallback order, each
 * with a family name of its own: Skia picks one face per family and style, so
 * subsets sharing a family would hide each other.
 */
export function lazyFontFiles(): LazyFontFile[] {
  const files: LazyFontFile[] = [];
  for (const packageName of LAZY_FONT_PACKAGES) {
    const folder = packageFolder(packageName);
    const css = readFileSync(join(folder, "index.css"), "utf8");
    const faces: { source: string; range: string }[] = [];
    for (const [, face] of css.matchAll(FONT_FACE)) {
      const source = SOURCE.exec(face!)?.[1];
      const range = UNICODE_RANGE.exec(face!)?.[1];
      if (source !== undefined && range !== undefined) faces.push({ source, range });
    }
    if (faces.length === 0) throw new FontPackageError(packageName, "no @font-face in index.css");
    for (const { source, range } of faces) {
      files.push({
        family: `TgStats Fallback ${files.length + 1}`,
        path: join(folder, source),
        packageName,
        // A one-file package is the whole font whatever its CSS says (Noto Sans Math's
        // is labelled "latin" yet has the math alphanumerics): its cmap decides.
        ranges: faces.length === 1 ? [[0, 0x10ffff]] : parseUnicodeRange(range),
      });
    }
  }
  return files;
}

/**
 * Parses a CSS unicode-range value.
 *
 * @example parseUnicodeRange("U+0600-06FF,U+200C") // [[0x600, 0x6ff], [0x200c, 0x200c]]
 */
export function parseUnicodeRange(value: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of value.split(",")) {
    const [first, last = first] = part.trim().replace(/^U\+/i, "").split("-");
    ranges.push([Number.parseInt(first!, 16), Number.parseInt(last!, 16)]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** A package's folder; Fontsource's "exports" map only exposes *.css, so it is found through index.css. */
function packageFolder(packageName: string): string {
  return dirname(createRequire(import.meta.url).resolve(`${packageName}/index.css`));
}
