/**
 * Draws an ECharts option into a PNG with the canvas renderer on Skia
 * (`@napi-rs/canvas`), using only the bundled fonts.
 */
import { createCanvas } from "@napi-rs/canvas";
import type { EChartsOption } from "echarts";
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import {
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { ChartTheme } from "./chart-base.js";
import { measureShapedText, withShapedTextCanvas } from "./emoji-shaping.js";
import { chartFontFamilyFor, registerChartFonts } from "./fonts.js";

/** Size and look of a rendered chart. */
export interface RenderChartOptions {
  /** Logical size the option was laid out for. */
  widthPx: number;
  heightPx: number;
  /** Device pixel ratio: the PNG is `widthPx × scale` by `heightPx × scale`. Default 2. */
  scale?: number;
  /** ECharts theme for anything the option leaves unstyled. Default light. */
  theme?: ChartTheme;
}

/** Thrown for a chart size that is not a positive whole number of pixels. */
export class ChartSizeError extends Error {
  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    readonly scale: number,
  ) {
    super(
      `Invalid chart size ${widthPx}×${heightPx} at scale ${scale}: width and height must be positive integers and scale a positive number.`,
    );
    this.name = "ChartSizeError";
  }
}

let setUp = false;
/** zrender's font for text without one. */
const DEFAULT_FONT = "12px sans-serif";

function setUpEcharts(): void {
  if (setUp) return;
  registerChartFonts();
  echarts.use([
    BarChart,
    HeatmapChart,
    LineChart,
    GridComponent,
    LegendComponent,
    TitleComponent,
    VisualMapComponent,
    GraphicComponent,
    CanvasRenderer,
  ]);
  const measuringContext = createCanvas(1, 1).getContext("2d");
  echarts.setPlatformAPI({
    // zrender measures text on a canvas of its own: a Skia one, so it sees the bundled fonts.
    createCanvas: () => createCanvas(1, 1),
    // As drawn: a ZWJ sequence the shaper would split is one glyph wide (see emoji-shaping.ts).
    measureText: (text, font) => {
      measuringContext.font = font ?? DEFAULT_FONT;
      return { width: measureShapedText(measuringContext, text) };
    },
    // A frozen clock makes progressive series (heatmaps) finish in one pass instead of on timers.
    getTime: () => 0,
  });
  setUp = true;
}

/**
 * Renders `option` to a PNG. The drawing itself is synchronous (tens of ms per
 * chart); the PNG encoding runs off the event loop.
 *
 * @example const png = await renderChart(spec.option, { widthPx: spec.widthPx, heightPx: spec.heightPx });
 */
export async function renderChart(
  option: EChartsOption,
  options: RenderChartOptions,
): Promise<Buffer> {
  const { widthPx, heightPx, scale = 2, theme = "light" } = options;
  if (
    !Number.isInteger(widthPx) ||
    !Number.isInteger(heightPx) ||
    widthPx <= 0 ||
    heightPx <= 0 ||
    !(scale > 0)
  )
    throw new ChartSizeError(widthPx, heightPx, scale);
  setUpEcharts();
  // Fonts of other scripts are registered only now, for the characters this chart draws.
  const fontFamily = chartFontFamilyFor(optionStrings(option));
  const textStyle = { ...option.textStyle, fontFamily };
  const canvas = createCanvas(Math.round(widthPx * scale), Math.round(heightPx * scale));
  // ECharts takes a canvas-like object as its root: with no nodeName it draws straight into it.
  // (Its DOM parameter types are unresolved without the DOM lib, so a Skia canvas type-checks.)
  const chart = echarts.init(withShapedTextCanvas(canvas), theme === "dark" ? "dark" : undefined, {
    renderer: "canvas",
    width: widthPx,
    height: heightPx,
    devicePixelRatio: scale,
  });
  try {
    chart.setOption({ ...option, textStyle });
    // Encode before dispose: dispose tears down the layers the canvas belongs to.
    return await canvas.encode("png");
  } finally {
    chart.dispose();
  }
}

/** Every string in an option (labels, titles, names, and colours, which cost nothing to check). */
function* optionStrings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* optionStrings(item);
  else if (typeof value === "object" && value !== null)
    for (const item of Object.values(value)) yield* optionStrings(item);
}
