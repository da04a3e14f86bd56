/**
 * The first look at a large chat: figures counted without reading its
 * history (history positions at dates, per-person search counts), sent while
 * the full read runs. Pure: the worker asks Telegram and passes the answers in.
 */
import { dayIndexToIso } from "../time/zone-clock.js";
import { monthIndexOfDay, monthIndexToIso } from "../time/calendar-index.js";

/** Month bars of a first look at most: its positions must fit one flood window of requests. */
export const FIRST_LOOK_MAX_MONTHS = 12;
/** Top writers shown. */
export const FIRST_LOOK_TOP_WRITERS = 10;
/**
 * Days whose activity a first look shows, ending with the period's last day:
 * a position per day, so with the 12 month bars they fit one flood window of 30.
 */
export const FIRST_LOOK_ACTIVE_DAYS = 14;

const MS_PER_DAY = 86_400_000;

/** One bar of the first look: the days of a month inside the period (inclusive local day indexes). */
export interface FirstLookSegment {
  month: string;
  fromDay: number;
  toDay: number;
}

/** What a first look counts: its period's days and month bars, oldest first. */
export interface FirstLookPlan {
  /** First and last local day of the period (inclusive). */
  fromDay: number;
  toDay: number;
  /** The month bars: the period's months, the last {@link FIRST_LOOK_MAX_MONTHS} of them. */
  segments: FirstLookSegment[];
  /** First of the days whose activity is shown: the last {@link FIRST_LOOK_ACTIVE_DAYS} of the period, or all of a shorter one. */
  activeFromDay: number;
}

/**
 * The period of a first look and its month bars: the report's range cut at
 * today, or without a start the 12 months ending with the range's last month
 * (the current month's first day 11 months back to today when no range).
 * A period longer than 12 months shows its last 12 months as bars (its total
 * still covers all of it). Null when the range lies wholly after today.
 *
 * @example firstLookPlan({ fromDate: "2026-01-20", toDate: null }, isoToDayIndex("2026-03-05")!)
 * // { fromDay: 2026-01-20, toDay: 2026-03-05, segments: 01-20…01-31, 02-01…02-28, 03-01…03-05 }
 */
export function firstLookPlan(
  range: { fromDay: number | null; toDay: number | null },
  todayDay: number,
): FirstLookPlan | null {
  const toDay = Math.min(range.toDay ?? todayDay, todayDay);
  const fromDay =
    range.fromDay ?? monthFirstDay(monthIndexOfDay(toDay) - (FIRST_LOOK_MAX_MONTHS - 1));
  if (fromDay > toDay) return null;
  const segments: FirstLookSegment[] = [];
  for (let month = monthIndexOfDay(fromDay); month <= monthIndexOfDay(toDay); month++)
    segments.push({
      month: monthIndexToIso(month),
      fromDay: Math.max(fromDay, monthFirstDay(month)),
      toDay: Math.min(toDay, monthFirstDay(month + 1) - 1),
    });
  return {
    fromDay,
    toDay,
    segments: segments.slice(-FIRST_LOOK_MAX_MONTHS),
    activeFromDay: Math.max(fromDay, toDay - FIRST_LOOK_ACTIVE_DAYS + 1),
  };
}

/**
 * The local days at whose first second the history's position is needed,
 * ascending: the period's start, each bar's start, each of the active days
 * shown, and the day after the period (its end).
 */
export function firstLookPositionDays(plan: FirstLookPlan): number[] {
  const days = new Set([plan.fromDay, ...plan.segments.map((segment) => segment.fromDay)]);
  for (let day = plan.activeFromDay; day <= plan.toDay + 1; day++) days.add(day);
  return [...days].sort((a, b) => a - b);
}

/** A person counted for the first look. */
export interface FirstLookWriter {
  id: number;
  name: string;
  /** Messages they sent in the period (search count: service records not included). */
  messages: number;
}

/** The first look as sent: every figure defined in README.md ("First look"). */
export interface FirstLookJson {
  chat: { name: string | null };
  timeZone: string;
  period: { from: string; to: string };
  /** History records dated in the period (service records included, deleted messages not). */
  messages: number;
  /** Per month bar: history records dated in it, as `messages`. */
  months: { month: string; from: string; to: string; messages: number }[];
  /** Of the period's last days (`days` of them, `from` … `to`), those with a history record dated in them. */
  activeDays: { from: string; to: string; days: number; active: number };
  /** The people with the most messages in the period, among those asked; at most 10, none with 0. */
  topWriters: FirstLookWriter[];
  /** People whose messages were counted (one search each). */
  peopleAsked: number;
  /** Messages the full read still has to read, and about how long it takes. */
  toRead: { messages: number; minutes: number };
}

/** What {@link firstLookJson} is built from. */
export interface FirstLookInput {
  chat: { name: string | null };
  timeZone: string;
  plan: FirstLookPlan;
  /** History records dated before each position day's first second (see {@link firstLookPositionDays}). */
  before: ReadonlyMap<number, number>;
  /** Everyone asked, with their counts. */
  writers: readonly FirstLookWriter[];
  toRead: { messages: number; minutes: number };
}

/**
 * The first look's figures from the positions and counts the worker asked:
 * a span's messages are `before(end) − before(start)`; writers ranked by
 * messages, then by id, the top 10 with at least one message.
 *
 * @throws {Error} when a position the plan needs is missing
 */
export function firstLookJson(input: FirstLookInput): FirstLookJson {
  const { plan, before } = input;
  const at = (day: number): number => {
    const value = before.get(day);
    if (value === undefined) throw new Error(`The first look needs the position of day ${day}.`);
    return value;
  };
  const span = (fromDay: number, toDay: number) => Math.max(0, at(toDay + 1) - at(fromDay));
  const topWriters = input.writers
    .filter((writer) => writer.messages > 0)
    .sort((a, b) => b.messages - a.messages || a.id - b.id)
    .slice(0, FIRST_LOOK_TOP_WRITERS);
  return {
    chat: input.chat,
    timeZone: input.timeZone,
    period: { from: dayIndexToIso(plan.fromDay), to: dayIndexToIso(plan.toDay) },
    messages: span(plan.fromDay, plan.toDay),
    months: plan.segments.map((segment) => ({
      month: segment.month,
      from: dayIndexToIso(segment.fromDay),
      to: dayIndexToIso(segment.toDay),
      messages: span(segment.fromDay, segment.toDay),
    })),
    activeDays: activeDays(plan, span),
    topWriters: topWriters.map((writer) => ({ ...writer })),
    peopleAsked: input.writers.length,
    toRead: input.toRead,
  };
}

/** The period's last days and how many of them have a record, from the day positions. */
function activeDays(
  plan: FirstLookPlan,
  span: (fromDay: number, toDay: number) => number,
): FirstLookJson["activeDays"] {
  let active = 0;
  for (let day = plan.activeFromDay; day <= plan.toDay; day++) if (span(day, day) > 0) active++;
  return {
    from: dayIndexToIso(plan.activeFromDay),
    to: dayIndexToIso(plan.toDay),
    days: plan.toDay - plan.activeFromDay + 1,
    active,
  };
}

/** First day (day index) of a month index. */
function monthFirstDay(monthIndex: number): number {
  const year = 1970 + Math.floor(monthIndex / 12);
  return Date.UTC(year, monthIndex - (year - 1970) * 12, 1) / MS_PER_DAY;
}
