import { noteTexts } from "../i18n/note-texts.js";
import type { ChatInfo } from "../model/message.js";
import { dayIndexToIso, formatLocalIso, isoToDayIndex, ZoneClock } from "../time/zone-clock.js";
import { channelPostsJson, type PostLinkChat } from "./channel-posts-json.js";
import { compareText, topCounts } from "./count-map.js";
import { DELAY_PRECISION } from "./delay-histogram.js";
import { toMemberCard } from "./member-card.js";
import { memberDays, membersReport } from "./members-report.js";
import type { SenderAggregate } from "./parts/senders-part.js";
import { SILENCE_SECONDS } from "./parts/conversations-part.js";
import { ANSWER_WINDOW_SECONDS } from "./parts/questions-part.js";
import { MIN_MESSAGES_AT_REST } from "./parts/words-part.js";
import { peopleStats } from "./people-stats.js";
import { periodComparison } from "./period-comparison.js";
import { memberListFigures, type MemberList } from "./member-list.js";
import { reactionsReport, type ReportChat } from "./reactions-report.js";
import type { ReportState } from "./report-state.js";
import { telegramStatsJson, type TelegramStatsInput } from "./telegram-stats.js";
import {
  REPORT_JSON_VERSION,
  type DaySpan,
  type EmojiCount,
  type NamedCount,
  type ReportJson,
  type SenderStats,
} from "./report-json.js";

/** How many entries each top list keeps. */
export interface ReportLimits {
  emojis: number;
  words: number;
  bigrams: number;
  replyPairs: number;
  /** Domains, mentions, hashtags, forward sources, bots and links per sender. */
  content: number;
  /** Entries of each list of people (starters, revivers, answerers, fastest responders). */
  people: number;
}

const DEFAULT_LIMITS: ReportLimits = {
  emojis: 50,
  words: 100,
  bigrams: 50,
  replyPairs: 30,
  content: 30,
  people: 10,
};
/** People in the who-answers-whom matrix. */
export const REPLY_MATRIX_PEOPLE = 8;
/** Replies to others a person needs to be ranked among the fastest responders. */
export const FASTEST_MIN_REPLIES = 5;

/** What the report is about and how to present it. */
export interface ReportJsonOptions {
  /**
   * The chat; its `kind` (else its `type`) and `username` make the links to
   * its most reacted messages, and `username` is shown as `chat.username`.
   */
  chat:
    | (Pick<ChatInfo, "id" | "name" | "type"> & Pick<ReportChat, "kind" | "username">)
    | { id: null; name: string | null; type: string };
  language?: "en" | "ru";
  filters?: { from: string | null; to: string | null; sender: string | null };
  /** Caveats from the source (e.g. the export reader's assumed zone), in `language`. */
  notes?: string[];
  limits?: Partial<ReportLimits>;
  /** The chat's member list as read now (over MTProto); null or absent for none. */
  memberList?: MemberList | null;
  /** Telegram's own statistics of the chat as read now (over MTProto); null or absent for none. */
  telegramStats?: TelegramStatsInput | null;
  /**
   * The zone as the user wrote it (see {@link ZoneClock.name}), shown as
   * `timezone`; ignored unless it names the zone the state was computed in.
   */
  timeZoneName?: string;
  /** With a sender filter: the unfiltered fold of the same period (see {@link ReportBuilder.group}), for `card`. */
  group?: ReportState | null;
}

/** The user's spelling of the report's zone when it is an alias of it, else the canonical name. */
function displayZone(name: string | undefined, clock: ZoneClock): string {
  if (name === undefined) return clock.zone;
  try {
    const named = new ZoneClock(name);
    return named.zone === clock.zone ? named.name : clock.zone;
  } catch {
    return clock.zone;
  }
}

/**
 * The public report of a folded state: sorted, limited and with derived
 * figures (roll-ups, highlights, per-post ratios).
 */
