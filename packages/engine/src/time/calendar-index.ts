/**
 * Months and ISO weeks as plain integers, from local day indexes (days since
 * 1970-01-01 in the report's zone): cheap to store in bitmaps and to compare.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Months since 1970-01 (0 = January 1970) of a local day.
 *
 * @example monthIndexOfDay(31) // 1 (1970-02-01)
 */
export function monthIndexOfDay(dayIndex: number): number {
  const date = new Date(dayIndex * MS_PER_DAY);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

/**
 * `YYYY-MM` of a month index.
 *
 * @example monthIndexToIso(12) // "1971-01"
 */
export function monthIndexToIso(monthIndex: number): string {
  const year = 1970 + Math.floor(monthIndex / 12);
  const month = monthIndex - (year - 1970) * 12 + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/**
 * ISO weeks (Monday to Sunday) since the week of Monday 1969-12-29 (week 0) of a local day.
 *
 * @example weekIndexOfDay(0) // 0 (1970-01-01, a Thursday)
 */
export function weekIndexOfDay(dayIndex: number): number {
  // Day -3 (1969-12-29) was a Monday.
  return Math.floor((dayIndex + 3) / 7);
}

/** Day index of the Monday that starts a week index. */
export function weekIndexToMondayDay(weekIndex: number): number {
  return weekIndex * 7 - 3;
}
