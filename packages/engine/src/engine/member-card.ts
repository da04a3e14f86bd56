import { formatLocalIso, ZoneClock } from "../time/zone-clock.js";
import { compareText, topCounts } from "./count-map.js";
import type { ReportState } from "./report-state.js";
import type { EmojiCount, WordCount } from "./report-json.js";

/** How many entries the card's top lists keep. */
export const MEMBER_CARD_LIMITS = { words: 10, emojis: 10, partners: 5 } as const;

/** Someone the member answers, or who answers the member, with how fast. */
export interface ReplyPartner {
  /** Sender key, e.g. `user123`. */
  id: string;
  name: string | null;
  /** Replies whose original was found (see `replies` in the README). */
  replies: number;
  /** Lower median of reply time − original's time; see `replies.delayPrecision`. */
  medianDelaySeconds: number;
}

/** One figure of the member next to the same figure of the whole group. */
export interface Compared<T> {
  member: T;
  group: T;
}

/**
 * One sender's figures next to the group's, for the same period: what
 * `/stats @user`, `/me` and `tgstats report --sender` answer with.
 */
export interface MemberCard {
  /** The sender's key (`user123`), the one with most messages when a name matched several; null when none wrote. */
  id: string | null;
  name: string | null;
  /** Regular messages of the member, and of everyone. */
  messages: Compared<number>;
  /** `messages.member / messages.group`, rounded to 4 decimals; 0 when the group has none. */
  share: number;
  /** 1 + senders (people and channels) with more messages than the member; null when they wrote none. */
  rank: number | null;
  /** Senders with at least one regular message in the group. */
  senders: number;
  /** Distinct local days with a regular message. */
  activeDays: Compared<number>;
  /** First and last regular message, ISO 8601 with the zone's offset; null when none. */
  firstDate: string | null;
  lastDate: string | null;
  /** `messages / activeDays`, rounded to 2 decimals; 0 without messages. */
  messagesPerActiveDay: Compared<number>;
  /** Characters per message of kind `text` (captions left out), rounded to 1 decimal; null without one. */
  averageLength: Compared<number | null>;
  /** Messages by weekday (row 0 = Monday) and hour, as `punchcard` in the report. */
  punchcard: Compared<number[][]>;
  /** Messages by kind, as `totals.byKind`. */
  byKind: Compared<Record<string, number>>;
  /** The member's most used words and emoji (as `words` and `emojis` in the report). */
  words: WordCount[];
  emojis: EmojiCount[];
  /** Whom the member answers most, most replies first. */
  answersMost: ReplyPartner[];
  /** Who answers the member most, most replies first. */
  answeredMostBy: ReplyPartner[];
  /** Sum of the reaction counts on the member's messages. */
  reactionsReceived: number;
}

/**
 * The member card of a filtered fold (`member`: the sender's messages, the
 * others' as reply context) against the unfiltered fold of the same period
 * (`group`; see {@link ReportBuilder.group}).
 */
export function toMemberCard(member: ReportState, group: ReportState): MemberCard {
  const clock = new ZoneClock(member.timeZone);
  const memberKeys = new Set(member.senders.bySender.keys());
  const id = mostMessages(member);
  const messages = member.totals.messages;
  const names = new Map(
    [...group.senders.bySender].map(([key, aggregate]) => [key, aggregate.name]),
  );
  const nameOf = (key: string): string | null => names.get(key) ?? member.replies.contextName(key);
  return {
    id,
    name: id === null ? null : (member.senders.bySender.get(id)?.name ?? null),
    messages: { member: messages, group: group.totals.messages },
    share: group.totals.messages === 0 ? 0 : round(messages / group.totals.messages, 4),
    rank: messages === 0 ? null : rankOf(messages, group),
    senders: group.senders.bySender.size,
    activeDays: { member: member.activity.daily.size, group: group.activity.daily.size },
    firstDate: dateOf(member.totals.firstDateUnix, clock),
    lastDate: dateOf(member.totals.lastDateUnix, clock),
    messagesPerActiveDay: { member: perActiveDay(member), group: perActiveDay(group) },
    averageLength: { member: averageLength(member), group: averageLength(group) },
    punchcard: { member: punchcardRows(member), group: punchcardRows(group) },
    byKind: { member: kindCounts(member), group: kindCounts(group) },
    words: member.words.words
      .top(MEMBER_CARD_LIMITS.words)
      .map(({ term, count }) => ({ word: term, count })),
    emojis: topCounts(member.emoji.emojis, MEMBER_CARD_LIMITS.emojis).map(([emoji, count]) => ({
      emoji,
      count,
    })),
    ...partners(member, memberKeys, nameOf),
    reactionsReceived: [...member.emoji.reactions.values()].reduce((sum, n) => sum + n, 0),
  };
}

/** The member's sender key with the most messages (the smaller key on a tie). */
function mostMessages(member: ReportState): string | null {
  let best: [string, number] | null = null;
  for (const [key, { messages }] of member.senders.bySender)
    if (best === null || messages > best[1] || (messages === best[1] && key < best[0]))
      best = [key, messages];
  return best?.[0] ?? null;
}

function rankOf(messages: number, group: ReportState): number {
  let ahead = 0;
  for (const aggregate of group.senders.bySender.values())
    if (aggregate.messages > messages) ahead++;
  return ahead + 1;
}

function perActiveDay(state: ReportState): number {
  const days = state.activity.daily.size;
  return days === 0 ? 0 : round(state.totals.messages / days, 2);
}

function averageLength(state: ReportState): number | null {
  const texts = state.totals.byKind.get("text") ?? 0;
  return texts === 0 ? null : round(state.totals.textCharacters / texts, 1);
}

function punchcardRows(state: ReportState): number[][] {
  const cells = state.activity.punchcard;
  return Array.from({ length: 7 }, (_, weekday) => cells.slice(weekday * 24, weekday * 24 + 24));
}

function kindCounts(state: ReportState): Record<string, number> {
  return Object.fromEntries(topCounts(state.totals.byKind, Number.POSITIVE_INFINITY));
}

function dateOf(dateUnix: number | null, clock: ZoneClock): string | null {
  return dateUnix === null ? null : formatLocalIso(dateUnix, clock);
}

/** Reply pairs with the member on one side and someone else on the other. */
function partners(
  member: ReportState,
  memberKeys: ReadonlySet<string>,
  nameOf: (key: string) => string | null,
): Pick<MemberCard, "answersMost" | "answeredMostBy"> {
  const pairs = member.replies.topPairs(Number.POSITIVE_INFINITY);
  const partner = (key: string, pair: (typeof pairs)[number]): ReplyPartner => ({
    id: key,
    name: nameOf(key),
    replies: pair.count,
    medianDelaySeconds: pair.medianDelaySeconds,
  });
  const byCount = (a: ReplyPartner, b: ReplyPartner): number =>
    b.replies - a.replies || compareText(a.id, b.id);
  const answersMost = pairs
    .filter((pair) => memberKeys.has(pair.from) && !memberKeys.has(pair.to))
    .map((pair) => partner(pair.to, pair));
  const answeredMostBy = pairs
    .filter((pair) => memberKeys.has(pair.to) && !memberKeys.has(pair.from))
    .map((pair) => partner(pair.from, pair));
  return {
    answersMost: answersMost.sort(byCount).slice(0, MEMBER_CARD_LIMITS.partners),
    answeredMostBy: answeredMostBy.sort(byCount).slice(0, MEMBER_CARD_LIMITS.partners),
  };
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
