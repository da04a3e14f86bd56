/**
 * The texts of both summaries of a report — summary.md and the summary the
 * worker sends after the charts — read from the shared package's Fluent files
 * (../locales/<language>.ftl) when this module loads, so a missing message
 * stops the process at start-up. The two summaries share every text that says
 * the same thing; {@link SentSummaryStrings} holds the few worded otherwise.
 */
import { textsPerLanguage, type PluralForms } from "../i18n/fluent-texts.js";
import { messageKindName } from "../i18n/message-kind-texts.js";
import { sharedTexts } from "../i18n/shared-texts.js";

/** Languages the summary (and the charts) are written in. */
export type ReportLanguage = "en" | "ru";

/** Texts of the Markdown summary, one table per language; the sent summary uses them too. */
export interface SummaryStrings {
  title: (chat: string) => string;
  period: string;
  timeZone: string;
  messages: string;
  serviceMessages: string;
  people: string;
  words: string;
  activeDays: string;
  topSenders: string;
  channelSenders: string;
  /** The word after a number of messages, agreeing with it. */
  messagesUnit: (count: number) => string;
  highlights: string;
  busiestDay: string;
  busiestHour: string;
  longestStreak: string;
  longestSilence: string;
  /** The word after a number of days, agreeing with it. */
  daysUnit: (count: number) => string;
  emojis: string;
  stickers: string;
  reactions: string;
  topWords: string;
  topPhrases: string;
  replies: string;
  /** Heading of the people section. */
  peopleSection: string;
  /** Active people, newcomers, regulars and who went quiet in a month; numbers formatted. */
  peopleMonth: (
    month: string,
    active: string,
    newcomers: string,
    regulars: string,
    quiet: string,
  ) => string;
  topWriter: (share: string) => string;
  topWriters: (percent: string, writers: string, share: string) => string;
  writersFor80: (writers: string, total: string) => string;
  gini: (gini: string) => string;
  replyPair: (from: string, to: string, count: string, delay: string) => string;
  signatures: string;
  /** The word after a number of channel posts, agreeing with it. */
  postsUnit: (count: number) => string;
  noSignature: string;
  fastest: string;
  fastestNote: (minReplies: string) => string;
  fastestLine: (name: string, delay: string, count: string) => string;
  conversations: string;
  conversationsCount: (count: string, gap: string) => string;
  conversationsMedian: (messages: string, duration: string) => string;
  longestReplyChain: (count: string) => string;
  conversationStarters: string;
  revivers: string;
  lastWords: string;
  questions: string;
  questionsAnswered: (answered: string, asked: string, percent: string, window: string) => string;
  questionAnswerers: string;
  questionsByHour: string;
  chats: string;
  notes: string;
  weekdays: readonly string[];
  deletedAccount: string;
  noMessages: string;
  filters: string;
  /** Before the sender's name in the filters line: "sender Alice". */
  sender: string;
  /** Heading of the message kinds list (and the kinds chart's title). */
  messageKinds: string;
  /** A message kind's name ("photo" → "Photo"). */
  messageKind: (kind: string) => string;
  topDomains: string;
  linksBySender: string;
  mentions: string;
  hashtags: string;
  forwardSources: string;
  viaBots: string;
  /** Label of the number of links: "Links: 120". */
  links: string;
  /** Label of the number of forwarded messages: "Forwarded: 17". */
  forwards: string;
  /** The edits line; `delay` null when no edit had an exact time. Numbers arrive formatted. */
  edits: (count: string, share: string, delay: string | null) => string;
  members: string;
  /** Counts formatted; `net` signed. */
  membersFlow: (joins: string, leaves: string, net: string) => string;
  membersLeft: (own: string, removed: string) => string;
  membersSources: (
    sources: Record<"added" | "self" | "link" | "request" | "cameBack", string>,
  ) => string;
  topInviters: string;
  inviter: (name: string, added: string, byLink: string) => string;
  titles: string;
  /** Headings of the change against the previous period: with a range, without one. */
  changeRange: string;
  changeRecent: string;
  /** "2024-03-08 — 2024-03-14 against 2024-03-01 — 2024-03-07"; dates arrive formatted. */
  changeWindows: (from: string, to: string, previousFrom: string, previousTo: string) => string;
  changeActivePeople: string;
  changeNewcomers: string;
  changeJoins: string;
  changeLeaves: string;
  /** After a figure equal to the previous period's. */
  changeNone: string;
  /** Heading of the member list's section. */
  memberList: string;
  /** Members now, who never wrote and who is silent; numbers formatted. */
  memberListCounts: (members: string, never: string, silent: string, days: string) => string;
  /** Telegram listed fewer members than the chat has. */
  memberListPartial: (members: string) => string;
  /** Heading of the karma list: reactions people received. */
  reactionsReceived: string;
  /** Heading of the most reacted messages. */
  topReacted: string;
  /** The word after a number of reactions, agreeing with it. */
  reactionsUnit: (count: number) => string;
  /** "Alice: 9 reactions (1.5 per message)"; `received` with its unit. */
  karmaLine: (name: string, received: string, perMessage: string) => string;
  /** A message named without its text: "Alice, 2024-01-10". */
  reactedMessageTitle: (name: string, date: string) => string;
  /** "<title>: 12 reactions, mostly 👍"; `message` may be a link, `reactions` with its unit. */
  reactedMessage: (message: string, reactions: string, top: string) => string;
}

