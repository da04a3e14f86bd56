/**
 * Chart 5: the most used words and two-word phrases, as two stacked bar blocks.
 */
import type { TitleComponentOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import { barBlock, barRowsHeightPx, type BarBlockParts, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  barLabel,
  chartSpec,
  FONT_PX,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  NOTE_PX,
  resolveSpecOptions,
  sectionTitle,
  type ChartPalette,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";

/** Most words shown. */
export const MAX_WORDS = 15;
/** Most phrases shown. */
export const MAX_PHRASES = 10;
const ROW_PX = 28;
const SECTION_TITLE_PX = 34;
const SECTION_GAP_PX = 12;

/**
 * Bars of the top words and, when there are at least two, the top phrases;
 * null when fewer than two words were counted. Counts of approximate word
 * statistics are marked "~".
 */
export function wordsSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const approximate = !report.wordStats.exact;
  const words = countRows(
    report.words.map((entry) => [entry.word, entry.count]),
    MAX_WORDS,
    approximate,
    language,
  );
  if (words.length < 2) return null;
  const phrases = countRows(
    report.bigrams.map((entry) => [entry.words, entry.count]),
    MAX_PHRASES,
    approximate,
    language,
  );
  const sections: { name: string; rows: BarRow[]; color: string }[] = [
    { name: texts.words, rows: words, color: palette.primary },
  ];
  if (phrases.length >= 2)
    sections.push({ name: texts.phrases, rows: phrases, color: palette.secondary });

  const titles: TitleComponentOption[] = [];
  const blocks: BarBlockParts[] = [];
  let topPx = HEADER_HEIGHT_PX;
  sections.forEach((section, gridIndex) => {
    titles.push(sectionTitle(section.name, topPx, palette));
    topPx += SECTION_TITLE_PX;
    const groups = [{ name: section.name, color: section.color }];
    blocks.push(barBlock(section.rows, groups, { topPx, rowPx: ROW_PX, gridIndex }, palette));
    topPx += barRowsHeightPx(section.rows.length, ROW_PX) + SECTION_GAP_PX;
  });
  if (approximate) titles.push(noteTitle(texts.approximate, palette));
  const base = baseOption(texts.topWordsAndPhrases, resolved);
  const option = {
    ...base,
    title: [...(Array.isArray(base.title) ? base.title : [base.title ?? {}]), ...titles],
    grid: blocks.map((block) => block.grid),
    xAxis: blocks.map((block) => block.xAxis),
    yAxis: blocks.map((block) => block.yAxis),
    series: blocks.flatMap((block) => block.series),
  };
  const heightPx = topPx - SECTION_GAP_PX + FOOTER_HEIGHT_PX + (approximate ? NOTE_PX : 0);
  return chartSpec(option, heightPx, texts.topWordsAndPhrases, resolved);
}

/** Most counted first, at most `max`, labels cut, counts formatted (with "~" when approximate). */
function countRows(
  entries: [string, number][],
  max: number,
  approximate: boolean,
  language: ChartLanguage,
): BarRow[] {
  return (
    entries
      // Every word is shown: a character no bundled font has becomes U+FFFD and a note says so.
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, max)
      .map(([text, count]) => ({
        label: barLabel(text),
        value: count,
        valueText: `${approximate ? "~" : ""}${formatCount(count, language)}`,
        group: 0,
      }))
  );
}

function noteTitle(text: string, palette: ChartPalette): TitleComponentOption {
  return {
    text,
    left: 16,
    bottom: 8,
    textStyle: { fontSize: FONT_PX.label, fontWeight: "normal", color: palette.subtext },
  };
}
