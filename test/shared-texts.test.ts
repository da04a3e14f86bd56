/**
 * The engine's Fluent files (packages/engine/src/locales): both
 * languages have the same message ids, the summary and chart code uses exactly
 * those, the tables read from them keep the texts they had as TypeScript, and
 * the files reach the image. Also: the bot's light entry (core) stays light.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chartTexts, type ChartTexts } from "@tgstats/charts";
import { noteTexts } from "@tgstats/engine";
import { sharedTexts } from "@tgstats/engine";
import { sentSummaryStrings, summaryStrings, type SummaryStrings } from "@tgstats/engine";
import { fluentMessageIds } from "./helpers/fluent-ids.js";
import { packagesImportedBy } from "./helpers/imported-packages.js";

const LOCALES = "packages/engine/src/locales";

const enIds = fluentMessageIds(`${LOCALES}/en.ftl`);
const ruIds = fluentMessageIds(`${LOCALES}/ru.ftl`);

type Plain<T> = { [K in keyof T as T[K] extends (...args: never[]) => string ? never : K]: T[K] };

/** A table without its functions, which are checked by calling them. */
function plain<T extends object>(table: T): Plain<T> {
  return Object.fromEntries(
    Object.entries(table).filter(([, value]) => typeof value !== "function"),
  ) as Plain<T>;
}

// The texts as they were written in TypeScript before they moved to Fluent.
const SUMMARY_EN: Plain<SummaryStrings> = {
  period: "Period",
  timeZone: "time zone",
  messages: "Messages",
  serviceMessages: "service messages",
  people: "People",
  words: "Words",
  activeDays: "Active days",
  topSenders: "Top senders",
  channelSenders: "Channels and anonymous admins",
  highlights: "Highlights",
  busiestDay: "Busiest day",
  busiestHour: "Busiest hour",
  longestStreak: "Longest streak",
  longestSilence: "Longest silence",
  emojis: "Top emoji",
  stickers: "Top stickers",
  reactions: "Top reactions",
  topWords: "Top words",
  topPhrases: "Top phrases",
  replies: "Who answers whom",
  signatures: "Posts by signature",
  noSignature: "no signature",
  fastest: "Fastest to answer",
  conversations: "Conversations",
  conversationStarters: "Who starts them",
  revivers: "Who writes first after a day or more of silence",
  lastWords: "Who has the last word before a day or more of silence",
  questions: "Questions",
  questionAnswerers: "Who answers questions most",
  questionsByHour: "Answered by hour asked",
  peopleSection: "People",
  chats: "Chats",
  notes: "Notes",
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  deletedAccount: "Deleted account",
  noMessages: "No messages.",
  filters: "Filters",
  sender: "sender",
  messageKinds: "Messages by kind",
  topDomains: "Top sites",
  linksBySender: "Links per person",
  mentions: "Most mentioned",
  hashtags: "Top hashtags",
  forwardSources: "Forwarded from",
  viaBots: "Inline bots",
  links: "Links",
  forwards: "Forwarded",
  members: "Members",
  topInviters: "Brought the most members",
  titles: "Chat titles",
  changeRange: "Against the previous period",
  changeRecent: "Last 30 days",
  changeActivePeople: "Active people",
  changeNewcomers: "Newcomers",
  changeJoins: "Joined",
  changeLeaves: "Left",
  changeNone: "unchanged",
  memberList: "Member list",
  reactionsReceived: "Reactions received",
  topReacted: "Most reacted messages",
};

