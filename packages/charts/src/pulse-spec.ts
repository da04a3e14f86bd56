/**
 * The account pulse (`tgstats pulse`): a heat strip of messages per chat per
 * month, and the chats by message count. Built from a {@link PulseJson}, not
 * from a chat report.
 */
import type { PulseChat, PulseJson } from "@tgstats/engine";
import { barBlock, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  barLabel,
  chartPalette,
  chartSpec,
  FONT_PX,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  LEGEND_HEIGHT_PX,
  type ChartSpec,
  type ChartSpecOptions,
  type ResolvedSpecOptions,
} from "./chart-base.js";
import { formatCount, formatLocalDate, truncateLabel } from "./format.js";
import type { ReportChart } from "./report-charts.js";
import { renderChart } from "./render-chart.js";
import { pulseTexts, type PulseTexts } from "./pulse-texts.js";

/** Chats the heat strip and the bar chart show: the first ones of the pulse's order. */
export const PULSE_CHART_CHATS = 25;
const ROW_PX = 26;
const BAR_ROW_PX = 28;
/** Upper bounds of the colour steps (messages in a month); the last step is open. */
export const PULSE_STEPS = [0, 9, 99, 999] as const;
/** Characters of a chat's name on the heat strip, before its trend. */
const NAME_CHARS = 18;

/** Language and theme of a pulse chart, with its subtitle (zone and months). */
function resolvePulseOptions(
  pulse: PulseJson,
  options: ChartSpecOptions = {},
): ResolvedSpecOptions {
  const language = options.language ?? "en";
  const theme = options.theme ?? "light";
  const texts = pulseTexts(language);
  const first = pulse.months[0];
  const last = pulse.months.at(-1);
  const span =
    first === undefined || last === undefined
      ? "—"
      : `${monthLabel(first, language)} — ${monthLabel(last, language)}`;
  return {
    language,
    theme,
    palette: chartPalette(theme),
    subtitle: texts.subtitle(span, pulse.timezone),
  };
}

/**
 * Messages per chat (rows, the pulse's order: rising, new, steady, fading,
 * gone quiet) per month (columns), coloured in steps; null without chats.
 */
export function pulseHeatSpec(pulse: PulseJson, options?: ChartSpecOptions): ChartSpec | null {
  const chats = pulse.chats.filter((chat) => chat.trend !== "silent").slice(0, PULSE_CHART_CHATS);
  if (chats.length === 0 || pulse.months.length === 0) return null;
  const resolved = resolvePulseOptions(pulse, options);
  const { palette, language } = resolved;
  const texts = pulseTexts(language);
  const gridTopPx = HEADER_HEIGHT_PX + LEGEND_HEIGHT_PX;
  const gridHeightPx = chats.length * ROW_PX;
  const option = {
    ...baseOption(texts.heatTitle, resolved),
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
      data: pulse.months.map((month) => monthLabel(month, language)),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: {
        fontSize: FONT_PX.label - 2,
        color: palette.subtext,
        // Every third month (quarters), so the labels never collide on a phone.
        interval: 2,
      },
    },
    yAxis: {
      type: "category" as const,
      data: chats.map((chat) => rowLabel(chat, texts)),
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT_PX.label - 2, color: palette.text },
    },
    visualMap: {
      type: "piecewise" as const,
      dimension: 2,
      orient: "horizontal" as const,
      left: 16,
      top: HEADER_HEIGHT_PX - 6,
      itemWidth: 16,
      itemHeight: 12,
      textStyle: { fontSize: FONT_PX.legend - 2, color: palette.subtext },
      pieces: stepPieces(palette.heat, language),
    },
    series: [
      {
        type: "heatmap" as const,
        progressive: 0,
        data: chats.flatMap((chat, row) =>
          chat.monthly.map((count, column) => [column, row, count]),
        ),
        itemStyle: { borderColor: palette.background, borderWidth: 1 },
      },
    ],
  };
  const heightPx = gridTopPx + gridHeightPx + 40;
  return chartSpec(option, heightPx, texts.heatTitle, resolved);
}

