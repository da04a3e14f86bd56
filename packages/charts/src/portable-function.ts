/**
 * Functions inside a chart option (axis label formatters) that the HTML report
 * can carry: each is tagged with data describing it, so the option serialises to
 * JSON and the page rebuilds an equal function. A closure alone cannot cross into
 * the page; an untagged function fails serialisation (see `report-html`).
 */
import { formatCompact } from "./format.js";
import type { ChartLanguage } from "./i18n.js";

/** What a portable function computes, as plain data. */
export type PortableFunction =
  /** `(value) => formatCompact(value, language)`. */
  | { kind: "compact"; language: ChartLanguage }
  /** `(index) => labels.has(index)`: which category labels show. */
  | { kind: "hasLabel"; labels: [index: number, text: string][] }
  /** `(value, index) => labels.get(index) ?? ""`: a category label's text. */
  | { kind: "labelAt"; labels: [index: number, text: string][] };

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
