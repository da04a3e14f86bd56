/**
 * Every text the worker's delivery shows the requester, one table per
 * language. (The bot's i18n library takes these over with the bot issue.)
 */

/** Languages the delivery speaks. */
export type DeliveryLanguage = "en" | "ru";

/** Plural forms keyed by `Intl.PluralRules` categories; `other` is the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The texts of one language. */
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
  messagesUnit: PluralForms;
  deletedAccount: string;
  noMessages: string;
  /** Weekday names, Monday first. */
  weekdays: readonly string[];
}

const en: DeliveryTexts = {
  locale: "en-US",
  readingStarted: "Reading history…",
  readingProgress: (fetched, total, percent) =>
    `Reading history: ${fetched} / ${total} (${percent})`,
  etaUnderMinute: "less than a minute left",
  etaMinutes: (minutes) => `about ${minutes} min left`,
  etaHours: (hours, minutes) => `about ${hours} h ${minutes} min left`,
  done: "Done ✅",
  title: (chat) => `${chat} — chat statistics`,
  untitledChat: "Untitled chat",
  period: "Period",
  timeZone: "time zone",
  sender: "Sender",
  messages: "Messages",
  people: "People",
  words: "Words",
  activeDays: "Active days",
  topSenders: "Top senders",
  busiestDay: "Busiest day",
  busiestHour: "Busiest hour",
  messagesUnit: { one: "message", other: "messages" },
  deletedAccount: "Deleted account",
  noMessages: "No messages in this period.",
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

const ru: DeliveryTexts = {
  locale: "ru-RU",
  readingStarted: "Читаю историю…",
  readingProgress: (fetched, total, percent) => `Читаю историю: ${fetched} / ${total} (${percent})`,
  etaUnderMinute: "осталось меньше минуты",
  etaMinutes: (minutes) => `осталось около ${minutes} мин`,
  etaHours: (hours, minutes) => `осталось около ${hours} ч ${minutes} мин`,
  done: "Готово ✅",
  title: (chat) => `${chat} — статистика чата`,
  untitledChat: "Чат без названия",
  period: "Период",
  timeZone: "часовой пояс",
  sender: "Отправитель",
  messages: "Сообщений",
  people: "Участников",
  words: "Слов",
  activeDays: "Активных дней",
  topSenders: "Самые активные",
  busiestDay: "Самый активный день",
  busiestHour: "Самый активный час",
  messagesUnit: { one: "сообщение", few: "сообщения", many: "сообщений", other: "сообщения" },
  deletedAccount: "Удалённый аккаунт",
  noMessages: "За этот период сообщений нет.",
  weekdays: ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
};

/** The delivery texts of a language. */
export function deliveryTexts(language: DeliveryLanguage): DeliveryTexts {
  return language === "ru" ? ru : en;
}

/**
 * The plural form of a word for a count, by the language's plural rules.
 *
 * @example pluralForm(3, "ru", { one: "сообщение", few: "сообщения", many: "сообщений", other: "сообщения" }) // "сообщения"
 */
export function pluralForm(count: number, language: DeliveryLanguage, forms: PluralForms): string {
  return forms[new Intl.PluralRules(deliveryTexts(language).locale).select(count)] ?? forms.other;
}
