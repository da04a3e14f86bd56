/**
 * Bundled chart fonts: Noto Sans (Latin, Cyrillic) and Noto Color Emoji, both
 * from npm packages, registered once with Skia under names no system font has,
 * so a chart never depends on what the machine happens to have installed.
 */
import { GlobalFonts } from "@napi-rs/canvas";
import { chartFontFiles } from "./font-files.js";

/** Thrown when a bundled font file cannot be registered. */
export class ChartFontError extends Error {
  constructor(readonly path: string) {
    super(
      `Cannot register chart font ${path}. Run "npm ci" so @expo-google-fonts/noto-sans and @fontsource/noto-color-emoji are installed.`,
    );
    this.name = "ChartFontError";
  }
}

let registered = false;

/**
 * Registers the chart fonts with `GlobalFonts`; later calls do nothing.
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
