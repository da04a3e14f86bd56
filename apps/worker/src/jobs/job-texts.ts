/** The stats job's own messages to the requester, per language. */
export interface JobTexts {
  floodWait: (seconds: number, resumeAtMs: number, timeZone: string) => string;
  accountLoggedOut: string;
  chatNotAccessible: (accountUsername: string | null) => string;
  failed: string;
  /** Shown while other accounts read parts of the history in parallel. */
  readingInParallel: (accounts: number) => string;
  overviewTitle: string;
  messagesUnit: string;
}

function clockTime(ms: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(ms);
}

const en: JobTexts = {
  floodWait: (seconds, at, zone) =>
    `Telegram asked to wait ${Math.ceil(seconds / 60)} min; continuing at ${clockTime(at, zone, "en")} (${zone}).`,
  accountLoggedOut:
    "The Telegram account that reads chats for this bot is logged out. The operator has to log it in again; please try later.",
  chatNotAccessible: (username) =>
    username === null
      ? "The account that reads chats for this bot cannot see this chat. Add it to the group, then ask again."
      : `The account @${username} cannot read this chat. Add @${username} to the group, then ask again.`,
  failed: "Sorry, the statistics could not be computed this time. Please try again later.",
  readingInParallel: (accounts) => `Reading the history with ${accounts} accounts in parallel…`,
  overviewTitle: "Chats by number of messages",
  messagesUnit: "messages",
};

const ru: JobTexts = {
  floodWait: (seconds, at, zone) =>
    `Telegram попросил подождать ${Math.ceil(seconds / 60)} мин; продолжу в ${clockTime(at, zone, "ru")} (${zone}).`,
  accountLoggedOut:
    "Аккаунт Telegram, которым бот читает чаты, вышел из системы. Оператору нужно войти заново; попробуйте позже.",
  chatNotAccessible: (username) =>
    username === null
      ? "Аккаунт, которым бот читает чаты, не видит этот чат. Добавьте его в группу и спросите снова."
      : `Аккаунт @${username} не может читать этот чат. Добавьте @${username} в группу и спросите снова.`,
  failed: "Не получилось посчитать статистику. Попробуйте позже.",
  readingInParallel: (accounts) => `Читаю историю параллельно ${accounts} аккаунтами…`,
  overviewTitle: "Чаты по числу сообщений",
  messagesUnit: "сообщ.",
};

/** The job texts of a language. */
export function jobTexts(language: "en" | "ru"): JobTexts {
  return language === "ru" ? ru : en;
}
