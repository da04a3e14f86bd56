/**
 * Chart 3: how activity changed. Bars per day, week or month, the bucket chosen
 * by the span so that a five-year chat stays readable, with a trailing average.
 */
import type { BarSeriesOption, LineSeriesOption, XAXisComponentOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import { dayIndexToIso, isoToDayIndex } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  HEADER_HEIGHT_PX,
  LEGEND_HEIGHT_PX,
  resolveSpecOptions,
  type ChartPalette,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatLocalDate } from "./format.js";
import { chartTexts, type ChartLanguage, type ChartTexts } from "./i18n.js";
import { compactFormatter, portable } from "./portable-function.js";

/** Size of a timeline bucket. */
export type TimelineGranularity = "daily" | "weekly" | "monthly";

/** Longest span, in days, still drawn per day (about a quarter). */
export const DAILY_MAX_SPAN_DAYS = 92;
/** Longest span, in days, still drawn per week (two years). */
export const WEEKLY_MAX_SPAN_DAYS = 731;
/** Buckets in the trailing average, per granularity. */
export const AVERAGE_WINDOW: Record<TimelineGranularity, number> = {
  daily: 7,
  weekly: 4,
  monthly: 3,
};
/** About this many labels fit under a phone-sized chart. */
const MAX_AXIS_LABELS = 6;
const GRID_HEIGHT_PX = 260;
const PARTIAL_OPACITY = 0.4;
const AXIS_LABELS_PX = 52;

/**
 * The bucket for a span of `spanDays` days (first and last day included).
 *
 * @example timelineGranularity(365) // "weekly"
 */
export function timelineGranularity(spanDays: number): TimelineGranularity {
  if (spanDays <= DAILY_MAX_SPAN_DAYS) return "daily";
  return spanDays <= WEEKLY_MAX_SPAN_DAYS ? "weekly" : "monthly";
}

/** One bar of the timeline. */
export interface TimelineBucket {
  /** `YYYY-MM-DD` of the day or of the week's Monday, or `YYYY-MM`. */
  key: string;
  count: number;
  /** True when the covered period starts or ends inside the bucket, so its count is low. */
  partial: boolean;
}

/**
 * Every bucket from the first to the last active day, quiet ones as 0 (the
 * report lists active buckets only).
 */
export function timelineBuckets(
  report: ReportJson,
  granularity: TimelineGranularity,
): TimelineBucket[] {
  const days = activeDayRange(report);
  if (days === null) return [];
  const [first, last] = days;
  if (granularity === "monthly") {
    const months = monthKeys(dayIndexToIso(first).slice(0, 7), dayIndexToIso(last).slice(0, 7));
    return months.map((key, index) => ({
      key,
      count: report.monthly[key] ?? 0,
      partial:
        (index === 0 && !dayIndexToIso(first).endsWith("-01")) ||
        (index === months.length - 1 && dayIndexToIso(last + 1).slice(0, 7) === key),
    }));
  }
  const [start, step, counts] =
    granularity === "daily" ? [first, 1, report.daily] : [mondayOf(first), 7, report.weekly];
  const buckets: TimelineBucket[] = [];
  for (let day = start; day <= last; day += step) {
    const key = dayIndexToIso(day);
    buckets.push({ key, count: counts[key] ?? 0, partial: day < first || day + step - 1 > last });
  }
  return buckets;
}

/**
 * Trailing mean over `window` values; null until the window is full.
 *
 * @example rollingAverage([1, 2, 3, 4], 2) // [null, 1.5, 2.5, 3.5]
 */
export function rollingAverage(values: readonly number[], window: number): (number | null)[] {
  let sum = 0;
  return values.map((value, index) => {
    sum += value - (index >= window ? values[index - window]! : 0);
    return index >= window - 1 ? sum / window : null;
  });
}

/**
 * Messages per bucket with a trailing average; null when the messages span
 * fewer than two days.
 */
