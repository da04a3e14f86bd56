import { describe, expect, it } from "vitest";
import {
  ReportBuilder,
  ReportState,
  toReportJson,
  type Message,
  type Reaction,
  type ReportStateJson,
} from "@tgstats/engine";
import { alice, bob, makeMessage, unix } from "./helpers/messages.js";

const JAN = unix("2024-01-10T12:00:00Z");
const FEB = unix("2024-02-10T12:00:00Z");

function fold(messages: readonly Message[]): ReportState {
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(messages);
  return builder.state;
}

const thumbs = (count: number): Reaction => ({ type: "emoji", emoji: "👍", count });
const heart = (count: number): Reaction => ({ type: "emoji", emoji: "❤️", count });

/** Alice: 3 messages, 2 with reactions; Bob: 2 messages, both with reactions. */
const SMALL: Message[] = [
  makeMessage({
    id: 1,
    dateUnix: JAN,
    sender: alice,
    text: "secret one",
    reactions: [thumbs(3), heart(2)],
  }),
  makeMessage({ id: 2, dateUnix: JAN + 60, sender: alice, text: "no reactions" }),
  makeMessage({
    id: 3,
    dateUnix: JAN + 120,
    sender: alice,
    reactions: [{ type: "paid", count: 4 }],
  }),
  makeMessage({ id: 4, dateUnix: JAN + 180, sender: bob, reactions: [thumbs(1)] }),
  makeMessage({
    id: 5,
    dateUnix: JAN + 240,
    sender: bob,
    reactions: [{ type: "custom_emoji", documentId: "5368324170671202286", count: 6 }],
  }),
];

const chat = { id: 777, name: "Club", type: "private_supergroup" } as const;

describe("reactions received", () => {
  it("counts karma per person and lists the most reacted messages", () => {
    const report = toReportJson(fold(SMALL), { chat });
    expect(report.reactionsReceived.total).toBe(16); // 3+2 + 4 + 1 + 6
    expect(report.reactionsReceived.messages).toBe(4); // ids 1, 3, 4, 5
    expect(report.reactionsReceived.karma).toEqual([
      // Alice: 5 (id 1) + 4 (id 3) = 9 over 3 messages = 3
      { id: "user1", name: "Alice", received: 9, messages: 2, perMessage: 3 },
      // Bob: 1 (id 4) + 6 (id 5) = 7 over 2 messages = 3.5
      { id: "user2", name: "Bob", received: 7, messages: 2, perMessage: 3.5 },
    ]);
    const top = report.reactionsReceived.topMessages;
    expect(top.map((entry) => [entry.id, entry.reactions, entry.topReaction])).toEqual([
      [5, 6, "custom:5368324170671202286"],
      [1, 5, "👍"], // 👍 3 beats ❤ 2
      [3, 4, "paid"],
      [4, 1, "👍"],
    ]);
    expect(top[0]).toEqual({
      id: 5,
      chatId: 777,
      senderId: "user2",
      senderName: "Bob",
      date: "2024-01-10T12:04:00+00:00",
      reactions: 6,
      topReaction: "custom:5368324170671202286",
      link: "https://t.me/c/777/5",
    });
  });

  it("keeps the top 10 across a merge of months, ties to the smaller id", () => {
    // Counts by id 1..12: 3,1,2 repeating. Top 10 by count then id:
    // count 3: 1,4,7,10; count 2: 3,6,9,12; count 1: 2,5 (8 and 11 are cut).
    const counts = [3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2];
    const messages = counts.map((count, index) =>
      makeMessage({
        id: index + 1,
        dateUnix: (index < 6 ? JAN : FEB) + index,
        sender: index % 2 === 0 ? alice : bob,
        reactions: [thumbs(count)],
      }),
    );
    const expected = [1, 4, 7, 10, 3, 6, 9, 12, 2, 5];
    const january = fold(messages.slice(0, 6));
    const february = fold(messages.slice(6));
    for (const state of [january.merge(february), february.merge(january), fold(messages)])
      expect(state.reactions.top.map((entry) => entry.id)).toEqual(expected);
    // Each month keeps only its own top, at most 10 (here all 6).
    expect(january.reactions.top.map((entry) => entry.id)).toEqual([1, 4, 3, 6, 2, 5]);
  });

  it("names the top reaction of a tie by the smaller key", () => {
    // ❤ (U+2764) sorts before 👍 (U+1F44D, surrogate U+D83D…).
    const state = fold([
      makeMessage({ id: 9, dateUnix: JAN, sender: alice, reactions: [thumbs(2), heart(2)] }),
    ]);
    expect(state.reactions.top[0]?.topReaction).toBe("❤");
  });

  it("links public and private supergroup messages, not basic group ones", () => {
    const state = fold(SMALL);
    const linkOf = (options: Parameters<typeof toReportJson>[1]): (string | null)[] =>
      toReportJson(state, options).reactionsReceived.topMessages.map((entry) => entry.link);
    expect(
      linkOf({
        chat: { id: 777, name: "Club", type: "public_supergroup", username: "tgstats_demo" },
      }),
    ).toEqual([5, 1, 3, 4].map((id) => `https://t.me/tgstats_demo/${id}`));
    expect(linkOf({ chat })).toEqual([5, 1, 3, 4].map((id) => `https://t.me/c/777/${id}`));
    expect(linkOf({ chat: { id: 12, name: "Old", type: "private_group" } })).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const json = toReportJson(state, {
      chat: {
        id: 777,
        name: "Club",
        type: "public_supergroup",
        kind: "channel",
        username: "tgstats_demo",
      },
    });
    expect(json.chat).toEqual({
      id: 777,
      name: "Club",
      type: "public_supergroup",
      username: "tgstats_demo",
    });
    expect(toReportJson(state, { chat }).chat).toEqual(chat);
  });

  it("keeps messages of combined chats apart by their chat, with each chat's link", () => {
    const group = fold([
      makeMessage({ id: 5, dateUnix: JAN, sender: alice, reactions: [thumbs(8)] }),
    ]);
    const supergroup = fold(SMALL);
    const combined = group
      .inChat({ kind: "chat", id: 12 })
      .combineChats(supergroup.inChat({ kind: "channel", id: 777 }));
    const report = toReportJson(combined, { chat });
    // Alice: 8 in the group + 9 = 17.
    expect(report.reactionsReceived.karma[0]).toMatchObject({ id: "user1", received: 17 });
    expect(
      report.reactionsReceived.topMessages.map((entry) => [entry.chatId, entry.id, entry.link]),
    ).toEqual([
      [12, 5, null], // 8 reactions, in the basic group: no link
      [777, 5, "https://t.me/c/777/5"], // 6
      [777, 1, "https://t.me/c/777/1"], // 5
      [777, 3, "https://t.me/c/777/3"], // 4
      [777, 4, "https://t.me/c/777/4"], // 1
    ]);
    // Untagged messages cannot be told apart across chats: only karma is combined.
    expect(group.combineChats(supergroup).reactions.top).toEqual([]);
    expect(group.combineChats(supergroup).reactions.total).toBe(24); // 8 + 16
  });

  it("stores ids and counts only, and reads them back", () => {
    const json = JSON.parse(JSON.stringify(fold(SMALL).toJSON())) as ReportStateJson;
    expect(JSON.stringify(json.reactions)).not.toMatch(/secret|reactions"/);
    expect(json.reactions.karma).toEqual({ user1: [9, 2], user2: [7, 2] });
    expect(ReportState.fromJSON(json).reactions.toJSON()).toEqual(json.reactions);
  });
});
