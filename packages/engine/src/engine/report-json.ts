/**
 * The public report: what `tgstats report --json` prints, what `report.json`
 * holds and what the charts are drawn from. Field names in {@link ReportJson}
 * that the CLI documents are fixed, because other tools read them; add fields,
 * never rename.
 */

import type { PostKind, PostLength, PostMetric } from "./parts/channel-posts-part.js";
import { MIN_MESSAGES_AT_REST } from "./parts/words-part.js";
import type { MemberCard } from "./member-card.js";
import type { TelegramStatsJson } from "./telegram-stats.js";

/** Format version of {@link ReportJson}; bump on an incompatible change. */
export const REPORT_JSON_VERSION = 1;

/**
 * How exact `words` and `bigrams` are. Counts are never high; each may be low
 * by its bound, which adds up two cuts: the bounded sketch of very large
 * vocabularies, and the rule that stored aggregates keep a word or phrase only
 * once it occurs in `minMessagesAtRest` distinct messages of what is stored (a
 * cached month, a checkpoint, a part of a split read).
 */
export interface WordStats {
  /** True when no count is low: both bounds are 0. */
  exact: boolean;
  /** How much any word count may be low, all cuts together. */
  errorBound: number;
  bigramErrorBound: number;
  /** The rule's share of `errorBound`: per stored aggregate, the largest count it dropped, summed. */
  rareErrorBound: number;
  rareBigramErrorBound: number;
  /** Distinct messages a word or phrase needs to be stored. */
  minMessagesAtRest: number;
}

/** {@link WordStats} of counts nothing was cut from (e.g. `tgstats report`, which stores nothing). */
export const EXACT_WORD_STATS: Readonly<WordStats> = {
  exact: true,
  errorBound: 0,
  bigramErrorBound: 0,
  rareErrorBound: 0,
  rareBigramErrorBound: 0,
  minMessagesAtRest: MIN_MESSAGES_AT_REST,
};

/** One person or channel that wrote in the chat. */
export interface SenderStats {
  /** As in the export: `"user123"`, `"channel123"`, `"chat123"`. */
  id: string;
  kind: "user" | "channel" | "chat";
  /** Display name; null for deleted or nameless accounts. */
  name: string | null;
  messages: number;
  words: number;
  characters: number;
  /** Messages with a photo, video, file, voice… (stickers counted apart). */
  media: number;
  stickers: number;
  repliesGiven: number;
  repliesReceived: number;
}

/** A counted emoji, sticker emoji or reaction. */
export interface EmojiCount {
  /**
   * The emoji with U+FE0F removed; `custom:<id>` for custom emoji (over
   * MTProto the document id, in an export the file path, `""` or
   * `"(unavailable)"`), `paid` for star reactions.
   */
  emoji: string;
  count: number;
}

/** Reactions a person received on their messages (a "karma"). */
export interface KarmaStats {
  /** `user123`. */
  id: string;
  name: string | null;
  /** Sum of the reaction counts on their regular messages. */
  received: number;
  /** Their messages with at least one reaction. */
  messages: number;
  /** `received` / all their regular messages, 2 decimals. */
  perMessage: number;
}

/** One of the most reacted messages: who sent it, when, how many reactions and a link. */
export interface ReactedMessageStats {
  /** The message's id in its chat. */
  id: number;
  /** Bare id of the chat it is in (as `chat.id`; differs in a report of several chats). */
  chatId: number | null;
  /** The sender as in `senders[].id`; null when the message has none. */
  senderId: string | null;
  senderName: string | null;
  /** As `totals.firstDate`. */
  date: string;
  /** Sum of its reaction counts. */
  reactions: number;
  /** Its most given reaction, spelled as in `reactions[].emoji`. */
  topReaction: string;
  /** `https://t.me/<username>/<id>` or `https://t.me/c/<chat>/<id>`; null where Telegram has no link (basic groups, private chats). */
  link: string | null;
}

/** A counted word. */
export interface WordCount {
  word: string;
  count: number;
}

/** A counted two-word phrase. */
export interface BigramCount {
  /** Two words joined by one space. */
  words: string;
  count: number;
}

