/**
 * Texts of the HTML page that the summary's and charts' texts do not already
 * have (column headings, the sort hint, the footer), per report language.
 */
import type { ReportLanguage } from "@tgstats/engine";

/** One language's page texts. */
export interface PageTexts {
  name: string;
  share: string;
  messages: string;
  words: string;
  characters: string;
  media: string;
  stickers: string;
  repliesGiven: string;
  repliesReceived: string;
  word: string;
  phrase: string;
  emoji: string;
  count: string;
  from: string;
  to: string;
  medianDelay: string;
  site: string;
  hashtag: string;
  bot: string;
  month: string;
  joins: string;
  leaves: string;
  net: string;
  added: string;
  byLink: string;
  date: string;
  chatTitle: string;
  sortHint: string;
  footer: string;
}

const TEXTS: Record<ReportLanguage, PageTexts> = {
  en: {
    name: "Name",
    share: "Share",
    messages: "Messages",
    words: "Words",
    characters: "Characters",
    media: "Media",
    stickers: "Stickers",
    repliesGiven: "Replies given",
    repliesReceived: "Replies received",
    word: "Word",
    phrase: "Phrase",
    emoji: "Emoji",
    count: "Count",
    from: "Who replies",
    to: "To whom",
    medianDelay: "Median delay",
    site: "Site",
    hashtag: "Hashtag",
    bot: "Bot",
    month: "Month",
    joins: "Joined",
    leaves: "Left",
    net: "Net",
    added: "Added",
    byLink: "By their link",
    date: "Date",
    chatTitle: "Title",
    sortHint: "Click a column heading to sort.",
    footer:
      "Made by tgstats. This page holds counts only, never message text, and loads nothing from the network.",
  },
  ru: {
    name: "Имя",
    share: "Доля",
    messages: "Сообщения",
    words: "Слова",
    characters: "Символы",
    media: "Медиа",
    stickers: "Стикеры",
    repliesGiven: "Ответил(а)",
    repliesReceived: "Получил(а) ответов",
    word: "Слово",
    phrase: "Фраза",
    emoji: "Эмодзи",
    count: "Сколько",
    from: "Кто отвечает",
    to: "Кому",
    medianDelay: "Медианная задержка",
    site: "Сайт",
    hashtag: "Хештег",
    bot: "Бот",
    month: "Месяц",
    joins: "Пришли",
    leaves: "Ушли",
    net: "Итог",
    added: "Добавил(а)",
    byLink: "По его/её ссылке",
    date: "Дата",
    chatTitle: "Название",
    sortHint: "Нажмите на заголовок столбца, чтобы отсортировать.",
    footer:
      "Сделано tgstats. На странице только счётчики, без текста сообщений; она ничего не загружает из сети.",
  },
};

/** The page texts of a language. */
export function pageTexts(language: ReportLanguage): PageTexts {
  return TEXTS[language];
}
