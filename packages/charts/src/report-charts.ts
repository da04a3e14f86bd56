/**
 * The chart album of a report: which charts it has, in which order, under which
 * file names, drawn one after another without holding the event loop between them.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ReportJson } from "@tgstats/engine";
import {
  baseOption,
  chartSpec,
  FONT_PX,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
  type ChartTheme,
} from "./chart-base.js";
import { activePeopleSpec } from "./active-people-spec.js";
import { bestTimeSpec, postViewsSpec } from "./channel-posts-spec.js";
import { channelSpec } from "./channel-spec.js";
import { CHART_FONT_FAMILY } from "./font-files.js";
import { emojiSpec, reactionsSpec } from "./emoji-spec.js";
import { karmaSpec } from "./karma-spec.js";
import { membersSpec } from "./members-spec.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";
import { memberKindsSpec, memberPunchcardSpec } from "./member-card-spec.js";
import { messageKindsSpec } from "./message-kinds-spec.js";
import { punchcardSpec } from "./punchcard-spec.js";
import { retentionSpec } from "./retention-spec.js";
import { renderChart } from "./render-chart.js";
import { replyMatrixSpec } from "./reply-matrix-spec.js";
import { telegramGrowthSpec, telegramSourcesSpec } from "./telegram-stats-spec.js";
import { timelineSpec } from "./timeline-spec.js";
import { topSendersSpec } from "./top-senders-spec.js";
import { wordsSpec } from "./words-spec.js";

/** One picture of the album. */
export interface ReportChart {
  /** File name, numbered in album order, e.g. `01-top-senders.png`. */
  name: string;
  png: Buffer;
  /** One line for the photo's caption (Telegram allows 1024 characters). */
  caption: string;
}

/** Options of {@link renderReportCharts}. */
export interface ReportChartsOptions {
  /** Overrides `report.language`. */
  language?: ChartLanguage;
  theme?: ChartTheme;
  /** Device pixel ratio. Default 2. */
  scale?: number;
  /** Stops between charts. */
  signal?: AbortSignal;
}

/** A chart of the album before drawing. */
export interface PlannedChart {
  name: string;
  spec: ChartSpec;
}

type SpecFunction = (report: ReportJson, options?: ChartSpecOptions) => ChartSpec | null;

/** Album order; each chart is left out when its spec function finds too little data. */
const CHARTS: readonly [slug: string, spec: SpecFunction][] = [
  // A member card's own charts (with a sender filter only) come first, as its text does.
  ["card-punchcard", memberPunchcardSpec],
  ["card-kinds", memberKindsSpec],
  ["top-senders", topSendersSpec],
  ["activity-punchcard", punchcardSpec],
  ["timeline", timelineSpec],
  ["active-people", activePeopleSpec],
  ["retention", retentionSpec],
  ["top-emoji", emojiSpec],
  ["top-reactions", reactionsSpec],
  ["reactions-received", karmaSpec],
  ["top-words", wordsSpec],
  ["message-kinds", messageKindsSpec],
  ["reply-matrix", replyMatrixSpec],
  ["channel", channelSpec],
  ["best-time-to-post", bestTimeSpec],
  ["post-views", postViewsSpec],
  ["members", membersSpec],
  ["telegram-growth", telegramGrowthSpec],
  ["telegram-sources", telegramSourcesSpec],
];

/**
 * The charts a report has enough data for, named in album order; a single
 * "not enough data" chart when it has none. Pure: nothing is drawn.
 */
export function planReportCharts(
  report: ReportJson,
  options: ChartSpecOptions = {},
): PlannedChart[] {
  const specs = CHARTS.flatMap(([slug, spec]) => {
    const result = spec(report, options);
    return result === null ? [] : [{ slug, spec: result }];
  });
  const planned =
    specs.length > 0
      ? specs
      : [{ slug: "not-enough-data", spec: notEnoughDataSpec(report, options) }];
  return planned.map(({ slug, spec }, index) => ({
    name: `${String(index + 1).padStart(2, "0")}-${slug}.png`,
    spec,
  }));
}

/**
 * Renders the album the worker sends and the CLI writes.
 *
 * @example
 * for (const chart of await renderReportCharts(report, { signal })) await writeFile(join(out, chart.name), chart.png);
 */
export async function renderReportCharts(
  report: ReportJson,
  options: ReportChartsOptions = {},
): Promise<ReportChart[]> {
  const { signal, scale = 2, theme = "light" } = options;
  const specOptions: ChartSpecOptions = { language: options.language ?? report.language, theme };
  const pending: Promise<ReportChart>[] = [];
  try {
    for (const { name, spec } of planReportCharts(report, specOptions)) {
      // Draw the next chart while earlier PNGs encode on the thread pool, but keep
      // few canvases alive at once.
      if (pending.length >= MAX_ENCODES_IN_FLIGHT)
        await pending[pending.length - MAX_ENCODES_IN_FLIGHT];
      signal?.throwIfAborted();
      const size = { widthPx: spec.widthPx, heightPx: spec.heightPx, scale, theme };
      pending.push(
        renderChart(spec.option, size).then((png) => ({ name, png, caption: spec.caption })),
      );
      // Let timers, I/O and lock renewals run between two synchronous drawings.
      await yieldToEventLoop();
    }
    signal?.throwIfAborted();
  } catch (error) {
    // Never leave encodes running (or rejecting unobserved) behind a thrown error.
    await Promise.allSettled(pending);
    throw error;
  }
  return Promise.all(pending);
}

/** PNG encodes that may run while the next chart is drawn. */
const MAX_ENCODES_IN_FLIGHT = 2;

const EMPTY_HEIGHT_PX = 280;
const EMPTY_ICON_PX = 48;

/** A centred line of the "not enough data" image; graphic texts need the font set themselves. */
function emptyText(text: string, fontPx: number, topPx: number, color: string) {
  return {
    type: "text" as const,
    left: "center",
    top: topPx,
    style: { text, fontSize: fontPx, fontFamily: CHART_FONT_FAMILY, fill: color },
  };
}

/** The one image sent when no chart has enough data. */
export function notEnoughDataSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec {
  const resolved = resolveSpecOptions(report, options);
  const texts = chartTexts(resolved.language);
  const option = {
    ...baseOption(texts.notEnoughData, resolved),
    graphic: {
      elements: [
        emptyText("📭", EMPTY_ICON_PX, 130, resolved.palette.subtext),
        emptyText(texts.notEnoughDataHint, FONT_PX.subtitle + 2, 200, resolved.palette.subtext),
      ],
    },
  };
  return chartSpec(option, EMPTY_HEIGHT_PX, texts.notEnoughData, resolved);
}
