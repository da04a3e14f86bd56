import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ReportBuilder,
  ReportState,
  mergeReportStates,
  type MemberRef,
  type Message,
  type ReportStateJson,
  type Sender,
  type ServiceDetails,
} from "@tgstats/engine";
import { makeMessage } from "./helpers/messages.js";

const PEOPLE: Sender[] = [
  { kind: "user", id: 1, name: "Аня" },
  { kind: "user", id: 2, name: "Ben" },
  { kind: "user", id: 3, name: null },
  { kind: "channel", id: 9, name: "News" },
];
const WORDS = ["привет", "мир", "hello", "world", "кот", "cat", "и", "the", "👍🏽", "❤️", "🇷🇺", "42"];
const KINDS = ["text", "text", "text", "photo", "sticker", "service"] as const;
const asMember = (sender: Sender): MemberRef => ({
  peer: { kind: sender.kind, id: sender.id },
  name: sender.name,
});
/** Service details the histories draw from, about a member (membership actions with joins, leaves, renames). */
const SERVICES: ((member: Sender) => ServiceDetails)[] = [
  () => ({ type: "message_pinned", messageId: null }),
  (member) => ({ type: "members_added", members: [asMember(member)] }),
  (member) => ({ type: "members_removed", members: [asMember(member)] }),
  (member) => ({ type: "joined_by_link", inviter: { peer: null, name: member.name } }),
  () => ({ type: "joined_by_request" }),
  (member) => ({ type: "title_changed", title: `Club ${member.id}` }),
  () => ({ type: "members_added", members: [{ peer: null, name: "Zoe" }] }),
  () => ({ type: "members_removed", members: [{ peer: null, name: "Zoe" }] }),
];
/** A small reply window, so that replies beyond it occur in the generated histories. */
const WINDOW_IDS = 6;

