/**
 * Chart: how the chat's membership moved. Joins as bars above the axis,
 * leaves as bars below it, and the net change as a line, per week when the
 * report has weekly member figures (periods of up to 92 days), else per month.
 */
import type { BarSeriesOption, LineSeriesOption } from "echarts";
import { dayIndexToIso, isoToDayIndex, type MemberFlow, type ReportJson } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { timeBarsFrame } from "./time-bars-frame.js";
import { chartTexts } from "./i18n.js";
import { monthKeys, timelineAxisLabels } from "./timeline-spec.js";

const DAYS_PER_WEEK = 7;

/** One bucket of the chart, empty buckets between active ones included. */
export interface MemberBucket {
  /** `YYYY-MM`, or the week's Monday `YYYY-MM-DD`. */
  key: string;
  joins: number;
  leaves: number;
  net: number;
}

/** Every week or month from the first to the last one with a join or leave. */
export function memberBuckets(report: ReportJson): MemberBucket[] {
  const members = report.members;
  if (members === null) return [];
  const flows = members.weekly ?? members.monthly;
  const keys = Object.keys(flows).sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (first === undefined || last === undefined) return [];
  const all = members.weekly === null ? monthKeys(first, last) : weekKeys(first, last);
  const empty: MemberFlow = { joins: 0, leaves: 0, net: 0 };
  return all.map((key) => ({ key, ...(flows[key] ?? empty) }));
}

/** Joins up, leaves down, net line; null when the report has no join or leave. */
export function membersSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const members = report.members;
  if (members === null || members.joins + members.leaves === 0) return null;
  const buckets = memberBuckets(report);
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const keys = buckets.map((bucket) => bucket.key);
  const labels = timelineAxisLabels(keys, members.weekly === null ? "monthly" : "weekly", language);
  const bar = (name: string, data: number[], color: string): BarSeriesOption => ({
    type: "bar",
    name,
    stack: "flow",
    data,
    itemStyle: { color },
    barCategoryGap: "20%",
    barMaxWidth: 48,
  });
  const net: LineSeriesOption = {
    type: "line",
    name: texts.membersNet,
    data: buckets.map((bucket) => bucket.net),
    lineStyle: { width: 3, color: palette.accent },
    itemStyle: { color: palette.accent },
    showSymbol: buckets.length <= 24,
    symbolSize: 6,
    z: 3,
  };
  const { heightPx, ...frame } = timeBarsFrame({
    legend: [texts.membersJoined, texts.membersLeft, texts.membersNet],
    keys,
    labels,
    palette,
    language,
  });
  const option = {
    ...baseOption(texts.members, resolved),
    ...frame,
    series: [
      bar(
        texts.membersJoined,
        buckets.map((bucket) => bucket.joins),
        palette.primary,
      ),
      // Leaves below the axis: the same stack, so each bar starts at zero.
      bar(
        texts.membersLeft,
        buckets.map((bucket) => (bucket.leaves === 0 ? 0 : -bucket.leaves)),
        palette.secondary,
      ),
      net,
    ],
  };
  return chartSpec(option, heightPx, texts.members, resolved);
}

/** Mondays (`YYYY-MM-DD`) from the week of `first` to the week of `last`. */
function weekKeys(first: string, last: string): string[] {
  const from = isoToDayIndex(first);
  const to = isoToDayIndex(last);
  if (from === null || to === null) return [];
  const keys: string[] = [];
  for (let day = from; day <= to; day += DAYS_PER_WEEK) keys.push(dayIndexToIso(day));
  return keys;
}
