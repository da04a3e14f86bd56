/**
 * When messages happen: a per-day budget (growth, fade, seasons, quiet days and
 * spikes, weekly rhythm) and, inside a day, conversations ("sessions") that
 * start by an hour-of-day profile and run as bursts of quick replies.
 */

import type { Prng } from "./prng.js";

/** Relative activity by local hour on a working day (evening peak, dead at 3–5). */
const WORKDAY_HOURS = [
  0.3, 0.14, 0.06, 0.03, 0.03, 0.06, 0.2, 0.5, 0.85, 1.0, 1.05, 1.1, 1.25, 1.25, 1.1, 1.05, 1.1,
  1.2, 1.35, 1.55, 1.75, 1.8, 1.5, 0.85,
];

/** Relative activity by local hour on a weekend day (late start, busy night). */
const WEEKEND_HOURS = [
  0.7, 0.5, 0.3, 0.14, 0.06, 0.04, 0.05, 0.12, 0.3, 0.55, 0.8, 1.0, 1.15, 1.2, 1.2, 1.15, 1.1, 1.15,
  1.25, 1.4, 1.55, 1.6, 1.45, 1.1,
];

/** Relative volume by weekday, Monday first. */
const WEEKDAY_VOLUME = [1.0, 1.06, 1.04, 1.0, 0.93, 0.72, 0.75];

/** Hour-of-day weights for a weekday (0 = Monday). Friday evening runs late. */
function hourWeights(weekday: number): readonly number[] {
  if (weekday === 5 || weekday === 6) return WEEKEND_HOURS;
  if (weekday !== 4) return WORKDAY_HOURS;
  return WORKDAY_HOURS.map((weight, hour) => (hour >= 19 ? weight * 1.2 : weight));
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** Life curve of a chat over its history, `x` in [0, 1]: slow start, growth, late fade. */
function lifeCurve(x: number): number {
  const growth = 1 / (1 + Math.exp(-(x - 0.18) * 14));
  const fade = 1 - 0.5 * smoothstep(0.62, 1, x);
  return 0.06 + growth * fade;
}

/** Summer dip: chats are quieter in July and August. */
function seasonFactor(dayIndex: number): number {
  const dayOfYear = dayIndex % 365.2425;
  return 1 - 0.12 * (1 + Math.cos((2 * Math.PI * (dayOfYear - 205)) / 365.2425));
}

/**
 * How many messages fall on each day: expected volume times noise, then
 * apportioned by largest remainder so the counts add up to exactly `total`.
 *
 * @param firstDayIndex local day index of the first day (days since 1970-01-01).
 * @returns one count per day.
 */
export function planDailyCounts(
  total: number,
  firstDayIndex: number,
  spanDays: number,
  prng: Prng,
): Int32Array {
  const weights = new Float64Array(spanDays);
  let sum = 0;
  for (let day = 0; day < spanDays; day++) {
    const dayIndex = firstDayIndex + day;
    const weekday = (((dayIndex + 3) % 7) + 7) % 7;
    let weight = lifeCurve(spanDays === 1 ? 0.5 : day / (spanDays - 1));
    weight *= WEEKDAY_VOLUME[weekday]! * seasonFactor(dayIndex);
    weight *= Math.exp(0.35 * prng.normal());
    if (prng.chance(0.015)) weight *= 2 + 3 * prng.next(); // something happened
    if (prng.chance(0.03)) weight *= 0.2; // everyone is away
    weights[day] = weight;
    sum += weight;
  }
  const counts = new Int32Array(spanDays);
  const remainders: { day: number; fraction: number }[] = [];
  let assigned = 0;
  for (let day = 0; day < spanDays; day++) {
    const exact = (total * weights[day]!) / sum;
    counts[day] = Math.floor(exact);
    assigned += counts[day]!;
    remainders.push({ day, fraction: exact - Math.floor(exact) });
  }
  remainders.sort((a, b) => b.fraction - a.fraction || a.day - b.day);
  for (let i = 0; i < total - assigned; i++) counts[remainders[i % spanDays]!.day]! += 1;
  return counts;
}

/** The moments of one day's messages and the conversation each belongs to. */
export interface DaySchedule {
  /** Unix seconds, non-decreasing, one per message. */
  times: number[];
  /** Conversation of each message, numbered from 0 within the day; conversations interleave. */
  sessions: number[];
  /** Number of conversations that day. */
  sessionCount: number;
}

/**
 * Lays out `count` messages of one local day as conversations that start by the
 * hour-of-day profile and run as bursts; busy days overlap them, as in real groups.
 *
 * @param dayStartUnix unix seconds of local midnight.
 * @param weekday 0 = Monday.
 * @param notBeforeUnix the previous message's time: output never goes back before it.
 */
export function scheduleDay(
  count: number,
  dayStartUnix: number,
  weekday: number,
  notBeforeUnix: number,
  prng: Prng,
): DaySchedule {
  const hours = hourWeights(weekday);
  const events: { time: number; session: number }[] = [];
  let sessionCount = 0;
  for (let left = count; left > 0; sessionCount++) {
    const size = Math.min(left, 1 + Math.floor(prng.logNormal(4, 0.9)));
    let time = dayStartUnix + sampleSecondOfDay(hours, prng);
    for (let i = 0; i < size; i++) {
      // Quick back-and-forth: a median of ~35 s between messages, sometimes minutes.
      if (i > 0) time += 1 + Math.floor(prng.logNormal(35, 1.1));
      events.push({ time, session: sessionCount });
    }
    left -= size;
  }
  events.sort((a, b) => a.time - b.time || a.session - b.session);
  const schedule: DaySchedule = { times: [], sessions: [], sessionCount };
  let previous = notBeforeUnix;
  for (const event of events) {
    // A late conversation may run past midnight into the next day's first messages.
    previous = Math.max(previous, event.time);
    schedule.times.push(previous);
    schedule.sessions.push(event.session);
  }
  return schedule;
}

function sampleSecondOfDay(hours: readonly number[], prng: Prng): number {
  let total = 0;
  for (const weight of hours) total += weight;
  let target = prng.next() * total;
  for (let hour = 0; hour < hours.length; hour++) {
    target -= hours[hour]!;
    if (target < 0) return hour * 3600 + Math.floor(prng.next() * 3600);
  }
  return 23 * 3600 + Math.floor(prng.next() * 3600);
}
