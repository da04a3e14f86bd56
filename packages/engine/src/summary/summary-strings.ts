/**
 * The Markdown summary's texts, read from the shared package's Fluent files
 * (../locales/<language>.ftl) when this module loads, so a missing message
 * stops the process at start-up.
 */
import { sharedTexts } from "../i18n/shared-texts.js";

/** Languages the summary (and the charts) are written in. */
export type ReportLanguage = "en" | "ru";

/** Texts of the Markdown summary, one table per language. */
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
  replyPair: (from: string, to: string, count: string, delay: string) => string;
  chats: string;
  notes: string;
  weekdays: readonly string[];
  deletedAccount: string;
  noMessages: string;
  filters: string;
  sender: string;
}

function loadSummaryStrings(language: ReportLanguage): SummaryStrings {
  const fluent = sharedTexts(language);
  const title = fluent.format("summary-title");
  const replyPair = fluent.format("summary-reply-pair");
  // Numbers, not text: Fluent picks the word's form by them.
  const messagesUnit = fluent.format("summary-messages-unit");
  const daysUnit = fluent.format("summary-days-unit");
  return {
    title: (chat) => title({ chat }),
    period: fluent.text("summary-period"),
    timeZone: fluent.text("summary-time-zone"),
    messages: fluent.text("summary-messages"),
    serviceMessages: fluent.text("summary-service-messages"),
    people: fluent.text("summary-people"),
    words: fluent.text("summary-words"),
    activeDays: fluent.text("summary-active-days"),
    topSenders: fluent.text("summary-top-senders"),
    channelSenders: fluent.text("summary-channel-senders"),
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
    replyPair: (from, to, count, delay) => replyPair({ from, to, count, delay }),
    chats: fluent.text("summary-chats"),
    notes: fluent.text("summary-notes"),
    weekdays: fluent.weekdays(),
    deletedAccount: fluent.text("deleted-account"),
    noMessages: fluent.text("summary-no-messages"),
    filters: fluent.text("summary-filters"),
    sender: fluent.text("summary-sender"),
  };
}

const SUMMARY_STRINGS: Record<ReportLanguage, SummaryStrings> = {
  en: loadSummaryStrings("en"),
  ru: loadSummaryStrings("ru"),
};

/** The summary texts of a language. */
export function summaryStrings(language: ReportLanguage): SummaryStrings {
  return language === "ru" ? SUMMARY_STRINGS.ru : SUMMARY_STRINGS.en;
}
