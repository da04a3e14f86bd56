/**
 * A synthetic, deterministic report with realistic shapes (skewed senders, a
 * weekly rhythm, evening peaks, Cyrillic names and colour emoji), for chart
 * previews and the chart benchmark. Not an engine output: no messages behind it.
 */
import {
  concentrationOf,
  emptyChannelPostsJson,
  EXACT_WORD_STATS,
  POST_KINDS,
  POST_LENGTHS,
  type ChannelPostEntry,
  type ChannelPostsJson,
  type PostHour,
  type PostKind,
  type PostLength,
  REPORT_JSON_VERSION,
  type PeopleStats,
  type ReportJson,
  type SenderStats,
} from "@tgstats/engine";
import { dayIndexToIso, isoToDayIndex } from "@tgstats/engine";
import { emptyConversations, emptyQuestions, emptyReplies, senderStats } from "./empty-report.js";
import { Prng } from "./synthetic/prng.js";

/** Shape of the sample. */
export interface SampleReportOptions {
  language?: "en" | "ru";
  /** First day, `YYYY-MM-DD`. Default 2024-01-01. */
  firstDay?: string;
  /** Number of days covered. Default 365. */
  days?: number;
  /** People writing. Default 40. */
  people?: number;
  /** Adds channel post statistics (views) as an MTProto fetch would. */
  withChannelStats?: boolean;
}

const FIRST_NAMES = [
  "Анна Смирнова",
  "Dmitry K.",
  "Мария-Александра Константинопольская",
  "Alex 🚀",
  "Екатерина",
  "John Appleseed",
  "Сергей Иванов",
  "Olga 🌸 Petrova",
  "Владимир",
  "Kate",
];

const EMOJI =
  "😂 ❤ 👍 🔥 😭 🙏 😍 🤔 😊 👀 🎉 💪 😅 🤣 😢 🥰 👏 😁 🙈 ✨ 💯 😎 🤷 🙄 😡 🥲 💔 🤝 😱 🫠 👌 😴 🤗 😏 🥳 😇 🙃 😬 😤 🤯 💀 🌚 ☕ 🍕 🎂 🐱 🌸 ⚽ 🚀 🇷🇺 🇺🇦".split(
    " ",
  );

