/**
 * Chart 4: the most used emoji, and the most given reactions as a second chart,
 * with the colour glyphs themselves as axis labels.
 */
import { customEmojiTail, type EmojiCount, type ReportJson } from "@tgstats/engine";
import { barBlock, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  MAX_LABEL_CHARS,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount, truncateLabel } from "./format.js";
import { canDrawText } from "./glyph-coverage.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";

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

/** Shaping consumes these (U+FE0F, ZWJ, tags): they say nothing in a code point label. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Rich-text style of a stand-in label: text size, not emoji size (its text has no { } |). */
const STAND_IN_STYLE = "standIn";

/** A bar label for an emoji, and whether it stands in for a picture the chart font lacks. */
export interface EmojiLabel {
  label: string;
  standIn: boolean;
  /** Words drawn after the picture at text size: "Stars" after ⭐, "custom" after a custom emoji's emoji. */
  suffix?: string;
}

/**
 * What an emoji's bar is labelled with: its colour glyph, or where the chart
 * font has none, its code points (a Unicode emoji newer than the font) or
 * "custom …1234" (a Telegram custom emoji), so no counted emoji is left out.
 * A custom emoji whose emoji is known (`customEmoji`, by document id) is drawn
 * as that emoji with "custom" after it; a paid reaction as ⭐ with "Stars".
 *
 * @example emojiLabel("\u{1FAE9}", "en") // { label: "U+1FAE9", standIn: true }
 * @example emojiLabel("paid", "en") // { label: "⭐", standIn: false, suffix: "Stars" }
 */
export function emojiLabel(
  emoji: string,
  language: ChartLanguage,
  customEmoji: Readonly<Record<string, string>> = {},
): EmojiLabel {
  if (emoji === "paid") return { label: STAR, standIn: false, suffix: chartTexts(language).stars };
  if (emoji.startsWith("custom:")) {
    const id = emoji.slice("custom:".length);
    const alt = Object.hasOwn(customEmoji, id) ? customEmoji[id] : undefined;
    const glyph = alt === undefined ? null : emojiGlyph(alt);
    if (glyph !== null && canDrawText(glyph))
      return { label: glyph, standIn: false, suffix: chartTexts(language).customEmoji };
    const tail = customEmojiTail(id);
    const word = chartTexts(language).customEmoji;
    return { label: tail === "" ? word : `${word} ${tail}`, standIn: true };
  }
  const glyph = emojiGlyph(emoji);
  if (glyph !== null && canDrawText(glyph)) return { label: glyph, standIn: false };
  const codePoints = Array.from(emoji)
    .filter((char) => !IGNORABLE.test(char))
    .map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase()}`);
  return { label: truncateLabel(codePoints.join(" "), MAX_LABEL_CHARS), standIn: true };
}

/** Top emoji used in messages; null when fewer than two are counted. */
export function emojiSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  return emojiBarsSpec(report.emojis, chartTexts(resolved.language).topEmoji, resolved, {});
}

/**
 * Top reactions (paid ones as "⭐ Stars", custom emoji by their emoji where the
 * report knows it); null when fewer than two are counted.
 */
export function reactionsSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const title = chartTexts(resolved.language).topReactions;
  return emojiBarsSpec(report.reactions, title, resolved, report.customEmoji ?? {});
}

function emojiBarsSpec(
  counts: readonly EmojiCount[],
  title: string,
  resolved: ReturnType<typeof resolveSpecOptions>,
  customEmoji: Readonly<Record<string, string>>,
): ChartSpec | null {
  const rows: BarRow[] = [];
  let standIns = false;
  for (const { emoji, count } of [...counts].sort((a, b) => b.count - a.count)) {
    if (count <= 0 || emoji === "") continue;
    // Emoji newer than the bundled font would be drawn as boxes: labelled by code point instead.
    const { label, standIn, suffix } = emojiLabel(emoji, resolved.language, customEmoji);
    standIns ||= standIn;
    const drawn = standIn ? `{${STAND_IN_STYLE}|${label}}` : label;
    rows.push({
      label: suffix === undefined ? drawn : `${drawn}{${STAND_IN_STYLE}| ${suffix}}`,
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
    labelStyles: { [STAND_IN_STYLE]: { fontSize: FONT_PX.axis } },
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
  const notes = standIns ? [chartTexts(resolved.language).emojiWithoutGlyph] : [];
  return chartSpec(option, heightPx, title, resolved, notes);
}
