import { dayIndexToIso, isoToDayIndex, type ZoneClock } from "../time/zone-clock.js";
import type { DayWindow, WindowFigures } from "./parts/days-part.js";
import type { PeriodComparison, PeriodFigure } from "./report-json.js";
import type { ReportState } from "./report-state.js";

/** Days of the headline comparison of a report without a range. */
export const RECENT_DAYS = 30;

/**
 * The report's period and the one of the same length just before it: with a
 * `from` date, `from` to `to` (or to the last message's day without `to`);
 * without one, the {@link RECENT_DAYS} days ending on the last message's day.
 * Null without a `from` date and without messages.
 *
 * @example comparedWindows(state, clock, { from: "2024-03-08", to: "2024-03-14" })
 * // period 2024-03-08…14, previous 2024-03-01…07
 */
export function comparedWindows(
  state: ReportState,
  clock: ZoneClock,
  filters: { from: string | null; to: string | null },
): { kind: PeriodComparison["kind"]; period: DayWindow; previous: DayWindow } | null {
  const lastUnix = state.totals.lastDateUnix;
  const lastDay = lastUnix === null ? null : clock.localTime(lastUnix).dayIndex;
  const fromDay = filters.from === null ? null : isoToDayIndex(filters.from);
  if (fromDay !== null) {
    const toDay = (filters.to === null ? null : isoToDayIndex(filters.to)) ?? lastDay ?? fromDay;
    const days = Math.max(toDay, fromDay) - fromDay + 1;
    return {
      kind: "range",
      period: { fromDay, toDay: fromDay + days - 1 },
      previous: { fromDay: fromDay - days, toDay: fromDay - 1 },
    };
  }
  if (lastDay === null) return null;
  return {
    kind: "last30Days",
    period: { fromDay: lastDay - RECENT_DAYS + 1, toDay: lastDay },
    previous: { fromDay: lastDay - 2 * RECENT_DAYS + 1, toDay: lastDay - RECENT_DAYS },
  };
}

/** The report's {@link PeriodComparison}, from its days part; null as {@link comparedWindows}. */
export function periodComparison(
  state: ReportState,
  clock: ZoneClock,
  filters: { from: string | null; to: string | null },
): PeriodComparison | null {
  const windows = comparedWindows(state, clock, filters);
  if (windows === null) return null;
  const { kind, period, previous } = windows;
  const now = state.days.figures(period);
  const before = state.days.figures(previous);
  const figure = (name: Exclude<keyof WindowFigures, "newcomers">): PeriodFigure => ({
    value: now[name],
    previous: before[name],
  });
  return {
    kind,
    from: dayIndexToIso(period.fromDay),
    to: dayIndexToIso(period.toDay),
    previousFrom: dayIndexToIso(previous.fromDay),
    previousTo: dayIndexToIso(previous.toDay),
    days: period.toDay - period.fromDay + 1,
    figures: {
      messages: figure("messages"),
      activePeople: figure("activePeople"),
      newcomers:
        now.newcomers === null || before.newcomers === null
          ? null
          : { value: now.newcomers, previous: before.newcomers },
      joins: figure("joins"),
      leaves: figure("leaves"),
    },
  };
}
