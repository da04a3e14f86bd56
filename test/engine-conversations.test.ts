import { describe, expect, it } from "vitest";
import {
  isQuestion,
  ReportBuilder,
  ReportState,
  toReportJson,
  type Message,
  type ReportJson,
  type ReportStateJson,
  type Sender,
} from "@tgstats/engine";
import { makeMessage, unix } from "./helpers/messages.js";

const ALICE: Sender = { kind: "user", id: 1, name: "Alice" };
const BOB: Sender = { kind: "user", id: 2, name: "Bob" };
const CAROL: Sender = { kind: "user", id: 3, name: "Carol" };
const CHAT = { id: 1, name: "Test", type: "private_supergroup" } as const;
const T0 = unix("2024-03-01T10:00:00Z");

function fold(messages: readonly Message[], replyWindowIds?: number): ReportState {
  const builder = new ReportBuilder({
    timeZone: "UTC",
    ...(replyWindowIds === undefined ? {} : { replyWindowIds }),
  });
  builder.addBatch(messages);
  return builder.state;
}

function report(state: ReportState): ReportJson {
  return toReportJson(state, { chat: CHAT });
}

function talkParts(state: ReportState): Pick<ReportStateJson, "conversations" | "questions"> {
  const { conversations, questions } = state.toJSON();
  return { conversations, questions };
}

/** Every cut of the history (inside conversations too) merges back into the whole. */
function expectEveryCutMerges(history: readonly Message[]): void {
  const whole = talkParts(fold(history));
  for (let at = 0; at <= history.length; at++) {
    const [older, newer] = [fold(history.slice(0, at)), fold(history.slice(at))];
    expect({ at, parts: talkParts(older.merge(newer)) }).toEqual({ at, parts: whole });
    // Either argument order: a merge puts the earlier span first.
    expect({ at, parts: talkParts(newer.merge(older)) }).toEqual({ at, parts: whole });
  }
  expect(talkParts(fold([...history].reverse()))).toEqual(whole);
}

const text = (id: number, dateUnix: number, sender: Sender, body = "hi"): Message =>
  makeMessage({ id, dateUnix, sender, text: body });

// Gaps: 1→2 29:59 (same conversation), 2→3 30:00 (a new one: a gap of exactly
// 30 minutes splits), 5→6 exactly 24 h (a silence), 6→7 23:59:59 (a new
// conversation, no silence), 7→8 1 h.
const CONVERSATIONS: Message[] = [
  text(1, T0, ALICE),
  text(2, T0 + 1799, BOB),
  text(3, T0 + 3599, ALICE), // C2 starts
  text(4, T0 + 3629, BOB),
  text(5, T0 + 3649, BOB),
  text(6, T0 + 3649 + 86_400, ALICE), // C3, after a silence
  text(7, T0 + 3649 + 86_400 + 86_399, BOB), // C4
  text(8, T0 + 3649 + 86_400 + 86_399 + 3600, ALICE), // C5
  text(9, T0 + 3649 + 86_400 + 86_399 + 3610, BOB),
];

describe("conversations", () => {
  it("splits at a pause of 30:00 but not 29:59, with starters, revivers and last words", () => {
    // C1 = [1, 2]: 2 messages, 1799 s; C2 = [3, 4, 5]: 3 messages, 3649 − 3599 = 50 s;
    // C3 = [6] and C4 = [7]: 1 message, 0 s; C5 = [8, 9]: 2 messages, 10 s.
    // Lengths sorted 1, 1, 2, 2, 3: the lower median is the ⌈5/2⌉ = 3rd, 2.
    // Durations sorted 0, 0, 10, 50, 1799: the 3rd is 10 (exact under a minute).
    // Starters: Alice C1, C2, C3, C5 = 4; Bob C4 = 1. The one silence (5→6): Alice
    // revives, Bob (message 5) had the last word.
    expect(report(fold(CONVERSATIONS)).conversations).toEqual({
      gapSeconds: 1800,
      count: 5,
      medianMessages: 2,
      medianDurationSeconds: 10,
      starters: [
        { id: "user1", name: "Alice", count: 4 },
        { id: "user2", name: "Bob", count: 1 },
      ],
      silenceSeconds: 86_400,
      revivers: [{ id: "user1", name: "Alice", count: 1 }],
      lastWords: [{ id: "user2", name: "Bob", count: 1 }],
      outOfOrder: 0,
      longestReplyChain: 0,
    });
  });

  it("merges a cut inside a conversation, at the gap and everywhere else exactly", () => {
    expectEveryCutMerges(CONVERSATIONS);
  });

  it("is associative across three parts cut inside conversations", () => {
    const [a, b, c] = [
      CONVERSATIONS.slice(0, 4),
      CONVERSATIONS.slice(4, 8),
      CONVERSATIONS.slice(8),
    ].map((part) => fold(part));
    const left = talkParts(a!.merge(b!).merge(c!));
    expect(talkParts(a!.merge(b!.merge(c!)))).toEqual(left);
    expect(left).toEqual(talkParts(fold(CONVERSATIONS)));
  });

  it("leaves out a message dated inside the span it already folded, and says so", () => {
    // Message 10 is dated between messages 1 and 2, but comes after 9 in id order.
    const state = fold([...CONVERSATIONS, text(10, T0 + 60, CAROL)]);
    const { conversations } = report(state);
    expect(conversations.count).toBe(5);
    expect(conversations.outOfOrder).toBe(1);
  });

  it("does not run a conversation from one chat into another when combining chats", () => {
    // Each chat alone is one conversation of 2 messages; side by side in time they
    // would be one of 4.
    const first = fold([text(1, T0, ALICE), text(2, T0 + 10, BOB)]);
    const second = fold([text(1, T0 + 20, ALICE), text(2, T0 + 30, BOB)]);
    expect(report(first.combineChats(second)).conversations.count).toBe(2);
    expect(report(first.merge(second)).conversations.count).toBe(1);
  });
});

