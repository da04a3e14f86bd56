import { describe, expect, it } from "vitest";
import { ReportBuilder, toReportJson, type Message, type ReportJson } from "@tgstats/engine";
import { alice, bob, groupAsAdmin, makeMessage, unix } from "./helpers/messages.js";

const chat = { id: 100, name: "Test Group", type: "private_supergroup" as const };

/**
 * A small history in America/New_York crossing both 2024 DST changes
 * (2024-03-10 02:00 EST → 03:00 EDT; 2024-11-03 02:00 EDT → 01:00 EST).
 * Every expectation below is worked out by hand from these lines.
 */
const history: Message[] = [
  makeMessage({
    id: 1,
    dateUnix: unix("2024-03-09T23:30:00-05:00"),
    sender: alice,
    text: "Hello world 👍🏽 🇷🇺",
  }),
  makeMessage({
    id: 2,
    dateUnix: unix("2024-03-10T01:59:59-05:00"),
    sender: bob,
    text: "hello friends ❤️ ❤",
    replyToId: 1,
  }),
  makeMessage({
    id: 3,
    dateUnix: unix("2024-03-10T03:00:00-04:00"),
    sender: alice,
    kind: "sticker",
    stickerEmoji: "😂",
    replyToId: 2,
  }),
  makeMessage({
    id: 4,
    dateUnix: unix("2024-03-10T03:10:00-04:00"),
    sender: alice,
    kind: "service",
    serviceAction: "pin_message",
  }),
  makeMessage({
    id: 5,
    dateUnix: unix("2024-03-12T12:00:00-04:00"),
    sender: groupAsAdmin,
    authorSignature: "Admin",
    text: "Rules updated 👨‍👩‍👧‍👦",
    reactions: [
      { type: "emoji", emoji: "👍", count: 3 },
      { type: "emoji", emoji: "❤️", count: 2 },
    ],
  }),
  makeMessage({
    id: 6,
    dateUnix: unix("2024-11-03T01:30:00-04:00"),
    sender: bob,
    kind: "photo",
    text: "world cup",
    replyToId: 5,
  }),
  makeMessage({
    id: 7,
    dateUnix: unix("2024-11-03T01:30:00-05:00"),
    sender: bob,
    text: "cup world cup",
  }),
];

function report(
  messages: Message[],
  options: Partial<ConstructorParameters<typeof ReportBuilder>[0]> = {},
): ReportJson {
  const builder = new ReportBuilder({ timeZone: "America/New_York", ...options });
  for (const message of messages) builder.add(message);
  return toReportJson(builder.state, { chat });
}

function emptyPunchcard(): number[][] {
  return Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
}

