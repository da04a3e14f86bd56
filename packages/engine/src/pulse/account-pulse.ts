import { isRegularMessage, type Message } from "../model/message.js";
import { monthIndexOfDay, monthIndexToIso } from "../time/calendar-index.js";
import type { ZoneClock } from "../time/zone-clock.js";
import {
  BASELINE_MONTHS,
  chatTrend,
  RECENT_MONTHS,
  TREND_FACTOR,
  TREND_ORDER,
  type ChatTrend,
} from "./chat-trend.js";

/**
 * The first second of each of `months` local months ending with `lastMonth`
 * (month indexes since 1970-01), oldest first: the period starts of a pulse
 * counted over MTProto.
 */
export function monthStartsUnix(clock: ZoneClock, lastMonth: number, months: number): number[] {
  return monthRange(lastMonth - months + 1, lastMonth).map((month) => {
    const year = 1970 + Math.floor(month / 12);
    const day = Date.UTC(year, month - (year - 1970) * 12, 1) / MS_PER_DAY;
    return clock.dayStartUnix(day);
  });
}

const MS_PER_DAY = 86_400_000;

/** Months a pulse shows unless told otherwise. */
export const DEFAULT_PULSE_MONTHS = 24;

/** One chat's messages per local month: all of them, and the account owner's. */
export class ChatTally {
  /** Month index (since 1970-01) → messages. */
  readonly monthly = new Map<number, number>();
  /** Month index → messages sent by the account owner. */
  readonly ownMonthly = new Map<number, number>();
  total = 0;
  /** False once a month was counted without the owner's share (a channel's posts are no one's own). */
  ownCounted = true;

  /**
   * @param info the chat
   * @param left true for a chat the account has left
   */
  constructor(
    readonly info: { id: number; name: string | null; type: string },
    readonly left = false,
  ) {}

  /** Counts `messages` in `month` (a month index), `own` of them by the owner (null: not known). */
  count(month: number, messages = 1, own: number | null = 0): void {
    if (messages > 0) this.monthly.set(month, (this.monthly.get(month) ?? 0) + messages);
    if (own === null) this.ownCounted = false;
    else if (own > 0) this.ownMonthly.set(month, (this.ownMonthly.get(month) ?? 0) + own);
    this.total += messages;
  }

  /**
   * Counts a message of an export in its local month; service messages are
   * not counted.
   */
  countMessage(message: Message, clock: ZoneClock, ownerId: number | null): void {
    if (!isRegularMessage(message)) return;
    const month = monthIndexOfDay(clock.localTime(message.dateUnix).dayIndex);
    const sender = message.sender;
    this.count(month, 1, sender?.kind === "user" && sender.id === ownerId ? 1 : 0);
  }

  /** The latest month with a message, or null. */
  lastMonth(): number | null {
    let last: number | null = null;
    for (const month of this.monthly.keys()) if (last === null || month > last) last = month;
    return last;
  }
}

/** A chat in the pulse. */
export interface PulseChat {
  id: number;
  name: string | null;
  /** The export's chat type (`private_supergroup`, `personal_chat`, …). */
  type: string;
  /** True for a chat the account has left (`left_chats`). */
  left: boolean;
  /** Regular messages, all time. */
  total: number;
  /** Regular messages in the shown months. */
  messages: number;
  /** Of those, sent by the account owner; null when the owner is unknown or not counted (channels over MTProto). */
  own: number | null;
  /** `own / messages`, null without messages or owner. */
  ownShare: number | null;
  /** Messages per shown month, oldest first, aligned with {@link PulseJson.months}. */
  monthly: number[];
  trend: ChatTrend;
}

/** The account's chats at a glance: `tgstats pulse`'s JSON. */
export interface PulseJson {
  version: 1;
  timezone: string;
  /** The shown months, oldest first (`YYYY-MM`), ending with the latest month with a message. */
  months: string[];
  /** The account owner's user id (`personal_information.user_id`), null when the export has none. */
  ownerId: number | null;
  /** The trend rule: the last `recentMonths` against the `baselineMonths` before, by `factor`. */
  trendRule: { recentMonths: number; baselineMonths: number; factor: number };
  /** Chats with at least one regular message, living first (see {@link TREND_ORDER}), then most messages in the shown months. */
  chats: PulseChat[];
}

/** Options of {@link toPulseJson}. */
export interface PulseJsonOptions {
  /** Months shown (default {@link DEFAULT_PULSE_MONTHS}). */
  months?: number;
  /** The zone as the user wrote it. */
  timeZoneName: string;
  /** The last month shown and judged (a month index); default: the latest month with a message. */
  lastMonth?: number;
  ownerId: number | null;
}

/**
 * The pulse of an account's chats: messages per chat per month over the last
 * months, each chat's trend and the owner's share.
 *
 * @example
 * const json = toPulseJson(tallies, { months: 24, timeZoneName: "UTC", ownerId: 42 });
 */
export function toPulseJson(tallies: readonly ChatTally[], options: PulseJsonOptions): PulseJson {
  const counted = tallies.filter((tally) => tally.total > 0);
  const last = options.lastMonth ?? Math.max(...counted.map((tally) => tally.lastMonth() ?? 0));
  const shown = options.months ?? DEFAULT_PULSE_MONTHS;
  const months =
    counted.length === 0 && options.lastMonth === undefined
      ? []
      : monthRange(last - shown + 1, last);
  const chats = counted.map((tally) => pulseChat(tally, months, last, options.ownerId));
  chats.sort(
    (a, b) =>
      TREND_ORDER.indexOf(a.trend) - TREND_ORDER.indexOf(b.trend) ||
      b.messages - a.messages ||
      b.total - a.total ||
      a.id - b.id,
  );
  return {
    version: 1,
    timezone: options.timeZoneName,
    months: months.map(monthIndexToIso),
    ownerId: options.ownerId,
    trendRule: {
      recentMonths: RECENT_MONTHS,
      baselineMonths: BASELINE_MONTHS,
      factor: TREND_FACTOR,
    },
    chats,
  };
}

function pulseChat(
  tally: ChatTally,
  months: readonly number[],
  lastMonth: number,
  ownerId: number | null,
): PulseChat {
  const monthly = months.map((month) => tally.monthly.get(month) ?? 0);
  const messages = monthly.reduce((sum, count) => sum + count, 0);
  const own =
    ownerId === null || !tally.ownCounted
      ? null
      : months.reduce((sum, month) => sum + (tally.ownMonthly.get(month) ?? 0), 0);
  // The trend looks at the months ending with the export's latest month, whatever is shown.
  const trendMonths = monthRange(lastMonth - RECENT_MONTHS - BASELINE_MONTHS + 1, lastMonth);
  return {
    id: tally.info.id,
    name: tally.info.name,
    type: tally.info.type,
    left: tally.left,
    total: tally.total,
    messages,
    own,
    ownShare: own === null || messages === 0 ? null : own / messages,
    monthly,
    trend: chatTrend(trendMonths.map((month) => tally.monthly.get(month) ?? 0)),
  };
}

function monthRange(first: number, last: number): number[] {
  const months: number[] = [];
  for (let month = first; month <= last; month++) months.push(month);
  return months;
}
