import { describe, expect, it } from "vitest";
import type { BarSeriesOption, TitleComponentOption } from "echarts";
import { EXACT_WORD_STATS, emptyChannelPostsJson, type ReportJson } from "@tgstats/engine";
import { emptyReport, senderStats } from "@tgstats/sandbox";
import {
  channelMonths,
  channelSpec,
  memberBuckets,
  membersSpec,
  chartSubtitle,
  emojiGlyph,
  emojiSpec,
  messageKindsSpec,
  formatCompact,
  formatCount,
  formatPeriod,
  MAX_SENDERS,
  planReportCharts,
  punchcardSpec,
  reactionsSpec,
  karmaSpec,
  rollingAverage,
  timelineAxisLabels,
  timelineBuckets,
  timelineGranularity,
  timelineSpec,
  topSendersSpec,
  truncateLabel,
  weekdayNames,
  wordsSpec,
  type ChartSpec,
} from "@tgstats/charts";

const NBSP = "\u00A0";
const NNBSP = "\u202F";
const THIN = "\u2009";

const report = emptyReport;
const sender = senderStats;

/** The option's first title (the header). */
function header(spec: ChartSpec): TitleComponentOption {
  const title = spec.option.title;
  const first = Array.isArray(title) ? title[0] : title;
  if (first === undefined) throw new Error("chart has no title");
  return first;
}

function titles(spec: ChartSpec): string[] {
  const title = spec.option.title;
  return (Array.isArray(title) ? title : [title]).map((entry) => String(entry?.text));
}

function yLabels(spec: ChartSpec, index = 0): unknown[] {
  const yAxis = spec.option.yAxis;
  const axis = Array.isArray(yAxis) ? yAxis[index] : yAxis;
  return (axis as { data: unknown[] }).data;
}

function barSeries(spec: ChartSpec): BarSeriesOption[] {
  return (spec.option.series as BarSeriesOption[]).filter((series) => series.type === "bar");
}

/** Values of a bar series, "-" for slots of another group. */
function barValues(series: BarSeriesOption): unknown[] {
  return (series.data ?? []).map((item) =>
    typeof item === "object" && item !== null && "value" in item ? item.value : item,
  );
}

/** Texts written at the end of the bars. */
function barTexts(series: BarSeriesOption): unknown[] {
  return (series.data ?? []).map((item) =>
    typeof item === "object" && item !== null && "label" in item ? item.label?.formatter : item,
  );
}

describe("number and date formatting", () => {
  it("groups thousands as Intl does for each language", () => {
    expect(formatCount(9120, "en")).toBe("9,120");
    // Node 20's ICU groups Russian numbers with U+00A0, not the narrow U+202F.
    expect(formatCount(9120, "ru")).toBe(`9${NBSP}120`);
    expect(formatCount(1_234_567, "ru")).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatCount(2.25, "en")).toBe("2.3");
    expect(formatCount(2.25, "ru")).toBe("2,3");
  });

  it("shortens axis numbers", () => {
    expect(formatCompact(12_500, "en")).toBe("12.5K");
    expect(formatCompact(12_500, "ru")).toBe(`12,5${NBSP}тыс.`);
    expect(formatCompact(900, "ru")).toBe("900");
  });

  it("formats the covered period from local dates", () => {
    expect(formatPeriod("2024-03-01T09:15:00+03:00", "2024-12-31T23:00:00+03:00", "en")).toBe(
      `Mar 1${THIN}–${THIN}Dec 31, 2024`,
    );
    expect(formatPeriod("2024-03-01T09:15:00+03:00", "2024-12-31T23:00:00+03:00", "ru")).toBe(
      `1 мар. – 31 дек. 2024${NNBSP}г.`,
    );
    expect(formatPeriod("2023-12-30T10:00:00+03:00", "2024-01-02T10:00:00+03:00", "en")).toBe(
      `Dec 30, 2023${THIN}–${THIN}Jan 2, 2024`,
    );
    // 00:30 at +03:00 is still March 1 locally (February 29 in UTC).
    expect(formatPeriod("2024-03-01T00:30:00+03:00", "2024-03-01T22:00:00+03:00", "en")).toBe(
      "Mar 1, 2024",
    );
    expect(formatPeriod(null, null, "en")).toBeNull();
  });

  it("puts the chat name and the period in the subtitle", () => {
    expect(chartSubtitle(report(), "en")).toBe(`Test chat · Mar 1${THIN}–${THIN}Dec 31, 2024`);
    expect(chartSubtitle(report({ chat: { id: null, name: null, type: "x" } }), "ru")).toBe(
      `Чат без названия · 1 мар. – 31 дек. 2024${NNBSP}г.`,
    );
    const noDates = report();
    noDates.totals.firstDate = null;
    noDates.totals.lastDate = null;
    expect(chartSubtitle(noDates, "en")).toBe("Test chat");
  });

  it("truncates by characters a reader sees, with an ellipsis", () => {
    expect(truncateLabel("Мария-Александра Константинопольская", 24)).toBe(
      "Мария-Александра Конста…",
    );
    expect(truncateLabel("abc", 3)).toBe("abc");
    expect(truncateLabel("ab cd", 4)).toBe("ab…");
    expect(truncateLabel("👍🏽👍🏽👍🏽", 2)).toBe("👍🏽…");
    expect(truncateLabel("🇷🇺🇷🇺🇷🇺", 2)).toBe("🇷🇺…");
  });
});