describe("engine metrics on a hand-computed history", () => {
  const result = report(history);

  it("counts totals, kinds, words and characters", () => {
    expect(result.timezone).toBe("America/New_York");
    expect(result.totals).toEqual({
      messages: 6,
      serviceMessages: 1,
      senders: 3,
      people: 2,
      // 2 + 2 + 0 + 2 + 2 + 3 words; emoji are not words.
      words: 11,
      // code points: 17 + 18 + 0 + 21 + 9 + 13
      characters: 78,
      firstDate: "2024-03-09T23:30:00-05:00",
      lastDate: "2024-11-03T01:30:00-05:00",
      activeDays: 4,
      byKind: { text: 4, sticker: 1, photo: 1 },
    });
  });

  it("fills the punch card in local time across both DST changes", () => {
    const expected = emptyPunchcard();
    expected[5]![23] = 1; // Saturday 23:30 EST
    expected[6]![1] = 3; // Sunday 01:59 EST, and 01:30 twice on 3 November (EDT, then EST)
    expected[6]![3] = 1; // Sunday 03:00 EDT, the first hour after the spring gap
    expected[1]![12] = 1; // Tuesday noon
    expect(result.punchcard).toEqual(expected);
  });

  it("counts local days with week and month roll-ups", () => {
    expect(result.daily).toEqual({
      "2024-03-09": 1,
      "2024-03-10": 2,
      "2024-03-12": 1,
      "2024-11-03": 2,
    });
    expect(result.weekly).toEqual({ "2024-03-04": 3, "2024-03-11": 1, "2024-10-28": 2 });
    expect(result.monthly).toEqual({ "2024-03": 4, "2024-11": 2 });
  });

  it("finds the highlights", () => {
    expect(result.highlights).toEqual({
      busiestDay: { date: "2024-03-10", messages: 2 },
      busiestHour: { weekday: 6, hour: 1, messages: 3 },
      longestStreak: { from: "2024-03-09", to: "2024-03-10", days: 2 },
      // 13–31 March (19) + April…October (30+31+30+31+31+30+31) + 1–2 November (2)
      longestSilence: { from: "2024-03-13", to: "2024-11-02", days: 235 },
    });
  });

  it("lists people apart from the anonymous admin, most messages first", () => {
    expect(result.senders).toEqual([
      {
        id: "user2",
        kind: "user",
        name: "Bob",
        messages: 3,
        words: 7,
        characters: 40,
        media: 1,
        stickers: 0,
        repliesGiven: 2,
        repliesReceived: 1,
      },
      {
        id: "user1",
        kind: "user",
        name: "Alice",
        messages: 2,
        words: 2,
        characters: 17,
        media: 0,
        stickers: 1,
        repliesGiven: 1,
        repliesReceived: 1,
      },
    ]);
    expect(result.channelSenders).toEqual([
      {
        id: "channel100",
        kind: "channel",
        name: "Test Group",
        messages: 1,
        words: 2,
        characters: 21,
        media: 0,
        stickers: 0,
        repliesGiven: 0,
        repliesReceived: 1,
      },
    ]);
  });

  it("counts emoji, stickers and reactions apart, with U+FE0F folded", () => {
    // Message 2's bare ❤ is text (no U+FE0F), its ❤️ an emoji.
    expect(result.emojis).toEqual([
      { emoji: "❤", count: 1 },
      { emoji: "🇷🇺", count: 1 },
      { emoji: "👍🏽", count: 1 },
      { emoji: "👨‍👩‍👧‍👦", count: 1 },
    ]);
    expect(result.stickers).toEqual([{ emoji: "😂", count: 1 }]);
    expect(result.reactions).toEqual([
      { emoji: "👍", count: 3 },
      { emoji: "❤", count: 2 },
    ]);
  });

  it("ranks words and two-word phrases", () => {
    expect(result.words).toEqual([
      { word: "cup", count: 3 },
      { word: "world", count: 3 },
      { word: "hello", count: 2 },
      { word: "friends", count: 1 },
      { word: "rules", count: 1 },
      { word: "updated", count: 1 },
    ]);
    expect(result.bigrams).toEqual([
      { words: "world cup", count: 2 },
      { words: "cup world", count: 1 },
      { words: "hello friends", count: 1 },
      { words: "hello world", count: 1 },
      { words: "rules updated", count: 1 },
    ]);
    expect(result.wordStats).toEqual({
      exact: true,
      errorBound: 0,
      bigramErrorBound: 0,
      rareErrorBound: 0,
      rareBigramErrorBound: 0,
      minMessagesAtRest: 3,
    });
  });

  it("pairs replies with their delays", () => {
    expect(result.replies.total).toBe(3);
    expect(result.replies.resolved).toBe(3);
    const pairs = result.replies.pairs;
    expect(pairs.map((p) => [p.from, p.to, p.count])).toEqual([
      ["user1", "user2", 1],
      ["user2", "channel100", 1],
      ["user2", "user1", 1],
    ]);
    expect(pairs[0]!.medianDelaySeconds).toBe(1); // below a minute delays are exact
    const longDelays = [
      [
        pairs[1]!.medianDelaySeconds,
        unix("2024-11-03T01:30:00-04:00") - unix("2024-03-12T12:00:00-04:00"),
      ],
      [pairs[2]!.medianDelaySeconds, 2 * 3600 + 29 * 60 + 59],
    ];
    for (const [reported, truth] of longDelays)
      expect(Math.abs(reported! - truth!) / truth!).toBeLessThanOrEqual(
        result.replies.delayPrecision,
      );
    expect(pairs[0]!.fromName).toBe("Alice");
    expect(pairs[1]!.toName).toBe("Test Group");
  });

  it("has no channel section without view counts", () => {
    expect(result.channel).toBeNull();
  });
});