/** Histories with ascending ids and dates, replies to earlier (or missing) messages. */
const historyArbitrary = fc
  .array(
    fc.record({
      idGap: fc.integer({ min: 1, max: 3 }),
      // Around the conversation gap (30 min), the answer window (3 h) and a silence (24 h) too.
      secondsGap: fc.oneof(
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom(1_799, 1_800, 10_800, 10_801, 86_399, 86_400),
        fc.integer({ min: 0, max: 200_000 }),
      ),
      person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
      kind: fc.constantFrom(...KINDS),
      words: fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }),
      question: fc.boolean(),
      replyBack: fc.option(fc.integer({ min: 1, max: 10 })),
      reaction: fc.option(fc.integer({ min: 1, max: 5 })),
      // A second reaction of another kind, so the most given one is sometimes a tie.
      otherReaction: fc.option(
        fc.record({ count: fc.integer({ min: 1, max: 5 }), paid: fc.boolean() }),
      ),
      // Posts of the channel sender may be signed; a blank signature counts as none.
      signature: fc.option(fc.constantFrom("Anna", "Борис", " ")),
      // Views of a post read over MTProto (few values: ties in the post lists).
      views: fc.option(fc.integer({ min: 0, max: 9 })),
      service: fc.integer({ min: 0, max: SERVICES.length - 1 }),
      member: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((rows) => {
    let id = -3; // starts negative, like a migrated group's history
    let dateUnix = 1_700_000_000;
    return rows.map((row): Message => {
      id += row.idGap;
      dateUnix += row.secondsGap;
      return makeMessage({
        id,
        dateUnix,
        sender: PEOPLE[row.person]!,
        kind: row.kind,
        serviceAction: row.kind === "service" ? "pin_message" : null,
        service: row.kind === "service" ? SERVICES[row.service]!(PEOPLE[row.member]!) : null,
        text: row.kind === "service" ? "" : row.words.join(" ") + (row.question ? " ? " : ""),
        stickerEmoji: row.kind === "sticker" ? "😂" : null,
        replyToId: row.replyBack === null ? null : id - row.replyBack,
        reactions: [
          ...(row.reaction === null
            ? []
            : [{ type: "emoji" as const, emoji: "❤️", count: row.reaction }]),
          ...(row.otherReaction === null
            ? []
            : [
                row.otherReaction.paid
                  ? { type: "paid" as const, count: row.otherReaction.count }
                  : {
                      type: "custom_emoji" as const,
                      documentId: "5368324170671202286",
                      count: row.otherReaction.count,
                    },
              ]),
        ],
        authorSignature: row.signature,
        views: row.views,
        forwards: row.views === null ? null : row.idGap - 1,
      });
    });
  });

function fold(
  messages: readonly Message[],
  sender?: string,
  range?: { fromDate: string; toDate: string },
): ReportState {
  const builder = new ReportBuilder({
    timeZone: "Europe/Berlin",
    replyWindowIds: WINDOW_IDS,
    ...(sender === undefined ? {} : { sender }),
    ...range,
  });
  builder.addBatch(messages);
  return builder.state;
}

const PARTS = [
  "totals",
  "senders",
  "activity",
  "emoji",
  "words",
  "replies",
  "channel",
  "channelPosts",
  "membership",
  "conversations",
  "questions",
  "replyChains",
  "people",
  "days",
  "reactions",
] as const;

/** Compares part by part, so a failure names the part that does not merge. */
function expectSameParts(actual: ReportStateJson, expected: ReportStateJson): void {
  for (const part of PARTS)
    expect({ part, value: actual[part] }).toEqual({ part, value: expected[part] });
}

describe("report merge", () => {
  it("merging the states of two halves equals the state of the whole, for every part", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), (history, cut) => {
        const at = cut % (history.length + 1);
        const merged = fold(history.slice(0, at)).merge(fold(history.slice(at)));
        expectSameParts(merged.toJSON(), fold(history).toJSON());
      }),
      { numRuns: 300 },
    );
  });

  it("merges halves into the whole with a sender filter too (others' replies as context)", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), (history, cut) => {
        const at = cut % (history.length + 1);
        const merged = fold(history.slice(0, at), "user2").merge(fold(history.slice(at), "user2"));
        expectSameParts(merged.toJSON(), fold(history, "user2").toJSON());
      }),
      { numRuns: 300 },
    );
  });

  it("merges halves into the whole with a date range (the days part sees the days before it too)", () => {
    // The histories start 2023-11-14 and span up to a few weeks: ranges cut into them.
    const range = { fromDate: "2023-11-18", toDate: "2023-11-24" };
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), fc.boolean(), (history, cut, filtered) => {
        const at = cut % (history.length + 1);
        const sender = filtered ? "user2" : undefined;
        const merged = fold(history.slice(0, at), sender, range).merge(
          fold(history.slice(at), sender, range),
        );
        expectSameParts(merged.toJSON(), fold(history, sender, range).toJSON());
      }),
      { numRuns: 200 },
    );
  });

  it("is associative", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), fc.nat(), (history, cutA, cutB) => {
        const [i, j] = [cutA % (history.length + 1), cutB % (history.length + 1)].sort(
          (x, y) => x - y,
        );
        const [a, b, c] = [history.slice(0, i), history.slice(i, j), history.slice(j)].map((part) =>
          fold(part),
        );
        expectSameParts(a!.merge(b!).merge(c!).toJSON(), a!.merge(b!.merge(c!)).toJSON());
        expectSameParts(mergeReportStates([a!, b!, c!]).toJSON(), fold(history).toJSON());
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same state whether the history comes oldest-first or newest-first", () => {
    fc.assert(
      fc.property(historyArbitrary, (history) => {
        expectSameParts(fold([...history].reverse()).toJSON(), fold(history).toJSON());
      }),
      { numRuns: 200 },
    );
  });

  it("survives a JSON round trip (caches and job checkpoints)", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), (history, cut) => {
        const at = cut % (history.length + 1);
        const first = ReportState.fromJSON(
          JSON.parse(JSON.stringify(fold(history.slice(0, at)))) as ReportStateJson,
        );
        expectSameParts(first.merge(fold(history.slice(at))).toJSON(), fold(history).toJSON());
      }),
      { numRuns: 100 },
    );
  });

  it("refuses to merge states computed in different zones", () => {
    const berlin = fold([]);
    const tokyo = new ReportBuilder({ timeZone: "Asia/Tokyo" }).state;
    expect(() => berlin.merge(tokyo)).toThrow(
      /Europe\/Berlin and Asia\/Tokyo; compute both in one zone/,
    );
  });
});

describe("replies across a merge", () => {
  it("follows a reply in the second half to its original in the first", () => {
    const first = [makeMessage({ id: 1, dateUnix: 1000, sender: PEOPLE[0]!, text: "вопрос" })];
    const second = [
      makeMessage({ id: 2, dateUnix: 1030, sender: PEOPLE[1]!, text: "answer", replyToId: 1 }),
    ];
    const merged = fold(first).merge(fold(second));
    expect(merged.replies.topPairs(5)).toEqual([
      { from: "user2", to: "user1", count: 1, medianDelaySeconds: 30 },
    ]);
    expect(merged.replies.resolved).toBe(1);
  });

  it("does not follow replies further back than the window", () => {
    const history = [
      makeMessage({ id: 1, dateUnix: 1000, sender: PEOPLE[0]!, text: "old" }),
      makeMessage({
        id: 1 + WINDOW_IDS + 1,
        dateUnix: 2000,
        sender: PEOPLE[1]!,
        text: "late",
        replyToId: 1,
      }),
    ];
    const state = fold(history);
    expect(state.replies.total).toBe(1);
    expect(state.replies.resolved).toBe(0);
  });
});
