/**
 * A chart of one block of bars in one colour under the header (message
 * kinds, reactions received): the shared layout of the simplest bar charts.
 */
import { barBlock, barRowsHeightPx, type BarRow } from "./bar-rows.js";
import {
  baseOption,
  chartSpec,
  FOOTER_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  type ChartSpec,
  type ResolvedSpecOptions,
} from "./chart-base.js";

/** The spec of `rows` (in display order, all of group 0) drawn as one bar block titled `title`. */
export function singleBarChart(
  title: string,
  rows: readonly BarRow[],
  rowPx: number,
  resolved: ResolvedSpecOptions,
): ChartSpec {
  const groups = [{ name: title, color: resolved.palette.primary }];
  const block = barBlock(
    rows,
    groups,
    { topPx: HEADER_HEIGHT_PX, rowPx, gridIndex: 0 },
    resolved.palette,
  );
  const option = {
    ...baseOption(title, resolved),
    grid: block.grid,
    xAxis: block.xAxis,
    yAxis: block.yAxis,
    series: block.series,
  };
  const heightPx = HEADER_HEIGHT_PX + barRowsHeightPx(rows.length, rowPx) + FOOTER_HEIGHT_PX;
  return chartSpec(option, heightPx, title, resolved);
}
