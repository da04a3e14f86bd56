import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import type { MemberCard, ReportJson, SenderStats } from "@tgstats/engine";
import { emptyReport, sampleReport, senderStats } from "@tgstats/sandbox";
import type { FakeBotApiOptions } from "@tgstats/sandbox";
import {
  deliverFailure,
  deliverReport,
  deliveryTexts,
  formatDeliverySummary,
  reportPageFileName,
  type DeliveryChart,
} from "@tgstats/worker";
import { makePng } from "./helpers/png.js";
import { startStatusChat, type StatusChat } from "./helpers/status-chat.js";

const TOKEN = "556:report";
const GROUP = -1004000000000;

function start(options: Partial<FakeBotApiOptions> = {}): Promise<StatusChat> {
  return startStatusChat({ token: TOKEN, chatId: GROUP, statusText: "Queued" }, options);
}

function charts(count: number): DeliveryChart[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `${String(index + 1).padStart(2, "0")}-chart.png`;
    return { name, png: makePng(1600, 900 + index), caption: `Chart ${index + 1} — Team` };
  });
}

function sender(id: string, name: string | null, messages: number): SenderStats {
  return { ...senderStats(id, name, messages), words: messages * 3, characters: messages * 20 };
}

/** A report written by hand: 1,234 messages from four people. */
function handReport(language: "en" | "ru" = "en"): ReportJson {
  return emptyReport({
    chat: { id: GROUP, name: "Team <dev>", type: "private_supergroup" },
    language,
    totals: {
      messages: 1234,
      serviceMessages: 7,
      senders: 4,
      people: 4,
      words: 5678,
      characters: 30_000,
      firstDate: "2024-03-01T09:15:00+03:00",
      lastDate: "2024-12-31T23:00:00+03:00",
      activeDays: 90,
      byKind: { text: 1234 },
    },
    senders: [
      sender("user1", "Alice", 600),
      sender("user2", "<Bob & Co>", 400),
      sender("user3", null, 134),
      sender("user4", "Dave", 100),
    ],
    highlights: {
      busiestDay: { date: "2024-03-05", messages: 52 },
      busiestHour: { weekday: 1, hour: 21, messages: 41 },
      longestStreak: null,
      longestSilence: null,
    },
  });
}

// Shares: 600/1234 = 48.6 %, 400/1234 = 32.4 %, 134/1234 = 10.9 %. ICU writes the
// English date range with thin spaces (U+2009) around the dash.
const SUMMARY_EN = [
  "<b>Team &lt;dev&gt; — chat statistics</b>",
  "Period: Mar 1\u2009–\u2009Dec 31, 2024 (time zone Europe/Moscow)",
  "",
  "Messages: <b>1,234</b>",
  "People: 4",
  "Words: 5,678",
  "Active days: 90",
  "",
  "<b>Top senders</b>",
  "1. Alice — 600 (49%)",
  "2. &lt;Bob &amp; Co&gt; — 400 (32%)",
  "3. Deleted account — 134 (11%)",
  "",
  "Busiest day: March 5, 2024 (52 messages)",
  "Busiest hour: Tuesday, 21:00–22:00 (41 messages)",
].join("\n");

/** The same as shown in Telegram: markup removed, entities decoded. */
const SUMMARY_EN_SHOWN = SUMMARY_EN.replaceAll("<b>", "")
  .replaceAll("</b>", "")
  .replaceAll("&lt;", "<")
  .replaceAll("&gt;", ">")
  .replaceAll("&amp;", "&");

