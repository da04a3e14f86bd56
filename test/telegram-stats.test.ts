import { describe, expect, it } from "vitest";
import {
  parseTelegramGraph,
  formatSummaryMarkdown,
  telegramStatsJson,
  telegramStatsLines,
  toReportJson,
  ReportState,
  type ChannelStatsInput,
  type ChatInfo,
  type SupergroupStatsInput,
} from "@tgstats/engine";
import { planReportCharts, telegramGrowthSpec, telegramSourcesSpec } from "@tgstats/charts";

// Telegram's chart JSON, written by hand in its format: an "x" column of UTC midnights in ms,
// then one column per series, with types and names by column key.
const JUNE_1_MS = 1_717_200_000_000; // 2024-06-01T00:00:00Z
const DAY_MS = 86_400_000;
const days = (count: number): number[] =>
  Array.from({ length: count }, (_, index) => JUNE_1_MS + index * DAY_MS);

function graph(
  series: Record<string, { name: string; values: number[] }>,
  count: number,
  type = "line",
): string {
  const keys = Object.keys(series);
  return JSON.stringify({
    columns: [["x", ...days(count)], ...keys.map((key) => [key, ...series[key]!.values])],
    types: { x: "x", ...Object.fromEntries(keys.map((key) => [key, type])) },
    names: Object.fromEntries(keys.map((key) => [key, series[key]!.name])),
    colors: {},
    title: "",
  });
}

const GROWTH = graph({ y0: { name: "Total members", values: [1100, 1150, 1200] } }, 3);
// URL 5+3+4 = 12, Search 2+2+4 = 8, Invite 0 (left out): 12/20 = 0.6, 8/20 = 0.4.
const SOURCES = graph(
  {
    y0: { name: "URL", values: [5, 3, 4] },
    y1: { name: "Search", values: [2, 2, 4] },
    y2: { name: "Invite", values: [0, 0, 0] },
  },
  3,
  "bar",
);
// English 30, Russian 60, German 3+3+4 = 10 of 100.
const LANGUAGES = graph(
  {
    y0: { name: "English", values: [10, 10, 10] },
    y1: { name: "Russian", values: [20, 20, 20] },
    y2: { name: "German", values: [3, 3, 4] },
  },
  3,
  "area",
);

const SUPERGROUP: SupergroupStatsInput = {
  kind: "supergroup",
  // 2024-06-01 and 2024-06-30 (1_717_200_000 + 29 × 86_400).
  period: { minDateUnix: 1_717_200_000, maxDateUnix: 1_719_705_600 },
  members: { current: 1200, previous: 1100 },
  messages: { current: 5400, previous: 6000 },
  viewers: { current: 800.4, previous: 700 },
  posters: { current: 150, previous: 160 },
  graphs: { growth: GROWTH, newBySource: SOURCES, languages: LANGUAGES },
};

// Channels 100+200 = 300, Search 50+50 = 100, Other 0+100 = 100 of 500.
const VIEWS = graph(
  {
    y0: { name: "Channels", values: [100, 200] },
    y1: { name: "Search", values: [50, 50] },
    y2: { name: "Other", values: [0, 100] },
  },
  2,
  "bar",
);

const CHANNEL: ChannelStatsInput = {
  kind: "channel",
  period: { minDateUnix: 1_717_200_000, maxDateUnix: 1_719_705_600 },
  followers: { current: 5000, previous: 4800 },
  viewsPerPost: { current: 1234.567, previous: 1100 },
  sharesPerPost: { current: 12, previous: 10 },
  reactionsPerPost: { current: 30.5, previous: 28 },
  enabledNotifications: { part: 1500, total: 5000 },
  graphs: {
    growth: graph({ y0: { name: "Followers", values: [4900, 5000] } }, 2),
    newBySource: null,
    languages: null,
    viewsBySource: VIEWS,
  },
};

describe("Telegram's graph JSON", () => {
  it("becomes UTC days and named series", () => {
    expect(parseTelegramGraph(GROWTH)).toEqual({
      dates: ["2024-06-01", "2024-06-02", "2024-06-03"],
      series: [{ key: "y0", name: "Total members", values: [1100, 1150, 1200] }],
    });
  });

  it("is dropped, not thrown, when it is malformed", () => {
    expect(parseTelegramGraph("{")).toBeNull();
    expect(parseTelegramGraph('"just a string"')).toBeNull();
    // No column typed "x".
    expect(parseTelegramGraph('{"columns":[["y0",1]],"types":{"y0":"line"}}')).toBeNull();
    // A series one value short of the x column.
    expect(
      parseTelegramGraph('{"columns":[["x",0,86400000],["y0",1]],"types":{"x":"x","y0":"line"}}'),
    ).toBeNull();
    // A value that is not a number.
    expect(
      parseTelegramGraph('{"columns":[["x",0],["y0","7"]],"types":{"x":"x","y0":"line"}}'),
    ).toBeNull();
  });

  it("names a series by its key when Telegram gives no name", () => {
    expect(
      parseTelegramGraph('{"columns":[["x",0],["y0",7]],"types":{"x":"x","y0":"line"}}'),
    ).toEqual({ dates: ["1970-01-01"], series: [{ key: "y0", name: "y0", values: [7] }] });
  });
});

