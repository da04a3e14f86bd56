/**
 * Retention cohorts as a heat map: one row per month of first messages (the
 * latest {@link MAX_COHORT_ROWS}), one column per month after it (up to
 * {@link MAX_MONTHS_AFTER}), each cell the percentage of that cohort who
 * wrote then. Capped so that the cells stay readable on a phone.
 */
import type { HeatmapSeriesOption, TitleComponentOption } from "echarts";
import type { ReportJson, RetentionCohort } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  HEADER_HEIGHT_PX,
  resolveSpecOptions,
  type ChartPalette,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount, formatLocalDate } from "./format.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";

/** Cohorts drawn, the latest ones. */
export const MAX_COHORT_ROWS = 18;
/** Columns drawn: months 0 … this after the first message. */
export const MAX_MONTHS_AFTER = 12;
const ROW_PX = 28;
const HINT_PX = 30;
/** From the axis line to the axis name. */
const AXIS_NAME_GAP_PX = 30;
/** Below the grid, whose box holds the month labels: room for the axis name. */
const AXIS_NAME_PX = 32;
/** Share from which a cell's colour is strong enough to take text in the background colour. */
const STRONG_SHARE = 0.5;

/** The cohorts the chart shows: the latest {@link MAX_COHORT_ROWS}, oldest first. */
export function shownCohorts(report: ReportJson): RetentionCohort[] {
  return report.people.cohorts.slice(-MAX_COHORT_ROWS);
}

/**
 * The heat map of `report.people.cohorts`; null with fewer than two cohorts
 * (one row says nothing a sentence would not).
 */
export function retentionSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const cohorts = shownCohorts(report);
  if (cohorts.length < 2) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const columns = Math.min(
    MAX_MONTHS_AFTER + 1,
    Math.max(...cohorts.map((cohort) => cohort.shares.length)),
  );
  const gridTopPx = HEADER_HEIGHT_PX + HINT_PX;
  const gridHeightPx = cohorts.length * ROW_PX;
  const series: HeatmapSeriesOption = {
    type: "heatmap",
    data: cohorts.flatMap((cohort, row) =>
      cohort.shares.slice(0, columns).map((share, after) => ({
        value: [after, row, share],
        // A string, not a function: the HTML report carries the option as JSON.
        label: { color: labelColor(share, palette), formatter: String(Math.round(share * 100)) },
      })),
    ),
    progressive: 0,
    label: {
      show: true,
      fontSize: FONT_PX.label - 3,
    },
    itemStyle: { borderColor: palette.background, borderWidth: 2, borderRadius: 3 },
  };
  const hint: TitleComponentOption = {
    text: texts.retentionHint,
    left: 16,
    top: HEADER_HEIGHT_PX - 4,
    textStyle: { fontSize: FONT_PX.label, fontWeight: "normal", color: palette.subtext },
  };
  const base = baseOption(texts.retention, resolved);
  const option = {
    ...base,
    title: [...(Array.isArray(base.title) ? base.title : [base.title ?? {}]), hint],
    grid: {
      left: 16,
      right: 16,
      top: gridTopPx,
      height: gridHeightPx,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: {
      type: "category" as const,
      data: Array.from({ length: columns }, (_, after) => String(after)),
      name: texts.monthsAfter,
      nameLocation: "middle" as const,
      nameGap: AXIS_NAME_GAP_PX,
      nameTextStyle: { fontSize: FONT_PX.label, color: palette.subtext },
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.axis, color: palette.subtext },
    },
    yAxis: {
      type: "category" as const,
      data: cohorts.map((cohort) => cohortLabel(cohort, language)),
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.label, color: palette.text },
    },
    visualMap: {
      type: "continuous" as const,
      show: false,
      min: 0,
      max: 1,
      dimension: 2,
      inRange: { color: palette.heat },
    },
    series: [series],
  };
  const heightPx = gridTopPx + gridHeightPx + AXIS_NAME_PX;
  return chartSpec(option, heightPx, texts.retention, resolved);
}

/** "Mar 2024 · 5": the cohort's month and size. */
function cohortLabel(cohort: RetentionCohort, language: ChartLanguage): string {
  const month = formatLocalDate(`${cohort.month}-01`, language, {
    month: "short",
    year: "2-digit",
  });
  return `${month} · ${formatCount(cohort.size, language)}`;
}

/**
 * Text readable on the cell's colour. Strong cells are dark in the light theme
 * and light in the dark one, so the background colour suits them in both.
 */
function labelColor(share: number, palette: ChartPalette): string {
  return share >= STRONG_SHARE ? palette.background : palette.text;
}
