/**
 * Chart 4: the most used emoji, and the most given reactions as a second chart,
 * with the colour glyphs themselves as axis labels.
 */
import type { EmojiCount, ReportJson } from "@tgstats/engine";
import { barBlock, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { canDrawText } from "./glyph-coverage.js";
import { chartTexts } from "./i18n.js";

/** Most bars an emoji chart shows. */
export const MAX_EMOJI = 15;
const ROW_PX = 36;
/** What a paid (Telegram Stars) reaction is drawn as. */
const STAR = "⭐";

/**
 * The text to draw for a counted emoji, or null when it has no glyph (custom
 * emoji are pictures only Telegram has). The report strips U+FE0F; it is put
 * back after text-default characters (❤, ☺, ♀, keycap digits) so Skia picks the
 * colour font for them.
 *
 * @example emojiGlyph("\u2764") // "\u2764\uFE0F"; emojiGlyph("custom:5368") // null
 */
export function emojiGlyph(emoji: string): string | null {
  if (emoji === "paid") return STAR;
  if (emoji.startsWith("custom:") || emoji === "") return null;
  return emoji.replace(/\p{Emoji}(?!\uFE0F|\p{Emoji_Modifier})/gu, (char) =>
    /[\p{Emoji_Presentation}\p{Emoji_Modifier}]/u.test(char) ? char : `${char}\uFE0F`,
  );
}

/** Top emoji used in messages; null when fewer than two can be drawn. */
export function emojiSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  return emojiBarsSpec(report.emojis, chartTexts(resolved.language).topEmoji, resolved);
}

/** Top reactions (paid ones as ⭐, custom emoji left out); null when fewer than two can be drawn. */
export function reactionsSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  return emojiBarsSpec(report.reactions, chartTexts(resolved.language).topReactions, resolved);
}

function emojiBarsSpec(
  counts: readonly EmojiCount[],
  title: string,
  resolved: ReturnType<typeof resolveSpecOptions>,
): ChartSpec | null {
  const rows: BarRow[] = [];
  for (const { emoji, count } of [...counts].sort((a, b) => b.count - a.count)) {
    const glyph = emojiGlyph(emoji);
    // Emoji newer than the bundled font would be drawn as boxes.
    if (glyph === null || count <= 0 || !canDrawText(glyph)) continue;
    rows.push({
      label: glyph,
      value: count,
      valueText: formatCount(count, resolved.language),
      group: 0,
    });
    if (rows.length === MAX_EMOJI) break;
  }
  if (rows.length < 2) return null;
  const groups = [{ name: title, color: resolved.palette.primary }];
  const layout = {
    topPx: HEADER_HEIGHT_PX,
    rowPx: ROW_PX,
    gridIndex: 0,
    labelFontPx: FONT_PX.emoji,
  };
  const block = barBlock(rows, groups, layout, resolved.palette);
  const option = {
    ...baseOption(title, resolved),
    grid: block.grid,
    xAxis: block.xAxis,
    yAxis: block.yAxis,
    series: block.series,
  };
  const heightPx = HEADER_HEIGHT_PX + barRowsHeightPx(rows.length, ROW_PX) + FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, title, resolved);
}