describe("formatDeliverySummary", () => {
  it("writes totals, top 3 senders, busiest day and hour, period and zone (en)", () => {
    expect(formatDeliverySummary(handReport())).toBe(SUMMARY_EN);
  });

  it("writes Russian with Russian plurals and number spacing", () => {
    // 52 → "сообщения" (few), 41 → "сообщение" (one); U+00A0 groups digits and precedes %.
    expect(formatDeliverySummary(handReport("ru"))).toBe(
      [
        "<b>Team &lt;dev&gt; — статистика чата</b>",
        "Период: 1 мар. – 31 дек. 2024\u202fг. (часовой пояс Europe/Moscow)",
        "",
        "Сообщений: <b>1\u00a0234</b>",
        "Участников: 4",
        "Слов: 5\u00a0678",
        "Активных дней: 90",
        "",
        "<b>Самые активные</b>",
        "1. Alice — 600 (49\u00a0%)",
        "2. &lt;Bob &amp; Co&gt; — 400 (32\u00a0%)",
        "3. Удалённый аккаунт — 134 (11\u00a0%)",
        "",
        "Самый активный день: 5 марта 2024 г. (52 сообщения)",
        "Самый активный час: вторник, 21:00–22:00 (41 сообщение)",
      ].join("\n"),
    );
  });

  it("adds links with the top 3 sites, hashtags, forwards and edits when there are any", () => {
    const report = handReport();
    report.links = {
      total: 20,
      domains: [
        { key: "example.com", name: null, count: 9 },
        { key: "t.me", name: null, count: 6 },
        { key: "a<b>.org", name: null, count: 3 },
        { key: "fourth.net", name: null, count: 2 },
      ],
      bySender: [],
    };
    report.hashtags = [{ key: "#rust", name: null, count: 4 }];
    report.forwards = { total: 17, sources: [], viaBots: [] };
    // 37 / 1234 = 3.0 %; a median of 150 s is 2.5 min, written "3 min".
    report.edits = {
      edited: 37,
      share: 37 / 1234,
      timed: 30,
      medianSecondsToEdit: 150,
      delayPrecision: 0.05,
    };
    expect(formatDeliverySummary(report)).toBe(
      [
        SUMMARY_EN,
        "",
        "Links: 20 — example.com, t.me, a&lt;b&gt;.org",
        "Top hashtags: #rust",
        "Forwarded: 17",
        "Edited: 37 (3%), median 3 min after sending",
      ].join("\n"),
    );
    const russian = formatDeliverySummary({ ...report, language: "ru" })
      .split("\n")
      .slice(-4);
    expect(russian).toEqual([
      "Ссылок: 20 — example.com, t.me, a&lt;b&gt;.org",
      "Топ хештегов: #rust",
      "Переслано: 17",
      "Отредактировано: 37 (3\u00a0%), медиана — 3 мин после отправки",
    ]);
  });

  it("adds the 3 fastest responders, the conversations and the questions answered", () => {
    const report = handReport();
    report.replies.fastest = [
      { id: "user2", name: "<Bob & Co>", replies: 40, medianDelaySeconds: 45 },
      { id: "user1", name: "Alice", replies: 9, medianDelaySeconds: 150 },
      { id: "user3", name: null, replies: 5, medianDelaySeconds: 7200 },
      { id: "user4", name: "Dave", replies: 6, medianDelaySeconds: 90_000 },
    ];
    report.conversations = { ...report.conversations, count: 321 };
    report.questions = { ...report.questions, asked: 80, answered: 60 };
    // 150 s rounds to 3 min, 7200 s is 2 hr; Dave, 4th, is left out; 60/80 = 75 %.
    expect(formatDeliverySummary(report)).toBe(
      [
        SUMMARY_EN,
        "",
        "<b>Fastest to answer</b>",
        "1. &lt;Bob &amp; Co&gt;: median 45 sec (40 replies)",
        "2. Alice: median 3 min (9 replies)",
        "3. Deleted account: median 2 hr (5 replies)",
        "Conversations: 321 (a pause of 30 min or more starts a new one)",
        "Answered by someone else within 3 hr: 60 of 80 questions (75%)",
      ].join("\n"),
    );
  });

  it("adds the last month's active people and who wrote 80 % of the messages", () => {
    const report = handReport("ru");
    report.people = {
      monthly: [
        { month: "2024-11", active: 4, newcomers: 4, regulars: 0, wentQuiet: 0 },
        { month: "2024-12", active: 3, newcomers: 1, regulars: 2, wentQuiet: 2 },
      ],
      weekly: [],
      cohorts: [],
      concentration: {
        writers: 4,
        messages: 1234,
        top1: { writers: 1, share: 0.4862 },
        top10Percent: { writers: 1, share: 0.4862 },
        top50Percent: { writers: 2, share: 0.8104 },
        gini: 0.35,
        writersFor80Percent: 2,
      },
    };
    const lines = formatDeliverySummary(report).split("\n");
    const at = lines.indexOf("3. Удалённый аккаунт — 134 (11\u00a0%)");
    expect(lines.slice(at + 1, at + 5)).toEqual([
      "",
      "Писали за декабрь 2024 г.: 3, из них новых 1",
      "80 % сообщений написали 2 из 4 человек",
      "",
    ]);
  });

  it("says so when there are no messages", () => {
    const report = handReport();
    report.totals = { ...report.totals, messages: 0, firstDate: null, lastDate: null };
    report.filters = { from: "2025-01-01", to: "2025-01-31", sender: "user9" };
    expect(formatDeliverySummary(report)).toBe(
      [
        "<b>Team &lt;dev&gt; — chat statistics</b>",
        "Period: — (time zone Europe/Moscow)",
        "Sender: user9",
        "",
        "No messages in this period.",
      ].join("\n"),
    );
  });

  it("stays far below 4096 characters with the longest names", () => {
    const report = handReport();
    const long = "<&>".repeat(100);
    report.chat.name = long;
    report.senders = report.senders.map((s) => ({ ...s, name: long }));
    const longCounts = [1, 2, 3, 4].map((count) => ({ key: long, name: null, count }));
    report.links = { total: 10, domains: longCounts, bySender: [] };
    report.hashtags = longCounts;
    // Four 64-character names (chat, 3 senders) and six 32-character sites and hashtags,
    // "<&>" escaped to 13 characters per 3: (4 × 64 + 6 × 32) × 13 / 3 ≈ 1,941, plus the labels.
    expect(formatDeliverySummary(report).length).toBeLessThan(2500);
    // A channel adds its post lines: fixed texts, and 6 links of at most a 32-character username.
    const channel = sampleReport({ withChannelStats: true }).channel!;
    const username = "a".repeat(32);
    const linked = (posts: typeof channel.postStats.top.views) =>
      posts.map((post) => ({ ...post, link: `https://t.me/${username}/${post.id}` }));
    report.channel = {
      ...channel,
      postStats: {
        ...channel.postStats,
        top: { ...channel.postStats.top, views: linked(channel.postStats.top.views) },
        bottom: { ...channel.postStats.bottom, views: linked(channel.postStats.bottom.views) },
      },
    };
    expect(formatDeliverySummary(report)).toContain(`<a href="https://t.me/${username}/`);
    expect(formatDeliverySummary(report).length).toBeLessThan(3500);
  });
});

