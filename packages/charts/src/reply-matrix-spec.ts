/**
 * Who answers whom: a heat map of replies between the people with the most
 * messages, one row per person replying, one column per person replied to,
 * each cell labelled with its count so it reads without the colour scale.
 */
import type { HeatmapSeriesOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
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
import { CHART_FONT_FAMILY } from "./font-files.js";
import { formatCount, truncateLabel } from "./format.js";
import { drawableText } from "./glyph-coverage.js";
import { chartTexts } from "./i18n.js";

/** Fewer replies between the people shown make a matrix of noise: the chart is left out. */
export const MIN_MATRIX_REPLIES = 5;
const HINT_PX = 30;
const ROW_PX = 52;
/** Room for the column names, drawn slanted above the grid. */
const COLUMN_LABELS_PX = 80;
/** The title's own padding, so the hint lines up with it. */
const HINT_LEFT_PX = 21;
/** Names are cut so that 8 columns and the row names fit 640 px (≈ 390 px on a phone). */
const MAX_ROW_NAME_CHARS = 12;
const MAX_COLUMN_NAME_CHARS = 10;

/**
 * Heat map of `report.replies.matrix`; null with fewer than two people or
 * fewer than {@link MIN_MATRIX_REPLIES} replies between them.
 *
 * @example replyMatrixSpec(report, { language: "ru" })?.option
 */
export function replyMatrixSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const { people, counts } = report.replies.matrix;
  const cells: [number, number, number][] = [];
  counts.forEach((row, from) =>
    row.forEach((count, to) => {
      if (from !== to) cells.push([to, from, count]);
    }),
  );
  const total = cells.reduce((sum, cell) => sum + cell[2], 0);
  if (people.length < 2 || total < MIN_MATRIX_REPLIES) return null;
  const max = Math.max(...cells.map((cell) => cell[2]));
  const name = (person: { name: string | null }, maxChars: number): string =>
    truncateLabel(
      drawableText((person.name ?? texts.deletedAccount).replace(/\s+/g, " ").trim()),
      maxChars,
    );
  // The heat scale runs light to dark in the light theme and dark to light in the
  // dark one: a cell's count takes the colour that stays readable on it.
  const strongText = resolved.theme === "light" ? "#ffffff" : palette.background;
  const series: HeatmapSeriesOption = {
    type: "heatmap",
    progressive: 0,
    data: cells.map(([to, from, count]) => ({
      value: [to, from, count],
      label: {
        show: count > 0,
        color: count > max / 2 ? strongText : palette.text,
        formatter: formatCount(count, language),
      },
    })),
    label: { show: true, fontSize: FONT_PX.label },
    itemStyle: { borderColor: palette.background, borderWidth: 2, borderRadius: 3 },
  };
  // The grid's bounds hold its axis labels: the column names sit at its top.
  const gridTopPx = HEADER_HEIGHT_PX + HINT_PX;
  const gridHeightPx = people.length * ROW_PX;
  const option = {
    ...baseOption(texts.replyMatrix, resolved),
    graphic: {
      elements: [
        {
          type: "text" as const,
          left: HINT_LEFT_PX,
          top: HEADER_HEIGHT_PX - 6,
          style: {
            text: texts.replyMatrixHint,
            fontSize: FONT_PX.subtitle,
            fontFamily: CHART_FONT_FAMILY,
            fill: palette.subtext,
          },
        },
      ],
    },
    grid: {
      left: 16,
      right: 16,
      top: gridTopPx,
      height: COLUMN_LABELS_PX + gridHeightPx,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: {
      type: "category" as const,
      position: "top" as const,
      data: people.map((person) => name(person, MAX_COLUMN_NAME_CHARS)),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: {
        fontSize: FONT_PX.axis,
        color: palette.text,
        interval: 0,
        rotate: 40,
      },
    },
    yAxis: {
      type: "category" as const,
      data: people.map((person) => name(person, MAX_ROW_NAME_CHARS)),
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.axis, color: palette.text, interval: 0 },
    },
    visualMap: {
      type: "continuous" as const,
      show: false,
      min: 0,
      max,
      inRange: { color: palette.heat },
    },
    series: [series],
  };
  const heightPx = gridTopPx + COLUMN_LABELS_PX + gridHeightPx + FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, texts.replyMatrix, resolved);
}
