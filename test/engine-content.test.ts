/**
 * What people share: links by site and sender, mentions, hashtags, edits,
 * forwards and message kinds, from a handmade export whose figures are
 * counted by hand below, and the part's merge laws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatSummaryMarkdown,
  linkHost,
  ReportBuilder,
  ReportState,
  reportFromExport,
  type Message,
  type ReportStateJson,
  type Sender,
} from "@tgstats/engine";
import { makeMessage } from "./helpers/messages.js";
import { exportFixture, readAll } from "./helpers/read-export.js";

describe("a link's host", () => {
  it("is lower-cased, without www., port, trailing dot, path or query; IDN in Unicode", () => {
    expect(linkHost("https://www.Example.com:8080/p?utm_source=x")).toBe("example.com");
    expect(linkHost("www.example.com")).toBe("example.com");
    expect(linkHost("t.me/somechat")).toBe("t.me");
    expect(linkHost("HTTPS://Sub.Example.COM./x")).toBe("sub.example.com");
    expect(linkHost("https://www2.example.com")).toBe("www2.example.com");
    expect(linkHost("http://xn--e1afmkfd.xn--p1ai/")).toBe("пример.рф");
    expect(linkHost("https://пример.рф/путь")).toBe("пример.рф");
    expect(linkHost("mailto:ben@example.org")).toBeNull();
    expect(linkHost("tg://resolve?domain=x")).toBeNull();
    expect(linkHost("tel:+15550100")).toBeNull();
    expect(linkHost("example.com:8080/x")).toBe("example.com");
    expect(linkHost("http://")).toBeNull();
  });
});

describe("a handmade export (content-shared.json)", () => {
  it("counts sites, links per person, mentions, hashtags, edits, forwards and kinds exactly", async () => {
    const report = await reportFromExport(exportFixture("content-shared.json"), {
      report: { timeZone: "UTC" },
    });
    // Regular messages: ids 1, 2, 3, 4, 5, 6, 8 = 7 (7 is a service message).
    expect(report.totals.messages).toBe(7);
    // Kinds: text 1, 2, 6, 8 = 4; photo 3; sticker 4; voice 5.
    expect(report.totals.byKind).toEqual({ text: 4, photo: 1, sticker: 1, voice: 1 });
    // Links: #1 example.com (www., port, path and query dropped) + docs.example.com (text_link
    // href); #2 example.com (www. dropped); #6 t.me (mailto: text_link and email are no link);
    // #8 пример.рф + sub.example.com (trailing dot dropped). 6 in all.
    expect(report.links).toEqual({
      total: 6,
      domains: [
        { key: "example.com", name: null, count: 2 },
        { key: "docs.example.com", name: null, count: 1 },
        { key: "sub.example.com", name: null, count: 1 },
        { key: "t.me", name: null, count: 1 },
        { key: "пример.рф", name: null, count: 1 },
      ],
      // Аня: #1 two + #8 two = 4; Ben: #2 one + #6 one = 2.
      bySender: [
        { key: "user1", name: "Аня", count: 4 },
        { key: "user2", name: "Ben", count: 2 },
      ],
    });
    // #2: "@Anya_K" (lower-cased) and a mention by name of user 1 (named from the senders).
    expect(report.mentions).toEqual([
      { key: "@anya_k", name: null, count: 1 },
      { key: "user1", name: "Аня", count: 1 },
    ]);
    // #Rust (#1), #rust (#2), #RUST (#8): one hashtag, 3 times; never the word "rust".
    expect(report.hashtags).toEqual([{ key: "#rust", name: null, count: 3 }]);
    expect(report.words.map((entry) => entry.word)).not.toContain("rust");
    // Edited: #1 after 45 s, #2 after 30 s, #8 after 50 s → 3 of 7; lower median of
    // [30, 45, 50] = 45 (exact: under a minute).
    expect(report.edits).toEqual({
      edited: 3,
      share: 3 / 7,
      timed: 3,
      medianSecondsToEdit: 45,
      delayPrecision: 0.05,
    });
    // Forwards: #3 and #4 from "News Channel", #5 from "Ben"; #4 via @Gif (lower-cased).
    expect(report.forwards).toEqual({
      total: 3,
      sources: [
        { key: "News Channel", name: null, count: 2 },
        { key: "Ben", name: null, count: 1 },
      ],
      viaBots: [{ key: "@gif", name: null, count: 1 }],
    });
  });

  it("stores hosts, tags and targets, never a URL's path or query", async () => {
    const [chat] = await readAll(exportFixture("content-shared.json"));
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch(chat!.messages);
    const stored = JSON.stringify(builder.state.forRest().toJSON());
    for (const secret of ["private", "token", "secret", "utm", "/u/123", "ref=abc", "путь", "http"])
      expect(stored).not.toContain(secret);
    expect(stored).toContain('"example.com":2');
  });

  it("writes the figures into summary.md", async () => {
    const report = await reportFromExport(exportFixture("content-shared.json"), {
      report: { timeZone: "UTC" },
    });
    const markdown = formatSummaryMarkdown(report);
    expect(markdown).toContain(
      "- Links: 6\n- Forwarded: 3\n- Edited: 3 (42.9%), median 45 sec after sending\n",
    );
    expect(markdown).toContain(
      "## Messages by kind\n\nText 4 · Photo 1 · Sticker 1 · Voice message 1\n",
    );
    expect(markdown).toContain(
      "## Top sites\n\nexample.com (2), docs.example.com (1), sub.example.com (1), t.me (1), пример.рф (1)\n",
    );
    expect(markdown).toContain("## Links per person\n\n1. Аня: 4\n2. Ben: 2\n");
    expect(markdown).toContain("## Most mentioned\n\n@anya_k (1), Аня (1)\n");
    expect(markdown).toContain("## Top hashtags\n\n#rust (3)\n");
    expect(markdown).toContain("## Forwarded from\n\nNews Channel (2), Ben (1)\n");
    expect(markdown).toContain("## Inline bots\n\n@gif (1)\n");
    const russian = formatSummaryMarkdown({ ...report, language: "ru" });
    expect(russian).toContain(
      "- Отредактировано: 3 (42,9\u00a0%), медиана — 45 с после отправки\n",
    );
    expect(russian).toContain(
      "## Сообщения по видам\n\nТекст 4 · Фото 1 · Стикер 1 · Голосовое 1\n",
    );
  });
});

describe("an export before Telegram Desktop 3.7.6 (content-old-edit.json)", () => {
  it("counts an edit with only a local `edited` time as edited, but not in the median", async () => {
    const report = await reportFromExport(exportFixture("content-old-edit.json"), {
      report: { timeZone: "UTC" },
    });
    // #10's "edited" is tdesktop's old epoch placeholder: not edited. #11 and #12 are: 2 of 3,
    // neither with an exact time, so no median.
    expect(report.edits).toEqual({
      edited: 2,
      share: 2 / 3,
      timed: 0,
      medianSecondsToEdit: null,
      delayPrecision: 0.05,
    });
    expect(report.links.domains).toEqual([{ key: "old.example.net", name: null, count: 1 }]);
    expect(formatSummaryMarkdown(report)).toContain("- Edited: 2 (66.7%)\n");
  });
});

const PEOPLE: Sender[] = [
  { kind: "user", id: 1, name: "Аня" },
  { kind: "user", id: 2, name: "Ben" },
  { kind: "channel", id: 9, name: "News" },
];
const LINKS = ["https://www.a.com/x?utm=1", "b.org", "http://sub.a.com:81", "mailto:x@y.z"];
const TAGS = ["#Rust", "#rust", "#go"];
const MENTIONS = ["@Ann", "@ann", "@bob"];

/** Histories with links, mentions, hashtags, edits (timed or not) and forwards. */
const historyArbitrary = fc
  .array(
    fc.record({
      secondsGap: fc.integer({ min: 0, max: 5000 }),
      person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
      kind: fc.constantFrom("text", "photo", "voice", "sticker", "service" as const),
      links: fc.array(fc.constantFrom(...LINKS), { maxLength: 3 }),
      tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 2 }),
      mentions: fc.array(fc.constantFrom(...MENTIONS), { maxLength: 2 }),
      mentionName: fc.option(fc.integer({ min: 1, max: 3 })),
      editAfter: fc.option(fc.integer({ min: 0, max: 100_000 })),
      editAssumed: fc.boolean(),
      forward: fc.option(fc.constantFrom("News", "Ben", "peer", "hidden")),
      viaBot: fc.option(fc.constantFrom("@gif", "@GIF", "@vote")),
    }),
    { minLength: 1, maxLength: 50 },
  )
  .map((rows) => {
    let dateUnix = 1_700_000_000;
    return rows.map((row, index): Message => {
      dateUnix += row.secondsGap;
      const service = row.kind === "service";
      return makeMessage({
        id: index + 1,
        dateUnix,
        sender: PEOPLE[row.person]!,
        kind: row.kind,
        serviceAction: service ? "pin_message" : null,
        entities: [
          ...row.links.map((value) => ({ type: "link" as const, value })),
          ...row.tags.map((value) => ({ type: "hashtag" as const, value })),
          ...row.mentions.map((value) => ({ type: "mention" as const, value })),
          ...(row.mentionName === null
            ? []
            : [{ type: "mention_name" as const, value: "x", userId: row.mentionName }]),
        ],
        editedDateUnix: row.editAfter === null ? null : dateUnix + row.editAfter,
        ...(row.editAfter !== null && row.editAssumed ? { editedDateAssumed: true } : {}),
        forwardedFrom: forwardOrigin(row.forward),
        viaBot: row.viaBot,
      });
    });
  });

