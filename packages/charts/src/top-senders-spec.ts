/**
 * Chart 1: who writes most. People and channels (or anonymous admins) share one
 * ranking but not one colour, so a channel's auto-forwards never pass for a person.
 */
import type { ReportJson, SenderStats } from "@tgstats/engine";
import { barBlock, barLegend, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  barLabel,
  chartSpec,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  LEGEND_HEIGHT_PX,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { chartTexts } from "./i18n.js";

/** Most bars the chart shows. */
export const MAX_SENDERS = 20;
const ROW_PX = 30;
const PEOPLE = 0;
const CHANNELS = 1;

/**
 * Horizontal bars of messages per sender, most first, at most {@link MAX_SENDERS};
 * null when fewer than two senders wrote.
 *
 * @example topSendersSpec(report, { theme: "dark" })?.option
 */
export function topSendersSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const texts = chartTexts(resolved.language);
  const ranked = rankSenders(report.senders, report.channelSenders);
  if (ranked.length < 2) return null;
  const rows: BarRow[] = ranked.map(({ sender, group }) => ({
    label: barLabel(sender.name ?? texts.deletedAccount),
    value: sender.messages,
    valueText: formatCount(sender.messages, resolved.language),
    group,
  }));
  const groups = [
    { name: texts.people, color: resolved.palette.primary },
    { name: texts.channels, color: resolved.palette.secondary },
  ];
  const hasLegend =
    rows.some((row) => row.group === CHANNELS) && rows.some((row) => row.group === PEOPLE);
  const topPx = HEADER_HEIGHT_PX + (hasLegend ? LEGEND_HEIGHT_PX : 0);
  const block = barBlock(rows, groups, { topPx, rowPx: ROW_PX, gridIndex: 0 }, resolved.palette);
  const option = {
    ...baseOption(texts.topSenders, resolved),
    ...(hasLegend ? { legend: barLegend(block.series, HEADER_HEIGHT_PX, resolved.palette) } : {}),
    grid: block.grid,
    xAxis: block.xAxis,
    yAxis: block.yAxis,
    series: block.series,
  };
  const heightPx = topPx + barRowsHeightPx(rows.length, ROW_PX) + FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, texts.topSenders, resolved);
}

interface RankedSender {
  sender: SenderStats;
  group: typeof PEOPLE | typeof CHANNELS;
}

/** People and channels merged by messages, most first; ties keep people first. */
function rankSenders(
  people: readonly SenderStats[],
  channels: readonly SenderStats[],
): RankedSender[] {
  return [
    ...people.map((sender): RankedSender => ({ sender, group: PEOPLE })),
    ...channels.map((sender): RankedSender => ({ sender, group: CHANNELS })),
  ]
    .filter(({ sender }) => sender.messages > 0)
    .sort((a, b) => b.sender.messages - a.sender.messages)
    .slice(0, MAX_SENDERS);
}

/**
 * Ids of the senders whose names the chart shows (none when it is not drawn):
 * the names anything shown beside the album may name.
 */
export function chartedSenderIds(report: ReportJson): Set<string> {
  const ranked = rankSenders(report.senders, report.channelSenders);
  return new Set(ranked.length < 2 ? [] : ranked.map(({ sender }) => sender.id));
}
