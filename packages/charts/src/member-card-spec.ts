/**
 * The member card's charts: the sender's weekday × hour card above the
 * group's, and their message kinds side by side. Both compare shares (of the
 * member's messages, of the group's), so a quiet member and a busy group
 * can be read on one scale.
 */
import type { BarSeriesOption, HeatmapSeriesOption } from "echarts";
import type { MemberCard, ReportJson } from "@tgstats/engine";
import {
  barLabel,
  baseOption,
  chartSpec,
  FONT_PX,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  LEGEND_HEIGHT_PX,
  resolveSpecOptions,
  sectionTitle,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { barLegend } from "./bar-rows.js";
import { chartTexts } from "./i18n.js";
import { weekdayNames } from "./punchcard-spec.js";

const ROW_PX = 30;
const SECTION_TITLE_PX = 34;
const HOUR_LABELS_PX = 30;
const SCALE_PX = 48;
/** Longest title that fits one line at the title size. */
const MAX_ONE_LINE_TITLE_CHARS = 46;
const TITLE_LINE_PX = 40;
const KIND_ROW_PX = 44;

/**
 * Two heat maps, the member's above the group's, each cell the share of that
 * one's messages written in it, on one colour scale; null without a card or
 * without a message of the member.
 */
export function memberPunchcardSpec(
  report: ReportJson,
  options?: ChartSpecOptions,
): ChartSpec | null {
  const card = report.card;
  if (card === null || card.messages.member === 0) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const name = barLabel(card.name ?? texts.deletedAccount);
  const title = texts.cardPunchcard(name, report.timezone);
  const twoLines = title.length > MAX_ONE_LINE_TITLE_CHARS;
  const headerPx = HEADER_HEIGHT_PX + (twoLines ? TITLE_LINE_PX : 0);
  const blockPx = SECTION_TITLE_PX + 7 * ROW_PX + HOUR_LABELS_PX;
  const halves = [
    { label: name, cells: shareCells(card.punchcard.member, card.messages.member) },
    { label: texts.cardGroup, cells: shareCells(card.punchcard.group, card.messages.group) },
  ];
  const max = Math.max(...halves.flatMap((half) => half.cells.map((cell) => cell[2])));
  const top = (index: number): number => headerPx + index * blockPx + SECTION_TITLE_PX;
  const series = halves.map((half, index): HeatmapSeriesOption => ({
    type: "heatmap",
    xAxisIndex: index,
    yAxisIndex: index,
    data: half.cells,
    progressive: 0,
    itemStyle: { borderColor: palette.background, borderWidth: 2, borderRadius: 3 },
  }));
  const option = {
    ...baseOption(twoLines ? title.replace(" · ", "\n") : title, resolved),
    grid: halves.map((_, index) => ({
      left: 16,
      right: 16,
      top: top(index),
      height: 7 * ROW_PX,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    })),
    xAxis: halves.map((_, index) => ({
      type: "category" as const,
      gridIndex: index,
      data: Array.from({ length: 24 }, (_, hour) => String(hour)),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.axis, color: palette.subtext, interval: 2 },
    })),
    yAxis: halves.map((_, index) => ({
      type: "category" as const,
      gridIndex: index,
      data: weekdayNames(language),
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.label, color: palette.text },
    })),
    visualMap: {
      type: "continuous" as const,
      min: 0,
      max,
      seriesIndex: [0, 1],
      orient: "horizontal" as const,
      left: "center",
      bottom: 10,
      itemWidth: 14,
      itemHeight: 220,
      calculable: false,
      text: [percentText(max, language), "0"],
      textStyle: { fontSize: FONT_PX.label, color: palette.text },
      inRange: { color: palette.heat },
    },
    series,
  };
  const titles = halves.map((half, index) =>
    sectionTitle(half.label, top(index) - SECTION_TITLE_PX + 4, palette),
  );
  const base = option.title === undefined ? [] : [option.title].flat();
  const heightPx = headerPx + 2 * blockPx + SCALE_PX;
  return chartSpec({ ...option, title: [...base, ...titles] }, heightPx, title, resolved);
}

/**
 * Message kinds as shares of the member's and of the group's messages, two
 * bars per kind, the member's kinds first; null without a card, or when
 * member and group both wrote one kind only.
 */
export function memberKindsSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const card = report.card;
  if (card === null || card.messages.member === 0) return null;
  const kinds = cardKinds(card);
  if (kinds.length < 2) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const name = barLabel(card.name ?? texts.deletedAccount);
  const title = texts.cardKinds(name);
  const gridTop = HEADER_HEIGHT_PX + LEGEND_HEIGHT_PX;
  const bar = (label: string, color: string, counts: Record<string, number>, total: number) =>
    ({
      type: "bar",
      name: label,
      barGap: "10%",
      barCategoryGap: "30%",
      itemStyle: { color, borderRadius: [0, 4, 4, 0] },
      label: {
        show: true,
        position: "right",
        fontSize: FONT_PX.label,
        color: palette.text,
        formatter: "{c}%",
      },
      data: kinds.map((kind) => round1((100 * (counts[kind] ?? 0)) / Math.max(total, 1))),
    }) satisfies BarSeriesOption;
  const series = [
    bar(name, palette.primary, card.byKind.member, card.messages.member),
    bar(texts.cardGroup, palette.secondary, card.byKind.group, card.messages.group),
  ];
  const option = {
    ...baseOption(title, resolved),
    legend: barLegend(series, HEADER_HEIGHT_PX - 4, palette),
    grid: {
      left: 16,
      right: 72,
      top: gridTop,
      height: kinds.length * KIND_ROW_PX,
      outerBoundsMode: "same" as const,
      outerBoundsContain: "axisLabel" as const,
    },
    xAxis: { type: "value" as const, show: false, min: 0, max: "dataMax" as const },
    yAxis: {
      type: "category" as const,
      inverse: true,
      data: kinds.map((kind) => barLabel(texts.messageKind(kind))),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: { fontSize: FONT_PX.axis, color: palette.text, interval: 0 },
    },
    series,
  };
  const heightPx = gridTop + kinds.length * KIND_ROW_PX + FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, title, resolved);
}

/** Kinds the member used (most first), then the group's others (most first). */
function cardKinds(card: MemberCard): string[] {
  const order = (counts: Record<string, number>): string[] =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([kind]) => kind);
  const member = order(card.byKind.member);
  return [...member, ...order(card.byKind.group).filter((kind) => !member.includes(kind))];
}

/** `[hour, weekday, percent of total]` for every cell. */
function shareCells(
  punchcard: readonly (readonly number[])[],
  total: number,
): [number, number, number][] {
  const cells: [number, number, number][] = [];
  for (let weekday = 0; weekday < 7; weekday++)
    for (let hour = 0; hour < 24; hour++)
      cells.push([hour, weekday, round1((100 * (punchcard[weekday]?.[hour] ?? 0)) / total)]);
  return cells;
}

function percentText(value: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)}%`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
