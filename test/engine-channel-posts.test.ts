/**
 * Channel posts one by one (`channel.postStats`): top and bottom lists with
 * ties and young posts, views per weekday × hour, per-1,000-views ratios,
 * views by kind and length, counted by hand on a small channel; and the
 * part's merge laws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ChannelPostsPart,
  formatSummaryMarkdown,
  POST_LIST_SIZE,
  ReportBuilder,
  lengthBucketOf,
  postKindOf,
  toReportJson,
  type ChannelPostsJson,
  type Message,
  type Sender,
} from "@tgstats/engine";
import { alice, makeMessage, unix } from "./helpers/messages.js";

const channel: Sender = { kind: "channel", id: 1234567890, name: "News" };
const chat = {
  id: 1234567890,
  name: "News",
  type: "public_channel" as const,
  username: "news_daily",
};

/**
 * The channel (UTC; 2024-03-04, 03-18 and 03-25 are Mondays). Views, forwards,
 * reactions, kind and text length (code points) per post:
 *   1 Mon 03-04 09:00  100 / 2 / 5  photo, no caption          → length 0
 *   2 Mon 03-04 09:30  300 / 0 / 0  text, 100 emoji (200 UTF-16) → 1-100
 *   3 Tue 03-05 18:00  300 / 5 / 1  video, 101 chars           → 101-500
 *   4 Wed 03-06 18:00   50 / 0 / 0  text + link entity, 500    → link, 101-500
 *   5 Wed 03-06 18:10   50 / 1 / 2  GIF, 501 chars             → video, 501-1000
 *   6 Mon 03-18 09:00   10 / 0 / 0  text + text_link, 1000     → link, 501-1000
 *   8 Tue 03-19 08:00    1 / 0 / 0  text "hi"                  → 1-100
 *   7 Mon 03-25 12:00    5 / 0 / 0  poll, 1001 chars           → other, 1001+
 * plus a message without views (id 9), which is no post here.
 */
function channelHistory(): Message[] {
  const post = (
    id: number,
    iso: string,
    views: number,
    forwards: number,
    reactions: number,
    fields: Partial<Message>,
  ): Message =>
    makeMessage({
      id,
      dateUnix: unix(iso),
      sender: channel,
      views,
      forwards,
      reactions:
        reactions === 0
          ? []
          : [
              { type: "emoji", emoji: "❤", count: reactions - 1 },
              { type: "paid", count: 1 },
            ],
      ...fields,
    });
  return [
    post(1, "2024-03-04T09:00:00Z", 100, 2, 5, { kind: "photo" }),
    post(2, "2024-03-04T09:30:00Z", 300, 0, 0, { text: "😀".repeat(100) }),
    post(3, "2024-03-05T18:00:00Z", 300, 5, 1, { kind: "video", text: "a".repeat(101) }),
    post(4, "2024-03-06T18:00:00Z", 50, 0, 0, {
      text: "b".repeat(500),
      entities: [{ type: "link", value: "https://example.com/a" }],
    }),
    post(5, "2024-03-06T18:10:00Z", 50, 1, 2, { kind: "animation", text: "c".repeat(501) }),
    makeMessage({ id: 9, dateUnix: unix("2024-03-10T10:00:00Z"), sender: alice, text: "hello" }),
    post(6, "2024-03-18T09:00:00Z", 10, 0, 0, {
      text: "d".repeat(1000),
      entities: [{ type: "text_link", value: "https://example.org" }],
    }),
    post(8, "2024-03-19T08:00:00Z", 1, 0, 0, { text: "hi" }),
    post(7, "2024-03-25T12:00:00Z", 5, 0, 0, { kind: "poll", text: "e".repeat(1001) }),
  ];
}

function postStats(messages: readonly Message[], to: string | null = null): ChannelPostsJson {
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(messages);
  const report = toReportJson(builder.state, {
    chat,
    filters: { from: null, to, sender: null },
  });
  return report.channel!.postStats;
}

const ids = (posts: readonly { id: number }[]): number[] => posts.map((post) => post.id);

