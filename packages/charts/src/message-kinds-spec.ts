/**
 * What the chat's messages carry: text, photos, videos, voice, stickers…, as
 * horizontal bars from the report's `totals.byKind`.
 */
import type { ReportJson } from "@tgstats/engine";
import type { BarRow } from "./bar-rows.js";
import {
  barLabel,
  resolveSpecOptions,
  type ChartSpec,
  type ChartSpecOptions,
} from "./chart-base.js";
import { formatCount } from "./format.js";
import { chartTexts } from "./i18n.js";
import { singleBarChart } from "./single-bar-chart.js";

const ROW_PX = 30;

/**
 * Messages by kind, most first; null when the messages are of fewer than two
 * kinds (one bar says nothing a total does not).
 *
 * @example messageKindsSpec(report, { language: "ru" })?.option
 */
export function messageKindsSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const texts = chartTexts(resolved.language);
  const kinds = Object.entries(report.totals.byKind)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (kinds.length < 2) return null;
  const rows: BarRow[] = kinds.map(([kind, count]) => ({
    label: barLabel(texts.messageKind(kind)),
    value: count,
    valueText: formatCount(count, resolved.language),
    group: 0,
  }));
  return singleBarChart(texts.messageKinds, rows, ROW_PX, resolved);
}
