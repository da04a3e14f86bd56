/**
 * Active people per month: stacked bars of newcomers (their first message
 * that month) under regulars (wrote before), so growth and churn show apart.
 */
import type { BarSeriesOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { timeBarsFrame } from "./time-bars-frame.js";
import { chartTexts } from "./i18n.js";
import { timelineAxisLabels } from "./timeline-spec.js";

/** Fewer months than this show no trend: the chart is left out. */
export const MIN_PEOPLE_MONTHS = 2;

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
  const stacked = (name: string, data: number[], color: string): BarSeriesOption => ({
    type: "bar",
    name,
    stack: "people",
    data,
    barCategoryGap: "20%",
    barMaxWidth: 48,
    itemStyle: { color },
  });
  const { heightPx, ...frame } = timeBarsFrame({
    legend: [texts.regulars, texts.newcomers],
    keys,
    labels,
    palette,
    language,
  });
  const option = {
    ...baseOption(texts.activePeople, resolved),
    ...frame,
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
  return chartSpec(option, heightPx, texts.activePeople, resolved);
}