describe("topSendersSpec", () => {
  const people = [
    sender("user1", "Alice", 10),
    sender("user2", "Bob", 30),
    sender("user3", null, 20),
  ];
  const channels = [sender("channel9", "News", 25, "channel")];

  it("ranks people and channels together, each kind its own colour and legend entry", () => {
    const spec = topSendersSpec(report({ senders: people, channelSenders: channels }))!;
    expect(header(spec).text).toBe("Top senders");
    expect(header(spec).subtext).toBe(`Test chat · Mar 1${THIN}–${THIN}Dec 31, 2024`);
    expect(yLabels(spec)).toEqual(["Bob", "News", "Deleted account", "Alice"]);
    const [peopleSeries, channelSeries] = barSeries(spec);
    expect(peopleSeries?.name).toBe("People");
    expect(barValues(peopleSeries!)).toEqual([30, "-", 20, 10]);
    expect(barTexts(peopleSeries!)).toEqual(["30", "-", "20", "10"]);
    expect(channelSeries?.name).toBe("Channels and anonymous admins");
    expect(barValues(channelSeries!)).toEqual(["-", 25, "-", "-"]);
    expect(spec.option.legend).toMatchObject({ data: ["People", "Channels and anonymous admins"] });
    expect(spec.caption).toBe(`Top senders — Test chat · Mar 1${THIN}–${THIN}Dec 31, 2024`);
  });

  it("replaces characters no bundled font has, in names and the chat name, and says so", () => {
    // U+10FFFD is a private-use code point no font has; Japanese and emoji are bundled.
    const spec = topSendersSpec(
      report({
        chat: { id: 1, name: "\u{10FFFD} hikers", type: "private_group" },
        senders: [sender("u1", "田中 Taro \u{10FFFD}", 5), sender("u2", "Ёжик 🦔", 4)],
      }),
    )!;
    expect(yLabels(spec)).toEqual(["田中 Taro \uFFFD", "Ёжик 🦔"]);
    expect(header(spec).subtext).toBe(`\uFFFD hikers · Mar 1${THIN}–${THIN}Dec 31, 2024`);
    const titles = spec.option.title as TitleComponentOption[];
    expect(titles.at(-1)).toMatchObject({ text: "\uFFFD no font has this character", bottom: 8 });
  });

  it("has no legend when only people wrote", () => {
    const spec = topSendersSpec(report({ senders: people }))!;
    expect(spec.option.legend).toBeUndefined();
    expect(barSeries(spec)).toHaveLength(1);
  });

  it("cuts long names with an ellipsis and joins lines", () => {
    const spec = topSendersSpec(
      report({
        senders: [
          sender("u1", "Мария-Александра Константинопольская", 5),
          sender("u2", "Two\nlines", 4),
        ],
      }),
    )!;
    expect(yLabels(spec)).toEqual(["Мария-Александра Конста…", "Two lines"]);
  });

  it("writes counts and titles in the report's language", () => {
    const spec = topSendersSpec(
      report({ language: "ru", senders: [sender("u1", null, 9120), sender("u2", "Б", 1500)] }),
    )!;
    expect(header(spec).text).toBe("Самые активные");
    expect(yLabels(spec)).toEqual(["Удалённый аккаунт", "Б"]);
    expect(barTexts(barSeries(spec)[0]!)).toEqual([`9${NBSP}120`, `1${NBSP}500`]);
    const english = topSendersSpec(
      report({ language: "ru", senders: [sender("u1", null, 9120), sender("u2", "Б", 1)] }),
      {
        language: "en",
      },
    )!;
    expect(barTexts(barSeries(english)[0]!)).toEqual(["9,120", "1"]);
  });

  it(`shows at most ${MAX_SENDERS} senders, most first`, () => {
    const many = Array.from({ length: 25 }, (_, index) =>
      sender(`u${index}`, `P${index}`, index + 1),
    );
    const spec = topSendersSpec(report({ senders: many }))!;
    expect(yLabels(spec)).toHaveLength(20);
    expect(yLabels(spec)[0]).toBe("P24");
    expect(yLabels(spec)[19]).toBe("P5");
  });

  it("is left out for fewer than two senders", () => {
    expect(topSendersSpec(report())).toBeNull();
    expect(topSendersSpec(report({ senders: [sender("u1", "Solo", 50)] }))).toBeNull();
    expect(
      topSendersSpec(report({ senders: [sender("u1", "A", 5), sender("u2", "B", 0)] })),
    ).toBeNull();
  });
});

