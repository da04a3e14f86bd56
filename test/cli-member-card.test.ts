import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "./helpers/temp-dir.js";
import { tgstats } from "./helpers/cli-run.js";

const dir = makeTempDir("tgstats-cli-card-");
const file = path.join(dir, "result.json");

/** One message of a Telegram Desktop export; `at` is UTC. */
function message(
  id: number,
  at: string,
  from: [name: string, id: string],
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const unix = Date.parse(`${at}Z`) / 1000;
  return {
    id,
    type: "message",
    date: at,
    date_unixtime: String(unix),
    from: from[0],
    from_id: from[1],
    text,
    text_entities: text === "" ? [] : [{ type: "plain", text }],
    ...extra,
  };
}

const ALICE: [string, string] = ["Alice", "user1"];
const BOB: [string, string] = ["Bob", "user2"];
const CAROL: [string, string] = ["Carol", "user3"];

// Monday 2024-01-01 to Wednesday 2024-01-03 (UTC), as in engine-member-card.test.ts.
const EXPORT = {
  name: "Coffee Club",
  type: "private_supergroup",
  id: 1500000009,
  messages: [
    message(1, "2024-01-01T09:00:00", ALICE, "hello world coffee"),
    message(2, "2024-01-01T09:00:30", BOB, "coffee again", { reply_to_message_id: 1 }),
    message(3, "2024-01-01T09:01:00", ALICE, "coffee 😀", {
      reply_to_message_id: 2,
      reactions: [{ type: "emoji", count: 3, emoji: "👍" }],
    }),
    message(4, "2024-01-02T10:00:00", CAROL, "", { photo: "photos/a.jpg" }),
    message(5, "2024-01-02T10:00:40", ALICE, "look", {
      photo: "photos/b.jpg",
      reply_to_message_id: 4,
      reactions: [{ type: "emoji", count: 2, emoji: "❤" }],
    }),
    message(6, "2024-01-02T10:01:00", BOB, "ok", { reply_to_message_id: 5 }),
    message(7, "2024-01-03T12:00:00", BOB, "bye"),
    message(8, "2024-01-03T12:00:10", ALICE, "coffee", { reply_to_message_id: 7 }),
  ],
};

beforeAll(() => writeFileSync(file, JSON.stringify(EXPORT, null, 1)));

describe("tgstats report --sender: the member card", () => {
  it("puts the card in the JSON report, with the figures worked out by hand", () => {
    const run = tgstats("report", file, "--json", "--sender", "alice");
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { card: Record<string, unknown> };
    expect(report.card).toMatchObject({
      id: "user1",
      name: "Alice",
      messages: { member: 4, group: 8 }, // ids 1, 3, 5, 8 of 8
      share: 0.5,
      rank: 1, // Bob 3, Carol 1
      senders: 3,
      activeDays: { member: 3, group: 3 },
      firstDate: "2024-01-01T09:00:00+00:00",
      lastDate: "2024-01-03T12:00:10+00:00",
      messagesPerActiveDay: { member: 1.33, group: 2.67 }, // 4 / 3, 8 / 3
      // Text messages only: (18 + 8 + 6) / 3 = 10.67; everyone (32 + 12 + 2 + 3) / 6 = 8.17.
      averageLength: { member: 10.7, group: 8.2 },
      byKind: { member: { text: 3, photo: 1 }, group: { text: 6, photo: 2 } },
      emojis: [{ emoji: "😀", count: 1 }],
      // Alice → Bob 30 s and 10 s (lower median 10), → Carol 40 s; Bob → Alice 30 s and 20 s.
      answersMost: [
        { id: "user2", name: "Bob", replies: 2, medianDelaySeconds: 10 },
        { id: "user3", name: "Carol", replies: 1, medianDelaySeconds: 40 },
      ],
      answeredMostBy: [{ id: "user2", name: "Bob", replies: 2, medianDelaySeconds: 20 }],
      reactionsReceived: 5,
    });
    expect(JSON.parse(tgstats("report", file, "--json").stdout)).toMatchObject({ card: null });
  });

  it("writes the card first in summary.md and report.json, with its charts", () => {
    const out = path.join(dir, "out");
    const run = tgstats("report", file, "--sender", "user1", "--out", out, "--no-html");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const summary = readFileSync(path.join(out, "summary.md"), "utf8");
    const card = summary.slice(summary.indexOf("## Alice — member card"));
    expect(card.split("\n").slice(0, 15).join("\n")).toBe(
      [
        "## Alice — member card",
        "",
        "- Messages: 4 of 8 (50%), #1 of 3 senders",
        "- Active days: 3 (the group: 3)",
        "- First message: 2024-01-01, last: 2024-01-03",
        "- Messages per active day: 1.33 (the group: 2.67)",
        "- Average length: 10.7 characters (the group: 8.2)",
        "- Busiest hour: Monday 09:00 (the group: Monday 09:00)",
        "- Message kinds: Text 75% (the group 75%) · Photo 25% (the group 25%)",
        "- Top words: coffee (3), hello (1), look (1), world (1)",
        "- Top emoji: 😀 1",
        "- Answers most: Bob (2, median 10 sec), Carol (1, median 40 sec)",
        "- Answered most by: Bob (2, median 20 sec)",
        "- Reactions received: 5",
        "",
      ].join("\n"),
    );
    // The card comes before the filtered report's own figures.
    expect(summary.indexOf("## Alice — member card")).toBeLessThan(
      summary.indexOf("- Messages: 4"),
    );
    const charts = readdirSync(out).filter((name) => name.endsWith(".png"));
    expect(charts.slice(0, 2)).toEqual(["01-card-punchcard.png", "02-card-kinds.png"]);
    const json = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as {
      card: { rank: number };
    };
    expect(json.card.rank).toBe(1);
  });
});
