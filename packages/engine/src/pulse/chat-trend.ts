/**
 * Whether a chat is rising, steady, fading or has gone quiet: its last
 * {@link RECENT_MONTHS} months against the {@link BASELINE_MONTHS} before them,
 * compared as messages per month.
 */

/** Months that make "lately". */
export const RECENT_MONTHS = 3;
/** Months before them that make "usually". */
export const BASELINE_MONTHS = 12;
/** A monthly rate this many times the usual one (or more) is rising; its inverse (or less) is fading. */
export const TREND_FACTOR = 1.5;

/**
 * A chat's trend class:
 * - `rising`: messages per month lately ≥ 1.5 × usual;
 * - `fading`: lately ≤ usual / 1.5, but not 0;
 * - `steady`: in between;
 * - `new`: messages lately, none in the 12 months before;
 * - `gone-quiet`: none lately, some in the 12 months before;
 * - `silent`: none in all 15 months.
 */
export type ChatTrend = "rising" | "steady" | "fading" | "new" | "gone-quiet" | "silent";

/** Trend classes in the order a list shows them: the living first, the silent last. */
export const TREND_ORDER: readonly ChatTrend[] = [
  "rising",
  "new",
  "steady",
  "fading",
  "gone-quiet",
  "silent",
];

/**
 * The trend of a monthly series that ends with the latest month.
 *
 * @param monthly messages per month, oldest first; months before the series count as 0
 * @example
 * // 12 months of 10, then 3 months of 20: 20/month against 10/month
 * chatTrend([...Array(12).fill(10), 20, 20, 20]); // "rising"
 */
export function chatTrend(monthly: readonly number[]): ChatTrend {
  const recent = sumOf(monthly.slice(-RECENT_MONTHS));
  const baseline = sumOf(
    monthly.slice(
      Math.max(0, monthly.length - RECENT_MONTHS - BASELINE_MONTHS),
      Math.max(0, monthly.length - RECENT_MONTHS),
    ),
  );
  if (recent === 0) return baseline === 0 ? "silent" : "gone-quiet";
  if (baseline === 0) return "new";
  // Rates compared in whole numbers, with TREND_FACTOR = 3/2:
  // recent/R ≥ 3/2 · baseline/B ⇔ 2·recent·B ≥ 3·baseline·R, and the inverse for fading.
  const lately = recent * BASELINE_MONTHS;
  const usually = baseline * RECENT_MONTHS;
  if (2 * lately >= 3 * usually) return "rising";
  if (3 * lately <= 2 * usually) return "fading";
  return "steady";
}

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}
