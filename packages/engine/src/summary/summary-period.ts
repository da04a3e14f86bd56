import type { PeriodFigure, ReportJson } from "../engine/report-json.js";
import { summaryStrings } from "./summary-strings.js";

/** The change against the previous period as both summaries show it, plain text. */
export interface PeriodChangeSummary {
  /** "Against the previous period" (a range) or "Last 30 days" (the whole history). */
  heading: string;
  /** Which days are compared: "2024-03-08 — 2024-03-14 against 2024-03-01 — 2024-03-07". */
  windows: string;
  /** "Messages: 1,234 (+134, +12%)", then active people, newcomers, joins, leaves. */
  lines: string[];
}

/**
 * The report's headline figures against the previous period, in its
 * language; null when the report has none (no range and no message).
 * Newcomers are left out when unknown (a note says why); joins and leaves
 * when neither period has any.
 *
 * @param formatDate how a `YYYY-MM-DD` day is written (summary.md keeps it as it is)
 * @example periodChangeSummary(report, (day) => day)?.lines[0] // "Messages: 1,234 (+134, +12%)"
 */
export function periodChangeSummary(
  report: ReportJson,
  formatDate: (day: string) => string,
): PeriodChangeSummary | null {
  const period = report.period;
  if (period === null) return null;
  const text = summaryStrings(report.language);
  const { figures } = period;
  const rows: [string, PeriodFigure | null][] = [
    [text.messages, figures.messages],
    [text.changeActivePeople, figures.activePeople],
    [text.changeNewcomers, figures.newcomers],
  ];
  if (
    figures.joins.value + figures.joins.previous + figures.leaves.value + figures.leaves.previous >
    0
  )
    rows.push([text.changeJoins, figures.joins], [text.changeLeaves, figures.leaves]);
  return {
    heading: period.kind === "range" ? text.changeRange : text.changeRecent,
    windows: text.changeWindows(
      formatDate(period.from),
      formatDate(period.to),
      formatDate(period.previousFrom),
      formatDate(period.previousTo),
    ),
    lines: rows.flatMap(([label, figure]) =>
      figure === null ? [] : [`${label}: ${formatChange(figure, report.language)}`],
    ),
  };
}

/**
 * A figure with its change against the previous period: absolute and, when
 * the previous value is not 0, in percent of it (rounded to a whole percent),
 * in the language's number format; a fall is written with U+2212.
 *
 * @example formatChange({ value: 1234, previous: 1100 }, "en") // "1,234 (+134, +12%)"
 * @example formatChange({ value: 5, previous: 0 }, "en") // "5 (+5)"
 */
export function formatChange(figure: PeriodFigure, language: ReportJson["language"]): string {
  const numbers = new Intl.NumberFormat(language);
  const value = numbers.format(figure.value);
  const change = figure.value - figure.previous;
  if (change === 0) return `${value} (${summaryStrings(language).changeNone})`;
  const signed = new Intl.NumberFormat(language, { signDisplay: "exceptZero" });
  const parts = [signed.format(change)];
  if (figure.previous !== 0)
    parts.push(
      new Intl.NumberFormat(language, {
        style: "percent",
        maximumFractionDigits: 0,
        signDisplay: "exceptZero",
      }).format(change / figure.previous),
    );
  return `${value} (${parts.map(withMinusSign).join(", ")})`;
}

/** A typeset minus (U+2212) for the hyphen-minus a number format starts a negative with. */
function withMinusSign(text: string): string {
  return text.replace(/^-/, "−");
}
