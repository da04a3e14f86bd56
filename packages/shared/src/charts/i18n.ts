/**
 * Chart texts, one table per report language. Kept here, small and typed, until
 * the bot's i18n exists; a missing key in one language is a compile error.
 */

/** Languages a report (and so a chart) can be written in. */
export type ChartLanguage = "en" | "ru";

/** Every text a chart draws or captions with. */
export interface ChartTexts {
  topSenders: string;
  people: string;
  channels: string;
  deletedAccount: string;
  /** Punch card title; the zone is part of it so no one reads hours in the wrong zone. */
  punchcard: (zone: string) => string;
  messagesPerDay: string;
  messagesPerWeek: string;
  messagesPerMonth: string;
  average7Days: string;
  average4Weeks: string;
  average3Months: string;
  topEmoji: string;
  topReactions: string;
  topWordsAndPhrases: string;
  words: string;
  phrases: string;
  /** Marks counts that may be low when word counting was approximate ("≈" is not in Noto Sans). */
  approximate: string;
  channelPosts: string;
  postsPerMonth: string;
  viewsPerPost: string;
  notEnoughData: string;
  notEnoughDataHint: string;
  untitledChat: string;
}

const en: ChartTexts = {
  topSenders: "Top senders",
  people: "People",
  channels: "Channels and anonymous admins",
  deletedAccount: "Deleted account",
  punchcard: (zone) => `Activity by weekday and hour · ${zone}`,
  messagesPerDay: "Messages per day",
  messagesPerWeek: "Messages per week",
  messagesPerMonth: "Messages per month",
  average7Days: "7-day average",
  average4Weeks: "4-week average",
  average3Months: "3-month average",
  topEmoji: "Top emoji",
  topReactions: "Top reactions",
  topWordsAndPhrases: "Top words and phrases",
  words: "Words",
  phrases: "Phrases",
  approximate: "~ approximate counts",
  channelPosts: "Channel posts",
  postsPerMonth: "Posts per month",
  viewsPerPost: "Views per post",
  notEnoughData: "Not enough data for charts",
  notEnoughDataHint: "The chat has too few messages in this period.",
  untitledChat: "Untitled chat",
};

const ru: ChartTexts = {
  topSenders: "Самые активные",
  people: "Люди",
  channels: "Каналы и анонимные админы",
  deletedAccount: "Удалённый аккаунт",
  punchcard: (zone) => `Активность по дням и часам · ${zone}`,
  messagesPerDay: "Сообщений в день",
  messagesPerWeek: "Сообщений в неделю",
  messagesPerMonth: "Сообщений в месяц",
  average7Days: "Среднее за 7 дней",
  average4Weeks: "Среднее за 4 недели",
  average3Months: "Среднее за 3 месяца",
  topEmoji: "Популярные эмодзи",
  topReactions: "Популярные реакции",
  topWordsAndPhrases: "Частые слова и фразы",
  words: "Слова",
  phrases: "Фразы",
  approximate: "~ приблизительные числа",
  channelPosts: "Публикации канала",
  postsPerMonth: "Публикаций в месяц",
  viewsPerPost: "Просмотров на публикацию",
  notEnoughData: "Недостаточно данных для графиков",
  notEnoughDataHint: "В чате слишком мало сообщений за этот период.",
  untitledChat: "Чат без названия",
};

const TABLES: Record<ChartLanguage, ChartTexts> = { en, ru };

/** The chart texts of a language. */
export function chartTexts(language: ChartLanguage): ChartTexts {
  return TABLES[language];
}