describe("channel posts of a small channel", () => {
  const stats = postStats(channelHistory());

  it("ranks the top posts, ties to the lower id", () => {
    // Views 2:300 = 3:300 (2 first), 1:100, 4:50 = 5:50, 6:10, 7:5, 8:1.
    expect(ids(stats.top.views)).toEqual([2, 3, 1, 4, 5, 6, 7, 8]);
    // Forwards 3:5, 1:2, 5:1, then the zeros by id.
    expect(ids(stats.top.forwards)).toEqual([3, 1, 5, 2, 4, 6, 7, 8]);
    // Reactions 1:5 (4 ❤ + 1 paid), 5:2, 3:1, then the zeros.
    expect(ids(stats.top.reactions)).toEqual([1, 5, 3, 2, 4, 6, 7, 8]);
    expect(stats.top.views[0]).toEqual({
      id: 2,
      date: "2024-03-04T09:30:00+00:00",
      link: "https://t.me/news_daily/2",
      views: 300,
      forwards: 0,
      reactions: 0,
      kind: "text",
      length: "1-100",
    });
  });

  it("leaves the last 7 days' posts out of the bottom lists", () => {
    // Ends 03-25 (the last message): 03-19…03-25 are young (posts 8, 7); 03-18 (post 6) is not.
    expect(stats.bottomThrough).toBe("2024-03-18");
    expect(stats.youngDays).toBe(7);
    // Views 6:10, 4:50 = 5:50, 1:100, 2:300 = 3:300.
    expect(ids(stats.bottom.views)).toEqual([6, 4, 5, 1, 2, 3]);
    // Forwards 0: 2, 4, 6; then 5:1, 1:2, 3:5.
    expect(ids(stats.bottom.forwards)).toEqual([2, 4, 6, 5, 1, 3]);
    // Reactions 0: 2, 4, 6; then 3:1, 5:2, 1:5.
    expect(ids(stats.bottom.reactions)).toEqual([2, 4, 6, 3, 5, 1]);
  });

  it("counts from the `to` filter's day when one is given", () => {
    // Ends 03-31: only 03-25…03-31 are young (post 7); post 8 (1 view) comes first.
    const filtered = postStats(channelHistory(), "2024-03-31");
    expect(filtered.bottomThrough).toBe("2024-03-24");
    expect(ids(filtered.bottom.views)).toEqual([8, 6, 4, 5, 1, 2, 3]);
  });

  it("gives mean views per post by weekday × hour and the best time with 3 posts or more", () => {
    expect(stats.byHour).toEqual([
      // Mon 09: posts 1, 2, 6 = (100 + 300 + 10) / 3 = 136.67.
      { weekday: 0, hour: 9, posts: 3, viewsPerPost: 136.67 },
      { weekday: 0, hour: 12, posts: 1, viewsPerPost: 5 },
      { weekday: 1, hour: 8, posts: 1, viewsPerPost: 1 },
      { weekday: 1, hour: 18, posts: 1, viewsPerPost: 300 },
      // Wed 18: (50 + 50) / 2.
      { weekday: 2, hour: 18, posts: 2, viewsPerPost: 50 },
    ]);
    // Tue 18 has more views per post but a single post.
    expect(stats.bestHour).toEqual({ weekday: 0, hour: 9, posts: 3, viewsPerPost: 136.67 });
    expect(stats.bestHourMinPosts).toBe(3);
  });

  it("gives reactions and forwards per 1,000 views", () => {
    // Views 100 + 300 + 300 + 50 + 50 + 10 + 5 + 1 = 816; reactions 5 + 1 + 2 = 8; forwards 2 + 5 + 1 = 8.
    // 8 × 1000 / 816 = 9.8039… → 9.8.
    expect(stats.reactionsPer1000Views).toBe(9.8);
    expect(stats.forwardsPer1000Views).toBe(9.8);
  });

  it("gives mean and median (the ⌈n/2⌉-th smallest) views by kind and length", () => {
    expect(stats.byKind).toEqual([
      { key: "photo", posts: 1, meanViews: 100, medianViews: 100 },
      // 3:300, 5:50 → mean 175, median the 1st smallest, 50.
      { key: "video", posts: 2, meanViews: 175, medianViews: 50 },
      // 2:300, 8:1 → 150.5, 1.
      { key: "text", posts: 2, meanViews: 150.5, medianViews: 1 },
      // 4:50, 6:10 → 30, 10.
      { key: "link", posts: 2, meanViews: 30, medianViews: 10 },
      { key: "other", posts: 1, meanViews: 5, medianViews: 5 },
    ]);
    expect(stats.byLength).toEqual([
      { key: "0", posts: 1, meanViews: 100, medianViews: 100 },
      // 2 (100 emoji):300, 8:1.
      { key: "1-100", posts: 2, meanViews: 150.5, medianViews: 1 },
      // 3 (101):300, 4 (500):50.
      { key: "101-500", posts: 2, meanViews: 175, medianViews: 50 },
      // 5 (501):50, 6 (1000):10.
      { key: "501-1000", posts: 2, meanViews: 30, medianViews: 10 },
      { key: "1001+", posts: 1, meanViews: 5, medianViews: 5 },
    ]);
  });

  it("links private channels by id, and nothing for basic groups or combined reports", () => {
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch(channelHistory());
    const linkOf = (options: Parameters<typeof toReportJson>[1]) =>
      toReportJson(builder.state, options).channel!.postStats.top.views[0]!.link;
    expect(linkOf({ chat: { id: 1234567890, name: "News", type: "private_channel" } })).toBe(
      "https://t.me/c/1234567890/2",
    );
    expect(linkOf({ chat: { id: 55, name: "Club", type: "private_group" } })).toBeNull();
    expect(linkOf({ chat: { id: null, name: "All", type: "combined" } })).toBeNull();
  });

  it("keeps only the list size, ties to the lower id", () => {
    const posts = Array.from({ length: 12 }, (_, i) =>
      makeMessage({
        id: i + 1,
        dateUnix: unix("2024-01-01T10:00:00Z") + i,
        sender: channel,
        views: 7,
      }),
    );
    const equal = postStats(posts, "2024-02-01");
    expect(POST_LIST_SIZE).toBe(10);
    expect(ids(equal.top.views)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ids(equal.bottom.views)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("has no post figures without views (exports)", () => {
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch(channelHistory().map((message) => ({ ...message, views: null })));
    expect(toReportJson(builder.state, { chat }).channel).toBeNull();
  });
});

describe("the channel posts in summary.md", () => {
  it("shows the figures and the linked lists, in English and Russian", () => {
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch(channelHistory());
    const section = (language: "en" | "ru", from: string, lines: number) => {
      const text = formatSummaryMarkdown(toReportJson(builder.state, { chat, language }));
      return text.split("\n").slice(text.split("\n").indexOf(from), undefined).slice(0, lines);
    };
    // Means round to whole views: 136.67 → 137, 150.5 → 151.
    expect(section("en", "## Channel posts", 7)).toEqual([
      "## Channel posts",
      "",
      "- Best time to post: Monday, 09:00–10:00 (137 views per post, 3 posts)",
      "- Per 1,000 views: 9.8 reactions, 9.8 forwards",
      "- Views by kind (mean / median): Photo 100 / 100 · Video 175 / 50 · Text 151 / 1 · Text with a link 30 / 10 · Other 5 / 5",
      "- Views by text length in characters (mean / median): No text 100 / 100 · 1–100 151 / 1 · 101–500 175 / 50 · 501–1,000 30 / 10 · Over 1,000 5 / 5",
      "",
    ]);
    expect(section("en", "## Least viewed posts (without the last 7 days)", 8)).toEqual([
      "## Least viewed posts (without the last 7 days)",
      "",
      "1. [2024-03-18](https://t.me/news_daily/6) · Text with a link · 10 views",
      "2. [2024-03-06](https://t.me/news_daily/4) · Text with a link · 50 views",
      "3. [2024-03-06](https://t.me/news_daily/5) · Video · 50 views",
      "4. [2024-03-04](https://t.me/news_daily/1) · Photo · 100 views",
      "5. [2024-03-04](https://t.me/news_daily/2) · Text · 300 views",
      "",
    ]);
    expect(section("ru", "## Чаще всего пересылали", 5)).toEqual([
      "## Чаще всего пересылали",
      "",
      "1. [2024-03-05](https://t.me/news_daily/3) · Видео · пересылок: 5",
      "2. [2024-03-04](https://t.me/news_daily/1) · Фото · пересылок: 2",
      "3. [2024-03-06](https://t.me/news_daily/5) · Видео · пересылок: 1",
    ]);
  });
});

describe("post kinds and length groups", () => {
  it("puts each kind and length at its boundary", () => {
    const kindOf = (kind: Message["kind"], entities: Message["entities"] = []) =>
      postKindOf({ kind, entities });
    expect(kindOf("photo", [{ type: "link", value: "https://x.org" }])).toBe("photo");
    expect(kindOf("video_note")).toBe("video");
    expect(kindOf("text", [{ type: "text_link", value: "mailto:a@b.c" }])).toBe("text");
    expect(kindOf("text", [{ type: "link", value: "x.org" }])).toBe("link");
    expect(kindOf("voice")).toBe("other");
    expect([0, 1, 100, 101, 500, 501, 1000, 1001].map(lengthBucketOf)).toEqual([
      "0",
      "1-100",
      "1-100",
      "101-500",
      "101-500",
      "501-1000",
      "501-1000",
      "1001+",
    ]);
  });
});

/** Posts with few distinct counts (ties) over ~5 weeks, so that young days and trimming occur. */
const postsArbitrary = fc
  .array(
    fc.record({
      idGap: fc.integer({ min: 1, max: 3 }),
      // Bursts of posts within minutes (days with more posts than a list keeps) and gaps of days.
      secondsGap: fc.oneof(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 300_000 }),
      ),
      views: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 5 }),
      forwards: fc.integer({ min: 0, max: 3 }),
      reactions: fc.integer({ min: 0, max: 3 }),
      kind: fc.constantFrom("text", "photo", "video", "poll"),
      link: fc.boolean(),
    }),
    { maxLength: 80 },
  )
  .map((rows) => {
    let id = 0;
    let dateUnix = unix("2024-01-01T00:00:00Z");
    return rows.map((row) => {
      id += row.idGap;
      dateUnix += row.secondsGap;
      return makeMessage({
        id,
        dateUnix,
        sender: channel,
        kind: row.kind,
        text: row.link ? "see x.org" : "",
        entities: row.link ? [{ type: "link", value: "x.org" }] : [],
        views: row.views,
        forwards: row.forwards,
        reactions:
          row.reactions === 0 ? [] : [{ type: "emoji", emoji: "👍", count: row.reactions }],
      });
    });
  });

