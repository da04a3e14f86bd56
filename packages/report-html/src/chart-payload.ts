/**
 * A chart of the PNG album made interactive for the page: the same spec
 * (`planReportCharts`), plus tooltips, a zoom slider on time axes, and the
 * option serialised to JSON (portable functions as `{ $fn }`, fonts as the
 * system's, since the page loads none).
 */
import type { EChartsOption } from "echarts";
import {
  cellTooltip,
  chartPalette,
  countFormatter,
  planReportCharts,
  portableDescription,
  type ChartLanguage,
  type ChartPalette,
  type ChartTheme,
} from "@tgstats/charts";
import type { ReportJson } from "@tgstats/engine";
import type { JsonValue, PageChart } from "./page-data.js";

/** A chart option holds something JSON cannot carry (a plain closure, a class instance). */
export class UnportableOptionError extends Error {
  constructor(readonly path: string) {
    super(
      `The chart option at ${path} cannot be written into the HTML report; wrap a function with portable() from @tgstats/charts (and teach the page's reviveOption to rebuild it).`,
    );
    this.name = "UnportableOptionError";
  }
}

/** Fonts of the page: the reader's own, emoji last (the PNGs bundle Noto; a page loads nothing). */
export const PAGE_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"';

/** A bucket key of a time axis: `YYYY-MM` or `YYYY-MM-DD` (the timeline's and the channel chart's). */
const DATE_KEY = /^\d{4}-\d{2}(?:-\d{2})?$/u;
/** A time axis (category keys that are dates) with at least this many slots gets a zoom slider. */
export const ZOOM_MIN_SLOTS = 12;
/** Room added under a zoomable chart for the slider. */
export const SLIDER_ROOM_PX = 44;
const SLIDER_HEIGHT_PX = 24;

/** Every chart of the album for the page, in album order, light and dark. */
export function pageCharts(report: ReportJson): PageChart[] {
  const light = planReportCharts(report, { theme: "light" });
  const dark = planReportCharts(report, { theme: "dark" });
  return light.map((chart, index) => {
    const darkChart = dark[index]!;
    const lightPage = interactiveOption(chart.spec.option, "light", report.language);
    const darkPage = interactiveOption(darkChart.spec.option, "dark", report.language);
    return {
      name: chart.name,
      title: chart.spec.title,
      widthPx: chart.spec.widthPx,
      heightPx: chart.spec.heightPx + lightPage.extraHeightPx,
      light: serialiseOption(lightPage.option),
      dark: serialiseOption(darkPage.option),
    };
  });
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Adds what a page can do and a PNG cannot: tooltips on every chart, and on
 * charts over time (a category x axis of date keys, {@link ZOOM_MIN_SLOTS} or
 * more) mouse-wheel and pinch zoom and a slider under them.
 */
export function interactiveOption(
  option: EChartsOption,
  theme: ChartTheme,
  language: ChartLanguage,
): { option: EChartsOption; extraHeightPx: number } {
  const palette = chartPalette(theme);
  const xAxes = asArray(option.xAxis);
  const zoomable = xAxes.some(
    (axis) =>
      axis.type === "category" &&
      (axis.data?.length ?? 0) >= ZOOM_MIN_SLOTS &&
      (axis.data ?? []).every((key) => typeof key === "string" && DATE_KEY.test(key)),
  );
  const xAxisIndex = xAxes.map((_, index) => index);
  const [xAxis] = xAxes;
  const [yAxis] = asArray(option.yAxis);
  const heatmap =
    asArray(option.series).some((series) => series.type === "heatmap") &&
    xAxis?.type === "category" &&
    yAxis?.type === "category";
  const labels = (data: unknown[] | undefined) =>
    (data ?? []).map((item) => (typeof item === "string" ? item : String(item)));
  const result: EChartsOption = {
    ...option,
    tooltip: {
      trigger: zoomable ? "axis" : "item",
      confine: true,
      valueFormatter: countFormatter(language) as (value: unknown) => string,
      ...(heatmap
        ? {
            formatter: cellTooltip(labels(xAxis.data), labels(yAxis.data), language) as (
              params: unknown,
            ) => string,
          }
        : {}),
      backgroundColor: palette.background,
      borderColor: palette.axisLine,
      textStyle: { color: palette.text, fontFamily: PAGE_FONT_FAMILY, fontSize: 14 },
    },
  };
  if (!zoomable) return { option: result, extraHeightPx: 0 };
  result.dataZoom = [{ type: "inside", xAxisIndex }, zoomSlider(xAxisIndex, palette)];
  return { option: result, extraHeightPx: SLIDER_ROOM_PX };
}

function zoomSlider(xAxisIndex: number[], palette: ChartPalette) {
  return {
    type: "slider" as const,
    xAxisIndex,
    left: 24,
    right: 32,
    bottom: 10,
    height: SLIDER_HEIGHT_PX,
    borderColor: palette.splitLine,
    fillerColor: `${palette.primary}33`,
    textStyle: { color: palette.subtext },
    dataBackground: {
      lineStyle: { color: palette.axisLine },
      areaStyle: { color: palette.splitLine },
    },
  };
}

/**
 * The option as JSON: tagged functions as `{ $fn: description }`, every
 * `fontFamily` as {@link PAGE_FONT_FAMILY}, `undefined` left out.
 *
 * @throws UnportableOptionError for an untagged function or a non-plain object
 */
export function serialiseOption(value: unknown, path = "option"): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "function") {
    const description = portableDescription(value);
    if (description === undefined) throw new UnportableOptionError(path);
    return { $fn: serialiseOption(description, `${path}.$fn`) };
  }
  if (Array.isArray(value))
    return value.map((item: unknown, index) => serialiseOption(item ?? null, `${path}[${index}]`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      result[key] =
        key === "fontFamily" ? PAGE_FONT_FAMILY : serialiseOption(item, `${path}.${key}`);
    }
    return result;
  }
  throw new UnportableOptionError(path);
}