const SUMMARY_RU: Plain<SummaryStrings> = {
  period: "Период",
  timeZone: "часовой пояс",
  messages: "Сообщений",
  serviceMessages: "служебных",
  people: "Участников",
  words: "Слов",
  activeDays: "Активных дней",
  topSenders: "Самые активные",
  channelSenders: "Каналы и анонимные админы",
  highlights: "Рекорды",
  busiestDay: "Самый активный день",
  busiestHour: "Самый активный час",
  longestStreak: "Самая длинная серия",
  longestSilence: "Самое долгое затишье",
  emojis: "Топ эмодзи",
  stickers: "Топ стикеров",
  reactions: "Топ реакций",
  topWords: "Топ слов",
  topPhrases: "Топ фраз",
  replies: "Кто кому отвечает",
  signatures: "Публикации по подписи",
  noSignature: "без подписи",
  fastest: "Кто быстрее отвечает",
  conversations: "Разговоры",
  conversationStarters: "Кто начинает",
  revivers: "Кто пишет первым после суток тишины и дольше",
  lastWords: "За кем последнее слово перед сутками тишины и дольше",
  questions: "Вопросы",
  questionAnswerers: "Кто чаще отвечает на вопросы",
  questionsByHour: "Доля отвеченных по часу вопроса",
  peopleSection: "Люди",
  chats: "Чаты",
  notes: "Примечания",
  weekdays: ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
  deletedAccount: "Удалённый аккаунт",
  noMessages: "Сообщений нет.",
  filters: "Фильтры",
  sender: "отправитель",
  messageKinds: "Сообщения по видам",
  topDomains: "Топ сайтов",
  linksBySender: "Ссылки по участникам",
  mentions: "Чаще всего упоминают",
  hashtags: "Топ хештегов",
  forwardSources: "Откуда пересылают",
  viaBots: "Инлайн-боты",
  links: "Ссылок",
  forwards: "Переслано",
  members: "Участники",
  topInviters: "Больше всех привели",
  titles: "Названия чата",
  changeRange: "К предыдущему периоду",
  changeRecent: "Последние 30 дней",
  changeActivePeople: "Активных людей",
  changeNewcomers: "Новичков",
  changeJoins: "Пришли",
  changeLeaves: "Ушли",
  changeNone: "без изменений",
  memberList: "Список участников",
  reactionsReceived: "Реакции на сообщения",
  topReacted: "Сообщения с наибольшим числом реакций",
};

const CHARTS_EN: Plain<ChartTexts> = {
  topSenders: "Top senders",
  people: "People",
  channels: "Channels and anonymous admins",
  deletedAccount: "Deleted account",
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
  missingGlyphs: "\uFFFD no font has this character",
  customEmoji: "custom",
  stars: "Stars",
  reactionsReceived: "Reactions received",
  emojiWithoutGlyph: "U+…, custom: emoji the chart font has no picture for",
  activePeople: "Active people per month",
  newcomers: "Newcomers",
  regulars: "Regulars",
  retention: "Who keeps writing, by first month",
  retentionHint: "% of each month's newcomers who wrote N months later",
  monthsAfter: "Months after the first message",
  channelPosts: "Channel posts",
  postsPerMonth: "Posts per month",
  viewsPerPost: "Views per post",
  postViews: "Views per post by kind and length",
  viewsByKind: "By kind: mean views (posts)",
  viewsByLength: "By text length, characters: mean views (posts)",
  members: "Members joined and left",
  membersJoined: "Joined",
  membersLeft: "Left",
  membersNet: "Net",
  replyMatrix: "Who answers whom",
  replyMatrixHint: "Row: who replies · column: to whom",
  notEnoughData: "Not enough data for charts",
  notEnoughDataHint: "The chat has too few messages in this period.",
  untitledChat: "Untitled chat",
  messageKinds: "Messages by kind",
  cardGroup: "The group",
  tgGrowthMembers: "Members by day (Telegram's statistics)",
  tgGrowthFollowers: "Followers by day (Telegram's statistics)",
  tgSources: "Sources and languages (Telegram's statistics)",
  tgNewMembersBySource: "New members by source",
  tgNewFollowersBySource: "New followers by source",
  tgLanguages: "Languages",
};

