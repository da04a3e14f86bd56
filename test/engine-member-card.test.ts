import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ReportBuilder,
  reportFromExport,
  toMemberCard,
  toReportJson,
  type Message,
  type MemberCard,
  type Sender,
} from "@tgstats/engine";
import { writeSyntheticExport } from "@tgstats/sandbox";
import { makeMessage, unix } from "./helpers/messages.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const ALICE: Sender = { kind: "user", id: 1, name: "Alice" };
const BOB: Sender = { kind: "user", id: 2, name: "Bob" };
const CAROL: Sender = { kind: "user", id: 3, name: "Carol" };
const CHAT = { id: 1, name: "Test", type: "private_supergroup" } as const;

/** Monday 2024-01-01 to Wednesday 2024-01-03, UTC; delays under a minute (exact). */
const CARD_MESSAGES: Message[] = [
  makeMessage({
    id: 1,
    dateUnix: unix("2024-01-01T09:00:00Z"),
    sender: ALICE,
    text: "hello world coffee",
  }),
  makeMessage({
    id: 2,
    dateUnix: unix("2024-01-01T09:00:30Z"),
    sender: BOB,
    text: "coffee again",
    replyToId: 1, // Bob → Alice, 30 s
  }),
  makeMessage({
    id: 3,
    dateUnix: unix("2024-01-01T09:01:00Z"),
    sender: ALICE,
    text: "coffee 😀",
    replyToId: 2, // Alice → Bob, 30 s
    reactions: [{ type: "emoji", emoji: "👍", count: 3 }],
  }),
  makeMessage({ id: 4, dateUnix: unix("2024-01-02T10:00:00Z"), sender: CAROL, kind: "photo" }),
  makeMessage({
    id: 5,
    dateUnix: unix("2024-01-02T10:00:40Z"),
    sender: ALICE,
    kind: "photo",
    text: "look",
    replyToId: 4, // Alice → Carol, 40 s
    reactions: [{ type: "emoji", emoji: "❤", count: 2 }],
  }),
  makeMessage({
    id: 6,
    dateUnix: unix("2024-01-02T10:01:00Z"),
    sender: BOB,
    text: "ok",
    replyToId: 5, // Bob → Alice, 20 s
  }),
  makeMessage({ id: 7, dateUnix: unix("2024-01-03T12:00:00Z"), sender: BOB, text: "bye" }),
  makeMessage({
    id: 8,
    dateUnix: unix("2024-01-03T12:00:10Z"),
    sender: ALICE,
    text: "coffee",
    replyToId: 7, // Alice → Bob, 10 s
  }),
];

/** A 7 × 24 punch card with `cells` ([weekday, hour, count]) set. */
function punchcard(cells: [number, number, number][]): number[][] {
  const rows = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const [weekday, hour, count] of cells) rows[weekday]![hour] = count;
  return rows;
}

/** Alice's card over {@link CARD_MESSAGES}, worked out by hand. */
const ALICE_CARD: MemberCard = {
  id: "user1",
  name: "Alice",
  // Alice wrote ids 1, 3, 5, 8; everyone 8.
  messages: { member: 4, group: 8 },
  share: 0.5, // 4 / 8
  rank: 1, // nobody has more than 4 (Bob 3, Carol 1)
  senders: 3,
  activeDays: { member: 3, group: 3 }, // Mon, Tue, Wed for both
  firstDate: "2024-01-01T09:00:00+00:00",
  lastDate: "2024-01-03T12:00:10+00:00",
  messagesPerActiveDay: { member: 1.33, group: 2.67 }, // 4 / 3, 8 / 3
  // Text messages only (the photo's caption "look" is left out):
  // Alice 18 + 8 ("coffee 😀": the emoji is one character) + 6 = 32 over 3 → 10.7;
  // everyone 32 + 12 ("coffee again") + 2 + 3 = 49 over 6 → 8.2.
  averageLength: { member: 10.7, group: 8.2 },
  punchcard: {
    member: punchcard([
      [0, 9, 2],
      [1, 10, 1],
      [2, 12, 1],
    ]),
    group: punchcard([
      [0, 9, 3],
      [1, 10, 3],
      [2, 12, 2],
    ]),
  },
  byKind: { member: { text: 3, photo: 1 }, group: { text: 6, photo: 2 } },
  words: [
    { word: "coffee", count: 3 },
    { word: "hello", count: 1 },
    { word: "look", count: 1 },
    { word: "world", count: 1 },
  ],
  emojis: [{ emoji: "😀", count: 1 }],
  // Alice → Bob: 30 s and 10 s, lower median 10; Alice → Carol: 40 s.
  answersMost: [
    { id: "user2", name: "Bob", replies: 2, medianDelaySeconds: 10 },
    { id: "user3", name: "Carol", replies: 1, medianDelaySeconds: 40 },
  ],
  // Bob → Alice: 30 s and 20 s, lower median 20; Carol never answers her.
  answeredMostBy: [{ id: "user2", name: "Bob", replies: 2, medianDelaySeconds: 20 }],
  reactionsReceived: 5, // 3 👍 + 2 ❤
};

