/**
 * A block of horizontal bars (largest on top, count written at the end of each
 * bar), the building block of the senders, emoji, reactions and words charts.
 */
import type {
  BarSeriesOption,
  GridComponentOption,
  LegendComponentOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from "echarts";
import { FONT_PX, type ChartPalette } from "./chart-base.js";

/** One bar. */
export interface BarRow {
  label: string;
  value: number;
  /** Text written at the end of the bar (the formatted count). */
  valueText: string;
  /** Index into the block's groups: decides the colour and legend entry. */
  group: number;
}

/** A kind of bar with its own colour, e.g. people vs channels. */
export interface BarGroup {
  name: string;
  color: string;
}

/** Where and how a block is drawn. */
export interface BarBlockLayout {
  /** Distance of the first bar from the top of the chart. */
  topPx: number;
  rowPx: number;
  /** Index of this block's grid, axes and series among the chart's. */
  gridIndex: number;
  labelFontPx?: number;
  /** Rich-text styles labels may use as `{name|text}`. */
  labelStyles?: Record<string, { fontSize: number }>;
}

/** The option parts of one bar block. */
export interface BarBlockParts {
  grid: GridComponentOption;
  xAxis: XAXisComponentOption;
  yAxis: YAXisComponentOption;
  series: BarSeriesOption[];
}

/** Room right of the longest bar for its count. */
const VALUE_LABEL_PX = 84;

/** Height the rows of a block take. */
export function barRowsHeightPx(rowCount: number, rowPx: number): number {
  return rowCount * rowPx;
}

/** Builds the grid, axes and one series per used group for `rows` (already in display order). */
export function barBlock(
  rows: readonly BarRow[],
  groups: readonly BarGroup[],
  layout: BarBlockLayout,
  palette: ChartPalette,
): BarBlockParts {
  const { gridIndex } = layout;
  const series = groups.flatMap((group, groupIndex): BarSeriesOption[] => {
    if (!rows.some((row) => row.group === groupIndex)) return [];
    return [
      {
        type: "bar",
        name: group.name,
        xAxisIndex: gridIndex,
        yAxisIndex: gridIndex,
        // Groups share each slot: a row has a value in exactly one series.
        barGap: "-100%",
        barCategoryGap: "28%",
        itemStyle: { color: group.color, borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: "right", fontSize: FONT_PX.label, color: palette.text },
        data: rows.map((row) =>
          row.group === groupIndex
            ? { value: row.value, label: { formatter: row.valueText } }
            : "-",
        ),
      },
    ];
  });
  return {
    grid: {
      left: 16,
      right: VALUE_LABEL_PX,
      top: layout.topPx,
      height: barRowsHeightPx(rows.length, layout.rowPx),
      // ECharts 6's form of the deprecated `containLabel: true`: labels stay inside.
      outerBoundsMode: "same",
      outerBoundsContain: "axisLabel",
    },
    xAxis: { type: "value", gridIndex, show: false, min: 0, max: "dataMax" },
    yAxis: {
      type: "category",
      gridIndex,
      inverse: true,
      data: rows.map((row) => row.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: {
        fontSize: layout.labelFontPx ?? FONT_PX.axis,
        color: palette.text,
        interval: 0,
        ...(layout.labelStyles && { rich: layout.labelStyles }),
      },
    },
    series,
  };
}

/** A legend row under the header naming the groups, for blocks with more than one group. */
export function barLegend(
  series: readonly BarSeriesOption[],
  topPx: number,
  palette: ChartPalette,
): LegendComponentOption {
  return {
    top: topPx,
    left: 16,
    itemWidth: 18,
    itemHeight: 12,
    textStyle: { fontSize: FONT_PX.legend, color: palette.text },
    data: series.map((item) => String(item.name)),
  };
}