/** Bob's card, by hand: 30 of 120 messages, Monday 09:00 and Tuesday 21:00 busiest. */
function handCard(): MemberCard {
  const punchcard = (cells: [number, number, number][]): number[][] => {
    const rows = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    for (const [weekday, hour, count] of cells) rows[weekday]![hour] = count;
    return rows;
  };
  return {
    id: "user2",
    name: "<Bob & Co>",
    messages: { member: 30, group: 120 },
    share: 0.25,
    rank: 2,
    senders: 5,
    activeDays: { member: 12, group: 40 },
    firstDate: "2024-03-01T09:15:00+03:00",
    lastDate: "2024-12-31T23:00:00+03:00",
    messagesPerActiveDay: { member: 2.5, group: 3 },
    averageLength: { member: 41.5, group: null },
    punchcard: {
      member: punchcard([
        [0, 9, 20],
        [1, 21, 10],
      ]),
      group: punchcard([
        [0, 9, 50],
        [1, 21, 70],
      ]),
    },
    byKind: { member: { text: 24, photo: 6 }, group: { text: 100, photo: 12, sticker: 8 } },
    words: [{ word: "deploy", count: 7 }],
    emojis: [{ emoji: "🚀", count: 4 }],
    answersMost: [{ id: "user1", name: "Alice", replies: 9, medianDelaySeconds: 90 }],
    answeredMostBy: [{ id: "user3", name: null, replies: 2, medianDelaySeconds: 30 }],
    reactionsReceived: 17,
  };
}

describe("formatDeliverySummary of a member card", () => {
  it("sends the card instead of the filtered summary, every name escaped", () => {
    const report = handReport();
    report.card = handCard();
    report.filters = { from: null, to: null, sender: "user2" };
    // Kinds: text 24/30 = 80 % (the group 100/120 = 83.3 %), photo 6/30 = 20 % (12/120 = 10 %).
    expect(formatDeliverySummary(report)).toBe(
      [
        "<b>Team &lt;dev&gt; — chat statistics</b>",
        "Period: Mar 1\u2009–\u2009Dec 31, 2024 (time zone Europe/Moscow)",
        "",
        "<b>&lt;Bob &amp; Co&gt; — member card</b>",
        "Messages: 30 of 120 (25%), #2 of 5 senders",
        "Active days: 12 (the group: 40)",
        "First message: 2024-03-01, last: 2024-12-31",
        "Messages per active day: 2.5 (the group: 3)",
        "Average length: 41.5 characters (the group: —)",
        "Busiest hour: Monday 09:00 (the group: Tuesday 21:00)",
        "Message kinds: Text 80% (the group 83.3%) · Photo 20% (the group 10%)",
        "Top words: deploy (7)",
        "Top emoji: 🚀 4",
        "Answers most: Alice (9, median 2 min)",
        "Answered most by: Deleted account (2, median 30 sec)",
        "Reactions received: 17",
      ].join("\n"),
    );
  });

  it("says so for a sender with no message, and stays short with the longest names", () => {
    const report = handReport();
    report.card = {
      ...handCard(),
      id: null,
      name: null,
      rank: null,
      messages: { member: 0, group: 120 },
    };
    report.filters = { from: null, to: null, sender: "user9" };
    expect(formatDeliverySummary(report).split("\n").slice(3)).toEqual([
      "<b>user9 — member card</b>",
      "No messages from this sender in the period.",
    ]);
    const long = "<&>".repeat(100);
    const card = handCard();
    const partner = { id: "user1", name: long, replies: 1, medianDelaySeconds: 1 };
    report.card = {
      ...card,
      name: long,
      words: Array.from({ length: 10 }, (_, count) => ({ word: long, count })),
      answersMost: [partner, partner, partner],
      answeredMostBy: [partner, partner, partner],
    };
    // Seven 64-character names and ten 32-character words, "<&>" escaped to 13 per 3:
    // (7 × 64 + 10 × 32) × 13 / 3 ≈ 3,328, plus the labels.
    expect(formatDeliverySummary(report).length).toBeLessThan(4000);
  });
});