function foldFor(sender: string | null, messages: readonly Message[]): ReportBuilder {
  const builder = new ReportBuilder({ timeZone: "UTC", sender });
  builder.addBatch(messages);
  return builder;
}

describe("member card", () => {
  it("gives a sender's figures next to the group's, exactly", () => {
    const builder = foldFor("user1", CARD_MESSAGES);
    expect(toMemberCard(builder.state, builder.group!)).toEqual(ALICE_CARD);
  });

  it("is the same whichever way the sender is named, and in any message order", () => {
    const byName = foldFor("alice", [...CARD_MESSAGES].reverse());
    expect(toMemberCard(byName.state, byName.group!)).toEqual(ALICE_CARD);
  });

  it("folds the whole chat into the group state, as a report without the filter", () => {
    const filtered = foldFor("user1", CARD_MESSAGES);
    const whole = foldFor(null, CARD_MESSAGES);
    expect(whole.group).toBeNull();
    expect(filtered.group!.toJSON()).toEqual(whole.state.toJSON());
  });

  it("ranks a quieter sender below the busier ones, and the report carries the card", () => {
    const builder = foldFor("user3", CARD_MESSAGES);
    const report = toReportJson(builder.state, { chat: CHAT, group: builder.group });
    // Carol: 1 of 8 messages; Alice (4) and Bob (3) wrote more → rank 3.
    expect(report.card).toMatchObject({
      id: "user3",
      messages: { member: 1, group: 8 },
      share: 0.125,
      rank: 3,
      averageLength: { member: null, group: 8.2 }, // no text message of her own
      answersMost: [],
      answeredMostBy: [{ id: "user1", name: "Alice", replies: 1, medianDelaySeconds: 40 }],
      reactionsReceived: 0,
    });
    expect(toReportJson(foldFor(null, CARD_MESSAGES).state, { chat: CHAT }).card).toBeNull();
  });

  it("has no rank or dates for a sender who wrote nothing", () => {
    const builder = foldFor("user99", CARD_MESSAGES);
    expect(toMemberCard(builder.state, builder.group!)).toMatchObject({
      id: null,
      name: null,
      messages: { member: 0, group: 8 },
      share: 0,
      rank: null,
      firstDate: null,
      messagesPerActiveDay: { member: 0, group: 2.67 },
    });
  });

  it("is the same when a large export is read in ranges by several threads", async () => {
    const file = path.join(makeTempDir("tgstats-card-ranges-"), "result.json");
    await writeSyntheticExport(file, { messages: 600, seed: 5, spanDays: 60 });
    const whole = await reportFromExport(file, {
      report: { timeZone: "Europe/Moscow" },
      rangedMinBytes: Number.POSITIVE_INFINITY,
    });
    const sender = whole.senders[1]!.id;
    const report = { timeZone: "Europe/Moscow", sender };
    const onePass = await reportFromExport(file, {
      report,
      rangedMinBytes: Number.POSITIVE_INFINITY,
    });
    const ranged = await reportFromExport(file, {
      report,
      rangeBytes: 5_000,
      rangedMinBytes: 10_000,
      threads: 2,
    });
    expect(onePass.card).toMatchObject({
      id: sender,
      rank: 2,
      messages: { group: whole.totals.messages },
    });
    expect(ranged.card).toEqual(onePass.card);
  });
});
