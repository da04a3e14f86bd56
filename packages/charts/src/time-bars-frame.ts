/**
 * The frame a bar chart over months or weeks shares with its kind (active
 * people, members): legend under the header, a 260 px grid, the timeline's
 * date axis and a count axis.
 */
import { FONT_PX, HEADER_HEIGHT_PX, LEGEND_HEIGHT_PX, type ChartPalette } from "./chart-base.js";
import type { ChartLanguage } from "./i18n.js";
import { compactFormatter } from "./portable-function.js";
import { timelineXAxis } from "./timeline-spec.js";

const GRID_HEIGHT_PX = 260;
const AXIS_LABELS_PX = 52;

/** What {@link timeBarsFrame} draws around the series. */
export interface TimeBarsFrameInput {
  /** Series names, in legend order. */
  legend: string[];
  /** Category keys of the date axis (`YYYY-MM` or a week's Monday). */
  keys: string[];
  /** Date axis labels by category index (see `timelineAxisLabels`). */
  labels: Map<number, string>;
  palette: ChartPalette;
  language: ChartLanguage;
}

/**
 * Legend, grid and axes of a bar chart over time, and the chart's height.
 *
 * @example const { heightPx, ...frame } = timeBarsFrame({ legend, keys, labels, palette, language });
 */
export function timeBarsFrame(input: TimeBarsFrameInput) {
  const { palette } = input;
  const gridTopPx = HEADER_HEIGHT_PX + LEGEND_HEIGHT_PX;
  return {
    heightPx: gridTopPx + GRID_HEIGHT_PX + AXIS_LABELS_PX,
    legend: {
      data: input.legend,
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
    xAxis: timelineXAxis(input.keys, input.labels, palette),
    yAxis: {
      type: "value" as const,
      minInterval: 1,
      axisLabel: {
        fontSize: FONT_PX.axis,
        color: palette.subtext,
        formatter: compactFormatter(input.language),
      },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
  };
}