/** A counted site, hashtag, mention target, forward source or inline bot. */
export interface NamedCount {
  /** `example.com`, `#rust`, `@username` / `user123`, a source's name, `@bot`. */
  key: string;
  /** Display name where the key is an id (`user123` of a person seen in the report); else null. */
  name: string | null;
  count: number;
}

/** Who answers whom. */
export interface ReplyPair {
  from: string;
  fromName: string | null;
  to: string;
  toName: string | null;
  count: number;
  /** Median time from the message to its reply; see `replies.delayPrecision`. */
  medianDelaySeconds: number;
}

/** A person (or channel) with a count, e.g. conversations they started. */
export interface SenderCount {
  id: string;
  name: string | null;
  count: number;
}

/** How fast someone answers: the median delay of all their replies to others. */
export interface Responder {
  id: string;
  name: string | null;
  /** Replies to others whose original was found. */
  replies: number;
  /** See `replies.delayPrecision`. */
  medianDelaySeconds: number;
}

/** Questions asked in one local hour of the day and how many were answered. */
export interface QuestionHour {
  hour: number;
  asked: number;
  answered: number;
}

/** A span of days, both ends inclusive, in the report's zone. */
export interface DaySpan {
  from: string;
  to: string;
  days: number;
}

/** People in one month (`YYYY-MM`, the report's zone); see README "People". */
export interface PeopleMonth {
  month: string;
  /** Distinct people (senders of kind `user`) with a regular message this month. */
  active: number;
  /** Active people whose first message in the report's period is in this month. */
  newcomers: number;
  /** `active - newcomers`. */
  regulars: number;
  /** People with a message in one of the 3 months before this one and none in this one. */
  wentQuiet: number;
}

/** People in one ISO week (Monday to Sunday, the report's zone). */
export interface PeopleWeek {
  /** The week's Monday, `YYYY-MM-DD`, as in `weekly`. */
  week: string;
  active: number;
}

/** Everyone whose first message in the period is in one month, followed month by month. */
export interface RetentionCohort {
  /** Month of the cohort's first messages, `YYYY-MM`. */
  month: string;
  /** People in the cohort. */
  size: number;
  /** `active[k]`: people of the cohort who wrote in month `month + k`, up to the period's last month. */
  active: number[];
  /** `active[k] / size`, rounded to 4 decimals. */
  shares: number[];
}

/** The top writers' share of the messages of a group of writers. */
export interface TopShare {
  /** Writers in the group. */
  writers: number;
  /** Their messages divided by all people's messages, rounded to 4 decimals. */
  share: number;
}

/** How the messages are spread over the people writing them; see README "People". */
export interface Concentration {
  /** People with at least one regular message. */
  writers: number;
  /** Their regular messages (channels' and anonymous admins' are not counted). */
  messages: number;
  /** The most active writer. */
  top1: TopShare;
  /** The ceil(10 %) most active writers. */
  top10Percent: TopShare;
  /** The ceil(50 %) most active writers. */
  top50Percent: TopShare;
  /** Gini coefficient of messages per writer, 0 (all equal) to 1 - 1/writers; 4 decimals. */
  gini: number;
  /** The fewest writers whose messages add up to at least 80 % of all. */
  writersFor80Percent: number;
}

/** A figure of a period and of the period of the same length just before it. */
export interface PeriodFigure {
  value: number;
  previous: number;
}

/**
 * The report's headline figures against the previous period (see README
 * "Change against the previous period"). Dates are `YYYY-MM-DD` in the
 * report's zone, both ends inclusive.
 */
export interface PeriodComparison {
  /** `range`: the report's own dates; `last30Days`: no range was given, the 30 days ending on the last message's day. */
  kind: "range" | "last30Days";
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** Days in each period. */
  days: number;
  figures: {
    /** Regular messages. */
    messages: PeriodFigure;
    /** Distinct people (senders of kind `user`) with a regular message. */
    activePeople: PeriodFigure;
    /** People whose first message in the chat is in the period; null when the history read does not begin at the chat's start. */
    newcomers: PeriodFigure | null;
    joins: PeriodFigure;
    leaves: PeriodFigure;
  };
}

/** The chat's member list against the report's period; see README "Member list". */
export interface MemberListJson {
  /** People listed (bots, deleted accounts and the reader account left out). */
  members: number;
  /** Listed people with no regular message in the period. */
  neverWrote: number;
  /** Listed people whose last message is `silentDays` or more days before the period's last day with a message. */
  silent: number;
  /** The silence counted as `silent` (90). */
  silentDays: number;
  /** False when Telegram listed fewer members than the chat has (at most about 10,000): the counts are of those listed. */
  complete: boolean;
}