// Q10 and Q11 get only Alice's own follow-up (message 12) within 3 hours; Bob's
// message 13 comes 10 800 s (exactly 3 h, which counts) after Q11 and 10 860 s
// after Q10 (too late). Q14 by Bob gets Alice's message 15 10 801 s later (too
// late). Q16 is 30 s before the last message (Alice's own): still open.
const QUESTIONS: Message[] = [
  text(10, T0, ALICE, "Who is coming?  "), // 10:00 UTC
  text(11, T0 + 60, ALICE, "hello？"),
  text(12, T0 + 120, ALICE, "anyone, please?"),
  text(13, T0 + 60 + 10_800, BOB, "me"), // 13:01
  text(14, T0 + 20_000, BOB, "why?"), // 15:33:20
  text(15, T0 + 20_000 + 10_801, ALICE, "because"),
  text(16, T0 + 40_000, ALICE, "end?"),
  text(17, T0 + 40_030, ALICE, "ok"),
];

describe("questions", () => {
  it("counts a question answered only by the asker as unanswered, and the 3 h window inclusively", () => {
    // Settled: Q10, Q11, Q12 (10:00–10:02) and Q14 (15:33) = 4; answered: Q11 and Q12
    // (Bob's 13 is 10 800 s and 10 740 s after them) = 2, both by Bob; Q16 is open.
    const { questions } = report(fold(QUESTIONS));
    expect(questions).toMatchObject({
      answerWindowSeconds: 10_800,
      asked: 4,
      answered: 2,
      open: 1,
      answerers: [{ id: "user2", name: "Bob", count: 2 }],
      outOfOrder: 0,
    });
    expect(questions.byHour.filter((hour) => hour.asked > 0)).toEqual([
      { hour: 10, asked: 3, answered: 2 },
      { hour: 15, asked: 1, answered: 0 },
    ]);
  });

  it("merges at every cut, in either order, oldest-first or newest-first", () => {
    expectEveryCutMerges(QUESTIONS);
  });

  it("lets another sender's message answer in a report about one sender", () => {
    const builder = new ReportBuilder({ timeZone: "UTC", sender: "user1" });
    builder.addBatch([text(1, T0, ALICE, "lunch?"), text(2, T0 + 30, BOB, "yes")]);
    const { questions } = report(builder.state);
    expect(questions).toMatchObject({ asked: 1, answered: 1 });
    expect(questions.answerers).toEqual([{ id: "user2", name: "Bob", count: 1 }]);
  });
});

