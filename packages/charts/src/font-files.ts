/**
 * Where the bundled chart fonts are and the family names they are registered
 * under. Kept apart from the Skia registration (fonts.ts) so that text
 * formatting and glyph coverage can be used without loading the canvas.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Family name the text font is registered under. */
export const TEXT_FONT_FAMILY = "TgStats Sans";
/** Family name the colour emoji font is registered under. */
export const EMOJI_FONT_FAMILY = "TgStats Emoji";
/** CSS font-family list for every chart text: text font first, emoji font last. */
export const CHART_FONT_FAMILY = `"${TEXT_FONT_FAMILY}", "${EMOJI_FONT_FAMILY}"`;

/** Absolute paths of the font files the charts use, with the family each is registered as. */
export interface ChartFontFile {
  family: string;
  path: string;
}

/**
 * Locates the bundled font files in node_modules.
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
  // The package's "exports" map only exposes *.css, so its folder is found through index.css.
  const emoji = join(dirname(require.resolve("@fontsource/noto-color-emoji/index.css")), "files");
  return [
    { family: TEXT_FONT_FAMILY, path: join(sans, "400Regular", "NotoSans_400Regular.ttf") },
    { family: TEXT_FONT_FAMILY, path: join(sans, "700Bold", "NotoSans_700Bold.ttf") },
    { family: EMOJI_FONT_FAMILY, path: join(emoji, "noto-color-emoji-emoji-400-normal.woff") },
  ];
}
