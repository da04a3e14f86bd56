/**
 * A channel's posts one by one: the best time to post (mean views per post
 * by weekday × hour) and views per post by kind and text length. Only
 * MTProto fetches carry views; exports never do.
 */
import type { ReportJson } from "@tgstats/engine";
import { barBlock, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  chartSpec,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  resolveSpecOptions,
  sectionTitle,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { chartTexts } from "./i18n.js";
import { MIN_PUNCHCARD_MESSAGES, weekHourHeatmap, type WeekHourCell } from "./punchcard-spec.js";

const SECTION_TITLE_PX = 34;
const ROW_PX = 30;
/** Space between the kinds block and the next section title. */
const BLOCK_GAP_PX = 16;

/**
 * Mean views per post by posting weekday × hour, hours without posts blank;
 * null unless the channel has views on at least {@link MIN_PUNCHCARD_MESSAGES} posts.
 */
export function bestTimeSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const stats = report.channel?.postStats;
  if (stats === undefined) return null;
  const posts = stats.byHour.reduce((sum, cell) => sum + cell.posts, 0);
  if (posts < MIN_PUNCHCARD_MESSAGES) return null;
  const resolved = resolveSpecOptions(report, options);
  const means = new Map(stats.byHour.map((cell) => [cell.weekday * 24 + cell.hour, cell]));
  const cells: WeekHourCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      const cell = means.get(weekday * 24 + hour);
      cells.push([hour, weekday, cell === undefined ? "-" : Math.round(cell.viewsPerPost)]);
    }
  const title = chartTexts(resolved.language).bestTimeToPost(report.timezone);
  return weekHourHeatmap(title, cells, resolved);
}

/**
 * Mean views per post by kind (photo, video, text, text with a link, other)
 * above mean views by text length; null unless posts of at least two kinds
 * or two length groups have views.
 */
export function postViewsSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const stats = report.channel?.postStats;
  if (stats === undefined) return null;
  if (stats.byKind.length < 2 && stats.byLength.length < 2) return null;
  const resolved = resolveSpecOptions(report, options);
  const { palette, language } = resolved;
  const texts = chartTexts(language);
  const rows = (groups: readonly { posts: number; meanViews: number }[], names: string[]) =>
    groups.map((group, index): BarRow => ({
      label: `${names[index]!} (${formatCount(group.posts, language)})`,
      value: Math.round(group.meanViews),
      valueText: formatCount(Math.round(group.meanViews), language),
      group: 0,
    }));
  const kindRows = rows(
    stats.byKind,
    stats.byKind.map((group) => texts.postKind(group.key)),
  );
  const lengthRows = rows(
    stats.byLength,
    stats.byLength.map((group) => texts.postLength(group.key)),
  );
  const kindsTopPx = HEADER_HEIGHT_PX;
  const lengthsTopPx =
    kindsTopPx + SECTION_TITLE_PX + barRowsHeightPx(kindRows.length, ROW_PX) + BLOCK_GAP_PX;
  const blocks = [
    barBlock(
      kindRows,
      [{ name: texts.viewsByKind, color: palette.primary }],
      { topPx: kindsTopPx + SECTION_TITLE_PX, rowPx: ROW_PX, gridIndex: 0 },
      palette,
    ),
    barBlock(
      lengthRows,
      [{ name: texts.viewsByLength, color: palette.accent }],
      { topPx: lengthsTopPx + SECTION_TITLE_PX, rowPx: ROW_PX, gridIndex: 1 },
      palette,
    ),
  ];
  const base = baseOption(texts.postViews, resolved);
  const option = {
    ...base,
    title: [
      ...(Array.isArray(base.title) ? base.title : [base.title ?? {}]),
      sectionTitle(texts.viewsByKind, kindsTopPx, palette),
      sectionTitle(texts.viewsByLength, lengthsTopPx, palette),
    ],
    grid: blocks.map((block) => block.grid),
    xAxis: blocks.map((block) => block.xAxis),
    yAxis: blocks.map((block) => block.yAxis),
    series: blocks.flatMap((block) => block.series),
  };
  const heightPx =
    lengthsTopPx + SECTION_TITLE_PX + barRowsHeightPx(lengthRows.length, ROW_PX) + FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, texts.postViews, resolved);
}