function forwardOrigin(forward: string | null): Message["forwardedFrom"] {
  if (forward === null) return null;
  if (forward === "peer") return { name: null, peer: { kind: "user", id: 5 } };
  if (forward === "hidden") return { name: null, peer: null };
  return { name: forward, peer: null };
}

function fold(messages: readonly Message[]): ReportState {
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(messages);
  return builder.state;
}

function content(state: ReportState): ReportStateJson["content"] {
  return state.toJSON().content;
}

describe("the content part's merge", () => {
  it("of two halves equals the whole", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), (history, cut) => {
        const at = cut % (history.length + 1);
        const merged = fold(history.slice(0, at)).merge(fold(history.slice(at)));
        expect(content(merged)).toEqual(content(fold(history)));
      }),
      { numRuns: 300 },
    );
  });

  it("is associative and survives a JSON round trip", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), fc.nat(), (history, cutA, cutB) => {
        const [i, j] = [cutA % (history.length + 1), cutB % (history.length + 1)].sort(
          (x, y) => x - y,
        );
        const [a, b, c] = [history.slice(0, i), history.slice(i, j), history.slice(j)].map((part) =>
          fold(part),
        );
        expect(content(a!.merge(b!).merge(c!))).toEqual(content(a!.merge(b!.merge(c!))));
        const revived = ReportState.fromJSON(
          JSON.parse(JSON.stringify(a!.merge(b!))) as ReportStateJson,
        );
        expect(content(revived.merge(c!))).toEqual(content(fold(history)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("hashtags at rest", () => {
  /** A message with these hashtag entities, as Telegram marks them. */
  const tagged = (id: number, ...tags: string[]): Message =>
    makeMessage({
      id,
      dateUnix: 1_700_000_000 + id * 60,
      sender: PEOPLE[id % 2]!,
      text: tags.join(" "),
      entities: tags.map((value) => ({ type: "hashtag" as const, value })),
    });

  it("count messages, and what is stored keeps only those in 3 messages or more", () => {
    // #once: 1 message (3 times in it); #twice: 2 messages; #thrice: 3 messages.
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch([
      tagged(1, "#once", "#ONCE", "#once", "#twice", "#thrice"),
      tagged(2, "#twice", "#thrice"),
      tagged(3, "#thrice"),
    ]);
    const counts = (state: ReportState): [string, number][] =>
      [...state.content.hashtags].sort((a, b) => a[0].localeCompare(b[0]));
    expect(counts(builder.state)).toEqual([
      ["#once", 1],
      ["#thrice", 3],
      ["#twice", 2],
    ]);
    const stored = builder.state.forRest();
    expect(counts(stored)).toEqual([["#thrice", 3]]);
    expect(JSON.stringify(stored.toJSON())).not.toContain("#once");
    // The state itself is unchanged: the report still lists every hashtag.
    expect(counts(builder.state)).toHaveLength(3);
  });
});
