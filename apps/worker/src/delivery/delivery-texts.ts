/**
 * Every text the worker's delivery shows the requester. Its own (progress and
 * interruption notices) are read from the worker's Fluent files
 * (`../locales/<language>.ftl`), which also hold the stats job's own messages
 * (see ../jobs/job-texts.ts); the summary's come from the shared package,
 * worded once for summary.md and the sent summary.
 */
import {
  pluralForm,
  fluentTextsOf,
  sentSummaryStrings,
  summaryStrings,
  TEXT_LOCALES,
  textsPerLanguage,
  type PluralForms,
  type TextLanguage,
} from "@tgstats/engine";
import { fluentFiles } from "../locales/fluent-files.js";

export { pluralForm, type PluralForms };

/** Languages the delivery speaks. */
export type DeliveryLanguage = TextLanguage;

/**
 * The texts of one language: the worker's own, then the sent summary's, taken
 * from the shared package's summary texts (one wording for both summaries).
 */
export interface DeliveryTexts {
  /** BCP 47 locale for numbers and dates. */
  locale: string;
  /** Progress while the total is not known yet. */
  readingStarted: string;
  /** "Reading history: 12,300 / 48,000 (26%)". */
  readingProgress: (fetched: string, total: string, percent: string) => string;
  etaUnderMinute: string;
  etaMinutes: (minutes: string) => string;
  etaHours: (hours: string, minutes: string) => string;
  /** The status message once everything is delivered, when it cannot be deleted. */
  done: string;
  /** Added to the summary when an album or photo of the report may not have been sent. */
  chartsMayBeMissing: string;
  /** Caption of the interactive page's document, one short line. */
  pageCaption: string;
  /** Shown in the status message (or sent) when the summary may not have been sent. */
  summaryMayBeMissing: string;
  /** First line of the member names sent to an admin in private. */
  memberNamesTitle: (chat: string) => string;
  /** Heading of those who never wrote; the count formatted. */
  memberNamesNever: (count: string) => string;
  /** Heading of those silent `days` or more; numbers formatted. */
  memberNamesSilent: (days: string, count: string) => string;
  /** The last line when names did not fit in one message. */
  memberNamesMore: (count: string) => string;
  /** Sent in the chat, without names, when the admin never started the bot in private. */
  memberNamesNotStarted: string;
  /** First line of the summary and of the album caption. */
  title: (chat: string) => string;
  untitledChat: string;
  period: string;
  timeZone: string;
  sender: string;
  messages: string;
  people: string;
  words: string;
  activeDays: string;
  topSenders: string;
  busiestDay: string;
  busiestHour: string;
  members: string;
  memberList: string;
  topInviters: string;
  messagesUnit: PluralForms;
  fastest: string;
  deletedAccount: string;
  fastestLine: (name: string, delay: string, count: string) => string;
  conversationsCount: (count: string, gap: string) => string;
  questionsAnswered: (answered: string, asked: string, percent: string, window: string) => string;
  /** Active people and newcomers of a month ("December 2024"); numbers formatted. */
  peopleMonth: (month: string, active: string, newcomers: string) => string;
  /** "5 of 24 people wrote 80% of the messages". */
  writersFor80: (writers: string, total: string) => string;
  noMessages: string;
  /** Weekday names, Monday first. */
  weekdays: readonly string[];
  /** "Links: 6 — example.com, t.me". */
  links: string;
  hashtags: string;
  forwards: string;
  /** The edits line; `delay` null when no edit had an exact time. */
  edits: (count: string, share: string, delay: string | null) => string;
  reactionsReceived: string;
  topReacted: string;
  /** The word after a number of reactions, agreeing with it. */
  reactionsUnit: (count: number) => string;
  /** "Alice: 9 reactions (1.5 per message)"; `received` with its unit. */
  karmaLine: (name: string, received: string, perMessage: string) => string;
  /** "Alice, Mar 5, 2024": a message named without its text. */
  reactedMessageTitle: (name: string, date: string) => string;
  /** "<title>: 12 reactions, mostly 👍". */
  reactedMessage: (message: string, reactions: string, top: string) => string;
}

/** The worker's Fluent messages of a language (delivery and job texts). */
export const workerTexts = fluentTextsOf(fluentFiles);

function loadDeliveryTexts(language: DeliveryLanguage): DeliveryTexts {
  const fluent = workerTexts(language);
  const summary = summaryStrings(language);
  const sent = sentSummaryStrings(language);
  const readingProgress = fluent.format("reading-progress");
  const etaMinutes = fluent.format("eta-minutes");
  const etaHours = fluent.format("eta-hours");
  const memberNamesTitle = fluent.format("member-names-title");
  const memberNamesNever = fluent.format("member-names-never");
  const memberNamesSilent = fluent.format("member-names-silent");
  const memberNamesMore = fluent.format("member-names-more");
  return {
    locale: TEXT_LOCALES[language],
    readingStarted: fluent.text("reading-started"),
    readingProgress: (fetched, total, percent) => readingProgress({ fetched, total, percent }),
    etaUnderMinute: fluent.text("eta-under-minute"),
    etaMinutes: (minutes) => etaMinutes({ minutes }),
    etaHours: (hours, minutes) => etaHours({ hours, minutes }),
    done: fluent.text("delivery-done"),
    chartsMayBeMissing: fluent.text("delivery-charts-may-be-missing"),
    pageCaption: fluent.text("delivery-page-caption"),
    summaryMayBeMissing: fluent.text("delivery-summary-may-be-missing"),
    memberNamesTitle: (chat) => memberNamesTitle({ chat }),
    memberNamesNever: (count) => memberNamesNever({ count }),
    memberNamesSilent: (days, count) => memberNamesSilent({ days, count }),
    memberNamesMore: (count) => memberNamesMore({ count }),
    memberNamesNotStarted: fluent.text("member-names-not-started"),
    title: summary.title,
    untitledChat: sent.untitledChat,
    period: summary.period,
    timeZone: summary.timeZone,
    sender: sent.senderLabel,
    messages: summary.messages,
    people: summary.people,
    words: summary.words,
    activeDays: summary.activeDays,
    topSenders: summary.topSenders,
    busiestDay: summary.busiestDay,
    busiestHour: summary.busiestHour,
    members: summary.members,
    memberList: summary.memberList,
    topInviters: summary.topInviters,
    messagesUnit: sent.messagesUnitForms,
    fastest: summary.fastest,
    deletedAccount: summary.deletedAccount,
    fastestLine: summary.fastestLine,
    conversationsCount: summary.conversationsCount,
    questionsAnswered: summary.questionsAnswered,
    peopleMonth: sent.peopleMonth,
    writersFor80: summary.writersFor80,
    noMessages: sent.noMessagesInPeriod,
    weekdays: summary.weekdays,
    links: summary.links,
    hashtags: summary.hashtags,
    forwards: summary.forwards,
    edits: summary.edits,
    reactionsReceived: summary.reactionsReceived,
    topReacted: summary.topReacted,
    reactionsUnit: summary.reactionsUnit,
    karmaLine: summary.karmaLine,
    reactedMessageTitle: summary.reactedMessageTitle,
    reactedMessage: summary.reactedMessage,
  };
}

/** The delivery texts of a language. */
export const deliveryTexts = textsPerLanguage(loadDeliveryTexts);