export function toReportJson(state: ReportState, options: ReportJsonOptions): ReportJson {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = new ZoneClock(state.timeZone);
  const { totals } = state;
  const received = state.replies.receivedBySender();
  const everyone = [...state.senders.bySender].map(([key, aggregate]) =>
    senderStats(key, aggregate, received.get(key) ?? 0),
  );
  everyone.sort((a, b) => b.messages - a.messages || compareText(a.id, b.id));
  const senders = everyone.filter((sender) => sender.kind === "user");
  const days = [...state.activity.daily].sort((a, b) => a[0] - b[0]);
  const names = new Map(everyone.map((sender) => [sender.id, sender.name]));
  const nameOf = (id: string): string | null => names.get(id) ?? state.replies.contextName(id);
  const period = periodComparison(state, clock, {
    from: options.filters?.from ?? null,
    to: options.filters?.to ?? null,
  });
  return {
    version: REPORT_JSON_VERSION,
    chat: reportChat(options.chat),
    timezone: displayZone(options.timeZoneName, clock),
    language: options.language ?? "en",
    filters: options.filters ?? { from: null, to: null, sender: null },
    totals: {
      messages: totals.messages,
      serviceMessages: totals.serviceMessages,
      senders: everyone.length,
      people: senders.length,
      words: totals.words,
      characters: totals.characters,
      firstDate: totals.firstDateUnix === null ? null : formatLocalIso(totals.firstDateUnix, clock),
      lastDate: totals.lastDateUnix === null ? null : formatLocalIso(totals.lastDateUnix, clock),
      activeDays: days.length,
      byKind: Object.fromEntries(topCounts(totals.byKind, Number.POSITIVE_INFINITY)),
    },
    senders,
    channelSenders: everyone.filter((sender) => sender.kind !== "user"),
    punchcard: Array.from({ length: 7 }, (_, weekday) =>
      state.activity.punchcard.slice(weekday * 24, weekday * 24 + 24),
    ),
    daily: Object.fromEntries(days.map(([day, count]) => [dayIndexToIso(day), count])),
    weekly: rollUp(days, (day) => dayIndexToIso(day - weekdayOf(day))),
    monthly: rollUp(days, (day) => dayIndexToIso(day).slice(0, 7)),
    emojis: emojiCounts(state.emoji.emojis, limits.emojis),
    stickers: emojiCounts(state.emoji.stickers, limits.emojis),
    reactions: emojiCounts(state.emoji.reactions, limits.emojis),
    reactionsReceived: reactionsReport(state.reactions, {
      chat: options.chat,
      clock,
      people: senders,
      nameOf,
      limit: limits.people,
    }),
    words: state.words.words.top(limits.words).map(({ term, count }) => ({ word: term, count })),
    bigrams: state.words.bigrams
      .top(limits.bigrams)
      .map(({ term, count }) => ({ words: term, count })),
    wordStats: {
      exact: state.words.words.exact && state.words.bigrams.exact,
      errorBound: state.words.words.errorBound,
      bigramErrorBound: state.words.bigrams.errorBound,
      rareErrorBound: state.words.words.rareErrorBound,
      rareBigramErrorBound: state.words.bigrams.rareErrorBound,
      minMessagesAtRest: MIN_MESSAGES_AT_REST,
    },
    replies: {
      total: state.replies.total,
      resolved: state.replies.resolved,
      pairs: state.replies.topPairs(limits.replyPairs).map((pair) => ({
        from: pair.from,
        fromName: nameOf(pair.from),
        to: pair.to,
        toName: nameOf(pair.to),
        count: pair.count,
        medianDelaySeconds: pair.medianDelaySeconds,
      })),
      delayPrecision: DELAY_PRECISION,
      ...replyFigures(state, senders, nameOf),
    },
    conversations: conversationFigures(state, nameOf, limits.people),
    questions: questionFigures(state, nameOf, limits.people),
    highlights: highlights(days, state.activity.punchcard),
    channel: channelStats(state, {
      chat: options.chat,
      clock,
      endDay: reportEndDay(state, clock, options.filters?.to ?? null),
    }),
    ...contentStats(state, names, limits.content),
    signatures: signatureStats(state),
    members: membersReport(state.membership, clock, {
      from: options.filters?.from ?? null,
      to: options.filters?.to ?? null,
      ...dayRange([...days.map(([day]) => day), ...memberDays(state.membership)]),
    }),
    people: peopleStats(
      state.people,
      days.length === 0 ? null : { firstDay: days[0]![0], lastDay: days.at(-1)![0] },
      senders.map((sender) => sender.messages),
    ),
    period,
    notes: [
      ...(options.notes ?? []),
      ...stateNotes(state, options.language ?? "en"),
      ...(period !== null && period.figures.newcomers === null
        ? [noteTexts(options.language ?? "en").newcomersUnknown]
        : []),
    ],
    memberList:
      options.memberList == null ? null : memberListFigures(state, options.memberList).json,
    telegramStats: options.telegramStats == null ? null : telegramStatsJson(options.telegramStats),
    card: options.group == null ? null : toMemberCard(state, options.group),
  };
}

type NameOf = (id: string) => string | null;

/** The report's `chat`, with `username` only where one is known. */
function reportChat(chat: ReportJsonOptions["chat"]): ReportJson["chat"] {
  const { id, name, type } = chat;
  const username = "username" in chat ? (chat.username ?? null) : null;
  return username === null || username === "" ? { id, name, type } : { id, name, type, username };
}

