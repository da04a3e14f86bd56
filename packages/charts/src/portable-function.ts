/**
 * Functions inside a chart option (axis label formatters) that the HTML report
 * can carry: each is tagged with data describing it, so the option serialises to
 * JSON and the page rebuilds an equal function. A closure alone cannot cross into
 * the page; an untagged function fails serialisation (see `report-html`).
 */
import { formatCompact, formatCount } from "./format.js";
import type { ChartLanguage } from "./i18n.js";

/** What a portable function computes, as plain data. */
export type PortableFunction =
  /** `(value) => formatCompact(value, language)`. */
  | { kind: "compact"; language: ChartLanguage }
  /** `(value) => formatCount(value, language)`. */
  | { kind: "count"; language: ChartLanguage }
  /** A heat map cell's tooltip: "row · column: count" from the axes' labels. */
  | { kind: "cellTooltip"; columns: string[]; rows: string[]; language: ChartLanguage }
  /** `(index, key) => labels.has(key)`: which labels of a time axis show. */
  | { kind: "hasLabel"; labels: [key: string, text: string][] }
  /** `(key) => labels.get(key) ?? ""`: a time axis label's text. */
  | { kind: "labelAt"; labels: [key: string, text: string][] };

const descriptions = new WeakMap<object, PortableFunction>();

/** Tags `fn` with the description the HTML report rebuilds it from; returns `fn`. */
export function portable<F extends (...args: never[]) => unknown>(
  fn: F,
  description: PortableFunction,
): F {
  descriptions.set(fn, description);
  return fn;
}

/** The description a function was tagged with, or undefined. */
export function portableDescription(fn: unknown): PortableFunction | undefined {
  return typeof fn === "function" ? descriptions.get(fn) : undefined;
}

/** An axis formatter writing counts short ("13K"), portable into the HTML report. */
export function compactFormatter(language: ChartLanguage): (value: number) => string {
  return portable((value: number) => formatCompact(value, language), {
    kind: "compact",
    language,
  });
}

/** A formatter writing counts in full ("1,260", at most one decimal), portable into the HTML report. */
export function countFormatter(language: ChartLanguage): (value: number) => string {
  return portable((value: number) => formatCount(value, language), { kind: "count", language });
}

/** The value of a heat map cell as ECharts passes it to a tooltip formatter. */
interface CellParams {
  value?: unknown;
}

/**
 * A heat map's tooltip: "Thu · 16: 200" (row, column, count), portable into
 * the HTML report; the labels are the category axes' own.
 */
export function cellTooltip(
  columns: string[],
  rows: string[],
  language: ChartLanguage,
): (params: CellParams) => string {
  return portable(
    (params: CellParams) => {
      const [column, row, count] = Array.isArray(params.value) ? (params.value as number[]) : [];
      if (column === undefined || row === undefined || count === undefined) return "";
      return `${rows[row] ?? ""} · ${columns[column] ?? ""}: ${formatCount(count, language)}`;
    },
    { kind: "cellTooltip", columns, rows, language },
  );
}