export function timelineSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const days = activeDayRange(report);
  if (days === null || days[1] - days[0] < 1) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const granularity = timelineGranularity(days[1] - days[0] + 1);
  const buckets = timelineBuckets(report, granularity);
  const window = AVERAGE_WINDOW[granularity];
  const { title, averageName } = timelineTexts(texts, granularity);
  const labels = timelineAxisLabels(
    buckets.map((bucket) => bucket.key),
    granularity,
    language,
  );
  const gridTopPx = HEADER_HEIGHT_PX + LEGEND_HEIGHT_PX;
  const bars: BarSeriesOption = {
    type: "bar",
    name: title,
    // A bucket cut by the period's start or end is paler: its low count is not a slump.
    data: buckets.map((bucket) =>
      bucket.partial
        ? { value: bucket.count, itemStyle: { opacity: PARTIAL_OPACITY } }
        : bucket.count,
    ),
    barCategoryGap: "20%",
    barMaxWidth: 48,
    itemStyle: { color: palette.primary },
  };
  const series: (BarSeriesOption | LineSeriesOption)[] = [bars];
  if (buckets.length >= window) {
    series.push({
      type: "line",
      name: averageName,
      data: rollingAverage(
        buckets.map((bucket) => bucket.count),
        window,
      ),
      showSymbol: false,
      smooth: true,
      smoothMonotone: "x",
      lineStyle: { width: 3, color: palette.accent },
      itemStyle: { color: palette.accent },
    });
  }
  const option = {
    ...baseOption(title, resolved),
    ...(series.length > 1
      ? {
          legend: {
            data: [averageName],
            top: HEADER_HEIGHT_PX,
            left: 16,
            textStyle: { fontSize: FONT_PX.legend, color: palette.text },
          },
        }
      : {}),
    grid: {
      left: 16,
      right: 24,
      top: gridTopPx,
      height: GRID_HEIGHT_PX,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: timelineXAxis(
      buckets.map((bucket) => bucket.key),
      labels,
      palette,
    ),
    yAxis: {
      type: "value" as const,
      minInterval: 1,
      axisLabel: {
        fontSize: FONT_PX.axis,
        color: palette.subtext,
        formatter: compactFormatter(language),
      },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
    series,
  };
  return chartSpec(option, gridTopPx + GRID_HEIGHT_PX + AXIS_LABELS_PX, title, resolved);
}

/** First and last day index with messages, or null. */
function activeDayRange(report: ReportJson): [number, number] | null {
  const keys = Object.keys(report.daily).sort();
  const first = keys[0] === undefined ? null : isoToDayIndex(keys[0]);
  const last = keys.at(-1) === undefined ? null : isoToDayIndex(keys.at(-1)!);
  return first === null || last === null ? null : [first, last];
}

/** Day index of the Monday on or before `dayIndex` (day 0, 1970-01-01, was a Thursday). */
function mondayOf(dayIndex: number): number {
  return dayIndex - ((dayIndex + 3) % 7);
}

/**
 * `YYYY-MM` keys from `first` to `last`, inclusive.
 *
 * @example monthKeys("2024-11", "2025-01") // ["2024-11", "2024-12", "2025-01"]
 */
export function monthKeys(first: string, last: string): string[] {
  const keys: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > last) return keys;
    keys.push(key);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

function timelineTexts(
  texts: ChartTexts,
  granularity: TimelineGranularity,
): { title: string; averageName: string } {
  if (granularity === "daily")
    return { title: texts.messagesPerDay, averageName: texts.average7Days };
  if (granularity === "weekly")
    return { title: texts.messagesPerWeek, averageName: texts.average4Weeks };
  return { title: texts.messagesPerMonth, averageName: texts.average3Months };
}

/** Month steps that keep labels on calendar boundaries (quarters, half-years, years). */
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60];

/**
 * Axis labels by bucket index, about six of them: days every few days
 * ("Mar 4"); weeks and months at month starts on quarter or year boundaries,
 * as the month with the year underneath where the year changes ("Jan\n2024",
 * "Apr"), or the year alone when labels are a year or more apart.
 *
 * @example timelineAxisLabels(["2024-01", "2024-02"], "monthly", "en") // Map { 0 => "Jan\n2024", 1 => "Feb" }
 */
export function timelineAxisLabels(
  keys: readonly string[],
  granularity: TimelineGranularity,
  language: ChartLanguage,
): Map<number, string> {
  const labels = new Map<number, string>();
  if (granularity === "daily") {
    const step = Math.ceil(keys.length / MAX_AXIS_LABELS);
    for (let index = 0; index < keys.length; index += step)
      labels.set(
        index,
        formatLocalDate(keys[index]!, language, { day: "numeric", month: "short" }),
      );
    return labels;
  }
  const monthCount = new Set(keys.map((key) => key.slice(0, 7))).size;
  const monthStep = MONTH_STEPS.find((step) => monthCount / step <= MAX_AXIS_LABELS) ?? 120;
  let previousMonth = "";
  let previousYear = "";
  keys.forEach((key, index) => {
    const month = key.slice(0, 7);
    if (month === previousMonth) return;
    previousMonth = month;
    // A week belongs to the month of its Monday; month numbers keep labels on quarters or years.
    const monthNumber = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
    if (monthNumber % monthStep !== 0) return;
    const year = month.slice(0, 4);
    const monthName = formatLocalDate(`${month}-01`, language, { month: "short" });
    if (monthStep >= 12) labels.set(index, year);
    else labels.set(index, year === previousYear ? monthName : `${monthName}\n${year}`);
    previousYear = year;
  });
  return labels;
}

/**
 * The category axis of a timeline: one slot per bucket key, labelled only
 * where `labels` has a text (the timeline's and the channel chart's alike).
 */
export function timelineXAxis(
  keys: string[],
  labels: Map<number, string>,
  palette: ChartPalette,
  gridIndex = 0,
): XAXisComponentOption {
  // By key, not index: the HTML report's zoom shows a slice of the axis.
  const entries = [...labels].map(([index, text]): [string, string] => [keys[index] ?? "", text]);
  return {
    type: "category",
    gridIndex,
    data: keys,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: palette.axisLine } },
    axisLabel: {
      fontSize: FONT_PX.axis,
      color: palette.subtext,
      interval: portable((index: number) => labels.has(index), {
        kind: "hasLabel",
        labels: entries,
      }),
      lineHeight: FONT_PX.axis + 4,
      formatter: portable((_key: string, index: number) => labels.get(index) ?? "", {
        kind: "labelAt",
        labels: entries,
      }),
    },
  };
}