describe("deliverReport", () => {
  it("sends an album with the caption on the first photo, the summary, then deletes the status", async () => {
    const { api, server, statusId } = await start();
    const sent = charts(5);
    const ids = await deliverReport(api, {
      chatId: GROUP,
      statusMessageId: statusId,
      report: handReport(),
      charts: sent,
      language: "en",
    });
    expect(ids).toEqual([2, 3, 4, 5, 6, 7]);
    const calls = server.calls.slice(1);
    expect(calls.map((c) => [c.method, c.ok])).toEqual([
      ["sendMediaGroup", true],
      ["sendMessage", true],
      ["deleteMessage", true],
    ]);
    expect(calls[0]!.files).toEqual(sent.map((chart) => ({ name: chart.name, bytes: chart.png })));
    expect(calls[1]!.text).toBe(SUMMARY_EN);
    expect(calls[2]!.messageIds).toEqual([statusId]);
    const messages = server.chatMessages(GROUP);
    expect(messages.map((m) => [m.messageId, m.kind, m.caption])).toEqual([
      [2, "photo", "Team <dev> — chat statistics\nMar 1\u2009–\u2009Dec 31, 2024"],
      [3, "photo", null],
      [4, "photo", null],
      [5, "photo", null],
      [6, "photo", null],
      [7, "text", null],
    ]);
    expect(messages.at(-1)?.text).toBe(SUMMARY_EN_SHOWN);
  });

  it("sends one chart with sendPhoto and its own caption", async () => {
    const { api, server, statusId } = await start();
    await deliverReport(api, {
      chatId: GROUP,
      statusMessageId: statusId,
      report: handReport(),
      charts: charts(1),
      language: "en",
    });
    expect(server.calls.slice(1).map((c) => c.method)).toEqual([
      "sendPhoto",
      "sendMessage",
      "deleteMessage",
    ]);
    expect(server.chatMessages(GROUP)[0]).toMatchObject({
      kind: "photo",
      caption: "Chart 1 — Team",
    });
  });

  it("sends 11 charts as an album of 10 and a photo", async () => {
    const { api, server, statusId } = await start();
    const ids = await deliverReport(api, {
      chatId: GROUP,
      statusMessageId: statusId,
      report: handReport(),
      charts: charts(11),
      language: "en",
    });
    expect(server.calls.slice(1).map((c) => [c.method, c.files.length])).toEqual([
      ["sendMediaGroup", 10],
      ["sendPhoto", 1],
      ["sendMessage", 0],
      ["deleteMessage", 0],
    ]);
    expect(ids).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(server.chatMessages(GROUP).filter((m) => m.kind === "photo")).toHaveLength(11);
  });

  it("sends the page as a document after the charts, before the summary, with a one-line caption", async () => {
    const { api, server, statusId } = await start();
    const html = "<!doctype html><title>Team</title>";
    const ids = await deliverReport(api, {
      chatId: GROUP,
      statusMessageId: statusId,
      report: handReport(),
      charts: charts(3),
      page: { fileName: "tgstats-Team-dev-2024-03-01_2024-12-31.html", html },
      language: "en",
    });
    expect(server.calls.slice(1).map((c) => c.method)).toEqual([
      "sendMediaGroup",
      "sendDocument",
      "sendMessage",
      "deleteMessage",
    ]);
    const document = server.calls[2]!;
    expect(document.files).toEqual([
      { name: "tgstats-Team-dev-2024-03-01_2024-12-31.html", bytes: Buffer.from(html) },
    ]);
    expect(document.caption).toBe("Interactive report: open it in a browser, it works offline.");
    // Photos 2–4, the page 5, the summary 6.
    expect(ids).toEqual([2, 3, 4, 5, 6]);
    expect(server.chatMessages(GROUP)[3]).toMatchObject({ messageId: 5, kind: "document" });
    expect(deliveryTexts("ru").pageCaption).toBe(
      "Интерактивный отчёт: откройте в браузере, работает без интернета.",
    );
  });

  it("does not fail when the status message is already gone", async () => {
    const { api, server, statusId } = await start();
    await new Api(TOKEN, { apiRoot: server.apiRoot }).deleteMessage(GROUP, statusId);
    await expect(
      deliverReport(api, {
        chatId: GROUP,
        statusMessageId: statusId,
        report: handReport(),
        charts: charts(2),
        language: "en",
      }),
    ).resolves.toEqual([2, 3, 4]);
    expect(server.calls.at(-1)).toMatchObject({
      method: "deleteMessage",
      ok: false,
      errorCode: 400,
    });
  });

  it("waits out a 429 through auto-retry and delivers everything", async () => {
    // One send per second per chat: the summary right after the album gets 429, retry_after 1.
    const { api, server } = await start({ rateLimitPerChatPerMinute: 1, rateLimitWindowMs: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ids = await deliverReport(api, {
      chatId: GROUP,
      statusMessageId: 1,
      report: handReport(),
      charts: charts(2),
      language: "en",
    });
    expect(server.calls.slice(1).map((c) => [c.method, c.errorCode ?? 200])).toEqual([
      ["sendMediaGroup", 200],
      ["sendMessage", 429],
      ["sendMessage", 200],
      ["deleteMessage", 200],
    ]);
    expect(ids).toEqual([2, 3, 4]);
  });
});

describe("reportPageFileName", () => {
  const report = handReport();
  it("names the page after the chat and the days of its first and last message", () => {
    // "Team <dev>": " <" and ">" become "-", the one at the end goes.
    expect(reportPageFileName(report, GROUP)).toBe("tgstats-Team-dev-2024-03-01_2024-12-31.html");
    expect(
      reportPageFileName({ ...report, chat: { ...report.chat, name: "Ёлка__ и — друзья" } }, GROUP),
    ).toBe("tgstats-Ёлка__-и-друзья-2024-03-01_2024-12-31.html");
    const long = { ...report, chat: { ...report.chat, name: "a".repeat(100) } };
    expect(reportPageFileName(long, GROUP)).toBe(
      `tgstats-${"a".repeat(64)}-2024-03-01_2024-12-31.html`,
    );
  });

  it("falls back to the chat's id when the name has no letter or digit, and leaves out a missing period", () => {
    const emoji = { ...report, chat: { ...report.chat, name: "🎉 🎉" } };
    // GROUP is -1004000000000: the sign is not a letter or digit either.
    expect(reportPageFileName(emoji, GROUP)).toBe(
      "tgstats-1004000000000-2024-03-01_2024-12-31.html",
    );
    const unnamed = { ...report, chat: { id: null, name: null, type: "private_group" } };
    expect(reportPageFileName(unnamed, -555)).toBe("tgstats-555-2024-03-01_2024-12-31.html");
    const empty = { ...report, totals: { ...report.totals, firstDate: null, lastDate: null } };
    expect(reportPageFileName(empty, GROUP)).toBe("tgstats-Team-dev.html");
  });
});

describe("deliverFailure", () => {
  const text =
    "The account @reader cannot read this chat. Add @reader to the group, then ask again.";

  it("replaces the status message text", async () => {
    const { api, server, statusId } = await start();
    await deliverFailure(api, { chatId: GROUP, statusMessageId: statusId, text });
    expect(server.chatMessages(GROUP).map((m) => [m.messageId, m.text])).toEqual([
      [statusId, text],
    ]);
  });

  it("sends a message when there is no status message, or it is gone", async () => {
    const { api, server, statusId } = await start();
    await deliverFailure(api, { chatId: GROUP, statusMessageId: null, text });
    await new Api(TOKEN, { apiRoot: server.apiRoot }).deleteMessage(GROUP, statusId);
    await deliverFailure(api, { chatId: GROUP, statusMessageId: statusId, text: "Second" });
    expect(server.chatMessages(GROUP).map((m) => [m.messageId, m.text])).toEqual([
      [2, text],
      [3, "Second"],
    ]);
  });
});