const CHARTS_RU: Plain<ChartTexts> = {
  topSenders: "Самые активные",
  people: "Люди",
  channels: "Каналы и анонимные админы",
  deletedAccount: "Удалённый аккаунт",
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
  missingGlyphs: "\uFFFD нет шрифта для этого символа",
  customEmoji: "свой",
  stars: "Звёзды",
  reactionsReceived: "Реакции на сообщения",
  emojiWithoutGlyph: "U+…, свой: эмодзи, которых нет в шрифте графика",
  activePeople: "Активные участники по месяцам",
  newcomers: "Новые",
  regulars: "Постоянные",
  retention: "Кто продолжает писать, по месяцу прихода",
  retentionHint: "% новичков месяца, писавших через N месяцев",
  monthsAfter: "Месяцев после первого сообщения",
  channelPosts: "Публикации канала",
  postsPerMonth: "Публикаций в месяц",
  viewsPerPost: "Просмотров на публикацию",
  postViews: "Просмотры публикаций по виду и длине",
  viewsByKind: "По виду: просмотров в среднем (публикаций)",
  viewsByLength: "По длине текста, симв.: в среднем (публикаций)",
  members: "Участники: пришли и ушли",
  membersJoined: "Пришли",
  membersLeft: "Ушли",
  membersNet: "Итог",
  replyMatrix: "Кто кому отвечает",
  replyMatrixHint: "Строка — кто отвечает, столбец — кому",
  notEnoughData: "Недостаточно данных для графиков",
  notEnoughDataHint: "В чате слишком мало сообщений за этот период.",
  untitledChat: "Чат без названия",
  messageKinds: "Сообщения по видам",
  cardGroup: "Группа",
  tgGrowthMembers: "Участники по дням (статистика Telegram)",
  tgGrowthFollowers: "Подписчики по дням (статистика Telegram)",
  tgSources: "Источники и языки (статистика Telegram)",
  tgNewMembersBySource: "Новые участники по источникам",
  tgNewFollowersBySource: "Новые подписчики по источникам",
  tgLanguages: "Языки",
};

