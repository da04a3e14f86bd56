/**
 * Locale-aware text for charts: numbers, dates, the covered period, label
 * truncation. Everything goes through `Intl`, so "9 120" in Russian uses
 * whatever separator the runtime's ICU data prescribes (U+00A0 on Node 20).
 */
import type { ReportJson } from "@tgstats/engine";
import { cutText } from "@tgstats/engine";
import { drawableText } from "./glyph-coverage.js";
import { chartTexts, type ChartLanguage } from "./i18n.js";

const LOCALES: Record<ChartLanguage, string> = { en: "en-US", ru: "ru-RU" };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(
  language: ChartLanguage,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A count with the locale's grouping, at most one decimal.
 *
 * @example formatCount(9120, "en") // "9,120"; in "ru" "9\u00A0120"
 */
export function formatCount(value: number, language: ChartLanguage): string {
  return numberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

/**
 * A short number for axis ticks.
 *
 * @example formatCompact(12_500, "en") // "13K"; in "ru" "13\u00A0тыс."
 */
export function formatCompact(value: number, language: ChartLanguage): string {
  return numberFormat(language, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/**
 * Cuts `text` to at most `maxChars` characters (grapheme clusters, so an emoji
 * or a flag is never split), ending with "…" when cut.
 *
 * @example truncateLabel("Alexandra Konstantinopolskaya", 10) // "Alexandra…"
 */
export function truncateLabel(text: string, maxChars: number): string {
  return cutText(text, { maxChars, maxUtf16Units: Number.POSITIVE_INFINITY });
}

/** Milliseconds of midnight UTC of a local `YYYY-MM-DD…` date (the time part is ignored). */
function localDateMs(isoDate: string): number {
  return Date.UTC(
    Number(isoDate.slice(0, 4)),
    Number(isoDate.slice(5, 7)) - 1,
    Number(isoDate.slice(8, 10)),
  );
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a local calendar date (`YYYY-MM-DD`, or an ISO timestamp whose date
 * part is already local) in the language, e.g. `{ month: "short", year: "numeric" }`.
 */
export function formatLocalDate(
  isoDate: string,
  language: ChartLanguage,
  options: Intl.DateTimeFormatOptions,
): string {
  return dateFormat(language, options).format(localDateMs(isoDate));
}

function dateFormat(
  language: ChartLanguage,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    // The dates are local already: formatting them as UTC keeps them unchanged.
    format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: "UTC" });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * The period a report covers, from its first to its last message date, or null
 * for a report without messages.
 *
 * @example formatPeriod("2024-03-01T09:15:00+03:00", "2024-12-31T23:00:00+03:00", "en") // "Mar 1 – Dec 31, 2024"
 */
export function formatPeriod(
  firstDate: string | null,
  lastDate: string | null,
  language: ChartLanguage,
): string | null {
  if (firstDate === null || lastDate === null) return null;
  const format = dateFormat(language, { day: "numeric", month: "short", year: "numeric" });
  const first = localDateMs(firstDate);
  const last = localDateMs(lastDate);
  return first === last ? format.format(first) : format.formatRange(first, last);
}

/** Longest chat name shown in a subtitle, in characters. */
const MAX_CHAT_NAME_CHARS = 40;

/**
 * The subtitle every chart carries: the chat's name and the period covered.
 *
 * @example chartSubtitle(report, "en") // "Family chat · Mar 1 – Dec 31, 2024"
 */
export function chartSubtitle(report: ReportJson, language: ChartLanguage): string {
  const name = truncateLabel(
    drawableText(report.chat.name ?? chartTexts(language).untitledChat),
    MAX_CHAT_NAME_CHARS,
  );
  const period = formatPeriod(report.totals.firstDate, report.totals.lastDate, language);
  return period === null ? name : `${name} · ${period}`;
}
