/**
 * Reactions received per person (a "karma"): who the chat reacts to most,
 * one bar each. Reactions per message stay in the summaries: beside the
 * longest bar a second figure would run out of the picture.
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

/** Most people the chart shows (the report lists at most 10). */
export const MAX_KARMA_PEOPLE = 10;
const ROW_PX = 30;

/**
 * Horizontal bars of reactions received per person, most first; null when
 * fewer than two people received any.
 *
 * @example karmaSpec(report, { theme: "dark" })?.option
 */
export function karmaSpec(report: ReportJson, options?: ChartSpecOptions): ChartSpec | null {
  const resolved = resolveSpecOptions(report, options);
  const texts = chartTexts(resolved.language);
  const people = report.reactionsReceived.karma
    .filter((person) => person.received > 0)
    .slice(0, MAX_KARMA_PEOPLE);
  if (people.length < 2) return null;
  const rows: BarRow[] = people.map((person) => ({
    label: barLabel(person.name ?? texts.deletedAccount),
    value: person.received,
    valueText: formatCount(person.received, resolved.language),
    group: 0,
  }));
  return singleBarChart(texts.reactionsReceived, rows, ROW_PX, resolved);
}
