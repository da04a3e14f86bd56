/**
 * The change against the previous period, computed by hand: the days part,
 * the report's `period`, summary.md and the sent summary (en and ru).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DaysPart,
  formatChange,
  formatSummaryMarkdown,
  ReportBuilder,
  ReportState,
  toReportJson,
  type MemberRef,
  type Message,
  type ReportStateJson,
  type Sender,
  type ServiceDetails,
} from "@tgstats/engine";
import { formatDeliverySummary } from "@tgstats/worker";
import { makeMessage, unix } from "./helpers/messages.js";

const person = (id: number, name: string): Sender => ({ kind: "user", id, name });
const ALICE = person(1, "Alice");
const BOB = person(2, "Bob");
const CAROL = person(3, "Carol");
const EVE = person(5, "Eve");
const GINA = person(7, "Gina");
const HENRY = person(8, "Henry");
const IVAN = person(9, "Ivan");
const JUDY = person(10, "Judy");
const NEWS: Sender = { kind: "channel", id: 99, name: "News" };
const FRANK: MemberRef = { peer: { kind: "user", id: 6 }, name: "Frank" };

function text(id: number, iso: string, sender: Sender): Message {
  return makeMessage({ id, dateUnix: unix(iso), sender, text: "hi" });
}

function service(id: number, iso: string, actor: Sender, details: ServiceDetails): Message {
  return makeMessage({
    id,
    dateUnix: unix(iso),
    sender: actor,
    kind: "service",
    serviceAction: "any",
    service: details,
  });
}

/**
 * Europe/Berlin: CET (+1) until 2024-03-31 02:00, CEST (+2) after. The range
 * 2024-03-28..04-03 (7 days) crosses the month and the clock change; the
 * previous period is 2024-03-21..27.
 */
const HISTORY: Message[] = [
  // The chat's creation (id 1): the history starts here. Bob's join is long before both periods.
  service(1, "2024-01-10T10:00:00Z", ALICE, {
    type: "chat_created",
    title: "Club",
    members: [
      { peer: { kind: "user", id: 1 }, name: "Alice" },
      { peer: { kind: "user", id: 2 }, name: "Bob" },
    ],
  }),
  // Carol's first message, before the previous period.
  text(2, "2024-02-15T11:00:00Z", CAROL),
  // 23:59 CET on 03-20: the day before the previous period.
  text(3, "2024-03-20T22:59:00Z", JUDY),
  // 00:30 CET on 03-21: the previous period's first day (in UTC still 03-20).
  text(4, "2024-03-20T23:30:00Z", EVE),
  text(5, "2024-03-22T09:00:00Z", ALICE),
  // Frank removed: a leave in the previous period.
  service(6, "2024-03-25T12:00:00Z", ALICE, { type: "members_removed", members: [FRANK] }),
  // 23:30 CET on 03-27: the previous period's last day.
  text(7, "2024-03-27T22:30:00Z", BOB),
  text(8, "2024-03-29T12:00:00Z", CAROL),
  // 00:30 CET on 03-31, the day the clocks change (in UTC still 03-30).
  text(9, "2024-03-30T23:30:00Z", ALICE),
  // A channel's post: a message, not a person.
  text(10, "2024-03-31T12:00:00Z", NEWS),
  service(11, "2024-04-01T08:00:00Z", ALICE, { type: "members_added", members: [FRANK] }),
  service(12, "2024-04-02T08:00:00Z", GINA, { type: "joined_by_link", inviter: null }),
  // 23:30 CEST on 04-03: the period's last day (at CET's +1 it would be 22:30, the same day).
  text(13, "2024-04-03T21:30:00Z", HENRY),
  // 00:30 CEST on 04-04: after the period (at CET's +1 it would still be 04-03).
  text(14, "2024-04-03T22:30:00Z", IVAN),
];

const RANGE = { fromDate: "2024-03-28", toDate: "2024-04-03" };

function fold(
  messages: readonly Message[],
  options: { fromDate?: string; toDate?: string; sender?: string } = RANGE,
): ReportState {
  const builder = new ReportBuilder({ timeZone: "Europe/Berlin", ...options });
  builder.addBatch(messages);
  return builder.state;
}