describe("shared locales", () => {
  it("en.ftl and ru.ftl have the same message ids, each once", () => {
    expect(enIds.length).toBeGreaterThan(50);
    expect(ruIds).toEqual(enIds);
    expect(new Set(enIds).size).toBe(enIds.length);
  });

  it("the code uses every message of the files, and only those", () => {
    // Importing the summary, chart and note tables built them, so each id they ask for is recorded.
    for (const language of ["en", "ru"] as const)
      expect([...sharedTexts(language).usedIds].sort(), language).toEqual(enIds);
  });

  it("keeps the summary's texts", () => {
    expect(plain(summaryStrings("en"))).toEqual(SUMMARY_EN);
    expect(plain(summaryStrings("ru"))).toEqual(SUMMARY_RU);
    expect([1, 2, 21].map((n) => summaryStrings("en").messagesUnit(n))).toEqual([
      "message",
      "messages",
      "messages",
    ]);
    expect([1, 12].map((n) => summaryStrings("en").daysUnit(n))).toEqual(["day", "days"]);
    expect([1, 3, 5].map((n) => summaryStrings("ru").messagesUnit(n))).toEqual([
      "сообщ.",
      "сообщ.",
      "сообщ.",
    ]);
    expect([1, 5].map((n) => summaryStrings("ru").daysUnit(n))).toEqual(["дн.", "дн."]);
    expect([1, 12].map((n) => summaryStrings("en").postsUnit(n))).toEqual(["post", "posts"]);
    expect([1, 5].map((n) => summaryStrings("ru").postsUnit(n))).toEqual(["публ.", "публ."]);
    expect(summaryStrings("en").title("Family")).toBe("Family — chat statistics");
    expect(summaryStrings("ru").title("Семья")).toBe("Семья — статистика чата");
    expect(summaryStrings("en").replyPair("Ann", "Bob", "1,204", "4 min")).toBe(
      "Ann → Bob: 1,204 replies, median 4 min",
    );
    expect(summaryStrings("ru").replyPair("Аня", "Боря", "1\u00a0204", "4 мин")).toBe(
      "Аня → Боря: ответов 1\u00a0204, медиана 4 мин",
    );
    expect(summaryStrings("en").peopleMonth("2024-12", "14", "3", "11", "4")).toBe(
      "People active in 2024-12: 14 (newcomers 3, regulars 11, went quiet 4)",
    );
    expect(summaryStrings("ru").writersFor80("5", "24")).toBe(
      "80 % сообщений написали 5 из 24 человек",
    );
  });

  it("words the sent summary's own texts apart from summary.md's", () => {
    expect(plain(sentSummaryStrings("en"))).toEqual({
      senderLabel: "Sender",
      untitledChat: "Untitled chat",
      noMessagesInPeriod: "No messages in this period.",
      messagesUnitForms: { one: "message", other: "messages" },
    });
    expect(sentSummaryStrings("en").peopleMonth("December 2024", "14", "3")).toBe(
      "People active in December 2024: 14, 3 of them new",
    );
    expect(sentSummaryStrings("ru").peopleMonth("декабрь 2024 г.", "14", "3")).toBe(
      "Писали за декабрь 2024 г.: 14, из них новых 3",
    );
    expect(plain(sentSummaryStrings("ru"))).toEqual({
      senderLabel: "Отправитель",
      untitledChat: "Чат без названия",
      noMessagesInPeriod: "За этот период сообщений нет.",
      messagesUnitForms: {
        one: "сообщение",
        few: "сообщения",
        many: "сообщений",
        other: "сообщения",
      },
    });
  });

  it("words the notes in both languages", () => {
    expect(noteTexts("en").exportCoverage).toBe(
      "This report covers what the export contains (it may be a date range or leave chats out).",
    );
    expect(noteTexts("ru").wordEstimates(12)).toBe(
      "Числа слов в этом большом чате приблизительные: каждое может быть занижено не больше чем на 12.",
    );
  });

  it("keeps the charts' texts", () => {
    expect(plain(chartTexts("en"))).toEqual(CHARTS_EN);
    expect(plain(chartTexts("ru"))).toEqual(CHARTS_RU);
    expect(chartTexts("en").punchcard("Europe/Berlin")).toBe(
      "Activity by weekday and hour · Europe/Berlin",
    );
    expect(chartTexts("ru").punchcard("UTC")).toBe("Активность по дням и часам · UTC");
  });

  it("fills placeables without bidi isolation marks, even around a right-to-left name", () => {
    const texts = [
      summaryStrings("en").title("שלום"),
      summaryStrings("ru").replyPair("שלום", "Bob", "3", "1 мин"),
      chartTexts("en").punchcard("Asia/Jerusalem"),
    ];
    for (const text of texts) expect(text).not.toMatch(/[\u2066-\u2069]/);
    expect(texts[0]).toBe("שלום — chat statistics");
  });

  it("reach the image: in the build context, copied by the build into dist/, which the image takes", () => {
    const patterns = readFileSync(".dockerignore", "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    for (const pattern of patterns) expect(pattern).not.toMatch(/ftl|locales|packages|src/);
    const sources = ["packages", "apps"]
      .flatMap((group) => readdirSync(group).map((name) => `${group}/${name}/src`))
      .filter((src) => existsSync(src))
      .flatMap((src) =>
        readdirSync(src, { recursive: true, encoding: "utf8" }).map((file) => `${src}/${file}`),
      )
      .filter((file) => file.endsWith(".ftl"));
    expect(sources).toContain(`${LOCALES}/en.ftl`);
    for (const source of sources) {
      const built = source.replace("/src/", "/dist/");
      expect(readFileSync(built, "utf8"), built).toBe(readFileSync(source, "utf8"));
    }
    expect(readFileSync("Dockerfile", "utf8")).toContain('cp -r "$ws/package.json" "$ws/dist"');
  });
});

describe("the bot's packages", () => {
  it("import no chart or font package (what the bot loads stays light)", async () => {
    const packages = await packagesImportedBy("apps/bot/src/main.ts");
    expect(packages).toContain("@fluent/bundle");
    for (const heavy of [
      "@napi-rs/canvas",
      "echarts",
      "@expo-google-fonts/noto-sans",
      "@fontsource/noto-color-emoji",
    ])
      expect(packages).not.toContain(heavy);
  }, 60_000);
});
