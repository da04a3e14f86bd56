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
  messagesUnit: string;
  highlights: string;
  busiestDay: string;
  busiestHour: string;
  longestStreak: string;
  longestSilence: string;
  daysUnit: string;
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

const en: SummaryStrings = {
  title: (chat) => `${chat} — chat statistics`,
  period: "Period",
  timeZone: "time zone",
  messages: "Messages",
  serviceMessages: "service messages",
  people: "People",
  words: "Words",
  activeDays: "Active days",
  topSenders: "Top senders",
  channelSenders: "Channels and anonymous admins",
  messagesUnit: "messages",
  highlights: "Highlights",
  busiestDay: "Busiest day",
  busiestHour: "Busiest hour",
  longestStreak: "Longest streak",
  longestSilence: "Longest silence",
  daysUnit: "days",
  emojis: "Top emoji",
  stickers: "Top stickers",
  reactions: "Top reactions",
  topWords: "Top words",
  topPhrases: "Top phrases",
  replies: "Who answers whom",
  replyPair: (from, to, count, delay) => `${from} → ${to}: ${count} replies, median ${delay}`,
  chats: "Chats",
  notes: "Notes",
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  deletedAccount: "Deleted account",
  noMessages: "No messages.",
  filters: "Filters",
  sender: "sender",
};

const ru: SummaryStrings = {
  title: (chat) => `${chat} — статистика чата`,
  period: "Период",
  timeZone: "часовой пояс",
  messages: "Сообщений",
  serviceMessages: "служебных",
  people: "Участников",
  words: "Слов",
  activeDays: "Активных дней",
  topSenders: "Самые активные",
  channelSenders: "Каналы и анонимные админы",
  messagesUnit: "сообщ.",
  highlights: "Рекорды",
  busiestDay: "Самый активный день",
  busiestHour: "Самый активный час",
  longestStreak: "Самая длинная серия",
  longestSilence: "Самое долгое затишье",
  daysUnit: "дн.",
  emojis: "Топ эмодзи",
  stickers: "Топ стикеров",
  reactions: "Топ реакций",
  topWords: "Топ слов",
  topPhrases: "Топ фраз",
  replies: "Кто кому отвечает",
  replyPair: (from, to, count, delay) => `${from} → ${to}: ответов ${count}, медиана ${delay}`,
  chats: "Чаты",
  notes: "Примечания",
  weekdays: ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
  deletedAccount: "Удалённый аккаунт",
  noMessages: "Сообщений нет.",
  filters: "Фильтры",
  sender: "отправитель",
};

/** The summary texts of a language. */
export function summaryStrings(language: ReportLanguage): SummaryStrings {
  return language === "ru" ? ru : en;
}
