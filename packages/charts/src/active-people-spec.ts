/**
 * Active people per month: stacked bars of newcomers (their first message
 * that month) under regulars (wrote before), so growth and churn show apart.
 */
import type { BarSeriesOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  HEADER_HEIGHT_PX,
  LEGEND_HEIGHT_PX,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { compactFormatter } from "./portable-function.js";
import { chartTexts } from "./i18n.js";
import { timelineAxisLabels, timelineXAxis } from "./timeline-spec.js";

/** Fewer months than this show no trend: the chart is left out. */
export const MIN_PEOPLE_MONTHS = 2;
const GRID_HEIGHT_PX = 260;
const AXIS_LABELS_PX = 52;

/**
 * Newcomers and regulars per month of `report.people.monthly`; null with
 * fewer than {@link MIN_PEOPLE_MONTHS} months or nobody active.
 */
export function activePeopleSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const months = report.people.monthly;
  if (months.length < MIN_PEOPLE_MONTHS || months.every((month) => month.active === 0)) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const keys = months.map((month) => month.month);
  const labels = timelineAxisLabels(keys, "monthly", language);
  const gridTopPx = HEADER_HEIGHT_PX + LEGEND_HEIGHT_PX;
  const stacked = (name: string, data: number[], color: string): BarSeriesOption => ({
    type: "bar",
    name,
    stack: "people",
    data,
    barCategoryGap: "20%",
    barMaxWidth: 48,
    itemStyle: { color },
  });
  const option = {
    ...baseOption(texts.activePeople, resolved),
    legend: {
      data: [texts.regulars, texts.newcomers],
      top: HEADER_HEIGHT_PX,
      left: 16,
      textStyle: { fontSize: FONT_PX.legend, color: palette.text },
    },
    grid: {
      left: 16,
      right: 24,
      top: gridTopPx,
      height: GRID_HEIGHT_PX,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: timelineXAxis(keys, labels, palette),
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
    series: [
      stacked(
        texts.regulars,
        months.map((month) => month.regulars),
        palette.primary,
      ),
      stacked(
        texts.newcomers,
        months.map((month) => month.newcomers),
        palette.secondary,
      ),
    ],
  };
  return chartSpec(
    option,
    gridTopPx + GRID_HEIGHT_PX + AXIS_LABELS_PX,
    texts.activePeople,
    resolved,
  );
}