function fold(messages: readonly Message[]): ChannelPostsPart {
  const builder = new ReportBuilder({ timeZone: "Europe/Berlin" });
  builder.addBatch(messages);
  return builder.state.channelPosts;
}

describe("the channel posts part", () => {
  it("merges halves into the whole, associatively, in any order and through JSON", () => {
    fc.assert(
      fc.property(postsArbitrary, fc.nat(), fc.nat(), (history, cutA, cutB) => {
        const [i, j] = [cutA % (history.length + 1), cutB % (history.length + 1)].sort(
          (x, y) => x - y,
        );
        const [a, b, c] = [history.slice(0, i), history.slice(i, j), history.slice(j)].map(fold);
        const whole = fold(history).toJSON();
        expect(a!.merge(b!).merge(c!).toJSON()).toEqual(whole);
        expect(a!.merge(b!.merge(c!)).toJSON()).toEqual(whole);
        expect(fold([...history].reverse()).toJSON()).toEqual(whole);
        const read = ChannelPostsPart.fromJSON(
          JSON.parse(JSON.stringify(a!.toJSON())) as ReturnType<ChannelPostsPart["toJSON"]>,
        );
        expect(read.merge(b!.merge(c!)).toJSON()).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("picks the bottom posts from the stored lists as from every post", () => {
    fc.assert(
      fc.property(postsArbitrary, fc.integer({ min: 0, max: 20 }), (history, extraDays) => {
        const part = fold(history);
        if (part.newestDay === null) return;
        const endDay = part.newestDay + extraDays;
        const berlinDay = (dateUnix: number): number =>
          Math.floor((dateUnix * 1000 + offsetMs(dateUnix)) / 86_400_000);
        const old = history.filter(
          (message) => message.views !== null && berlinDay(message.dateUnix) <= endDay - 7,
        );
        const expected = [...old]
          .sort((x, y) => x.views! - y.views! || x.id - y.id)
          .slice(0, POST_LIST_SIZE)
          .map((message) => message.id);
        expect(ids(part.bottomPosts("views", endDay))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/** Europe/Berlin's offset at an instant, through Intl (independent of ZoneClock). */
function offsetMs(dateUnix: number): number {
  const name = new Intl.DateTimeFormat("en", {
    timeZone: "Europe/Berlin",
    timeZoneName: "longOffset",
  })
    .formatToParts(new Date(dateUnix * 1000))
    .find((part) => part.type === "timeZoneName")!.value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  if (match === null) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}
