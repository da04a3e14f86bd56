import type { MessageFacts } from "../message-facts.js";
import { monthIndexOfDay, weekIndexOfDay } from "../../time/calendar-index.js";

/** Weeks each person's week bitmap keeps, ending at their last active week. */
export const WEEKS_KEPT = 53;
const WEEK_MASK = (1n << BigInt(WEEKS_KEPT)) - 1n;

/**
 * When one person wrote, in bitmaps. Months are counted since 1970-01 (0 =
 * January 1970) and weeks since Monday 1969-12-29 (ISO weeks, Monday first),
 * both in the report's zone.
 */
export interface PersonActivity {
  /** Month of the first message. */
  firstMonth: number;
  /** Bit i set ⇔ a message in month `firstMonth + i`. */
  months: bigint;
  /** Week of the last message. */
  lastWeek: number;
  /** Bit i set ⇔ a message in week `lastWeek - i`; only the last {@link WEEKS_KEPT} weeks. */
  weeks: bigint;
  /** Local day (days since 1970-01-01) of the last message: how long a member has been silent. */
  lastDay: number;
}

/** Serialised {@link PersonActivity}: `[firstMonth, months as hex, lastWeek, weeks as hex, lastDay]`. */
export type PersonActivityJson = [number, string, number, string, number];

/** Serialised {@link PeoplePart}: sender key (`user123`) → activity. */
export type PeopleJson = Record<string, PersonActivityJson>;

/** A person's activity while folding: the local day last folded, so repeats that day are free. */
interface FoldingActivity extends PersonActivity {
  recentDay: number;
}

/**
 * Who wrote in which month and week: per person (senders of kind `user`
 * only; channels and anonymous admins posting as the group are not people),
 * a bitmap of active months since their first one and of their last 53
 * weeks, and the day of their last message. Merging ORs the bitmaps (and
 * keeps the later last day), so it is exact and associative, and the
 * state grows by one bit per person and month, not with the messages.
 */
export class PeoplePart {
  readonly byPerson = new Map<string, FoldingActivity>();
  /** The sender and local day folded last: a burst of one person's messages skips the lookup. */
  private recentKey: string | null = null;
  private recentDay = Number.NaN;

  /** Folds one regular message in, at its local day in the report's zone. */
  add({ message, senderKey, local }: MessageFacts): void {
    if (senderKey === null || message.sender?.kind !== "user") return;
    const day = local.dayIndex;
    if (day === this.recentDay && senderKey === this.recentKey) return;
    this.recentKey = senderKey;
    this.recentDay = day;
    const record = this.byPerson.get(senderKey);
    if (record === undefined) {
      this.byPerson.set(senderKey, {
        firstMonth: monthIndexOfDay(day),
        months: 1n,
        lastWeek: weekIndexOfDay(day),
        weeks: 1n,
        lastDay: day,
        recentDay: day,
      });
      return;
    }
    if (record.recentDay === day) return;
    record.recentDay = day;
    const joined = joinActivity(record, {
      firstMonth: monthIndexOfDay(day),
      months: 1n,
      lastWeek: weekIndexOfDay(day),
      weeks: 1n,
      lastDay: day,
    });
    Object.assign(record, joined);
  }

  /** A new part with both inputs' people; bitmaps are ORed. */
  merge(other: PeoplePart): PeoplePart {
    const merged = new PeoplePart();
    for (const part of [this, other])
      for (const [key, activity] of part.byPerson) {
        const existing = merged.byPerson.get(key);
        merged.byPerson.set(key, {
          ...(existing === undefined ? copyActivity(activity) : joinActivity(existing, activity)),
          recentDay: Number.NaN,
        });
      }
    return merged;
  }

  toJSON(): PeopleJson {
    const json: PeopleJson = {};
    for (const [key, { firstMonth, months, lastWeek, weeks, lastDay }] of this.byPerson)
      json[key] = [firstMonth, months.toString(16), lastWeek, weeks.toString(16), lastDay];
    return json;
  }

  static fromJSON(json: PeopleJson): PeoplePart {
    const part = new PeoplePart();
    for (const [key, [firstMonth, months, lastWeek, weeks, lastDay]] of Object.entries(json))
      part.byPerson.set(key, {
        firstMonth,
        months: BigInt(`0x${months}`),
        lastWeek,
        weeks: BigInt(`0x${weeks}`) & WEEK_MASK,
        lastDay,
        recentDay: Number.NaN,
      });
    return part;
  }
}

/** True when the person wrote in `month` (months since 1970-01). */
export function activeInMonth(activity: PersonActivity, month: number): boolean {
  const bit = month - activity.firstMonth;
  return bit >= 0 && ((activity.months >> BigInt(bit)) & 1n) === 1n;
}

/**
 * True when the person wrote in `week` (weeks since 1969-12-29); false for a
 * week more than {@link WEEKS_KEPT} - 1 weeks before their last one (not kept).
 */
export function activeInWeek(activity: PersonActivity, week: number): boolean {
  const bit = activity.lastWeek - week;
  return bit >= 0 && bit < WEEKS_KEPT && ((activity.weeks >> BigInt(bit)) & 1n) === 1n;
}

/** The month of the person's last message. */
export function lastActiveMonth(activity: PersonActivity): number {
  return activity.firstMonth + activity.months.toString(2).length - 1;
}

function copyActivity({
  firstMonth,
  months,
  lastWeek,
  weeks,
  lastDay,
}: PersonActivity): PersonActivity {
  return { firstMonth, months, lastWeek, weeks, lastDay };
}

/** Both activities ORed, aligned on the earlier first month and the later last week. */
function joinActivity(a: PersonActivity, b: PersonActivity): PersonActivity {
  const firstMonth = Math.min(a.firstMonth, b.firstMonth);
  const lastWeek = Math.max(a.lastWeek, b.lastWeek);
  return {
    firstMonth,
    months:
      (a.months << BigInt(a.firstMonth - firstMonth)) |
      (b.months << BigInt(b.firstMonth - firstMonth)),
    lastWeek,
    weeks: (alignWeeks(a, lastWeek) | alignWeeks(b, lastWeek)) & WEEK_MASK,
    lastDay: Math.max(a.lastDay, b.lastDay),
  };
}

/** The week bitmap re-anchored at a later last week (weeks too old to keep drop out). */
function alignWeeks(activity: PersonActivity, lastWeek: number): bigint {
  const shift = lastWeek - activity.lastWeek;
  return shift >= WEEKS_KEPT ? 0n : activity.weeks << BigInt(shift);
}
