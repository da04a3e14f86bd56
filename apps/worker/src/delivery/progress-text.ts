import { deliveryTexts, type DeliveryLanguage } from "./delivery-texts.js";

/** How far reading the history got. */
export interface ProgressFigures {
  fetched: number;
  total: number;
}

/**
 * Seconds left at the rate observed since the first update, or null while
 * there is no rate yet (first update, nothing fetched since) or nothing is left.
 */
export function estimateSecondsLeft(
  progress: ProgressFigures,
  first: { atMs: number; fetched: number },
  nowMs: number,
): number | null {
  const left = progress.total - progress.fetched;
  const elapsedMs = nowMs - first.atMs;
  const done = progress.fetched - first.fetched;
  if (left <= 0 || elapsedMs <= 0 || done <= 0) return null;
  return (left / done) * (elapsedMs / 1000);
}

/**
 * The progress line in a language.
 *
 * @example formatProgressText({ fetched: 12_300, total: 48_000 }, 180, "en") // "Reading history: 12,300 / 48,000 (25%), about 3 min left"
 */
export function formatProgressText(
  progress: ProgressFigures,
  etaSeconds: number | null,
  language: DeliveryLanguage,
): string {
  const texts = deliveryTexts(language);
  if (progress.total <= 0) return texts.readingStarted;
  const numbers = new Intl.NumberFormat(texts.locale);
  const percent = new Intl.NumberFormat(texts.locale, {
    style: "percent",
    maximumFractionDigits: 0,
  });
  // Floor, so 100 % means done.
  const share = Math.min(100, Math.floor((progress.fetched * 100) / progress.total)) / 100;
  const line = texts.readingProgress(
    numbers.format(progress.fetched),
    numbers.format(progress.total),
    percent.format(share),
  );
  return etaSeconds === null ? line : `${line}, ${formatEta(etaSeconds, language)}`;
}

/**
 * Time left in words: under a minute, whole minutes, or hours and minutes.
 *
 * @example formatEta(4_850, "en") // "about 1 h 21 min left"
 */
export function formatEta(seconds: number, language: DeliveryLanguage): string {
  const texts = deliveryTexts(language);
  if (seconds < 60) return texts.etaUnderMinute;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return texts.etaMinutes(String(minutes));
  return texts.etaHours(String(Math.floor(minutes / 60)), String(minutes % 60));
}