/** A deterministic report for previews and benchmarks. */
export function sampleReport(options: SampleReportOptions = {}): ReportJson {
  const {
    language = "ru",
    firstDay = "2024-01-01",
    days = 365,
    people = 40,
    withChannelStats = false,
  } = options;
  const prng = new Prng(42);
  const random = (): number => prng.next();
  const reactionsPrng = new Prng(7);
  const firstIndex = isoToDayIndex(firstDay) ?? 19723;
  const daily: Record<string, number> = {};
  const weekly: Record<string, number> = {};
  const monthly: Record<string, number> = {};
  let total = 0;
  for (let offset = 0; offset < days; offset++) {
    const dayIndex = firstIndex + offset;
    const weekday = (dayIndex + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
    const trend = 0.6 + offset / days;
    const weekend = weekday >= 5 ? 0.55 : 1;
    const count = random() < 0.04 ? 0 : Math.round(40 * trend * weekend * (0.5 + random()));
    if (count === 0) continue;
    const iso = dayIndexToIso(dayIndex);
    daily[iso] = count;
    const monday = dayIndexToIso(dayIndex - weekday);
    weekly[monday] = (weekly[monday] ?? 0) + count;
    monthly[iso.slice(0, 7)] = (monthly[iso.slice(0, 7)] ?? 0) + count;
    total += count;
  }
  const dailyKeys = Object.keys(daily);
  const senders = makeSenders(people, Math.round(total * 0.95), random);
  const channelMessages = total - senders.reduce((sum, sender) => sum + sender.messages, 0);
  const channelSenders = [makeSender("channel1001", "channel", "Новости чата 📣", channelMessages)];
  return {
    version: REPORT_JSON_VERSION,
    chat: {
      id: 1001,
      name: language === "ru" ? "Клуб любителей графиков 📊" : "Chart lovers club 📊",
      type: "private_supergroup",
    },
    timezone: "Europe/Moscow",
    language,
    filters: { from: null, to: null, sender: null },
    totals: {
      messages: total,
      serviceMessages: 120,
      senders: people + 1,
      people,
      words: total * 7,
      characters: total * 45,
      firstDate: `${dailyKeys[0] ?? firstDay}T08:12:00+03:00`,
      lastDate: `${dailyKeys.at(-1) ?? firstDay}T23:40:00+03:00`,
      activeDays: dailyKeys.length,
      byKind: { text: total },
    },
    senders,
    channelSenders,
    punchcard: makePunchcard(total, random),
    daily,
    weekly,
    monthly,
    emojis: EMOJI.map((emoji, rank) => ({ emoji, count: Math.round(3000 / (rank + 1.5)) })),
    stickers: [],
    reactions: [
      ...EMOJI.slice(0, 12).map((emoji, rank) => ({ emoji, count: Math.round(1500 / (rank + 1)) })),
      { emoji: "paid", count: 40 },
      { emoji: "custom:5368324170671202286", count: 30 },
    ],
    // Its own generator, so the other figures stay as they were before it was added.
    reactionsReceived: makeReactionsReceived(senders, dailyKeys, () => reactionsPrng.next()),
    customEmoji: { "5368324170671202286": "👍" },
    words: makeWords(language),
    bigrams: makeBigrams(language),
    wordStats: { ...EXACT_WORD_STATS },
    replies: emptyReplies(),
    conversations: emptyConversations(),
    questions: emptyQuestions(),
    highlights: { busiestDay: null, busiestHour: null, longestStreak: null, longestSilence: null },
    channel: withChannelStats ? makeChannelStats(monthly) : null,
    links: { total: 0, domains: [], bySender: [] },
    mentions: [],
    hashtags: [],
    edits: { edited: 0, share: 0, timed: 0, medianSecondsToEdit: null, delayPrecision: 0.05 },
    forwards: { total: 0, sources: [], viaBots: [] },
    signatures: null,
    members: makeMembers(monthly, senders, language, random),
    people: makePeople(Object.keys(monthly).sort(), senders),
    period: makePeriod(daily, firstIndex + days - 1, people),
    memberList: null,
    telegramStats: null,
    card: null,
    notes: [],
  };
}

/** The last 30 days against the 30 before, messages from `daily`, the rest plausible. */
function makePeriod(
  daily: Record<string, number>,
  lastDay: number,
  people: number,
): ReportJson["period"] {
  const sum = (fromDay: number): number =>
    Array.from({ length: 30 }, (_, offset) => daily[dayIndexToIso(fromDay + offset)] ?? 0).reduce(
      (total, count) => total + count,
      0,
    );
  return {
    kind: "last30Days",
    from: dayIndexToIso(lastDay - 29),
    to: dayIndexToIso(lastDay),
    previousFrom: dayIndexToIso(lastDay - 59),
    previousTo: dayIndexToIso(lastDay - 30),
    days: 30,
    figures: {
      messages: { value: sum(lastDay - 29), previous: sum(lastDay - 59) },
      activePeople: { value: Math.round(people * 0.6), previous: Math.round(people * 0.55) },
      newcomers: { value: 4, previous: 6 },
      joins: { value: 7, previous: 7 },
      leaves: { value: 2, previous: 0 },
    },
  };
}

/** Joins that grow with the chat and a steady trickle of leaves, a few inviters and one rename. */
function makeMembers(
  monthly: Record<string, number>,
  senders: readonly SenderStats[],
  language: "en" | "ru",
  random: () => number,
): NonNullable<ReportJson["members"]> {
  const flows: NonNullable<ReportJson["members"]>["monthly"] = {};
  let joins = 0;
  let leaves = 0;
  for (const [month, count] of Object.entries(monthly)) {
    const monthJoins = Math.round(count / 60 + random() * 8);
    const monthLeaves = Math.round(count / 110 + random() * 6);
    flows[month] = { joins: monthJoins, leaves: monthLeaves, net: monthJoins - monthLeaves };
    joins += monthJoins;
    leaves += monthLeaves;
  }
  const cameBack = Math.round(joins * 0.05);
  const link = Math.round(joins * 0.45);
  const request = Math.round(joins * 0.1);
  const self = Math.round(joins * 0.15);
  const leftOnTheirOwn = Math.round(leaves * 0.8);
  const months = Object.keys(monthly);
  return {
    joins,
    leaves,
    net: joins - leaves,
    leftOnTheirOwn,
    removed: leaves - leftOnTheirOwn,
    joinsBySource: {
      added: joins - cameBack - link - request - self,
      self,
      link,
      request,
      cameBack,
    },
    monthly: flows,
    weekly: null,
    topInviters: senders.slice(0, 3).map((sender, rank) => ({
      id: sender.id,
      name: sender.name,
      added: 12 - rank * 4,
      byLink: 20 - rank * 7,
    })),
    titles: [
      {
        date: `${months[0] ?? "2024-01"}-01T10:00:00+03:00`,
        title: language === "ru" ? "Графики" : "Charts",
      },
      {
        date: `${months[Math.floor(months.length / 2)] ?? "2024-06"}-15T18:30:00+03:00`,
        title: language === "ru" ? "Клуб любителей графиков 📊" : "Chart lovers club 📊",
      },
    ],
  };
}

/**
 * Plausible people figures: a cohort per month that shrinks month by month,
 * on its own random stream so that the other figures stay as they were.
 */
function makePeople(months: readonly string[], senders: readonly SenderStats[]): PeopleStats {
  const prng = new Prng(7);
  const cohorts = months.map((month, index) => {
    const size = index === 0 ? 12 : 1 + Math.floor(prng.next() * 5);
    const active = months.slice(index).map((_, after) => {
      if (after === 0) return size;
      return Math.round(size * (0.35 + 0.4 * prng.next()) * 0.92 ** after);
    });
    return { month, size, active, shares: active.map((n) => Math.round((n / size) * 1e4) / 1e4) };
  });
  const monthly = months.map((month, index) => {
    const active = cohorts
      .slice(0, index + 1)
      .reduce((sum, cohort, start) => sum + (cohort.active[index - start] ?? 0), 0);
    const newcomers = cohorts[index]!.size;
    return {
      month,
      active,
      newcomers,
      regulars: active - newcomers,
      wentQuiet: Math.floor(active * 0.3 * prng.next()),
    };
  });
  return {
    monthly,
    weekly: [],
    cohorts,
    concentration: concentrationOf(senders.map((sender) => sender.messages)),
  };
}

function makeSender(
  id: string,
  kind: SenderStats["kind"],
  name: string | null,
  messages: number,
): SenderStats {
  return {
    ...senderStats(id, name, messages, kind),
    words: messages * 7,
    characters: messages * 45,
  };
}

/** Karma roughly following messages, the odd quiet person much liked, and ten top messages. */
function makeReactionsReceived(
  senders: readonly SenderStats[],
  days: readonly string[],
  random: () => number,
): ReportJson["reactionsReceived"] {
  const karma = senders
    .slice(0, 12)
    .map((sender, rank) => {
      const perMessage = Math.round((0.3 + random() * (rank === 5 ? 3 : 1)) * 100) / 100;
      const received = Math.round(sender.messages * perMessage);
      return {
        id: sender.id,
        name: sender.name,
        received,
        messages: Math.min(sender.messages, Math.round(received / 2)),
        perMessage,
      };
    })
    .sort((a, b) => b.received - a.received)
    .slice(0, 10);
  const topMessages = Array.from({ length: 10 }, (_, rank) => {
    const sender = senders[Math.floor(random() * Math.min(senders.length, 6))];
    const id = 1000 + Math.floor(random() * 50_000);
    return {
      id,
      chatId: 1001,
      senderId: sender?.id ?? null,
      senderName: sender?.name ?? null,
      date: `${days[Math.floor(random() * days.length)] ?? "2024-03-01"}T12:00:00+03:00`,
      reactions: Math.round(120 / (rank + 1)),
      topReaction: rank === 2 ? "custom:5368324170671202286" : (EMOJI[rank % 4] ?? "👍"),
      link: `https://t.me/c/1001/${id}`,
    };
  });
  const total = karma.reduce((sum, person) => sum + person.received, 0);
  const messages = karma.reduce((sum, person) => sum + person.messages, 0);
  return { total, messages, karma, topMessages };
}

/** Zipf-like shares: the first few people write most. */
function makeSenders(count: number, messages: number, random: () => number): SenderStats[] {
  const weights = Array.from({ length: count }, (_, rank) => 1 / (rank + 1) ** 1.1);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight, rank) => {
    const base = FIRST_NAMES[rank % FIRST_NAMES.length] ?? "User";
    const name =
      rank === 7
        ? null
        : rank < FIRST_NAMES.length
          ? base
          : `${base} ${Math.floor(rank / FIRST_NAMES.length) + 1}`;
    const share = Math.max(
      1,
      Math.round((messages * weight) / weightSum) - Math.floor(random() * 3),
    );
    return makeSender(`user${1000 + rank}`, "user", name, share);
  });
}