function loadSummaryStrings(language: ReportLanguage): SummaryStrings {
  const fluent = sharedTexts(language);
  const title = fluent.format("summary-title");
  const replyPair = fluent.format("summary-reply-pair");
  const fastestNote = fluent.format("summary-fastest-note");
  const fastestLine = fluent.format("summary-fastest-line");
  const conversationsCount = fluent.format("summary-conversations-count");
  const conversationsMedian = fluent.format("summary-conversations-median");
  const questionsAnswered = fluent.format("summary-questions-answered");
  const longestReplyChain = fluent.format("summary-longest-reply-chain");
  // Numbers, not text: Fluent picks the word's form by them.
  const messagesUnit = fluent.format("summary-messages-unit-abbreviated");
  const daysUnit = fluent.format("summary-days-unit");
  const edits = fluent.format("summary-edits");
  const editsUntimed = fluent.format("summary-edits-untimed");
  const postsUnit = fluent.format("summary-posts-unit");
  const membersFlow = fluent.format("summary-members-flow");
  const membersLeft = fluent.format("summary-members-left");
  const membersSources = fluent.format("summary-members-sources");
  const inviter = fluent.format("summary-inviter");
  const memberListCounts = fluent.format("summary-member-list-counts");
  const memberListPartial = fluent.format("summary-member-list-partial");
  const peopleMonth = fluent.format("summary-people-month");
  const topWriter = fluent.format("summary-top-writer");
  const topWriters = fluent.format("summary-top-writers");
  const writersFor80 = fluent.format("summary-writers-for-80");
  const gini = fluent.format("summary-gini");
  const changeWindows = fluent.format("summary-change-windows");
  const reactionsUnit = fluent.format("summary-reactions-unit");
  const karmaLine = fluent.format("summary-karma-line");
  const reactedMessageTitle = fluent.format("summary-reacted-message-title");
  const reactedMessage = fluent.format("summary-reacted-message");
  return {
    title: (chat) => title({ chat }),
    period: fluent.text("summary-period"),
    timeZone: fluent.text("summary-time-zone"),
    messages: fluent.text("summary-messages"),
    serviceMessages: fluent.text("summary-service-messages"),
    people: fluent.text("summary-people"),
    words: fluent.text("summary-words"),
    activeDays: fluent.text("summary-active-days"),
    topSenders: fluent.text("top-senders"),
    channelSenders: fluent.text("channel-senders"),
    messagesUnit: (count) => messagesUnit({ count }),
    highlights: fluent.text("summary-highlights"),
    busiestDay: fluent.text("summary-busiest-day"),
    busiestHour: fluent.text("summary-busiest-hour"),
    longestStreak: fluent.text("summary-longest-streak"),
    longestSilence: fluent.text("summary-longest-silence"),
    daysUnit: (count) => daysUnit({ count }),
    emojis: fluent.text("summary-emojis"),
    stickers: fluent.text("summary-stickers"),
    reactions: fluent.text("summary-reactions"),
    topWords: fluent.text("summary-top-words"),
    topPhrases: fluent.text("summary-top-phrases"),
    replies: fluent.text("summary-replies"),
    peopleSection: fluent.text("summary-people-section"),
    peopleMonth: (month, active, newcomers, regulars, quiet) =>
      peopleMonth({ month, active, newcomers, regulars, quiet }),
    topWriter: (share) => topWriter({ share }),
    topWriters: (percent, writers, share) => topWriters({ percent, writers, share }),
    writersFor80: (writers, total) => writersFor80({ writers, total }),
    gini: (value) => gini({ gini: value }),
    replyPair: (from, to, count, delay) => replyPair({ from, to, count, delay }),
    signatures: fluent.text("summary-signatures"),
    postsUnit: (count) => postsUnit({ count }),
    noSignature: fluent.text("summary-no-signature"),
    fastest: fluent.text("summary-fastest"),
    fastestNote: (minReplies) => fastestNote({ minReplies }),
    fastestLine: (name, delay, count) => fastestLine({ name, delay, count }),
    conversations: fluent.text("summary-conversations"),
    conversationsCount: (count, gap) => conversationsCount({ count, gap }),
    conversationsMedian: (messages, duration) => conversationsMedian({ messages, duration }),
    longestReplyChain: (count) => longestReplyChain({ count }),
    conversationStarters: fluent.text("summary-conversation-starters"),
    revivers: fluent.text("summary-revivers"),
    lastWords: fluent.text("summary-last-words"),
    questions: fluent.text("summary-questions"),
    questionsAnswered: (answered, asked, percent, window) =>
      questionsAnswered({ answered, asked, percent, window }),
    questionAnswerers: fluent.text("summary-question-answerers"),
    questionsByHour: fluent.text("summary-questions-by-hour"),
    chats: fluent.text("summary-chats"),
    notes: fluent.text("summary-notes"),
    weekdays: fluent.weekdays(),
    deletedAccount: fluent.text("deleted-account"),
    noMessages: fluent.text("summary-no-messages"),
    filters: fluent.text("summary-filters"),
    sender: fluent.text("summary-filters-sender"),
    messageKinds: fluent.text("chart-message-kinds"),
    messageKind: messageKindName(language),
    topDomains: fluent.text("summary-top-domains"),
    linksBySender: fluent.text("summary-links-by-sender"),
    mentions: fluent.text("summary-mentions"),
    hashtags: fluent.text("summary-hashtags"),
    forwardSources: fluent.text("summary-forward-sources"),
    viaBots: fluent.text("summary-via-bots"),
    links: fluent.text("summary-links"),
    forwards: fluent.text("summary-forwards"),
    edits: (count, share, delay) =>
      delay === null ? editsUntimed({ count, share }) : edits({ count, share, delay }),
    members: fluent.text("summary-members"),
    membersFlow: (joins, leaves, net) => membersFlow({ joins, leaves, net }),
    membersLeft: (own, removed) => membersLeft({ own, removed }),
    membersSources: (sources) => membersSources(sources),
    topInviters: fluent.text("summary-top-inviters"),
    inviter: (name, added, byLink) => inviter({ name, added, byLink }),
    titles: fluent.text("summary-titles"),
    changeRange: fluent.text("summary-change-range"),
    changeRecent: fluent.text("summary-change-recent"),
    changeWindows: (from, to, previousFrom, previousTo) =>
      changeWindows({ from, to, previousFrom, previousTo }),
    changeActivePeople: fluent.text("summary-change-active-people"),
    changeNewcomers: fluent.text("summary-change-newcomers"),
    changeJoins: fluent.text("summary-change-joins"),
    changeLeaves: fluent.text("summary-change-leaves"),
    changeNone: fluent.text("summary-change-none"),
    memberList: fluent.text("summary-member-list"),
    memberListCounts: (members, never, silent, days) =>
      memberListCounts({ members, never, silent, days }),
    memberListPartial: (members) => memberListPartial({ members }),
    reactionsReceived: fluent.text("summary-reactions-received"),
    topReacted: fluent.text("summary-top-reacted"),
    reactionsUnit: (count) => reactionsUnit({ count }),
    karmaLine: (name, received, perMessage) => karmaLine({ name, received, perMessage }),
    reactedMessageTitle: (name, date) => reactedMessageTitle({ name, date }),
    reactedMessage: (message, reactions, top) => reactedMessage({ message, reactions, top }),
  };
}