describe("punchcardSpec", () => {
  function withCells(
    cells: [weekday: number, hour: number, count: number][],
    zone = "Asia/Tokyo",
  ): ReportJson {
    const punchcard = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    for (const [weekday, hour, count] of cells) punchcard[weekday]![hour] = count;
    return report({ punchcard, timezone: zone });
  }

  it("names the time zone in the title and maps rows to weekdays from Monday", () => {
    const spec = punchcardSpec(
      withCells([
        [0, 9, 5],
        [6, 23, 7],
      ]),
    )!;
    expect(header(spec).text).toBe("Activity by weekday and hour · Asia/Tokyo");
    expect(spec.title).toBe("Activity by weekday and hour · Asia/Tokyo");
    expect(yLabels(spec)).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    const data = (spec.option.series as { data: [number, number, number][] }[])[0]!.data;
    expect(data).toHaveLength(168);
    expect(data).toContainEqual([9, 0, 5]);
    expect(data).toContainEqual([23, 6, 7]);
    expect(data).toContainEqual([0, 3, 0]);
    expect(spec.option.visualMap).toMatchObject({ min: 0, max: 7, text: ["7", "0"] });
  });

  it("writes Russian weekdays and title", () => {
    expect(weekdayNames("ru")).toEqual(["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]);
    const spec = punchcardSpec({ ...withCells([[2, 12, 1200]], "Europe/Moscow"), language: "ru" })!;
    expect(header(spec).text).toBe("Активность по дням и часам · Europe/Moscow");
    expect(spec.option.visualMap).toMatchObject({ text: [`1${NBSP}200`, "0"] });
  });

  it("puts a long zone on a second title line and makes room for it", () => {
    const short = punchcardSpec(withCells([[0, 0, 10]], "UTC"))!;
    const long = punchcardSpec(withCells([[0, 0, 10]], "America/Argentina/ComodRivadavia"))!;
    expect(header(long).text).toBe(
      "Activity by weekday and hour\nAmerica/Argentina/ComodRivadavia",
    );
    expect(long.heightPx - short.heightPx).toBe(40);
  });

  it("is left out below 10 messages", () => {
    expect(punchcardSpec(withCells([[0, 0, 9]]))).toBeNull();
    expect(
      punchcardSpec(
        withCells([
          [0, 0, 9],
          [1, 1, 1],
        ]),
      ),
    ).not.toBeNull();
  });
});

describe("timeline", () => {
  it("picks the bucket by span", () => {
    expect(timelineGranularity(2)).toBe("daily");
    expect(timelineGranularity(92)).toBe("daily");
    expect(timelineGranularity(93)).toBe("weekly");
    expect(timelineGranularity(731)).toBe("weekly");
    expect(timelineGranularity(732)).toBe("monthly");
  });

  it("averages over a trailing window once it is full", () => {
    expect(rollingAverage([1, 2, 3, 4], 2)).toEqual([null, 1.5, 2.5, 3.5]);
    expect(rollingAverage([7, 0, 0, 0, 0, 0, 0, 14], 7)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      1,
      2,
    ]);
    expect(rollingAverage([3, 3], 3)).toEqual([null, null]);
  });

  it("fills quiet days with zeros", () => {
    const daily = { "2024-01-01": 2, "2024-01-03": 4 };
    expect(timelineBuckets(report({ daily }), "daily")).toEqual([
      { key: "2024-01-01", count: 2, partial: false },
      { key: "2024-01-02", count: 0, partial: false },
      { key: "2024-01-03", count: 4, partial: false },
    ]);
  });

  it("buckets weeks from Mondays and marks the cut first and last weeks", () => {
    // Wednesday 2024-01-03 to Wednesday 2024-04-10: 99 days, weekly.
    const daily = { "2024-01-03": 1, "2024-04-10": 1 };
    const weekly = { "2024-01-01": 1, "2024-01-15": 6, "2024-04-08": 1 };
    const buckets = timelineBuckets(report({ daily, weekly }), "weekly");
    expect(buckets).toHaveLength(15);
    expect(buckets[0]).toEqual({ key: "2024-01-01", count: 1, partial: true });
    expect(buckets[1]).toEqual({ key: "2024-01-08", count: 0, partial: false });
    expect(buckets[2]).toEqual({ key: "2024-01-15", count: 6, partial: false });
    expect(buckets[14]).toEqual({ key: "2024-04-08", count: 1, partial: true });
  });

  it("buckets months, a full last month not marked", () => {
    const daily = { "2020-01-15": 1, "2024-12-31": 1 };
    const monthly = { "2020-01": 1, "2022-06": 9, "2024-12": 1 };
    const buckets = timelineBuckets(report({ daily, monthly }), "monthly");
    expect(buckets).toHaveLength(60);
    expect(buckets[0]).toEqual({ key: "2020-01", count: 1, partial: true });
    expect(buckets[29]).toEqual({ key: "2022-06", count: 9, partial: false });
    expect(buckets[59]).toEqual({ key: "2024-12", count: 1, partial: false });
  });

  it("labels about six buckets on calendar boundaries", () => {
    const year = Array.from(
      { length: 12 },
      (_, index) => `2024-${String(index + 1).padStart(2, "0")}`,
    );
    expect([...timelineAxisLabels(year, "monthly", "en")]).toEqual([
      [0, "Jan\n2024"],
      [2, "Mar"],
      [4, "May"],
      [6, "Jul"],
      [8, "Sep"],
      [10, "Nov"],
    ]);
    expect([...timelineAxisLabels(year, "monthly", "ru").values()]).toEqual([
      "янв.\n2024",
      "март",
      "май",
      "июль",
      "сент.",
      "нояб.",
    ]);
    const fiveYears = Array.from({ length: 60 }, (_, index) => {
      const month = index % 12;
      return `${2020 + (index - month) / 12}-${String(month + 1).padStart(2, "0")}`;
    });
    expect([...timelineAxisLabels(fiveYears, "monthly", "en")]).toEqual([
      [0, "2020"],
      [12, "2021"],
      [24, "2022"],
      [36, "2023"],
      [48, "2024"],
    ]);
    const days = Array.from(
      { length: 10 },
      (_, index) => `2024-01-${String(index + 1).padStart(2, "0")}`,
    );
    expect([...timelineAxisLabels(days, "daily", "en")]).toEqual([
      [0, "Jan 1"],
      [2, "Jan 3"],
      [4, "Jan 5"],
      [6, "Jan 7"],
      [8, "Jan 9"],
    ]);
    // Weeks: the first Monday of each labelled month; the year is repeated when it changes.
    const weeks = ["2023-12-25", "2024-01-01", "2024-01-08", "2024-01-29", "2024-02-05"];
    expect([...timelineAxisLabels(weeks, "weekly", "en")]).toEqual([
      [0, "Dec\n2023"],
      [1, "Jan\n2024"],
      [4, "Feb"],
    ]);
  });

  it("draws per-day bars with a 7-day average and a paler partial bucket", () => {
    const daily: Record<string, number> = {};
    for (let day = 1; day <= 10; day++) daily[`2024-05-${String(day).padStart(2, "0")}`] = day;
    const spec = timelineSpec(report({ daily }))!;
    expect(spec.title).toBe("Messages per day");
    const [bars, average] = spec.option.series as [
      { data: unknown[] },
      { name: string; data: unknown[] },
    ];
    expect(bars.data).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(average.name).toBe("7-day average");
    expect(average.data).toEqual([null, null, null, null, null, null, 4, 5, 6, 7]);
    const weekly = timelineSpec(
      report({
        daily: { "2024-01-03": 1, "2024-04-10": 1 },
        weekly: { "2024-01-01": 1, "2024-04-08": 1 },
      }),
    )!;
    expect(weekly.title).toBe("Messages per week");
    const weeklyBars = (weekly.option.series as { data: unknown[] }[])[0]!.data;
    expect(weeklyBars[0]).toEqual({ value: 1, itemStyle: { opacity: 0.4 } });
    expect(weeklyBars[1]).toBe(0);
  });

  it("has no average line when there are fewer buckets than the window", () => {
    const spec = timelineSpec(
      report({ daily: { "2024-05-01": 3, "2024-05-03": 1 }, language: "ru" }),
    )!;
    expect(spec.title).toBe("Сообщений в день");
    expect(spec.option.series).toHaveLength(1);
    expect(spec.option.legend).toBeUndefined();
  });

  it("is left out for a single day", () => {
    expect(timelineSpec(report())).toBeNull();
    expect(timelineSpec(report({ daily: { "2024-05-01": 300 } }))).toBeNull();
  });
});

describe("emoji and reactions", () => {
  it("puts U+FE0F back after text-default emoji only", () => {
    expect(emojiGlyph("❤")).toBe("❤\uFE0F");
    expect(emojiGlyph("😂")).toBe("😂");
    expect(emojiGlyph("👍🏽")).toBe("👍🏽");
    expect(emojiGlyph("☝🏽")).toBe("☝🏽");
    expect(emojiGlyph("🇷🇺")).toBe("🇷🇺");
    expect(emojiGlyph("1\u20E3")).toBe("1\uFE0F\u20E3");
    expect(emojiGlyph("🏃\u200D♀")).toBe("🏃\u200D♀\uFE0F");
    expect(emojiGlyph("paid")).toBe("⭐");
    expect(emojiGlyph("custom:5368324170671202286")).toBeNull();
  });

  it("ranks emoji by count with glyphs as labels", () => {
    const emojis = [
      { emoji: "👍🏽", count: 9120 },
      { emoji: "🇷🇺", count: 12_000 },
      { emoji: "😂", count: 7 },
    ];
    const spec = emojiSpec(report({ emojis, language: "ru" }))!;
    expect(header(spec).text).toBe("Популярные эмодзи");
    expect(yLabels(spec)).toEqual(["🇷🇺", "👍🏽", "😂"]);
    expect(barTexts(barSeries(spec)[0]!)).toEqual([`12${NBSP}000`, `9${NBSP}120`, "7"]);
    expect(titles(spec)).toHaveLength(1);
  });

  it("keeps emoji without a glyph as code points or 'custom …', and a note says so", () => {
    const emojis = [
      { emoji: "😂", count: 50 },
      // U+10FFFD is no emoji any font has; the ZWJ between two of them is left out of the label.
      { emoji: "\u{10FFFD}\u200D\u{10FFFD}", count: 40 },
      { emoji: "custom:5368324170671202286", count: 30 },
      { emoji: "custom:77", count: 20 },
      { emoji: "🏳\u200D🌈", count: 10 },
    ];
    const plain = emojiSpec(report({ emojis: [emojis[0]!, emojis[4]!] }))!;
    const spec = emojiSpec(report({ emojis }))!;
    expect(yLabels(spec)).toEqual([
      "😂",
      // Stand-ins are drawn in text size (rich text), emoji in emoji size.
      "{standIn|U+10FFFD U+10FFFD}",
      "{standIn|custom …2286}",
      "{standIn|custom 77}",
      "🏳\uFE0F\u200D🌈",
    ]);
    expect(titles(spec)).toEqual([
      "Top emoji",
      "U+…, custom: emoji the chart font has no picture for",
    ]);
    // 3 more bars of 36 px and one note line of 26 px.
    expect(spec.heightPx).toBe(plain.heightPx + 3 * 36 + 26);
    const ru = emojiSpec(report({ emojis, language: "ru" }))!;
    expect(yLabels(ru)[2]).toBe("{standIn|свой …2286}");
  });

  it("draws paid reactions as a star in a chart of their own", () => {
    const reactions = [
      { emoji: "paid", count: 3 },
      { emoji: "❤", count: 5 },
    ];
    const spec = reactionsSpec(report({ reactions }))!;
    expect(spec.title).toBe("Top reactions");
    // The word after the star is drawn at text size.
    expect(yLabels(spec)).toEqual(["❤\uFE0F", "⭐{standIn| Stars}"]);
    expect(yLabels(reactionsSpec(report({ reactions, language: "ru" }))!)[1]).toBe(
      "⭐{standIn| Звёзды}",
    );
  });

  it("draws a custom emoji as the emoji it stands for where the report knows it", () => {
    const reactions = [
      { emoji: "custom:5368324170671202286", count: 9 },
      { emoji: "custom:5370000000000000001", count: 7 },
      { emoji: "custom:chats/chat_004/stickers/sticker (62).webp", count: 5 },
      { emoji: "custom:(unavailable)", count: 3 },
    ];
    const customEmoji = { "5368324170671202286": "👍", "5370000000000000001": "\u{10FFFD}" };
    const spec = reactionsSpec(report({ reactions, customEmoji }))!;
    expect(yLabels(spec)).toEqual([
      "👍{standIn| custom}",
      // An emoji the chart font cannot draw: named by the end of its id instead.
      "{standIn|custom …0001}",
      // An export names the file it saved.
      "{standIn|custom sticker (62)}",
      "{standIn|custom}",
    ]);
    expect(titles(spec)).toEqual([
      "Top reactions",
      "U+…, custom: emoji the chart font has no picture for",
    ]);
    const ru = reactionsSpec(report({ reactions, customEmoji, language: "ru" }))!;
    expect(yLabels(ru)[0]).toBe("👍{standIn| свой}");
  });

  it("shows at most 15 and needs two emoji", () => {
    const emojis = Array.from({ length: 20 }, (_, index) => ({
      emoji: String.fromCodePoint(0x1f600 + index),
      count: 100 - index,
    }));
    expect(yLabels(emojiSpec(report({ emojis }))!)).toHaveLength(15);
    expect(emojiSpec(report({ emojis: [{ emoji: "😂", count: 5 }] }))).toBeNull();
    expect(
      emojiSpec(
        report({
          emojis: [
            { emoji: "😂", count: 5 },
            { emoji: "custom:1", count: 9 },
          ],
        }),
      ),
    ).not.toBeNull();
    expect(reactionsSpec(report())).toBeNull();
  });
});

describe("karmaSpec", () => {
  const person = (n: number, name: string | null, received: number) => ({
    id: `user${n}`,
    name,
    received,
    messages: 1,
    perMessage: received,
  });

  it("ranks people by reactions received, deleted accounts named", () => {
    const karma = [person(1, "Alice", 1200), person(2, null, 35), person(3, "Bob", 0)];
    const spec = karmaSpec(
      report({ reactionsReceived: { total: 1235, messages: 3, karma, topMessages: [] } }),
    )!;
    expect(header(spec).text).toBe("Reactions received");
    // Bob received none: no bar.
    expect(yLabels(spec)).toEqual(["Alice", "Deleted account"]);
    expect(barTexts(barSeries(spec)[0]!)).toEqual(["1,200", "35"]);
    const ru = karmaSpec(
      report({
        language: "ru",
        reactionsReceived: { total: 1235, messages: 3, karma, topMessages: [] },
      }),
    )!;
    expect(header(ru).text).toBe("Реакции на сообщения");
  });

  it("needs two people", () => {
    const karma = [person(1, "Alice", 5)];
    expect(
      karmaSpec(report({ reactionsReceived: { total: 5, messages: 1, karma, topMessages: [] } })),
    ).toBeNull();
    expect(karmaSpec(report())).toBeNull();
  });
});

describe("wordsSpec", () => {
  const words = [
    { word: "привет", count: 2400 },
    { word: "пока", count: 10 },
    { word: "достопримечательности-и-ещё-немного", count: 500 },
  ];

  it("draws words then phrases, each most first", () => {
    const bigrams = [
      { words: "доброе утро", count: 3 },
      { words: "всем привет", count: 40 },
    ];
    const spec = wordsSpec(report({ words, bigrams, language: "ru" }))!;
    expect(titles(spec)).toEqual(["Частые слова и фразы", "Слова", "Фразы"]);
    expect(yLabels(spec, 0)).toEqual(["привет", "достопримечательности-и…", "пока"]);
    expect(yLabels(spec, 1)).toEqual(["всем привет", "доброе утро"]);
    expect(barTexts(barSeries(spec)[0]!)).toEqual([`2${NBSP}400`, "500", "10"]);
  });

  it("drops the phrase block under two phrases and marks approximate counts", () => {
    const spec = wordsSpec(
      report({
        words,
        bigrams: [{ words: "good morning", count: 4 }],
        wordStats: { ...EXACT_WORD_STATS, exact: false, errorBound: 3, bigramErrorBound: 1 },
      }),
    )!;
    expect(titles(spec)).toEqual(["Top words and phrases", "Words", "~ approximate counts"]);
    expect(barTexts(barSeries(spec)[0]!)).toEqual(["~2,400", "~500", "~10"]);
  });

  it("shows every word, in any script", () => {
    const spec = wordsSpec(
      report({
        words: [
          { word: "これ", count: 10 },
          { word: "hello", count: 5 },
          { word: "حافظه", count: 4 },
          { word: "world\u{10FFFD}", count: 3 },
        ],
      }),
    )!;
    expect(yLabels(spec)).toEqual(["これ", "hello", "حافظه", "world\uFFFD"]);
  });

  it("is left out under two words", () => {
    expect(wordsSpec(report({ words: [{ word: "один", count: 100 }] }))).toBeNull();
  });
});

describe("channelSpec", () => {
  const channel = {
    posts: 15,
    postsWithViews: 15,
    views: 3000,
    forwards: 0,
    reactions: 0,
    viewsPerPost: 200,
    forwardsPerPost: 0,
    reactionsPerPost: 0,
    viewsMonthly: { "2024-01": 1000, "2024-03": 2000 },
    postStats: emptyChannelPostsJson(),
  };

  it("lists every month with posts and views per post", () => {
    const months = channelMonths(report({ channel, monthly: { "2024-01": 10, "2024-03": 5 } }));
    expect(months).toEqual([
      { month: "2024-01", posts: 10, viewsPerPost: 100 },
      { month: "2024-02", posts: 0, viewsPerPost: null },
      { month: "2024-03", posts: 5, viewsPerPost: 400 },
    ]);
  });

  it("draws posts per month and views per post with the totals in the headings", () => {
    const spec = channelSpec(
      report({
        channel: { ...channel, posts: 9120, viewsPerPost: 1234.6 },
        monthly: { "2024-01": 10, "2024-03": 5 },
        language: "ru",
      }),
    )!;
    expect(titles(spec)).toEqual([
      "Публикации канала",
      `Публикаций в месяц · 9${NBSP}120`,
      `Просмотров на публикацию · 1${NBSP}235`,
    ]);
    const [posts, views] = spec.option.series as { data: unknown[] }[];
    expect(posts!.data).toEqual([10, 0, 5]);
    expect(views!.data).toEqual([100, null, 400]);
  });

  it("is left out without views or with a single month", () => {
    expect(channelSpec(report({ monthly: { "2024-01": 10, "2024-03": 5 } }))).toBeNull();
    expect(
      channelSpec(
        report({
          channel: { ...channel, postsWithViews: 0 },
          monthly: { "2024-01": 10, "2024-03": 5 },
        }),
      ),
    ).toBeNull();
    expect(
      channelSpec(
        report({
          channel: { ...channel, viewsMonthly: { "2024-01": 5 } },
          monthly: { "2024-01": 10 },
        }),
      ),
    ).toBeNull();
  });
});

describe("messageKindsSpec", () => {
  it("draws messages by kind, most first, with the kinds named in the report's language", () => {
    const byKind = { text: 900, photo: 120, voice: 120, video_note: 3, sticker: 45, hologram: 1 };
    const totals = { ...report().totals, messages: 1189, byKind };
    const spec = messageKindsSpec(report({ totals }))!;
    expect(header(spec).text).toBe("Messages by kind");
    // Ties (photo, voice: 120) by key; a kind this version does not know is "Other".
    expect(yLabels(spec)).toEqual([
      "Text",
      "Photo",
      "Voice message",
      "Sticker",
      "Video message",
      "Other",
    ]);
    expect(barValues(barSeries(spec)[0]!)).toEqual([900, 120, 120, 45, 3, 1]);
    const russian = messageKindsSpec(report({ totals, language: "ru" }))!;
    expect(header(russian).text).toBe("Сообщения по видам");
    expect(yLabels(russian)).toEqual([
      "Текст",
      "Фото",
      "Голосовое",
      "Стикер",
      "Видеосообщение",
      "Другое",
    ]);
  });

  it("is left out when all messages are of one kind", () => {
    const totals = { ...report().totals, messages: 5, byKind: { text: 5 } };
    expect(messageKindsSpec(report({ totals }))).toBeNull();
  });
});

describe("membersSpec", () => {
  const flow = (joins: number, leaves: number) => ({ joins, leaves, net: joins - leaves });
  const members = {
    joins: 9,
    leaves: 4,
    net: 5,
    leftOnTheirOwn: 3,
    removed: 1,
    joinsBySource: { added: 2, self: 1, link: 4, request: 1, cameBack: 1 },
    monthly: { "2024-01": flow(6, 1), "2024-03": flow(3, 3) },
    weekly: null,
    topInviters: [],
    titles: [],
  };

  it("draws joins up, leaves down and the net per month, empty months included", () => {
    const spec = membersSpec(report({ members }))!;
    expect(titles(spec)[0]).toBe("Members joined and left");
    const [joins, leaves, net] = spec.option.series as { data: unknown[]; stack?: string }[];
    expect(joins!.data).toEqual([6, 0, 3]);
    expect(leaves!.data).toEqual([-1, 0, -3]);
    expect(net!.data).toEqual([5, 0, 0]);
    expect(joins!.stack).toBe(leaves!.stack);
  });

  it("uses weeks when the report has them, every Monday between the first and last", () => {
    const weekly = { "2024-03-04": flow(2, 0), "2024-03-18": flow(1, 2) };
    expect(memberBuckets(report({ members: { ...members, weekly } }))).toEqual([
      { key: "2024-03-04", joins: 2, leaves: 0, net: 2 },
      { key: "2024-03-11", joins: 0, leaves: 0, net: 0 },
      { key: "2024-03-18", joins: 1, leaves: 2, net: -1 },
    ]);
  });

  it("is left out without joins or leaves", () => {
    expect(membersSpec(report({}))).toBeNull();
    expect(
      membersSpec(
        report({
          members: { ...members, joins: 0, leaves: 0, net: 0, monthly: {}, titles: [] },
        }),
      ),
    ).toBeNull();
  });
});

describe("planReportCharts", () => {
  it("numbers the charts that have data in album order", () => {
    const full = report({
      senders: [sender("u1", "A", 30), sender("u2", "B", 20)],
      daily: { "2024-03-01": 20, "2024-03-05": 30 },
      emojis: [
        { emoji: "😂", count: 3 },
        { emoji: "👍", count: 2 },
      ],
      words: [
        { word: "hello", count: 5 },
        { word: "world", count: 4 },
      ],
    });
    full.punchcard[0]![10] = 50;
    expect(planReportCharts(full).map((chart) => chart.name)).toEqual([
      "01-top-senders.png",
      "02-activity-punchcard.png",
      "03-timeline.png",
      "04-top-emoji.png",
      "05-top-words.png",
    ]);
  });

  it("falls back to one 'not enough data' image", () => {
    const planned = planReportCharts(report({ language: "ru" }));
    expect(planned.map((chart) => chart.name)).toEqual(["01-not-enough-data.png"]);
    expect(planned[0]!.spec.caption).toBe(
      `Недостаточно данных для графиков — Test chat · 1 мар. – 31 дек. 2024${NNBSP}г.`,
    );
  });
});