/** Chats by all-time messages, most first, coloured by kind (groups, channels, private chats). */
export function pulseChatsSpec(pulse: PulseJson, options?: ChartSpecOptions): ChartSpec | null {
  const chats = [...pulse.chats]
    .sort((a, b) => b.total - a.total || a.id - b.id)
    .slice(0, PULSE_CHART_CHATS);
  if (chats.length < 2) return null;
  const resolved = resolvePulseOptions(pulse, options);
  const texts = pulseTexts(resolved.language);
  const { palette } = resolved;
  const groups = [
    { name: texts.groups, color: palette.primary },
    { name: texts.channels, color: palette.secondary },
    { name: texts.privateChats, color: palette.accent },
  ];
  const rows: BarRow[] = chats.map((chat) => ({
    label: barLabel(chat.name ?? texts.untitled),
    value: chat.total,
    valueText: formatCount(chat.total, resolved.language),
    group: kindGroup(chat.type),
  }));
  const block = barBlock(
    rows,
    groups,
    { topPx: HEADER_HEIGHT_PX + LEGEND_HEIGHT_PX, rowPx: BAR_ROW_PX, gridIndex: 0 },
    palette,
  );
  const option = {
    ...baseOption(texts.chatsTitle, resolved),
    legend: {
      top: HEADER_HEIGHT_PX - 6,
      left: 16,
      textStyle: { fontSize: FONT_PX.legend, color: palette.text },
    },
    grid: block.grid,
    xAxis: block.xAxis,
    yAxis: block.yAxis,
    series: block.series,
  };
  const heightPx =
    HEADER_HEIGHT_PX +
    LEGEND_HEIGHT_PX +
    barRowsHeightPx(rows.length, BAR_ROW_PX) +
    FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, texts.chatsTitle, resolved);
}

/** Every chart of a pulse that has something to show, with its file name. */
export function planPulseCharts(
  pulse: PulseJson,
  options?: ChartSpecOptions,
): { name: string; spec: ChartSpec }[] {
  const planned = [
    { name: "01-pulse.png", spec: pulseHeatSpec(pulse, options) },
    { name: "02-chats.png", spec: pulseChatsSpec(pulse, options) },
  ];
  return planned.filter((chart): chart is { name: string; spec: ChartSpec } => chart.spec !== null);
}

/** 0 groups, 1 channels, 2 private chats (people, bots, saved messages). */
function kindGroup(type: string): number {
  if (type.endsWith("_channel")) return 1;
  if (type.endsWith("_group") || type.endsWith("_supergroup")) return 0;
  return 2;
}

/** "Hikers · ↑": the name, cut, and the trend's mark. */
function rowLabel(chat: PulseChat, texts: PulseTexts): string {
  return `${truncateLabel(chat.name ?? texts.untitled, NAME_CHARS)} · ${texts.trendMark(chat.trend)}`;
}

/** The colour steps: 0, 1–9, 10–99, 100–999, 1000+. */
function stepPieces(heat: readonly string[], language: "en" | "ru") {
  const pieces: { min: number; max?: number; label: string; color: string }[] = [];
  let min = 0;
  PULSE_STEPS.forEach((max, index) => {
    const label =
      min === max
        ? formatCount(max, language)
        : `${formatCount(min, language)}–${formatCount(max, language)}`;
    pieces.push({ min, max, label, color: heat[index] ?? heat.at(-1)! });
    min = max + 1;
  });
  pieces.push({ min, label: `${formatCount(min, language)}+`, color: heat.at(-1)! });
  return pieces;
}

function monthLabel(month: string, language: "en" | "ru"): string {
  return formatLocalDate(`${month}-01`, language, { month: "short", year: "2-digit" });
}

/**
 * The pulse's charts as PNGs (scale 2), named `01-pulse.png`, `02-chats.png`.
 *
 * @example for (const chart of await renderPulseCharts(pulse, { language: "ru" })) send(chart.png);
 */
export async function renderPulseCharts(
  pulse: PulseJson,
  options: ChartSpecOptions & { signal?: AbortSignal } = {},
): Promise<ReportChart[]> {
  const charts: ReportChart[] = [];
  for (const { name, spec } of planPulseCharts(pulse, options)) {
    options.signal?.throwIfAborted();
    const png = await renderChart(spec.option, { widthPx: spec.widthPx, heightPx: spec.heightPx });
    charts.push({ name, png, caption: spec.caption });
  }
  return charts;
}