describe("engine filters", () => {
  it("keeps an inclusive local date range", () => {
    const filtered = report(history, { fromDate: "2024-03-10", toDate: "2024-03-12" });
    expect(filtered.totals.messages).toBe(3); // ids 2, 3, 5
    expect(filtered.totals.serviceMessages).toBe(1); // id 4
    expect(Object.keys(filtered.daily)).toEqual(["2024-03-10", "2024-03-12"]);
  });

  it("judges the range in the report's zone, not in UTC", () => {
    // Message 1 is 2024-03-10 in UTC but still 2024-03-09 in New York.
    const filtered = report(history, { fromDate: "2024-03-09", toDate: "2024-03-09" });
    expect(filtered.totals.messages).toBe(1);
    const inUtc = report(history, {
      timeZone: "UTC",
      fromDate: "2024-03-09",
      toDate: "2024-03-09",
    });
    expect(inUtc.totals.messages).toBe(0);
  });

  it("keeps one sender, by id or by name in any case", () => {
    expect(report(history, { sender: "user2" }).totals.messages).toBe(3);
    expect(report(history, { sender: "bob" }).totals.messages).toBe(3);
    expect(report(history, { sender: "channel100" }).senders).toEqual([]);
  });

  it("rejects an unknown zone, a malformed date and a reversed range with a fix in the message", () => {
    expect(() => new ReportBuilder({ timeZone: "Mars/Olympus" })).toThrow(
      /Unknown time zone "Mars\/Olympus".*IANA/,
    );
    expect(() => new ReportBuilder({ timeZone: "UTC", fromDate: "2024-02-30" })).toThrow(
      /YYYY-MM-DD/,
    );
    expect(
      () => new ReportBuilder({ timeZone: "UTC", fromDate: "2024-05-01", toDate: "2024-04-01" }),
    ).toThrow(/ends \(2024-04-01\) before it starts \(2024-05-01\)/);
  });
});

describe("channel posts with views", () => {
  it("sums views, forwards and reactions per post", () => {
    const channel: Message[] = [
      makeMessage({
        id: 10,
        dateUnix: unix("2024-01-15T10:00:00Z"),
        sender: groupAsAdmin,
        text: "post one",
        views: 1000,
        forwards: 10,
        reactions: [{ type: "emoji", emoji: "🔥", count: 7 }],
      }),
      makeMessage({
        id: 11,
        dateUnix: unix("2024-02-01T10:00:00Z"),
        sender: groupAsAdmin,
        text: "post two",
        views: 500,
        forwards: 0,
        reactions: [{ type: "paid", count: 3 }],
      }),
      makeMessage({
        id: 12,
        dateUnix: unix("2024-02-02T10:00:00Z"),
        sender: groupAsAdmin,
        text: "post three",
        views: 301,
        forwards: 5,
      }),
    ];
    const result = report(channel, { timeZone: "UTC" });
    // The posts one by one (postStats) have tests of their own (engine-channel-posts).
    const { postStats, ...totals } = result.channel!;
    expect(postStats.top.views.map((post) => post.id)).toEqual([10, 11, 12]);
    expect(totals).toEqual({
      posts: 3,
      postsWithViews: 3,
      views: 1801,
      forwards: 15,
      reactions: 10,
      viewsPerPost: 600.33,
      forwardsPerPost: 5,
      reactionsPerPost: 3.33,
      viewsMonthly: { "2024-01": 1000, "2024-02": 801 },
    });
    expect(result.reactions).toEqual([
      { emoji: "🔥", count: 7 },
      { emoji: "paid", count: 3 },
    ]);
  });
});
