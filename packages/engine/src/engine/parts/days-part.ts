import type { Message } from "../../model/message.js";
import type { MessageFacts } from "../message-facts.js";
import { memberChanges } from "./membership-part.js";

const MS_PER_DAY = 86_400_000;

/** Serialised {@link DaysPart}. */
export interface DaysJson {
  /** [local day index, regular messages, joins, leaves], days ascending. */
  days: [number, number, number, number][];
  /** Person key (`user123`) → [month index, day mask] pairs, months ascending (see {@link DaysPart}). */
  people: Record<string, [number, number][]>;
  /** True when a message that begins the chat's history was folded (see {@link startsHistory}). */
  fromStart: boolean;
}

/** A span of local days, both ends inclusive. */
export interface DayWindow {
  fromDay: number;
  toDay: number;
}

/** The headline figures of one window of days. */
export interface WindowFigures {
  messages: number;
  /** Distinct people (senders of kind `user`) with a regular message in the window. */
  activePeople: number;
  /** People whose first regular message is in the window; null when the history's start was not read. */
  newcomers: number | null;
  joins: number;
  leaves: number;
}

/**
 * Figures per local day, so that any window of days can be evaluated exactly
 * after merging: per day, regular messages, joins and leaves (counted as
 * {@link MembershipPart} counts them); per person (senders of kind `user`),
 * the days they wrote, as one 31-bit mask per month (bit d − 1 = day d of the
 * month) since 1970-01 in the report's zone.
 *
 * The activity and membership parts count the same days, but only those of
 * the report's period; this part also sees the days before it (the previous
 * period, and people's first messages), which no other figure counts.
 * Merging adds the counts and ORs the masks: exact and associative.
 */
export class DaysPart {
  /** Local day → [messages, joins, leaves]. */
  readonly days = new Map<number, [number, number, number]>();
  /** Person key → month index → day mask. */
  readonly people = new Map<string, Map<number, number>>();
  fromStart = false;
  /** The last folded day's month and bit: most messages fall on the day before them. */
  private recentDay = Number.NaN;
  private recentMonth = 0;
  private recentBit = 0;

