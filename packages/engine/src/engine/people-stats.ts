/**
 * The report's people figures from the folded parts: active people, newcomers,
 * regulars and people who went quiet per month, active people per week,
 * retention cohorts (from {@link PeoplePart}) and how concentrated the
 * writing is (from the senders' message counts: no state of its own).
 */
import { dayIndexToIso } from "../time/zone-clock.js";
import {
  monthIndexOfDay,
  monthIndexToIso,
  weekIndexOfDay,
  weekIndexToMondayDay,
} from "../time/calendar-index.js";
import {
  activeInMonth,
  activeInWeek,
  lastActiveMonth,
  WEEKS_KEPT,
  type PeoplePart,
  type PersonActivity,
} from "./parts/people-part.js";
import type {
  Concentration,
  PeopleMonth,
  PeopleStats,
  PeopleWeek,
  RetentionCohort,
  TopShare,
} from "./report-json.js";

/** Months before the current one in which a person who went quiet wrote. */
export const QUIET_LOOKBACK_MONTHS = 3;

/**
 * People figures of a report covering local days `firstDay`…`lastDay` (its
 * first and last days with a regular message); `messagesPerWriter` are the
 * people's message counts (senders of kind `user`).
 */
export function peopleStats(
  people: PeoplePart,
  days: { firstDay: number; lastDay: number } | null,
  messagesPerWriter: readonly number[],
): PeopleStats {
  const concentration = concentrationOf(messagesPerWriter);
  if (days === null) return { monthly: [], weekly: [], cohorts: [], concentration };
  const activities = [...people.byPerson.values()];
  const firstMonth = monthIndexOfDay(days.firstDay);
  const lastMonth = monthIndexOfDay(days.lastDay);
  return {
    monthly: monthlyPeople(activities, firstMonth, lastMonth),
    weekly: weeklyPeople(activities, days),
    cohorts: cohorts(activities, lastMonth),
    concentration,
  };
}

function monthlyPeople(
  activities: readonly PersonActivity[],
  firstMonth: number,
  lastMonth: number,
): PeopleMonth[] {
  const count = lastMonth - firstMonth + 1;
  const active = new Array<number>(count).fill(0);
  const newcomers = new Array<number>(count).fill(0);
  const quiet = new Array<number>(count).fill(0);
  for (const activity of activities) {
    newcomers[activity.firstMonth - firstMonth]!++;
    const last = Math.min(lastActiveMonth(activity) + QUIET_LOOKBACK_MONTHS, lastMonth);
    for (let month = activity.firstMonth; month <= last; month++) {
      const index = month - firstMonth;
      if (activeInMonth(activity, month)) active[index]!++;
      else if (wroteInMonthsBefore(activity, month)) quiet[index]!++;
    }
  }
  return active.map((people, index) => ({
    month: monthIndexToIso(firstMonth + index),
    active: people,
    newcomers: newcomers[index]!,
    regulars: people - newcomers[index]!,
    wentQuiet: quiet[index]!,
  }));
}

function wroteInMonthsBefore(activity: PersonActivity, month: number): boolean {
  for (let back = 1; back <= QUIET_LOOKBACK_MONTHS; back++)
    if (activeInMonth(activity, month - back)) return true;
  return false;
}

function weeklyPeople(
  activities: readonly PersonActivity[],
  days: { firstDay: number; lastDay: number },
): PeopleWeek[] {
  const lastWeek = weekIndexOfDay(days.lastDay);
  const firstWeek = Math.max(weekIndexOfDay(days.firstDay), lastWeek - WEEKS_KEPT + 1);
  const weeks: PeopleWeek[] = [];
  for (let week = firstWeek; week <= lastWeek; week++)
    weeks.push({
      week: dayIndexToIso(weekIndexToMondayDay(week)),
      active: activities.filter((activity) => activeInWeek(activity, week)).length,
    });
  return weeks;
}

function cohorts(activities: readonly PersonActivity[], lastMonth: number): RetentionCohort[] {
  const byMonth = new Map<number, number[]>();
  const sizes = new Map<number, number>();
  for (const activity of activities) {
    const start = activity.firstMonth;
    let active = byMonth.get(start);
    if (active === undefined) {
      active = new Array<number>(lastMonth - start + 1).fill(0);
      byMonth.set(start, active);
    }
    sizes.set(start, (sizes.get(start) ?? 0) + 1);
    for (let after = 0; after < active.length; after++)
      if (activeInMonth(activity, start + after)) active[after]!++;
  }
  return [...byMonth]
    .sort((a, b) => a[0] - b[0])
    .map(([month, active]) => {
      const size = sizes.get(month)!;
      return {
        month: monthIndexToIso(month),
        size,
        active,
        shares: active.map((people) => round4(people / size)),
      };
    });
}

/**
 * Shares of the top writers, the Gini coefficient and the writers behind 80 %
 * of the messages; null without writers. Gini over writers x₁ ≤ … ≤ xₙ:
 * G = 2·Σ i·xᵢ / (n·Σ xᵢ) − (n + 1) / n (the mean absolute difference over
 * twice the mean), 0 for one writer.
 */
export function concentrationOf(messagesPerWriter: readonly number[]): Concentration | null {
  const counts = messagesPerWriter.filter((count) => count > 0).sort((a, b) => b - a);
  const writers = counts.length;
  if (writers === 0) return null;
  const messages = counts.reduce((sum, count) => sum + count, 0);
  const prefix = [0];
  for (const count of counts) prefix.push(prefix.at(-1)! + count);
  const top = (people: number): TopShare => ({
    writers: people,
    share: round4(prefix[people]! / messages),
  });
  let weighted = 0;
  // Ascending rank i = writers - index for the descending list.
  counts.forEach((count, index) => (weighted += (writers - index) * count));
  const gini = (2 * weighted) / (writers * messages) - (writers + 1) / writers;
  // Integer test (5·sum ≥ 4·total) so that 80 % is never missed by rounding.
  const writersFor80Percent = prefix.findIndex((sum) => 5 * sum >= 4 * messages);
  return {
    writers,
    messages,
    top1: top(1),
    top10Percent: top(Math.ceil(writers / 10)),
    top50Percent: top(Math.ceil(writers / 2)),
    gini: round4(Math.max(0, gini)),
    writersFor80Percent,
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