describe("telegramStatsJson", () => {
  it("gives a supergroup's headline values, growth, sources and languages", () => {
    expect(telegramStatsJson(SUPERGROUP)).toEqual({
      kind: "supergroup",
      period: { from: "2024-06-01", to: "2024-06-30" },
      growth: { dates: ["2024-06-01", "2024-06-02", "2024-06-03"], values: [1100, 1150, 1200] },
      newBySource: [
        { name: "URL", total: 12, share: 0.6 },
        { name: "Search", total: 8, share: 0.4 },
      ],
      languages: [
        { name: "Russian", total: 60, share: 0.6 },
        { name: "English", total: 30, share: 0.3 },
        { name: "German", total: 10, share: 0.1 },
      ],
      members: { current: 1200, previous: 1100 },
      messages: { current: 5400, previous: 6000 },
      viewers: { current: 800.4, previous: 700 },
      posters: { current: 150, previous: 160 },
    });
  });

  it("gives a channel's mute rate and views by source, ties by name", () => {
    const json = telegramStatsJson(CHANNEL);
    expect(json.kind).toBe("channel");
    if (json.kind !== "channel") return;
    // 1500 of 5000 followers with notifications on: 0.3; mute rate 1 − 0.3 = 0.7.
    expect(json.notifications).toEqual({
      enabled: 1500,
      total: 5000,
      enabledShare: 0.3,
      muteRate: 0.7,
    });
    expect(json.viewsPerPost).toEqual({ current: 1234.57, previous: 1100 });
    expect(json.viewsBySource).toEqual([
      { name: "Channels", total: 300, share: 0.6 },
      { name: "Other", total: 100, share: 0.2 },
      { name: "Search", total: 100, share: 0.2 },
    ]);
    expect(json.newBySource).toEqual([]);
    expect(json.languages).toEqual([]);
  });

  it("drops a graph that does not parse and keeps the rest", () => {
    const json = telegramStatsJson({
      ...SUPERGROUP,
      graphs: { growth: "not json", newBySource: null, languages: LANGUAGES },
    });
    expect(json.growth).toBeNull();
    expect(json.newBySource).toEqual([]);
    expect(json.languages.map((part) => part.name)).toEqual(["Russian", "English", "German"]);
  });

  it("has no notification figures when Telegram counts no follower", () => {
    const json = telegramStatsJson({ ...CHANNEL, enabledNotifications: { part: 0, total: 0 } });
    expect(json.kind === "channel" && json.notifications).toBeNull();
  });
});

const chat = {
  kind: "channel",
  id: 77,
  name: "Club",
  type: "private_supergroup",
} satisfies ChatInfo;

describe("the summaries of Telegram's statistics", () => {
  it("writes a supergroup's lines in English", () => {
    const report = toReportJson(new ReportState("UTC"), { chat, telegramStats: SUPERGROUP });
    expect(telegramStatsLines(report)).toEqual([
      "Telegram's period: 2024-06-01 — 2024-06-30, against the period of the same length before it",
      "Members: 1,200 (previous period: 1,100)",
      "Messages: 5,400 (previous period: 6,000)",
      "Members who viewed messages: 800.4 (previous period: 700)",
      "Members who wrote: 150 (previous period: 160)",
      "Members: 1,100 on 2024-06-01 → 1,200 on 2024-06-03",
      "New members by source: URL 12 (60%), Search 8 (40%)",
      "Languages: Russian 60%, English 30%, German 10%",
    ]);
    expect(formatSummaryMarkdown(report)).toContain(
      "## Telegram's own statistics\n\n- Telegram's period: 2024-06-01",
    );
  });

  it("writes a channel's lines in Russian", () => {
    const report = toReportJson(new ReportState("UTC"), {
      chat: { ...chat, type: "private_channel" as const },
      language: "ru",
      telegramStats: CHANNEL,
    });
    const nbsp = "\u00a0";
    expect(telegramStatsLines(report)).toEqual([
      "Период Telegram: 2024-06-01 — 2024-06-30, в сравнении с таким же периодом перед ним",
      `Подписчики: 5${nbsp}000 (предыдущий период: 4${nbsp}800)`,
      `Просмотров на пост: 1${nbsp}234,57 (предыдущий период: 1${nbsp}100)`,
      "Репостов на пост: 12 (предыдущий период: 10)",
      "Реакций на пост: 30,5 (предыдущий период: 28)",
      `Подписчики: 4${nbsp}900 на 2024-06-01 → 5${nbsp}000 на 2024-06-02`,
      `Просмотры по источникам: Channels 300 (60${nbsp}%), Other 100 (20${nbsp}%), Search 100 (20${nbsp}%)`,
      `Уведомления включены: у 1${nbsp}500 из 5${nbsp}000 подписчиков (30${nbsp}%); без звука 70${nbsp}%`,
    ]);
  });

  it("has no section, and no chart, without statistics", () => {
    const report = toReportJson(new ReportState("UTC"), { chat });
    expect(report.telegramStats).toBeNull();
    expect(telegramStatsLines(report)).toEqual([]);
    expect(formatSummaryMarkdown(report)).not.toContain("Telegram's own statistics");
    expect(telegramGrowthSpec(report)).toBeNull();
    expect(telegramSourcesSpec(report)).toBeNull();
  });
});

describe("the charts of Telegram's statistics", () => {
  it("draws growth and sources with languages when the graphs came", () => {
    const report = toReportJson(new ReportState("UTC"), { chat, telegramStats: SUPERGROUP });
    expect(planReportCharts(report).map((chart) => chart.name)).toEqual([
      "01-telegram-growth.png",
      "02-telegram-sources.png",
    ]);
    expect(telegramGrowthSpec(report)?.caption).toContain("Members by day (Telegram's statistics)");
  });

  it("leaves the sources chart out when Telegram gave neither graph", () => {
    const report = toReportJson(new ReportState("UTC"), {
      chat,
      telegramStats: {
        ...SUPERGROUP,
        graphs: { growth: GROWTH, newBySource: null, languages: null },
      },
    });
    expect(telegramGrowthSpec(report)).not.toBeNull();
    expect(telegramSourcesSpec(report)).toBeNull();
  });
});