function replyFigures(
  state: ReportState,
  people: readonly SenderStats[],
  nameOf: NameOf,
): Pick<ReportJson["replies"], "matrix" | "fastest" | "fastestMinReplies"> {
  const top = people.slice(0, REPLY_MATRIX_PEOPLE);
  const counts = top.map((from) =>
    top.map((to) => (from.id === to.id ? 0 : state.replies.pairCount(from.id, to.id))),
  );
  const fastest = [...state.replies.responders()]
    // People only, like the matrix: channels and anonymous admins post as the chat (see peerKey).
    .filter(([id, responder]) => id.startsWith("user") && responder.count >= FASTEST_MIN_REPLIES)
    .map(([id, responder]) => ({
      id,
      name: nameOf(id),
      replies: responder.count,
      medianDelaySeconds: responder.medianDelaySeconds,
    }))
    .sort(
      (a, b) =>
        a.medianDelaySeconds - b.medianDelaySeconds ||
        b.replies - a.replies ||
        compareText(a.id, b.id),
    );
  return {
    matrix: { people: top.map(({ id, name }) => ({ id, name })), counts },
    fastest,
    fastestMinReplies: FASTEST_MIN_REPLIES,
  };
}

function senderCounts(counts: ReadonlyMap<string, number>, nameOf: NameOf, limit: number) {
  return topCounts(counts, limit).map(([id, count]) => ({ id, name: nameOf(id), count }));
}

function conversationFigures(
  state: ReportState,
  nameOf: NameOf,
  limit: number,
): ReportJson["conversations"] {
  const stats = state.conversations.stats();
  return {
    gapSeconds: state.conversations.gapSeconds,
    count: stats.count,
    medianMessages: stats.medianMessages,
    medianDurationSeconds: stats.medianDurationSeconds,
    starters: senderCounts(stats.starters, nameOf, limit),
    silenceSeconds: SILENCE_SECONDS,
    revivers: senderCounts(stats.revivers, nameOf, limit),
    lastWords: senderCounts(stats.lastWords, nameOf, limit),
    outOfOrder: stats.outOfOrder,
    longestReplyChain: state.replyChains.longest,
  };
}

function questionFigures(
  state: ReportState,
  nameOf: NameOf,
  limit: number,
): ReportJson["questions"] {
  const stats = state.questions.stats();
  const sum = (counts: number[]): number => counts.reduce((total, count) => total + count, 0);
  return {
    answerWindowSeconds: ANSWER_WINDOW_SECONDS,
    asked: sum(stats.askedByHour),
    answered: sum(stats.answeredByHour),
    open: stats.open,
    byHour: stats.askedByHour.map((asked, hour) => ({
      hour,
      asked,
      answered: stats.answeredByHour[hour] ?? 0,
    })),
    answerers: senderCounts(stats.answerers, nameOf, limit),
    outOfOrder: stats.outOfOrder,
  };
}

function senderStats(
  key: string,
  aggregate: SenderAggregate,
  repliesReceived: number,
): SenderStats {
  return {
    id: key,
    kind: aggregate.kind,
    name: aggregate.name,
    messages: aggregate.messages,
    words: aggregate.words,
    characters: aggregate.characters,
    media: aggregate.media,
    stickers: aggregate.stickers,
    repliesGiven: aggregate.repliesGiven,
    repliesReceived,
  };
}

function emojiCounts(counts: ReadonlyMap<string, number>, limit: number): EmojiCount[] {
  return topCounts(counts, limit).map(([emoji, count]) => ({ emoji, count }));
}

/** 0 = Monday, like the punch card. */
function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 3) % 7) + 7) % 7;
}

function rollUp(days: [number, number][], bucket: (day: number) => string): Record<string, number> {
  const rolled: Record<string, number> = {};
  for (const [day, count] of days) {
    const key = bucket(day);
    rolled[key] = (rolled[key] ?? 0) + count;
  }
  return rolled;
}

/** Busiest day and hour, longest streak and silence; ties go to the earliest. */
function highlights(
  days: [number, number][],
  punchcard: readonly number[],
): ReportJson["highlights"] {
  let busiestDay: ReportJson["highlights"]["busiestDay"] = null;
  let streak: DaySpan | null = null;
  let silence: DaySpan | null = null;
  let runStart = 0;
  for (let i = 0; i < days.length; i++) {
    const [day, count] = days[i]!;
    if (busiestDay === null || count > busiestDay.messages)
      busiestDay = { date: dayIndexToIso(day), messages: count };
    const previous = days[i - 1]?.[0];
    if (previous !== undefined && day !== previous + 1) {
      runStart = i;
      const gap = day - previous - 1;
      if (silence === null || gap > silence.days) silence = span(previous + 1, day - 1);
    }
    const runDays = day - days[runStart]![0] + 1;
    if (streak === null || runDays > streak.days) streak = span(days[runStart]![0], day);
  }
  let busiestHour: ReportJson["highlights"]["busiestHour"] = null;
  punchcard.forEach((messages, cell) => {
    if (messages > 0 && (busiestHour === null || messages > busiestHour.messages))
      busiestHour = { weekday: Math.floor(cell / 24), hour: cell % 24, messages };
  });
  return { busiestDay, busiestHour, longestStreak: streak, longestSilence: silence };
}