/** Active people, newcomers, cohorts and concentration. */
export interface PeopleStats {
  /** Every month from the period's first to its last active month, quiet months included. */
  monthly: PeopleMonth[];
  /** The last up to 53 weeks, ending with the week of the period's last message. */
  weekly: PeopleWeek[];
  /** Months with newcomers, oldest first. */
  cohorts: RetentionCohort[];
  /** Null when no person wrote. */
  concentration: Concentration | null;
}

/** One chat of a multi-chat report, for the overview. */
export interface ChatOverview {
  id: number;
  name: string | null;
  type: string;
  /** Regular messages in the chat (within the report's filters). */
  messages: number;
}

/** Joins and leaves in one month or week. */
export interface MemberFlow {
  joins: number;
  leaves: number;
  /** `joins - leaves`. */
  net: number;
}

/** A person who brought members in. */
export interface InviterStats {
  /** `user123`; null when the source names the inviter only (a link's inviter in an export). */
  id: string | null;
  name: string | null;
  /** Members this person added. */
  added: number;
  /** Joins through an invite link this person made. */
  byLink: number;
}

/** Who joined and left, how, and what the chat was called (see README, "Members"). */
export interface MembersJson {
  joins: number;
  leaves: number;
  /** `joins - leaves`. */
  net: number;
  /** Leaves where the person removed themselves; the rest were removed by someone else. */
  leftOnTheirOwn: number;
  removed: number;
  /** Every join once: its source, or `cameBack` when the same person left earlier. */
  joinsBySource: { added: number; self: number; link: number; request: number; cameBack: number };
  /** Per month, keyed `YYYY-MM`, months with a join or leave only. */
  monthly: Record<string, MemberFlow>;
  /** Per ISO week, keyed by the week's Monday; null when the report spans more than 92 days. */
  weekly: Record<string, MemberFlow> | null;
  /** People who added members or whose links brought them, most first (at most 10). */
  topInviters: InviterStats[];
  /** Titles the chat was given (creation, renames), oldest first; `date` as in `totals.firstDate`. */
  titles: { date: string; title: string }[];
}

/** A channel post in a top or bottom list: ids and counts, never its text. */
export interface ChannelPostEntry {
  /** Message id in the chat. */
  id: number;
  /** As in `totals.firstDate`. */
  date: string;
  /** `t.me` link to the post; null where Telegram has none (basic groups, combined reports). */
  link: string | null;
  views: number;
  forwards: number;
  reactions: number;
  /** `photo`, `video` (also GIFs and round videos), `text`, `link` (a text post with a link) or `other`. */
  kind: PostKind;
  /** Text length group in characters: `0`, `1-100`, `101-500`, `501-1000`, `1001+`. */
  length: PostLength;
}

/** Views of the posts of one kind or length group. */
export interface PostGroupViews<Key extends string> {
  key: Key;
  posts: number;
  /** Views / posts, 2 decimals. */
  meanViews: number;
  /** The ⌈n/2⌉-th smallest view count. */
  medianViews: number;
}

/** Posting weekday × hour of one cell of {@link ChannelPostsJson.byHour}. */
export interface PostHour {
  /** 0 = Monday … 6 = Sunday, in `timezone`. */
  weekday: number;
  hour: number;
  posts: number;
  /** Mean views per post, 2 decimals. */
  viewsPerPost: number;
}

/** Channel posts one by one (only posts with a view count). */
export interface ChannelPostsJson {
  /** Posts per list. */
  listSize: number;
  /** Posts of the report's last this many days (its last day included) are left out of `bottom`. */
  youngDays: number;
  /** The last day whose posts may be in `bottom` (`YYYY-MM-DD`); null without posts. */
  bottomThrough: string | null;
  /** Most views, forwards, reactions first; ties: the lower id first. */
  top: Record<PostMetric, ChannelPostEntry[]>;
  /** Fewest first, young posts left out; ties: the lower id first. */
  bottom: Record<PostMetric, ChannelPostEntry[]>;
  /** Cells with posts, by weekday then hour. */
  byHour: PostHour[];
  /** The cell with the most views per post among cells with at least `bestHourMinPosts` posts; null when none has. */
  bestHour: PostHour | null;
  bestHourMinPosts: number;
  /** All reactions / all views × 1000, 2 decimals (0 without views). */
  reactionsPer1000Views: number;
  forwardsPer1000Views: number;
  /** Kinds with posts, in the order photo, video, text, link, other. */
  byKind: PostGroupViews<PostKind>[];
  /** Length groups with posts, shortest first. */
  byLength: PostGroupViews<PostLength>[];
}