/** The summary texts of a language. */
export const summaryStrings = textsPerLanguage(loadSummaryStrings);

/**
 * Texts of the summary sent as a Telegram message after the charts that are
 * worded otherwise than in summary.md (it takes the rest from {@link SummaryStrings}).
 */
export interface SentSummaryStrings {
  /** Label of the sender filter's line: "Sender: Alice". */
  senderLabel: string;
  /** Instead of the name of a chat that has none. */
  untitledChat: string;
  /** The summary's body when the period has no messages. */
  noMessagesInPeriod: string;
  /** The word after a number of messages, spelled out, by plural category. */
  messagesUnitForms: PluralForms;
  /** Active people and newcomers of a month (a month name such as "December 2024"). */
  peopleMonth: (month: string, active: string, newcomers: string) => string;
}

function loadSentSummaryStrings(language: ReportLanguage): SentSummaryStrings {
  const fluent = sharedTexts(language);
  const peopleMonth = fluent.format("summary-people-month-sent");
  return {
    senderLabel: fluent.text("summary-sender"),
    untitledChat: fluent.text("untitled-chat"),
    noMessagesInPeriod: fluent.text("summary-no-messages-in-period"),
    messagesUnitForms: fluent.pluralForms("summary-messages-unit"),
    peopleMonth: (month, active, newcomers) => peopleMonth({ month, active, newcomers }),
  };
}

/** The sent summary's own texts of a language. */
export const sentSummaryStrings = textsPerLanguage(loadSentSummaryStrings);
