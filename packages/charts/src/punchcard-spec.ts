/**
 * Chart 2: when the chat is alive, a weekday × hour heat map in the report's
 * time zone, named in the title.
 */
import type { HeatmapSeriesOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  HEADER_HEIGHT_PX,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
  type ResolvedSpecOptions,
} from "./chart-base.js";
import { formatCount, formatLocalDate } from "./format.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";

/** Fewer messages than this make a heat map of noise: the chart is left out. */
export const MIN_PUNCHCARD_MESSAGES = 10;
const ROW_PX = 40;
const HOUR_LABELS_PX = 32;
const SCALE_PX = 48;
/** Longest punch card title that fits one line at the title size. */
const MAX_ONE_LINE_TITLE_CHARS = 46;
const TITLE_LINE_PX = 40;

/**
 * Short weekday names from Monday, capitalised.
 *
 * @example weekdayNames("ru") // ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
 */
export function weekdayNames(language: ChartLanguage): string[] {
  return Array.from({ length: 7 }, (_, weekday) => {
    // 2024-01-01 was a Monday: Intl names the days, no table to keep.
    const name = formatLocalDate(`2024-01-0${weekday + 1}`, language, { weekday: "short" });
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  });
}

/**
 * Heat map of `report.punchcard` (row 0 = Monday, columns = hours), with a
 * colour scale; null when it holds fewer than {@link MIN_PUNCHCARD_MESSAGES}.
 */
export function punchcardSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const cells = punchcardCells(report.punchcard);
  const total = cells.reduce((sum, cell) => sum + cell[2], 0);
  if (total < MIN_PUNCHCARD_MESSAGES) return null;
  return weekHourHeatmap(chartTexts(resolved.language).punchcard(report.timezone), cells, resolved);
}

/** A cell of {@link weekHourHeatmap}: `[hour, weekday, value]`; "-" leaves it blank. */
export type WeekHourCell = [hour: number, weekday: number, value: number | "-"];

/**
 * A weekday × hour heat map (rows from Monday, columns hours) under `title`,
 * with a colour scale from 0 to the largest value; a long title (a long zone
 * name) wraps at its " · ".
 */
export function weekHourHeatmap(
  title: string,
  cells: WeekHourCell[],
  resolved: ResolvedSpecOptions,
): ChartSpec {
  const { palette, language } = resolved;
  const max = Math.max(0, ...cells.map((cell) => (cell[2] === "-" ? 0 : cell[2])));
  // A long zone name would be cut off at the right: it goes to a second title line instead.
  const twoLines = title.length > MAX_ONE_LINE_TITLE_CHARS;
  const headerPx = HEADER_HEIGHT_PX + (twoLines ? TITLE_LINE_PX : 0);
  const gridHeightPx = 7 * ROW_PX;
  const series: HeatmapSeriesOption = {
    type: "heatmap",
    data: cells,
    progressive: 0,
    itemStyle: { borderColor: palette.background, borderWidth: 2, borderRadius: 3 },
  };
  const option = {
    ...baseOption(twoLines ? title.replace(" · ", "\n") : title, resolved),
    grid: {
      left: 16,
      right: 16,
      top: headerPx,
      height: gridHeightPx,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: {
      type: "category" as const,
      data: Array.from({ length: 24 }, (_, hour) => String(hour)),
      axisTick: { show: false },
      axisLine: { show: false },
      // Every third hour: 24 labels do not fit a phone-sized chart.
      axisLabel: { fontSize: FONT_PX.axis, color: palette.subtext, interval: 2 },
    },
    yAxis: {
      type: "category" as const,
      data: weekdayNames(language),
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.axis, color: palette.text },
    },
    visualMap: {
      type: "continuous" as const,
      min: 0,
      max,
      orient: "horizontal" as const,
      left: "center",
      bottom: 10,
      itemWidth: 14,
      itemHeight: 220,
      calculable: false,
      text: [formatCount(max, language), "0"],
      textStyle: { fontSize: FONT_PX.label, color: palette.text },
      inRange: { color: palette.heat },
    },
    series: [series],
  };
  const heightPx = headerPx + gridHeightPx + HOUR_LABELS_PX + SCALE_PX;
  return chartSpec(option, heightPx, title, resolved);
}

/** `[hour, weekday, count]` for every cell of a 7 × 24 punch card; missing cells count 0. */
function punchcardCells(punchcard: readonly (readonly number[])[]): [number, number, number][] {
  const cells: [number, number, number][] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++)
      cells.push([hour, weekday, punchcard[weekday]?.[hour] ?? 0]);
  }
  return cells;
}