/** Weekday × hour counts with a lunch bump and an evening peak, weekends later. */
function makePunchcard(total: number, random: () => number): number[][] {
  const hourShape = [
    2, 1, 0.5, 0.3, 0.2, 0.3, 1, 3, 5, 6, 7, 7, 9, 8, 7, 7, 7, 8, 9, 11, 12, 11, 8, 4,
  ];
  const shapeSum = hourShape.reduce((sum, value) => sum + value, 0) * 7;
  return Array.from({ length: 7 }, (_, weekday) =>
    hourShape.map((value, hour) => {
      const shifted = weekday >= 5 ? (hourShape[(hour + 22) % 24] ?? value) * 0.6 : value;
      return Math.round((total * shifted * (0.85 + random() * 0.3)) / shapeSum);
    }),
  );
}

function makeWords(language: "en" | "ru"): ReportJson["words"] {
  const list =
    language === "ru"
      ? [
          "привет",
          "сегодня",
          "спасибо",
          "завтра",
          "работа",
          "график",
          "вечером",
          "кстати",
          "вообще",
          "хорошо",
          "понятно",
          "думаю",
          "конечно",
          "нормально",
          "достопримечательности",
        ]
      : [
          "today",
          "thanks",
          "tomorrow",
          "work",
          "chart",
          "evening",
          "actually",
          "good",
          "think",
          "course",
          "weekend",
          "coffee",
          "meeting",
          "really",
          "internationalization",
        ];
  return list.map((word, rank) => ({ word, count: Math.round(2400 / (rank + 1) ** 0.8) }));
}