describe("who answers whom and how fast", () => {
  // Bob answers Alice 5 times (10, 20, 30, 40, 50 s: lower median the 3rd, 30 s);
  // Carol answers Bob 4 times: below the 5 replies needed to be ranked.
  // Message 20 answers message 1, 19 ids back: outside a window of 10 ids, so it
  // is counted as a reply but resolves to no one.
  const delays = [10, 20, 30, 40, 50];
  const history: Message[] = [];
  for (const [index, delay] of delays.entries()) {
    const id = 1 + index * 2;
    const at = T0 + index * 1000;
    history.push(
      text(id, at, ALICE),
      makeMessage({ id: id + 1, dateUnix: at + delay, sender: BOB, text: "a", replyToId: id }),
    );
  }
  for (let index = 0; index < 4; index++)
    history.push(
      makeMessage({
        id: 11 + index,
        dateUnix: T0 + 9000 + index * 100,
        sender: CAROL,
        text: "c",
        replyToId: 2 + index * 2,
      }),
    );
  history.push(
    makeMessage({ id: 20, dateUnix: T0 + 9900, sender: BOB, text: "late", replyToId: 1 }),
  );

  it("ranks people with at least 5 replies by their median delay and fills the matrix", () => {
    const { replies } = report(fold(history, 10));
    // Carol's replies to 2, 4, 6, 8 are 9 to 3 ids back: all inside the window.
    expect(replies.total).toBe(10);
    expect(replies.resolved).toBe(9);
    expect(replies.fastestMinReplies).toBe(5);
    expect(replies.fastest).toEqual([
      { id: "user2", name: "Bob", replies: 5, medianDelaySeconds: 30 },
    ]);
    // People by messages: Bob 6, Alice 5, Carol 4. Rows answer columns.
    expect(replies.matrix).toEqual({
      people: [
        { id: "user2", name: "Bob" },
        { id: "user1", name: "Alice" },
        { id: "user3", name: "Carol" },
      ],
      counts: [
        [0, 5, 0],
        [0, 0, 0],
        [4, 0, 0],
      ],
    });
  });
});

describe("fastest responders", () => {
  it("leaves out channels and anonymous admins, however many replies they post", () => {
    const news: Sender = { kind: "channel", id: 9, name: "News" };
    const history: Message[] = [text(1, T0, ALICE)];
    for (let id = 2; id <= 7; id++)
      history.push(makeMessage({ id, dateUnix: T0 + id, sender: news, text: "n", replyToId: 1 }));
    const { replies } = report(fold(history));
    expect(replies.resolved).toBe(6);
    expect(replies.fastest).toEqual([]);
  });
});

describe("the longest reply chain", () => {
  const reply = (id: number, sender: Sender, replyToId: number): Message =>
    makeMessage({ id, dateUnix: T0 + id * 60, sender, text: "r", replyToId });
  // 1 ← 2 ← 3 ← 4 is 3 replies deep; 5 answers 1 again (1 deep). Message 8 is
  // missing, so 9 starts a chain and 10 is 1 deep. 20 answers 3, 17 ids back:
  // beyond a window of 10 ids, so it starts a chain, and 21 ← 22 make it 2 deep.
  const CHAINS: Message[] = [
    text(1, T0 + 60, ALICE),
    reply(2, BOB, 1),
    reply(3, ALICE, 2),
    reply(4, CAROL, 3),
    reply(5, BOB, 1),
    text(6, T0 + 360, ALICE),
    reply(9, BOB, 8),
    reply(10, ALICE, 9),
    reply(20, BOB, 3),
    reply(21, ALICE, 20),
    reply(22, ALICE, 21),
  ];

  it("counts the replies in a row, not following replies beyond the window or to missing messages", () => {
    expect(report(fold(CHAINS, 10)).conversations.longestReplyChain).toBe(3);
    // Without 1–6, the deepest chain is 20 ← 21 ← 22: 2 replies.
    expect(report(fold(CHAINS.slice(6), 10)).conversations.longestReplyChain).toBe(2);
    // Only 3 and 4: 4 answers 3, whose original (2) is not in the history: 1 deep.
    expect(report(fold(CHAINS.slice(2, 4), 10)).conversations.longestReplyChain).toBe(1);
  });

  it("merges at every cut (inside chains too), in either order and newest-first", () => {
    const whole = fold(CHAINS, 10).toJSON().replyChains;
    for (let at = 0; at <= CHAINS.length; at++) {
      const [older, newer] = [fold(CHAINS.slice(0, at), 10), fold(CHAINS.slice(at), 10)];
      expect({ at, chains: older.merge(newer).toJSON().replyChains }).toEqual({
        at,
        chains: whole,
      });
      expect({ at, chains: newer.merge(older).toJSON().replyChains }).toEqual({
        at,
        chains: whole,
      });
    }
    expect(fold([...CHAINS].reverse(), 10).toJSON().replyChains).toEqual(whole);
    expect(fold([...CHAINS].reverse(), 10).replyChains.longest).toBe(3);
  });
});

describe("isQuestion", () => {
  it("takes text ending in ?, ？ or ؟ after trailing white space, and nothing else", () => {
    const questions = ["why?", "что?  ", "why?\n\t", "hello？", "لماذا؟", "?", "a? \u00a0\u2003"];
    const others = ["", "   ", "why?!", "¿por qué", "?a", "why ?.", "why\u00bf"];
    expect(questions.map(isQuestion)).toEqual(questions.map(() => true));
    expect(others.map(isQuestion)).toEqual(others.map(() => false));
  });
});
