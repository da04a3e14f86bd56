/**
 * What every chart shares: the spec type, colours per theme, sizes tuned for a
 * phone (640 logical px wide, drawn at 2× = 1280 px, Telegram's photo size) and
 * the header with the title and the chat/period subtitle.
 */
import type { EChartsOption, TitleComponentOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import { CHART_FONT_FAMILY } from "./font-files.js";
import { chartSubtitle, truncateLabel } from "./format.js";
import { drawableText, MISSING_GLYPH } from "./glyph-coverage.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";

/** Colour scheme of a chart. */
export type ChartTheme = "light" | "dark";

/** A chart ready to draw: its ECharts option and the size it was laid out for. */
export interface ChartSpec {
  option: EChartsOption;
  /** Logical width; the PNG is `widthPx × scale` pixels wide. */
  widthPx: number;
  heightPx: number;
  /** The chart's title, as drawn. */
  title: string;
  /** One line for a message caption: title, chat and period. */
  caption: string;
}

/** Options every spec function takes; both default from the report (language) or to light. */
export interface ChartSpecOptions {
  language?: ChartLanguage;
  theme?: ChartTheme;
}

/** Colours of one theme. */
export interface ChartPalette {
  background: string;
  text: string;
  subtext: string;
  axisLine: string;
  splitLine: string;
  /** People, messages. */
  primary: string;
  /** Channels and anonymous admins, phrases. */
  secondary: string;
  /** Averages and second measures. */
  accent: string;
  /** Heat map scale from empty to busiest. */
  heat: string[];
}

const PALETTES: Record<ChartTheme, ChartPalette> = {
  light: {
    background: "#ffffff",
    text: "#1f2937",
    subtext: "#6b7280",
    axisLine: "#9ca3af",
    splitLine: "#e5e7eb",
    primary: "#3b82f6",
    secondary: "#f59e0b",
    accent: "#dc2626",
    heat: ["#f1f5f9", "#bfdbfe", "#60a5fa", "#2563eb", "#1e3a8a"],
  },
  dark: {
    background: "#17212b",
    text: "#e5e7eb",
    subtext: "#9ca3af",
    axisLine: "#6b7280",
    splitLine: "#2b3a4a",
    primary: "#60a5fa",
    secondary: "#fbbf24",
    accent: "#f87171",
    heat: ["#1f2d3a", "#1e40af", "#3b82f6", "#93c5fd", "#eff6ff"],
  },
};

/** The colours of a theme. */
export function chartPalette(theme: ChartTheme): ChartPalette {
  return PALETTES[theme];
}

/** Logical width of every chart. */
export const CHART_WIDTH_PX = 640;
/** Space the title and subtitle take at the top. */
export const HEADER_HEIGHT_PX = 84;
/** Font sizes in logical px: at 640 px on a ~390 px wide phone screen 16 px reads as ~10 px. */
export const FONT_PX = {
  title: 24,
  subtitle: 16,
  axis: 16,
  label: 15,
  legend: 15,
  emoji: 24,
} as const;
/** Horizontal padding of the header. */
const SIDE_PX = 16;

/** Language and theme of a spec call, filled from the report when absent. */
export interface ResolvedSpecOptions {
  language: ChartLanguage;
  theme: ChartTheme;
  palette: ChartPalette;
  subtitle: string;
}

/** Fills {@link ChartSpecOptions} defaults from the report. */
export function resolveSpecOptions(
  report: ReportJson,
  options: ChartSpecOptions = {},
): ResolvedSpecOptions {
  const language = options.language ?? report.language;
  const theme = options.theme ?? "light";
  return {
    language,
    theme,
    palette: chartPalette(theme),
    subtitle: chartSubtitle(report, language),
  };
}

function header(title: string, subtitle: string, palette: ChartPalette): TitleComponentOption {
  const widthPx = CHART_WIDTH_PX - 2 * SIDE_PX;
  return {
    text: title,
    subtext: subtitle,
    left: SIDE_PX,
    top: 14,
    itemGap: 8,
    textStyle: {
      fontSize: FONT_PX.title,
      lineHeight: FONT_PX.title + 8,
      fontWeight: "bold",
      color: palette.text,
      width: widthPx,
      overflow: "truncate",
    },
    subtextStyle: {
      fontSize: FONT_PX.subtitle,
      color: palette.subtext,
      width: widthPx,
      overflow: "truncate",
    },
  };
}

/**
 * The option parts every chart has: background, font, no animation, header.
 * Spread it first, then add grids, axes and series.
 */
export function baseOption(title: string, resolved: ResolvedSpecOptions): EChartsOption {
  return {
    animation: false,
    backgroundColor: resolved.palette.background,
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: resolved.palette.text },
    title: header(title, resolved.subtitle, resolved.palette),
  };
}

/** Height of a one-line note under a chart. */
export const NOTE_PX = 26;

/**
 * The spec around an option, with its caption. When a label shows U+FFFD for
 * characters no bundled font has, a note under the chart says so, so no name
 * or word is ever garbled silently; `notes` adds more such lines.
 */
export function chartSpec(
  option: EChartsOption,
  heightPx: number,
  title: string,
  resolved: ResolvedSpecOptions,
  notes: readonly string[] = [],
): ChartSpec {
  const lines = hasMissingGlyph(option)
    ? [chartTexts(resolved.language).missingGlyphs, ...notes]
    : notes;
  return {
    option: lines.length > 0 ? withNotes(option, lines, resolved) : option,
    widthPx: CHART_WIDTH_PX,
    heightPx: heightPx + lines.length * NOTE_PX,
    title,
    caption: `${title} — ${resolved.subtitle}`,
  };
}

function hasMissingGlyph(value: unknown): boolean {
  if (typeof value === "string") return value.includes(MISSING_GLYPH);
  if (Array.isArray(value)) return value.some(hasMissingGlyph);
  if (typeof value === "object" && value !== null)
    return Object.values(value).some(hasMissingGlyph);
  return false;
}

/** One line per note under the chart, the first on top. */
function withNotes(
  option: EChartsOption,
  lines: readonly string[],
  resolved: ResolvedSpecOptions,
): EChartsOption {
  const titles = Array.isArray(option.title) ? option.title : option.title ? [option.title] : [];
  const notes = lines.map((text, index): TitleComponentOption => ({
    text,
    right: SIDE_PX,
    bottom: 8 + (lines.length - 1 - index) * NOTE_PX,
    textStyle: { fontSize: FONT_PX.label, fontWeight: "normal", color: resolved.palette.subtext },
  }));
  return { ...option, title: [...titles, ...notes] };
}

/** Shortens a person's or word's label for a bar axis. */
export const MAX_LABEL_CHARS = 24;

/**
 * A bar label: one line (names may hold line breaks), characters without a
 * bundled glyph as U+FFFD, cut to {@link MAX_LABEL_CHARS}.
 */
export function barLabel(text: string): string {
  return truncateLabel(drawableText(text.replace(/\s+/g, " ").trim()), MAX_LABEL_CHARS);
}

/** Space under the last bar or axis. */
export const FOOTER_HEIGHT_PX = 20;
/** Height of a legend row. */
export const LEGEND_HEIGHT_PX = 30;

/** A bold heading above one block of a chart with several (words and phrases, posts and views). */
export function sectionTitle(
  text: string,
  topPx: number,
  palette: ChartPalette,
): TitleComponentOption {
  return {
    text,
    left: SIDE_PX,
    top: topPx,
    textStyle: { fontSize: FONT_PX.subtitle + 2, fontWeight: "bold", color: palette.text },
  };
}