function makeBigrams(language: "en" | "ru"): ReportJson["bigrams"] {
  const list =
    language === "ru"
      ? [
          "доброе утро",
          "спокойной ночи",
          "в общем",
          "как дела",
          "всем привет",
          "с днём рождения",
          "так что",
          "по факту",
        ]
      : [
          "good morning",
          "good night",
          "so much",
          "see you",
          "happy birthday",
          "thank you",
          "last week",
          "right now",
        ];
  return list.map((words, rank) => ({ words, count: Math.round(600 / (rank + 1) ** 0.9) }));
}

function makeChannelStats(monthly: Record<string, number>): NonNullable<ReportJson["channel"]> {
  const viewsMonthly: Record<string, number> = {};
  let views = 0;
  let posts = 0;
  for (const [month, count] of Object.entries(monthly)) {
    const monthViews = count * (800 + posts * 0.5);
    viewsMonthly[month] = Math.round(monthViews);
    views += Math.round(monthViews);
    posts += count;
  }
  return {
    posts,
    postsWithViews: posts,
    views,
    forwards: Math.round(posts * 0.8),
    reactions: Math.round(posts * 3.2),
    viewsPerPost: views / posts,
    forwardsPerPost: 0.8,
    reactionsPerPost: 3.2,
    viewsMonthly,
    postStats: makePostStats(posts, views),
  };
}

