import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ReportBuilder,
  ReportState,
  toReportJson,
  type Message,
  type ReportStateJson,
  type Sender,
} from "@tgstats/engine";
import { makeMessage } from "./helpers/messages.js";

const ALICE: Sender = { kind: "user", id: 1, name: "Alice" };
const BOB: Sender = { kind: "user", id: 2, name: "Bob" };
const CAROL: Sender = { kind: "user", id: 3, name: "Carol" };
const CHAT = { id: 1, name: "Test", type: "private_supergroup" } as const;

/** Delays under a minute, which the delay histogram keeps exactly. */
const THREAD: Message[] = [
  makeMessage({ id: 1, dateUnix: 1000, sender: ALICE, text: "hi" }),
  makeMessage({ id: 2, dateUnix: 1020, sender: BOB, text: "b", replyToId: 1 }), // Bob → Alice, 20 s
  makeMessage({ id: 3, dateUnix: 1065, sender: ALICE, text: "a", replyToId: 2 }), // Alice → Bob, 45 s
  makeMessage({ id: 4, dateUnix: 1115, sender: CAROL, text: "c", replyToId: 3 }), // Carol → Alice, 50 s
  makeMessage({ id: 5, dateUnix: 1130, sender: BOB, text: "b", replyToId: 4 }), // Bob → Carol, 15 s
  makeMessage({ id: 6, dateUnix: 1145, sender: ALICE, text: "a", replyToId: 4 }), // Alice → Carol, 30 s
  makeMessage({ id: 7, dateUnix: 1150, sender: ALICE, text: "a", replyToId: 6 }), // self-reply
];

function fold(messages: readonly Message[], sender?: string): ReportState {
  const builder = new ReportBuilder({
    timeZone: "UTC",
    ...(sender === undefined ? {} : { sender }),
  });
  builder.addBatch(messages);
  return builder.state;
}

describe("replies of a report about one sender", () => {
  // Alice's replies: 3, 6, 7 (all resolved, 7 to herself). Pairs with Alice on either
  // side: 4 of the 5 pairs; Bob → Carol has no Alice in it.
  const ALICE_PAIRS = [
    {
      from: "user1",
      fromName: "Alice",
      to: "user2",
      toName: "Bob",
      count: 1,
      medianDelaySeconds: 45,
    },
    {
      from: "user1",
      fromName: "Alice",
      to: "user3",
      toName: "Carol",
      count: 1,
      medianDelaySeconds: 30,
    },
    {
      from: "user2",
      fromName: "Bob",
      to: "user1",
      toName: "Alice",
      count: 1,
      medianDelaySeconds: 20,
    },
    {
      from: "user3",
      fromName: "Carol",
      to: "user1",
      toName: "Alice",
      count: 1,
      medianDelaySeconds: 50,
    },
  ];

  it("keeps who answers them as well as whom they answer, with the others' names", () => {
    const report = toReportJson(fold(THREAD, "user1"), { chat: CHAT });
    expect(report.replies.total).toBe(3);
    expect(report.replies.resolved).toBe(3);
    expect(report.replies.pairs).toEqual(ALICE_PAIRS);
    expect(report.totals.messages).toBe(4);
    expect(
      report.senders.map((s) => [s.id, s.messages, s.repliesGiven, s.repliesReceived]),
    ).toEqual([["user1", 4, 3, 2]]);
  });

  it("is the same when the sender is named, in any case, and in any message order", () => {
    const byName = toReportJson(fold([...THREAD].reverse(), "ALICE"), { chat: CHAT });
    expect(byName.replies.pairs).toEqual(ALICE_PAIRS);
    expect(byName.replies.total).toBe(3);
  });

  it("leaves the unfiltered report unchanged: every pair, every reply", () => {
    const report = toReportJson(fold(THREAD), { chat: CHAT });
    expect(report.replies.total).toBe(6);
    expect(report.replies.resolved).toBe(6);
    expect(report.replies.pairs.map((p) => [p.from, p.to])).toEqual([
      ["user1", "user2"],
      ["user1", "user3"],
      ["user2", "user1"],
      ["user2", "user3"],
      ["user3", "user1"],
    ]);
  });

  it("merges: the halves of a filtered history, in any split, equal the whole", () => {
    fc.assert(
      fc.property(fc.nat(THREAD.length), fc.boolean(), (at, viaJson) => {
        const [first, second] = [
          fold(THREAD.slice(0, at), "user1"),
          fold(THREAD.slice(at), "user1"),
        ];
        const restored = viaJson
          ? ReportState.fromJSON(JSON.parse(JSON.stringify(first)) as ReportStateJson)
          : first;
        expect(restored.merge(second).toJSON()).toEqual(fold(THREAD, "user1").toJSON());
      }),
    );
  });
});