/** The report of one chat (or of several chats combined). */
export interface ReportJson {
  version: typeof REPORT_JSON_VERSION;
  chat: {
    id: number | null;
    name: string | null;
    type: string;
    /** Public username, where the source knows it (MTProto); absent otherwise. */
    username?: string;
  };
  /** IANA zone every time-of-day and date figure is computed in. */
  timezone: string;
  /** Report language for texts and charts. */
  language: "en" | "ru";
  /** Filters applied; dates inclusive, in `timezone`. */
  filters: { from: string | null; to: string | null; sender: string | null };
  totals: {
    /** Regular messages (type `message`). */
    messages: number;
    serviceMessages: number;
    /** Distinct senders of regular messages: people plus channels. */
    senders: number;
    people: number;
    words: number;
    characters: number;
    /** ISO 8601 with the zone's offset, e.g. `2024-03-01T09:15:00+03:00`; null for no messages. */
    firstDate: string | null;
    lastDate: string | null;
    activeDays: number;
    byKind: Record<string, number>;
  };
  /** People (users), most messages first. */
  senders: SenderStats[];
  /** Channels and anonymous admins that posted, apart from people, most first. */
  channelSenders: SenderStats[];
  /** Messages by weekday (row 0 = Monday) and hour, in `timezone`. */
  punchcard: number[][];
  /** Messages per local day, only days with messages, keys ascending. */
  daily: Record<string, number>;
  /** Messages per ISO week, keyed by the week's Monday. */
  weekly: Record<string, number>;
  /** Messages per month, keyed `YYYY-MM`. */
  monthly: Record<string, number>;
  emojis: EmojiCount[];
  stickers: EmojiCount[];
  reactions: EmojiCount[];
  /** Reactions received on the period's regular messages; see README "Reactions". */
  reactionsReceived: {
    /** Reactions on all messages: sum of the counts. */
    total: number;
    /** Messages with at least one reaction. */
    messages: number;
    /** People (users) by reactions received, most first. */
    karma: KarmaStats[];
    /** The most reacted messages, most first; ties to the earlier id. */
    topMessages: ReactedMessageStats[];
  };
  /**
   * The emoji each custom emoji of `reactions` and `reactionsReceived` stands
   * for, by document id (`custom:<id>` without `custom:`), where it could be
   * looked up (MTProto); absent otherwise.
   */
  customEmoji?: Record<string, string>;
  words: WordCount[];
  bigrams: BigramCount[];
  wordStats: WordStats;
  replies: {
    /** Messages that are replies. */
    total: number;
    /** Replies whose original was found, so its author is known. */
    resolved: number;
    pairs: ReplyPair[];
    /** Relative precision of the median delays (0.05 = within 5 %). */
    delayPrecision: number;
    /**
     * Who answers whom among the people with the most messages (up to 8, most
     * first): `counts[i][j]` replies from `people[i]` to `people[j]`; the
     * diagonal (self-replies) is 0.
     */
    matrix: { people: { id: string; name: string | null }[]; counts: number[][] };
    /** People with at least `fastestMinReplies` replies to others, fastest first. */
    fastest: Responder[];
    fastestMinReplies: number;
  };
  /** Conversations: runs of messages without a pause of `gapSeconds` or more. */
  conversations: {
    gapSeconds: number;
    count: number;
    /** Lower medians; null without conversations. Durations: see `replies.delayPrecision`. */
    medianMessages: number | null;
    medianDurationSeconds: number | null;
    /** Who sent the first message of a conversation, most first. */
    starters: SenderCount[];
    /** A silence is a pause of `silenceSeconds` or more. */
    silenceSeconds: number;
    /** Who sent the first message after a silence, most first. */
    revivers: SenderCount[];
    /** Who sent the last message before a silence, most first. */
    lastWords: SenderCount[];
    /** Messages whose date was out of id order (left out of these figures). */
    outOfOrder: number;
    /** The most replies in a row, each answering the one before (see README). */
    longestReplyChain: number;
  };
  /** Messages ending with "?" and whether another sender wrote within `answerWindowSeconds`. */
  questions: {
    answerWindowSeconds: number;
    /** Questions whose window closed within the period. */
    asked: number;
    answered: number;
    /** Asked less than the window before the period's last message: not counted above. */
    open: number;
    /** By local hour of asking, 0–23. */
    byHour: QuestionHour[];
    /** Who wrote first after a question (and within the window), most first. */
    answerers: SenderCount[];
    outOfOrder: number;
  };
  highlights: {
    busiestDay: { date: string; messages: number } | null;
    busiestHour: { weekday: number; hour: number; messages: number } | null;
    longestStreak: DaySpan | null;
    /** Longest run of days without a message between the first and the last day. */
    longestSilence: DaySpan | null;
  };
  /** Channel post statistics; null when no message carried views (exports never do). */
  channel: {
    posts: number;
    postsWithViews: number;
    views: number;
    forwards: number;
    reactions: number;
    viewsPerPost: number;
    forwardsPerPost: number;
    reactionsPerPost: number;
    viewsMonthly: Record<string, number>;
    /** Post by post: best and worst posts, best time to post, views by kind and length. */
    postStats: ChannelPostsJson;
  } | null;
  /** Links in messages (`link` and `text_link` entities with a web address), by site and by sender. */
  links: {
    total: number;
    /** Hosts: lower-cased, without `www.` and port; most first. */
    domains: NamedCount[];
    /** Links per sender (`key` is the sender id), most first. */
    bySender: NamedCount[];
  };
  /** Mention targets: `@username` (lower-cased) or `user123` for a mention by name; most first. */
  mentions: NamedCount[];
  /** Hashtags, lower-cased with `#`; most first. Hashtags are not words. */
  hashtags: NamedCount[];
  edits: {
    /** Regular messages that were edited. */
    edited: number;
    /** `edited` / `totals.messages` (0 without messages). */
    share: number;
    /** Edits with an exact edit time (old exports' local edit times are left out). */
    timed: number;
    /** Lower median of edit time − send time over the timed edits; see `delayPrecision`. Null when none. */
    medianSecondsToEdit: number | null;
    delayPrecision: number;
  };
  forwards: {
    /** Regular messages that are forwards. */
    total: number;
    /** Where forwards came from (the source's name, else its id); hidden sources are left out. */
    sources: NamedCount[];
    /** Messages sent through an inline bot (`via_bot`), by `@bot`. */
    viaBots: NamedCount[];
  };
  /**
   * Posts (regular messages sent as a channel: channel posts, anonymous admins)
   * per author signature, most first (at most 50; `signed` counts them all);
   * null when no post carries a signature.
   */
  signatures: {
    /** Posts with a signature. */
    signed: number;
    /** Posts without one ("no signature"). */
    unsigned: number;
    bySignature: { signature: string; posts: number }[];
  } | null;
  /** Joins, leaves and titles; null when the history has none. */
  members: MembersJson | null;
  /** Active people per month and week, newcomers, retention and concentration. */
  people: PeopleStats;
  /**
   * The headline figures against the previous period of the same length;
   * null when there is nothing to compare (no range and no message).
   */
  period: PeriodComparison | null;
  /**
   * Who of the chat's current members wrote: counts only. Null when no member
   * list was read (exports, a sender filter, a list the chat hides).
   */
  memberList: MemberListJson | null;
  /**
   * Telegram's own statistics of the chat (members or followers over time,
   * sources, languages, headline figures); null when the reader account is
   * not shown them (not an admin, no `can_view_stats`, a basic group, an
   * export). See README "Telegram's own statistics".
   */
  telegramStats: TelegramStatsJson | null;
  /** With a sender filter: that sender's figures next to the group's; else null. */
  card: MemberCard | null;
  /** Only in a report of several chats: messages per chat, most first. */
  chats?: ChatOverview[];
  /** Caveats a reader must know, e.g. assumed time zones of old exports. */
  notes: string[];
}