/**
 * Post figures shaped like a news channel's: mornings and evenings read
 * best, weekends less, videos above photos above text.
 */
function makePostStats(posts: number, views: number): ChannelPostsJson {
  const mean = views / posts;
  const byHour: PostHour[] = [];
  for (let weekday = 0; weekday < 7; weekday++)
    for (let hour = 7; hour < 24; hour++) {
      const peak = Math.exp(-((hour - 9) ** 2) / 6) + 1.2 * Math.exp(-((hour - 20) ** 2) / 8);
      const weekend = weekday >= 5 ? 0.75 : 1;
      byHour.push({
        weekday,
        hour,
        posts: 1 + ((weekday * 7 + hour * 3) % 6),
        viewsPerPost: Math.round(mean * (0.55 + 0.6 * peak) * weekend),
      });
    }
  const bestHour = byHour.reduce((best, cell) =>
    cell.viewsPerPost > best.viewsPerPost ? cell : best,
  );
  const groups = <Key extends string>(keys: readonly [Key, number, number][]) =>
    keys.map(([key, share, factor]) => ({
      key,
      posts: Math.round(posts * share),
      meanViews: Math.round(mean * factor * 100) / 100,
      medianViews: Math.round(mean * factor * 0.85),
    }));
  const entry = (rank: number, factor: number): ChannelPostEntry => {
    const id = 1000 + ((rank * 97) % 900);
    return {
      id,
      date: `2024-${String(1 + (rank % 12)).padStart(2, "0")}-1${rank % 10}T09:00:00+03:00`,
      link: `https://t.me/sample_channel/${id}`,
      views: Math.round(mean * factor),
      forwards: Math.round(factor * 12),
      reactions: Math.round(factor * 40),
      kind: POST_KINDS[rank % POST_KINDS.length]!,
      length: POST_LENGTHS[rank % POST_LENGTHS.length]!,
    };
  };
  const list = (from: number, step: number) =>
    Array.from({ length: 10 }, (_, rank) => entry(rank, from + step * rank));
  return {
    ...emptyChannelPostsJson(),
    bottomThrough: "2024-12-24",
    top: { views: list(6, -0.4), forwards: list(5, -0.3), reactions: list(5.5, -0.35) },
    bottom: { views: list(0.2, 0.02), forwards: list(0.3, 0.02), reactions: list(0.25, 0.02) },
    byHour,
    bestHour,
    reactionsPer1000Views: Math.round((3.2 / mean) * 100_000) / 100,
    forwardsPer1000Views: Math.round((0.8 / mean) * 100_000) / 100,
    byKind: groups<PostKind>([
      ["photo", 0.45, 1.05],
      ["video", 0.2, 1.4],
      ["text", 0.2, 0.8],
      ["link", 0.1, 0.7],
      ["other", 0.05, 0.6],
    ]),
    byLength: groups<PostLength>([
      ["0", 0.1, 0.9],
      ["1-100", 0.3, 1.1],
      ["101-500", 0.4, 1],
      ["501-1000", 0.15, 0.85],
      ["1001+", 0.05, 0.7],
    ]),
  };
}
