/**
 * Chart 6: a channel's rhythm and reach, posts per month above views per post
 * per month. Only MTProto fetches carry views; exports never do.
 */
import type { BarSeriesOption, LineSeriesOption, TitleComponentOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  HEADER_HEIGHT_PX,
  resolveSpecOptions,
  sectionTitle,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { chartTexts } from "./i18n.js";
import { compactFormatter } from "./portable-function.js";
import { monthKeys, timelineAxisLabels, timelineXAxis } from "./timeline-spec.js";

const SECTION_TITLE_PX = 34;
const GRID_HEIGHT_PX = 160;
const AXIS_LABELS_PX = 52;

/** One month of a channel. */
export interface ChannelMonth {
  /** `YYYY-MM`. */
  month: string;
  posts: number;
  /** Views of the month's posts divided by its posts; null for a month without posts. */
  viewsPerPost: number | null;
}

/**
 * Posts and views per post for every month from the first to the last one
 * with posts or views. Views per post divides the month's views by all its
 * posts (the report has no per-month count of posts with views).
 */
export function channelMonths(report: ReportJson): ChannelMonth[] {
  if (report.channel === null) return [];
  const { viewsMonthly } = report.channel;
  const keys = [...Object.keys(report.monthly), ...Object.keys(viewsMonthly)].sort();
  if (keys[0] === undefined) return [];
  return monthKeys(keys[0], keys.at(-1)!).map((month) => {
    const posts = report.monthly[month] ?? 0;
    const views = viewsMonthly[month] ?? 0;
    return { month, posts, viewsPerPost: posts > 0 ? views / posts : null };
  });
}

/**
 * Posts per month and views per post; null unless the report has channel
 * statistics with views over at least two months.
 */
export function channelSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const channel = report.channel;
  if (channel === null || channel.postsWithViews === 0) return null;
  const months = channelMonths(report);
  if (months.length < 2) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const keys = months.map((entry) => entry.month);
  const labels = timelineAxisLabels(keys, "monthly", language);
  const topPx = [
    HEADER_HEIGHT_PX,
    HEADER_HEIGHT_PX + SECTION_TITLE_PX + GRID_HEIGHT_PX + AXIS_LABELS_PX,
  ];
  const titles: TitleComponentOption[] = [
    sectionTitle(
      `${texts.postsPerMonth} · ${formatCount(channel.posts, language)}`,
      topPx[0]!,
      palette,
    ),
    sectionTitle(
      `${texts.viewsPerPost} · ${formatCount(Math.round(channel.viewsPerPost), language)}`,
      topPx[1]!,
      palette,
    ),
  ];
  const posts: BarSeriesOption = {
    type: "bar",
    name: texts.postsPerMonth,
    data: months.map((entry) => entry.posts),
    itemStyle: { color: palette.primary },
    barCategoryGap: "20%",
    barMaxWidth: 48,
  };
  const views: LineSeriesOption = {
    type: "line",
    name: texts.viewsPerPost,
    xAxisIndex: 1,
    yAxisIndex: 1,
    data: months.map((entry) =>
      entry.viewsPerPost === null ? null : Math.round(entry.viewsPerPost),
    ),
    lineStyle: { width: 3, color: palette.accent },
    itemStyle: { color: palette.accent },
    showSymbol: months.length <= 24,
    symbolSize: 6,
  };
  const base = baseOption(texts.channelPosts, resolved);
  const option = {
    ...base,
    title: [...(Array.isArray(base.title) ? base.title : [base.title ?? {}]), ...titles],
    grid: topPx.map((top) => ({
      left: 16,
      right: 24,
      top: top + SECTION_TITLE_PX,
      height: GRID_HEIGHT_PX,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    })),
    xAxis: [0, 1].map((gridIndex) => timelineXAxis(keys, labels, palette, gridIndex)),
    yAxis: [0, 1].map((gridIndex) => ({
      type: "value" as const,
      minInterval: 1,
      gridIndex,
      axisLabel: {
        fontSize: FONT_PX.axis,
        color: palette.subtext,
        formatter: compactFormatter(language),
      },
      splitLine: { lineStyle: { color: palette.splitLine } },
    })),
    series: [posts, views],
  };
  const heightPx = topPx[1]! + SECTION_TITLE_PX + GRID_HEIGHT_PX + AXIS_LABELS_PX;
  return chartSpec(option, heightPx, texts.channelPosts, resolved);
}
