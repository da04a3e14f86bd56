/**
 * Telegram's own statistics of a chat (`telegramStats`, only when the reader
 * account is an admin shown them): members or followers day by day, and
 * where new ones came from with the languages they use. History cannot show
 * either; the charts are left out when Telegram gave no such graph.
 */
import type { LineSeriesOption } from "echarts";
import type { ReportJson, TelegramShareJson } from "@tgstats/engine";
import { barBlock, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  barLabel,
  baseOption,
  chartSpec,
  FONT_PX,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  resolveSpecOptions,
  sectionTitle,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { chartTexts } from "./i18n.js";
import { countFormatter } from "./portable-function.js";
import { timelineAxisLabels, timelineGranularity, timelineXAxis } from "./timeline-spec.js";

/** Sources and languages each chart block shows at most. */
export const MAX_TELEGRAM_STATS_BARS = 8;
const GRID_HEIGHT_PX = 220;
const AXIS_LABELS_PX = 52;
const SECTION_TITLE_PX = 34;
const ROW_PX = 30;
const BLOCK_GAP_PX = 16;

/**
 * Members (followers) by day from Telegram's growth graph; null without the
 * graph or with fewer than two days.
 *
 * @example telegramGrowthSpec(report)?.caption // "Members by day (Telegram's statistics)"
 */
export function telegramGrowthSpec(
  report: ReportJson,
  options?: ChartSpecOptions,
): ChartSpec | null {
  const stats = report.telegramStats;
  const growth = stats?.growth ?? null;
  if (stats == null || growth === null || growth.dates.length < 2) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const title = stats.kind === "supergroup" ? texts.tgGrowthMembers : texts.tgGrowthFollowers;
  const labels = timelineAxisLabels(
    growth.dates,
    timelineGranularity(growth.dates.length),
    language,
  );
  const line: LineSeriesOption = {
    type: "line",
    name: title,
    data: growth.values,
    lineStyle: { width: 3, color: palette.primary },
    itemStyle: { color: palette.primary },
    showSymbol: growth.dates.length <= 31,
    symbolSize: 6,
  };
  const option = {
    ...baseOption(title, resolved),
    grid: {
      left: 16,
      right: 24,
      top: HEADER_HEIGHT_PX,
      height: GRID_HEIGHT_PX,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: timelineXAxis(growth.dates, labels, palette),
    yAxis: {
      type: "value" as const,
      // Members move little against their count: an axis from 0 would draw a flat line.
      scale: true,
      minInterval: 1,
      axisLabel: {
        fontSize: FONT_PX.axis,
        color: palette.subtext,
        // Whole counts: a compact "1.2K" would repeat on every line of a narrow axis.
        formatter: countFormatter(language),
      },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
    series: [line],
  };
  return chartSpec(option, HEADER_HEIGHT_PX + GRID_HEIGHT_PX + AXIS_LABELS_PX, title, resolved);
}

/**
 * Bars of new members (followers) by source, then of languages, each with its
 * share; null when Telegram gave neither graph.
 */
export function telegramSourcesSpec(
  report: ReportJson,
  options?: ChartSpecOptions,
): ChartSpec | null {
  const stats = report.telegramStats;
  if (stats == null) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  // Sources are counted people; a language's sum over days is not, so it shows its share only.
  const rows = (parts: readonly TelegramShareJson[], withTotals: boolean): BarRow[] =>
    parts.slice(0, MAX_TELEGRAM_STATS_BARS).map((part) => ({
      label: barLabel(part.name),
      value: part.share,
      valueText: withTotals
        ? `${formatCount(part.total, language)} · ${percents.format(part.share)}`
        : percents.format(part.share),
      group: 0,
    }));
  const sections = [
    {
      title:
        stats.kind === "supergroup" ? texts.tgNewMembersBySource : texts.tgNewFollowersBySource,
      rows: rows(stats.newBySource, true),
      color: palette.primary,
    },
    { title: texts.tgLanguages, rows: rows(stats.languages, false), color: palette.accent },
  ].filter((section) => section.rows.length > 0);
  if (sections.length === 0) return null;
  let topPx = HEADER_HEIGHT_PX;
  const blocks = sections.map((section, gridIndex) => {
    const sectionTop = topPx;
    const block = barBlock(
      section.rows,
      [{ name: section.title, color: section.color }],
      { topPx: sectionTop + SECTION_TITLE_PX, rowPx: ROW_PX, gridIndex },
      palette,
    );
    topPx = sectionTop + SECTION_TITLE_PX + barRowsHeightPx(section.rows.length, ROW_PX);
    topPx += BLOCK_GAP_PX;
    return { block, title: sectionTitle(section.title, sectionTop, palette) };
  });
  const base = baseOption(texts.tgSources, resolved);
  const option = {
    ...base,
    title: [
      ...(Array.isArray(base.title) ? base.title : [base.title ?? {}]),
      ...blocks.map((entry) => entry.title),
    ],
    grid: blocks.map((entry) => entry.block.grid),
    xAxis: blocks.map((entry) => entry.block.xAxis),
    yAxis: blocks.map((entry) => entry.block.yAxis),
    series: blocks.flatMap((entry) => entry.block.series),
  };
  return chartSpec(option, topPx - BLOCK_GAP_PX + FOOTER_HEIGHT_PX, texts.tgSources, resolved);
}