  /** Folds one message in (regular or service), at its local day in the report's zone. */
  add({ message, senderKey, local }: MessageFacts): void {
    this.markStart(message);
    const day = local.dayIndex;
    if (message.kind === "service") {
      const { joins, leaves } = memberChanges(message);
      if (joins > 0 || leaves > 0) {
        const counts = this.dayCounts(day);
        counts[1] += joins;
        counts[2] += leaves;
      }
      return;
    }
    if (message.kind === "unsupported") return;
    this.dayCounts(day)[0]++;
    if (senderKey === null || message.sender?.kind !== "user") return;
    if (day !== this.recentDay) {
      const date = new Date(day * MS_PER_DAY);
      this.recentDay = day;
      this.recentMonth = (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
      this.recentBit = 1 << (date.getUTCDate() - 1);
    }
    let months = this.people.get(senderKey);
    if (months === undefined) {
      months = new Map();
      this.people.set(senderKey, months);
    }
    months.set(this.recentMonth, (months.get(this.recentMonth) ?? 0) | this.recentBit);
  }

  /**
   * Notes a message that is not counted (another sender's, under a sender
   * filter) but may show that the history read begins at the chat's start.
   */
  markStart(message: Message): void {
    if (!this.fromStart && startsHistory(message)) this.fromStart = true;
  }

  /** A new part with both inputs' days: counts added, masks ORed. */
  merge(other: DaysPart): DaysPart {
    return DaysPart.mergeAll([this, other]);
  }

  /** {@link merge} of any number of parts at once, each copied once (a chat's cached months). */
  static mergeAll(parts: Iterable<DaysPart>): DaysPart {
    const merged = new DaysPart();
    for (const part of parts) {
      for (const [day, [messages, joins, leaves]] of part.days) {
        const counts = merged.dayCounts(day);
        counts[0] += messages;
        counts[1] += joins;
        counts[2] += leaves;
      }
      for (const [key, months] of part.people) {
        let target = merged.people.get(key);
        if (target === undefined) {
          target = new Map();
          merged.people.set(key, target);
        }
        for (const [month, mask] of months) target.set(month, (target.get(month) ?? 0) | mask);
      }
      merged.fromStart ||= part.fromStart;
    }
    return merged;
  }

  /** {@link merge} for two different chats: newcomers are exact only when both histories are whole. */
  combineChats(other: DaysPart): DaysPart {
    const merged = this.merge(other);
    merged.fromStart = this.fromStart && other.fromStart;
    return merged;
  }

  /** The figures of one window of local days. */
  figures({ fromDay, toDay }: DayWindow): WindowFigures {
    let messages = 0;
    let joins = 0;
    let leaves = 0;
    for (const [day, counts] of this.days)
      if (day >= fromDay && day <= toDay) {
        messages += counts[0];
        joins += counts[1];
        leaves += counts[2];
      }
    const from = dayPosition(fromDay);
    const to = dayPosition(toDay);
    let activePeople = 0;
    let newcomers = 0;
    for (const months of this.people.values()) {
      let first = Number.POSITIVE_INFINITY;
      let active = false;
      for (const [month, mask] of months) {
        if (month < first) first = month;
        if (!active && month >= from.month && month <= to.month)
          active = (mask & windowMask(month, from, to)) !== 0;
      }
      if (active) activePeople++;
      const firstDay = firstDayOf(first, months.get(first) ?? 0);
      if (firstDay >= fromDay && firstDay <= toDay) newcomers++;
    }
    return {
      messages,
      activePeople,
      newcomers: this.fromStart ? newcomers : null,
      joins,
      leaves,
    };
  }

  toJSON(): DaysJson {
    const people: DaysJson["people"] = {};
    for (const key of [...this.people.keys()].sort())
      people[key] = [...this.people.get(key)!].sort((a, b) => a[0] - b[0]);
    return {
      days: [...this.days]
        .sort((a, b) => a[0] - b[0])
        .map(([day, [messages, joins, leaves]]) => [day, messages, joins, leaves]),
      people,
      fromStart: this.fromStart,
    };
  }

  static fromJSON(json: DaysJson): DaysPart {
    const part = new DaysPart();
    for (const [day, messages, joins, leaves] of json.days)
      part.days.set(day, [messages, joins, leaves]);
    for (const [key, months] of Object.entries(json.people)) part.people.set(key, new Map(months));
    part.fromStart = json.fromStart;
    return part;
  }

  private dayCounts(day: number): [number, number, number] {
    let counts = this.days.get(day);
    if (counts === undefined) {
      counts = [0, 0, 0];
      this.days.set(day, counts);
    }
    return counts;
  }
}

/**
 * True for a message that only the beginning of a chat's history holds: its
 * creation (a group's or a channel's) or the message with id 1, the first of
 * a supergroup or channel. Reading one means no one wrote before what was read.
 */
export function startsHistory(message: Message): boolean {
  return message.id === 1 || message.service?.type === "chat_created";
}

/** A local day as month index (since 1970-01) and day of the month (1–31). */
function dayPosition(day: number): { month: number; date: number } {
  const date = new Date(day * MS_PER_DAY);
  return {
    month: (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth(),
    date: date.getUTCDate(),
  };
}

/** The bits of `month` that lie between `from` and `to` (both inclusive). */
function windowMask(
  month: number,
  from: { month: number; date: number },
  to: { month: number; date: number },
): number {
  const low = month === from.month ? from.date - 1 : 0;
  const high = month === to.month ? to.date - 1 : 30;
  // Bits low..high; `>>> 0` keeps bit 30 and below as an unsigned mask.
  return ((2 ** (high + 1) - 1) >>> 0) & ~((2 ** low - 1) >>> 0);
}

/** The local day of the lowest bit of a month's mask. */
function firstDayOf(month: number, mask: number): number {
  if (mask === 0) return Number.POSITIVE_INFINITY;
  const year = 1970 + Math.floor(month / 12);
  const first = Date.UTC(year, month - (year - 1970) * 12, 1) / MS_PER_DAY;
  return first + (31 - Math.clz32(mask & -mask));
}