function report(state: ReportState, language: "en" | "ru", range: typeof RANGE | null = RANGE) {
  return toReportJson(state, {
    chat: { id: 1, name: "Club", type: "private_group" },
    language,
    filters: { from: range?.fromDate ?? null, to: range?.toDate ?? null, sender: null },
  });
}

describe("change against the previous period", () => {
  it("counts both periods of a range across a month boundary and a clock change, by hand", () => {
    const state = fold(HISTORY);
    // The other parts see the period only: Carol 8, Alice 9, News 10, Henry 13.
    expect(state.totals.messages).toBe(4);
    expect(report(state, "en").period).toEqual({
      kind: "range",
      from: "2024-03-28",
      to: "2024-04-03",
      previousFrom: "2024-03-21",
      previousTo: "2024-03-27",
      days: 7,
      figures: {
        // Period: 8, 9, 10, 13 = 4. Previous: Eve 4, Alice 5, Bob 7 = 3 (Judy's 3 is the day before).
        messages: { value: 4, previous: 3 },
        // Period: Carol, Alice, Henry (News is a channel). Previous: Eve, Alice, Bob.
        activePeople: { value: 3, previous: 3 },
        // Period: Henry only (Carol wrote first on 02-15, Alice on 03-22). Previous: Eve, Alice, Bob.
        newcomers: { value: 1, previous: 3 },
        // Period: Frank added (11), Gina by link (12). Previous: none (Bob's join was 01-10).
        joins: { value: 2, previous: 0 },
        // Period: none. Previous: Frank removed (6).
        leaves: { value: 0, previous: 1 },
      },
    });
  });

  it("compares the last 30 days with the 30 before when no range is given", () => {
    const json = report(fold(HISTORY, {}), "en", null);
    // Last message: Ivan, 04-04 local. Period 04-04 − 29 = 03-06 … 04-04; previous 02-05 … 03-05.
    expect(json.period).toEqual({
      kind: "last30Days",
      from: "2024-03-06",
      to: "2024-04-04",
      previousFrom: "2024-02-05",
      previousTo: "2024-03-05",
      days: 30,
      figures: {
        // 3 Judy, 4, 5, 7, 8, 9, 10, 13, 14 = 9 against Carol's 2 = 1.
        messages: { value: 9, previous: 1 },
        // Judy, Eve, Alice, Bob, Carol, Henry, Ivan = 7 against Carol = 1.
        activePeople: { value: 7, previous: 1 },
        // Carol's first message is in the previous period: 7 − 1 = 6 against 1.
        newcomers: { value: 6, previous: 1 },
        joins: { value: 2, previous: 0 },
        leaves: { value: 1, previous: 0 },
      },
    });
  });

  it("leaves newcomers out, with a note, when the history read does not begin at the chat's start", () => {
    // Without the creation (id 1) nothing shows that Carol's 02-15 message was her first.
    const json = report(fold(HISTORY.slice(1)), "en");
    expect(json.period?.figures.newcomers).toBeNull();
    expect(json.period?.figures.messages).toEqual({ value: 4, previous: 3 });
    expect(json.notes).toContain(
      "Newcomers are not compared with the previous period: the history read does not begin at the chat's start (its creation or first message), so a person's first message in it may not be their first in the chat.",
    );
    expect(formatSummaryMarkdown(json)).not.toContain("Newcomers:");
  });

  it("knows the history's start from another sender's message under a sender filter", () => {
    // Only Carol's messages count: 8 in the period, none in the previous one; her first is 02-15.
    // Alice's creation (id 1) still shows that the history read begins at the start.
    const json = toReportJson(fold(HISTORY, { ...RANGE, sender: "user3" }), {
      chat: { id: 1, name: "Club", type: "private_group" },
      filters: { from: RANGE.fromDate, to: RANGE.toDate, sender: "user3" },
    });
    expect(json.period?.figures.messages).toEqual({ value: 1, previous: 0 });
    expect(json.period?.figures.activePeople).toEqual({ value: 1, previous: 0 });
    expect(json.period?.figures.newcomers).toEqual({ value: 0, previous: 0 });
    expect(json.period?.figures.joins).toEqual({ value: 0, previous: 0 });
  });

  it("writes the change absolute and in percent, without percent after 0 (en and ru)", () => {
    // 4 − 3 = +1, 1/3 = 33 %; 1 − 3 = −2, −2/3 = −67 %; 2 − 0 = +2, no percent; 0 − 1 = −100 %.
    expect(formatChange({ value: 4, previous: 3 }, "en")).toBe("4 (+1, +33%)");
    expect(formatChange({ value: 1, previous: 3 }, "en")).toBe("1 (−2, −67%)");
    expect(formatChange({ value: 2, previous: 0 }, "en")).toBe("2 (+2)");
    expect(formatChange({ value: 0, previous: 0 }, "en")).toBe("0 (unchanged)");
    expect(formatChange({ value: 1234, previous: 1100 }, "en")).toBe("1,234 (+134, +12%)");
    expect(formatChange({ value: 1234, previous: 1100 }, "ru")).toBe(
      "1\u00a0234 (+134, +12\u00a0%)",
    );
    expect(formatChange({ value: 0, previous: 1 }, "ru")).toBe("0 (−1, −100\u00a0%)");
    expect(formatChange({ value: 3, previous: 3 }, "ru")).toBe("3 (без изменений)");
  });

  it("shows the figures in summary.md and the sent summary (en and ru)", () => {
    const state = fold(HISTORY);
    expect(formatSummaryMarkdown(report(state, "en"))).toContain(
      [
        "## Against the previous period",
        "",
        "2024-03-28 — 2024-04-03 against 2024-03-21 — 2024-03-27",
        "",
        "- Messages: 4 (+1, +33%)",
        "- Active people: 3 (unchanged)",
        "- Newcomers: 1 (−2, −67%)",
        "- Joined: 2 (+2)",
        "- Left: 0 (−1, −100%)",
      ].join("\n"),
    );
    expect(formatSummaryMarkdown(report(state, "ru"))).toContain(
      [
        "## К предыдущему периоду",
        "",
        "2024-03-28 — 2024-04-03 против 2024-03-21 — 2024-03-27",
        "",
        "- Сообщений: 4 (+1, +33\u00a0%)",
        "- Активных людей: 3 (без изменений)",
        "- Новичков: 1 (−2, −67\u00a0%)",
        "- Пришли: 2 (+2)",
        "- Ушли: 0 (−1, −100\u00a0%)",
      ].join("\n"),
    );
    expect(formatDeliverySummary(report(state, "en"))).toContain(
      [
        "<b>Against the previous period</b>",
        "Mar 28, 2024 — Apr 3, 2024 against Mar 21, 2024 — Mar 27, 2024",
        "Messages: 4 (+1, +33%)",
        "Active people: 3 (unchanged)",
        "Newcomers: 1 (−2, −67%)",
        "Joined: 2 (+2)",
        "Left: 0 (−1, −100%)",
      ].join("\n"),
    );
    expect(formatSummaryMarkdown(report(fold(HISTORY, {}), "en", null))).toContain(
      "## Last 30 days\n\n2024-03-06 — 2024-04-04 against 2024-02-05 — 2024-03-05\n\n- Messages: 9 (+8, +800%)",
    );
  });

  it("reads every window exactly after any split and JSON round trip", () => {
    const windows = fc
      .tuple(fc.integer({ min: 19_700, max: 19_830 }), fc.integer({ min: 0, max: 70 }))
      .map(([fromDay, length]) => ({ fromDay, toDay: fromDay + length }));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), windows, (cutA, cutB, window) => {
        const [i, j] = [cutA % (HISTORY.length + 1), cutB % (HISTORY.length + 1)].sort(
          (x, y) => x - y,
        );
        const parts = [HISTORY.slice(0, i), HISTORY.slice(i, j), HISTORY.slice(j)].map(
          (slice) =>
            ReportState.fromJSON(JSON.parse(JSON.stringify(fold(slice, {}))) as ReportStateJson)
              .days,
        );
        const whole = fold(HISTORY, {}).days;
        expect(DaysPart.mergeAll(parts).figures(window)).toEqual(whole.figures(window));
        expect(parts[0]!.merge(parts[1]!).merge(parts[2]!).toJSON()).toEqual(whole.toJSON());
      }),
      { numRuns: 200 },
    );
  });
});
