/**
 * Bundled chart fonts, all from npm packages and registered with Skia under
 * names no system font has, so a chart never depends on what the machine
 * happens to have installed: Noto Sans (Latin, Greek, Cyrillic) and Noto
 * Color Emoji at start, every other script's subset files when a chart first
 * draws one of their characters.
 */
import { GlobalFonts } from "@napi-rs/canvas";
import { CHART_FONT_FAMILY, chartFontFiles } from "./font-files.js";
import { lazyFontFilesFor } from "./glyph-coverage.js";

/** Thrown when a bundled font file cannot be registered. */
export class ChartFontError extends Error {
  constructor(readonly path: string) {
    super(
      `Cannot register chart font ${path}. Run "npm ci" so the font packages of @tgstats/charts are installed.`,
    );
    this.name = "ChartFontError";
  }
}

let registered = false;
const registeredLazy = new Set<string>();

/**
 * Registers the text and emoji fonts with `GlobalFonts`; later calls do nothing.
 * The first chart drawn afterwards still pays ~100 ms to parse the emoji font.
 */
export function registerChartFonts(): void {
  if (registered) return;
  for (const file of chartFontFiles()) {
    if (GlobalFonts.registerFromPath(file.path, file.family) === null)
      throw new ChartFontError(file.path);
  }
  registered = true;
}

/**
 * The CSS font-family list for a chart drawing `texts`: the text and emoji
 * fonts, then the subset files of other scripts these texts need, each
 * registered on first use.
 *
 * @example chartFontFamilyFor(["Привет"]) // '"TgStats Sans", "TgStats Emoji"'
 */
export function chartFontFamilyFor(texts: Iterable<string>): string {
  registerChartFonts();
  const families = [CHART_FONT_FAMILY];
  for (const file of lazyFontFilesFor(texts)) {
    if (!registeredLazy.has(file.family)) {
      if (GlobalFonts.registerFromPath(file.path, file.family) === null)
        throw new ChartFontError(file.path);
      registeredLazy.add(file.family);
    }
    families.push(`"${file.family}"`);
  }
  return families.join(", ");
}