function span(fromDay: number, toDay: number): DaySpan {
  return { from: dayIndexToIso(fromDay), to: dayIndexToIso(toDay), days: toDay - fromDay + 1 };
}

/** Signatures listed in the report; the rest still count in `signed`. */
const MAX_SIGNATURES = 50;

function signatureStats(state: ReportState): ReportJson["signatures"] {
  const { signedPosts, unsignedPosts } = state.channel;
  if (signedPosts.size === 0) return null;
  let signed = 0;
  for (const posts of signedPosts.values()) signed += posts;
  return {
    signed,
    unsigned: unsignedPosts,
    bySignature: topCounts(signedPosts, MAX_SIGNATURES).map(([signature, posts]) => ({
      signature,
      posts,
    })),
  };
}

/** The report's last local day: the `to` filter's when given, else the last message's. */
function reportEndDay(state: ReportState, clock: ZoneClock, to: string | null): number | null {
  const filtered = to === null ? null : isoToDayIndex(to);
  if (filtered !== null) return filtered;
  const last = state.totals.lastDateUnix;
  return last === null ? null : clock.localTime(last).dayIndex;
}

function channelStats(
  state: ReportState,
  context: { chat: PostLinkChat; clock: ZoneClock; endDay: number | null },
): ReportJson["channel"] {
  const channel = state.channel;
  if (channel.postsWithViews === 0) return null;
  const perPost = (value: number): number => round2(value / channel.postsWithViews);
  return {
    posts: state.totals.messages,
    postsWithViews: channel.postsWithViews,
    views: channel.views,
    forwards: channel.forwards,
    reactions: channel.reactions,
    viewsPerPost: perPost(channel.views),
    forwardsPerPost: perPost(channel.forwards),
    reactionsPerPost: perPost(channel.reactions),
    viewsMonthly: Object.fromEntries(
      [...channel.viewsMonthly].sort((a, b) => compareText(a[0], b[0])),
    ),
    postStats: channelPostsJson(state.channelPosts, { ...context, totals: channel }),
  };
}

function stateNotes(state: ReportState, language: "en" | "ru"): string[] {
  const texts = noteTexts(language);
  const notes: string[] = [];
  const { totals, words } = state;
  if (totals.unsupportedMessages > 0)
    notes.push(texts.unsupportedMessages(totals.unsupportedMessages));
  if (words.words.sketchErrorBound > 0)
    notes.push(texts.wordEstimates(words.words.sketchErrorBound));
  if (words.words.rareErrorBound > 0)
    notes.push(
      texts.rareWordsDropped(
        MIN_MESSAGES_AT_REST,
        words.words.rareErrorBound,
        words.bigrams.rareErrorBound,
      ),
    );
  return notes;
}

type ContentStats = Pick<ReportJson, "links" | "mentions" | "hashtags" | "edits" | "forwards">;

function contentStats(
  state: ReportState,
  names: ReadonlyMap<string, string | null>,
  limit: number,
): ContentStats {
  const { content } = state;
  const counted = (counts: ReadonlyMap<string, number>): NamedCount[] =>
    topCounts(counts, limit).map(([key, count]) => ({ key, name: names.get(key) ?? null, count }));
  const messages = state.totals.messages;
  return {
    links: {
      total: content.links,
      domains: counted(content.domains),
      bySender: counted(content.linksBySender),
    },
    mentions: counted(content.mentions),
    hashtags: counted(content.hashtags),
    edits: {
      edited: content.edited,
      share: messages === 0 ? 0 : content.edited / messages,
      timed: content.timedEdits,
      medianSecondsToEdit: content.medianEditSeconds(),
      delayPrecision: DELAY_PRECISION,
    },
    forwards: {
      total: content.forwarded,
      sources: counted(content.forwardSources),
      viaBots: counted(content.viaBots),
    },
  };
}

function dayRange(days: readonly number[]): { firstDay: number | null; lastDay: number | null } {
  if (days.length === 0) return { firstDay: null, lastDay: null };
  return { firstDay: Math.min(...days), lastDay: Math.max(...days) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
