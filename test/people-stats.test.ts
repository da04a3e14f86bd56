import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  concentrationOf,
  formatSummaryMarkdown,
  ReportBuilder,
  ReportState,
  toReportJson,
  type Message,
  type ReportJson,
  type ReportStateJson,
  type Sender,
} from "@tgstats/engine";
import { alice, bob, groupAsAdmin, makeMessage, unix } from "./helpers/messages.js";

const carol: Sender = { kind: "user", id: 3, name: "Carol" };
const dave: Sender = { kind: "user", id: 4, name: "Dave" };
const erin: Sender = { kind: "user", id: 5, name: "Erin" };
const newsChannel: Sender = { kind: "channel", id: 9, name: "News" };
const basicGroupAdmin: Sender = { kind: "chat", id: 77, name: "Old group" };

let nextId = 1;
function say(sender: Sender, iso: string, fields: Partial<Message> = {}): Message {
  return makeMessage({ id: nextId++, dateUnix: unix(iso), sender, text: "hi", ...fields });
}

function report(messages: readonly Message[], timeZone: string): ReportJson {
  const builder = new ReportBuilder({ timeZone });
  builder.addBatch(messages);
  return toReportJson(builder.state, { chat: { id: 1, name: "t", type: "private_supergroup" } });
}

/** Week entries with anyone active, as `{ Monday: people }`. */
function activeWeeks(people: ReportJson["people"]): Record<string, number> {
  return Object.fromEntries(
    people.weekly.filter((week) => week.active > 0).map((week) => [week.week, week.active]),
  );
}

describe("people per month, newcomers and cohorts", () => {
  // Alice, Bob, Carol, Dave and Erin; a channel opens the range, an anonymous
  // admin (posting as the group) closes it; both are no people.
  const history = [
    say(newsChannel, "2023-10-01T12:00:00+02:00"),
    say(alice, "2023-11-10T12:00:00+01:00"),
    say(alice, "2023-12-05T12:00:00+01:00"),
    say(carol, "2023-12-15T12:00:00+01:00"),
    say(erin, "2023-12-20T12:00:00+01:00"),
    // 2023-12-31T23:30Z: January 1 in Berlin, December 31 in UTC.
    say(bob, "2024-01-01T00:30:00+01:00"),
    say(erin, "2024-01-03T12:00:00+01:00"),
    say(alice, "2024-01-20T12:00:00+01:00"),
    say(carol, "2024-02-02T12:00:00+01:00"),
    say(dave, "2024-02-10T12:00:00+01:00"),
    // A join notice of someone who never wrote: a service message, not a person's.
    makeMessage({
      id: 900,
      dateUnix: unix("2024-02-11T12:00:00+01:00"),
      sender: { kind: "user", id: 6, name: "Frank" },
      kind: "service",
      serviceAction: "invite_members",
    }),
    say(groupAsAdmin, "2024-03-05T12:00:00+01:00"),
    say(basicGroupAdmin, "2024-03-05T13:00:00+01:00"),
  ];

  it("counts active people, newcomers, regulars and who went quiet across the year boundary", () => {
    const { people, totals } = report(history, "Europe/Berlin");
    expect(totals.people).toBe(5);
    expect(people.monthly).toEqual([
      // October: only the channel wrote.
      { month: "2023-10", active: 0, newcomers: 0, regulars: 0, wentQuiet: 0 },
      { month: "2023-11", active: 1, newcomers: 1, regulars: 0, wentQuiet: 0 },
      // Alice (regular), Carol and Erin (new).
      { month: "2023-12", active: 3, newcomers: 2, regulars: 1, wentQuiet: 0 },
      // Alice, Erin (regulars), Bob (new, in Berlin's January); Carol wrote in December only.
      { month: "2024-01", active: 3, newcomers: 1, regulars: 2, wentQuiet: 1 },
      // Carol (regular), Dave (new); Alice, Bob, Erin wrote in Nov–Jan, not in February.
      { month: "2024-02", active: 2, newcomers: 1, regulars: 1, wentQuiet: 3 },
      // Nobody but the anonymous admins; all five wrote in Dec–Feb.
      { month: "2024-03", active: 0, newcomers: 0, regulars: 0, wentQuiet: 5 },
    ]);
  });

  it("follows each month's newcomers to the end of the period", () => {
    const { people } = report(history, "Europe/Berlin");
    expect(people.cohorts).toEqual([
      // Alice: Nov, Dec, Jan; not Feb or Mar.
      { month: "2023-11", size: 1, active: [1, 1, 1, 0, 0], shares: [1, 1, 1, 0, 0] },
      // Carol and Erin: both in Dec; Erin in Jan; Carol in Feb; nobody in Mar.
      { month: "2023-12", size: 2, active: [2, 1, 1, 0], shares: [1, 0.5, 0.5, 0] },
      { month: "2024-01", size: 1, active: [1, 0, 0], shares: [1, 0, 0] },
      { month: "2024-02", size: 1, active: [1, 0], shares: [1, 0] },
    ]);
  });

  it("puts a message after local midnight in the local month and week", () => {
    const utc = report(history, "UTC").people;
    // In UTC Bob's first message is on Sunday 2023-12-31: December's cohort, the week of Dec 25.
    expect(utc.cohorts.map((cohort) => [cohort.month, cohort.size])).toEqual([
      ["2023-11", 1],
      ["2023-12", 3],
      ["2024-02", 1],
    ]);
    expect(activeWeeks(utc)["2023-12-25"]).toBe(1);
    const berlin = report(history, "Europe/Berlin").people;
    expect(activeWeeks(berlin)["2023-12-25"]).toBeUndefined();
    expect(activeWeeks(berlin)["2024-01-01"]).toBe(2); // Bob (Mon Jan 1), Erin (Wed Jan 3)
  });

  it("lists every week from the first to the last, Monday-keyed", () => {
    const { people } = report(history, "Europe/Berlin");
    // Sunday 2023-10-01 is in the week of Monday 2023-09-25; Tuesday 2024-03-05 in that of
    // 2024-03-04; 161 days apart = 23 weeks, so 24 entries.
    expect(people.weekly).toHaveLength(24);
    expect(people.weekly[0]!.week).toBe("2023-09-25");
    expect(people.weekly.at(-1)!.week).toBe("2024-03-04");
    expect(activeWeeks(people)).toEqual({
      "2023-11-06": 1, // Alice, Fri Nov 10
      "2023-12-04": 1, // Alice, Tue Dec 5
      "2023-12-11": 1, // Carol, Fri Dec 15
      "2023-12-18": 1, // Erin, Wed Dec 20
      "2024-01-01": 2, // Bob, Erin
      "2024-01-15": 1, // Alice, Sat Jan 20
      "2024-01-29": 1, // Carol, Fri Feb 2
      "2024-02-05": 1, // Dave, Sat Feb 10
    });
  });

  it("measures concentration over people only", () => {
    const { people } = report(history, "Europe/Berlin");
    // Messages per person: Alice 3, Carol 2, Erin 2, Bob 1, Dave 1 = 9 (channel posts not counted).
    // Top 1: 3/9; top ceil(5/10) = 1; top ceil(5/2) = 3: 7/9; 80 % of 9 = 7.2: 3+2+2+1 = 8 → 4.
    // Gini, ascending 1,1,2,2,3: 2·(1+2+6+8+15)/(5·9) − 6/5 = 64/45 − 1.2 = 0.2222.
    expect(people.concentration).toEqual({
      writers: 5,
      messages: 9,
      top1: { writers: 1, share: 0.3333 },
      top10Percent: { writers: 1, share: 0.3333 },
      top50Percent: { writers: 3, share: 0.7778 },
      gini: 0.2222,
      writersFor80Percent: 4,
    });
  });

  it("sums it up in summary.md", () => {
    const markdown = formatSummaryMarkdown(report(history, "Europe/Berlin"));
    const section = markdown.slice(
      markdown.indexOf("## People"),
      markdown.indexOf("## Highlights"),
    );
    // Top 10 % is one writer, the same as the most active one: not repeated.
    expect(section).toBe(
      [
        "## People",
        "",
        "- People active in 2024-03: 0 (newcomers 0, regulars 0, went quiet 5)",
        "- The most active person wrote 33.3% of the messages",
        "- The top 50% of writers (3) wrote 77.8%",
        "- 4 of 5 people wrote 80% of the messages",
        "- Gini coefficient of messages per person: 0.22",
        "",
        "",
      ].join("\n"),
    );
  });

  it("keeps no activity of channels, anonymous admins or service messages", () => {
    const builder = new ReportBuilder({ timeZone: "Europe/Berlin" });
    builder.addBatch(history);
    expect([...builder.state.people.byPerson.keys()].sort()).toEqual([
      "user1",
      "user2",
      "user3",
      "user4",
      "user5",
    ]);
  });
});

describe("people around daylight saving time (Europe/Berlin)", () => {
  const history = [
    // Sunday 2024-03-31 23:30 CEST (21:30Z), the day clocks went forward: week of Mar 25.
    say(alice, "2024-03-31T23:30:00+02:00"),
    // Monday 2024-04-01 00:30 CEST = 2024-03-31T22:30Z: April and the week of Apr 1 in Berlin.
    say(bob, "2024-04-01T00:30:00+02:00"),
    // Sunday 2024-10-27 23:30 CET (22:30Z), the day clocks went back: week of Oct 21.
    say(alice, "2024-10-27T23:30:00+01:00"),
    // Monday 2024-10-28 00:15 CET = 2024-10-27T23:15Z: week of Oct 28 in Berlin.
    say(bob, "2024-10-28T00:15:00+01:00"),
  ];

  it("puts each message in its local ISO week", () => {
    const { people } = report(history, "Europe/Berlin");
    // Mar 25 → Oct 28 is 217 days = 31 weeks: 32 entries.
    expect(people.weekly).toHaveLength(32);
    expect(activeWeeks(people)).toEqual({
      "2024-03-25": 1,
      "2024-04-01": 1,
      "2024-10-21": 1,
      "2024-10-28": 1,
    });
    // In UTC both late messages fall on the Sunday before.
    expect(activeWeeks(report(history, "UTC").people)).toEqual({
      "2024-03-25": 2,
      "2024-10-21": 2,
    });
  });

  it("puts each message in its local month", () => {
    const { monthly } = report(history, "Europe/Berlin").people;
    expect(monthly.slice(0, 2)).toEqual([
      { month: "2024-03", active: 1, newcomers: 1, regulars: 0, wentQuiet: 0 },
      { month: "2024-04", active: 1, newcomers: 1, regulars: 0, wentQuiet: 1 },
    ]);
    expect(report(history, "UTC").people.monthly[0]).toEqual({
      month: "2024-03",
      active: 2,
      newcomers: 2,
      regulars: 0,
      wentQuiet: 0,
    });
  });
});

describe("a person who goes quiet and comes back", () => {
  const history = [
    say(alice, "2022-01-15T12:00:00Z"),
    ...["01", "02", "03", "04", "05", "06"].map((month) => say(bob, `2022-${month}-15T12:00:00Z`)),
    say(alice, "2022-06-10T12:00:00Z"),
  ];

  it("counts them as quiet for three months, then as a regular again", () => {
    const { monthly, cohorts } = report(history, "UTC").people;
    expect(
      monthly.map(({ month, active, newcomers, regulars, wentQuiet }) => [
        month,
        active,
        newcomers,
        regulars,
        wentQuiet,
      ]),
    ).toEqual([
      ["2022-01", 2, 2, 0, 0],
      ["2022-02", 1, 0, 1, 1], // Alice: wrote in Jan
      ["2022-03", 1, 0, 1, 1], // Alice: Jan is within Dec–Feb
      ["2022-04", 1, 0, 1, 1], // Alice: Jan is within Jan–Mar
      ["2022-05", 1, 0, 1, 0], // Alice: silent in Feb–Apr too, no longer counted
      ["2022-06", 2, 0, 2, 0], // Alice is back: a regular, not a newcomer
    ]);
    expect(cohorts).toEqual([
      {
        month: "2022-01",
        size: 2,
        active: [2, 1, 1, 1, 1, 2],
        shares: [1, 0.5, 0.5, 0.5, 0.5, 1],
      },
    ]);
  });
});

describe("the stored activity record", () => {
  // Mondays 2020-01-06, 2021-01-04 (52 weeks later) and 2021-01-11 (53 weeks later).
  const history = [
    say(alice, "2020-01-06T10:00:00Z"),
    say(alice, "2021-01-04T10:00:00Z"),
    say(alice, "2021-01-11T10:00:00Z"),
  ];

  it("keeps months since the first and only the last 53 weeks", () => {
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch(history);
    // First month 2020-01 = (2020 − 1970)·12 = 600; months 0 and 12 after it: 0x1001.
    // 2021-01-11 is day 18638 (2021-01-01 = 51·365 + 13 leap days = 18628, + 10);
    // week (18638 + 3) / 7 = 2663. Weeks 0 and 1 back are kept, 53 back is dropped: 0x3.
    // The last message's day: 18638.
    expect(builder.state.people.toJSON()).toEqual({ user1: [600, "1001", 2663, "3", 18638] });
    const people = report(history, "UTC").people;
    const { weekly } = people;
    // Weeks 2611…2663: Monday 2611·7 − 3 = day 18274 = 2020-01-13.
    expect(weekly).toHaveLength(53);
    expect(weekly[0]!.week).toBe("2020-01-13");
    expect(activeWeeks(people)).toEqual({
      "2021-01-04": 1,
      "2021-01-11": 1,
    });
  });
});

describe("concentration", () => {
  it("follows the documented formulas", () => {
    // 20 messages. Top 1: 10/20; top ceil(5/10) = 1; top ceil(5/2) = 3: 18/20.
    // 80 % = 16: 10, 15, 18 → 3 writers. Gini: ascending 1,1,3,5,10,
    // 2·(1 + 2 + 9 + 20 + 50)/(5·20) − 6/5 = 1.64 − 1.2 = 0.44
    // (= Σ|xi − xj| over ordered pairs / (2·n²·mean) = 88 / 200).
    expect(concentrationOf([1, 10, 3, 5, 1])).toEqual({
      writers: 5,
      messages: 20,
      top1: { writers: 1, share: 0.5 },
      top10Percent: { writers: 1, share: 0.5 },
      top50Percent: { writers: 3, share: 0.9 },
      gini: 0.44,
      writersFor80Percent: 3,
    });
  });

  it("rounds group sizes up and meets 80 % exactly", () => {
    // 30 equal writers: ceil(30/10) = 3 (not 4, as ceil(0.1·30) would give in floating point).
    const equal = concentrationOf(Array<number>(30).fill(1))!;
    expect(equal.top10Percent).toEqual({ writers: 3, share: 0.1 });
    expect(equal.top50Percent).toEqual({ writers: 15, share: 0.5 });
    expect(equal.gini).toBe(0);
    expect(equal.writersFor80Percent).toBe(24); // 24/30 = 80 % exactly
    expect(concentrationOf([4, 1])!.writersFor80Percent).toBe(1); // 4/5 = 80 %
    expect(concentrationOf([7])).toMatchObject({ gini: 0, writersFor80Percent: 1 });
    expect(concentrationOf([])).toBeNull();
  });
});

describe("people merge", () => {
  const SENDERS: Sender[] = [alice, bob, carol, groupAsAdmin, newsChannel];
  /** Histories of up to 80 messages over up to ~13 years, so weeks fall out of the window. */
  const historyArbitrary = fc
    .array(
      fc.record({
        secondsGap: fc.integer({ min: 0, max: 60 * 86_400 }),
        person: fc.integer({ min: 0, max: SENDERS.length - 1 }),
      }),
      { minLength: 1, maxLength: 80 },
    )
    .map((rows) => {
      let dateUnix = 1_500_000_000;
      return rows.map((row, index) => {
        dateUnix += row.secondsGap;
        return makeMessage({ id: index + 1, dateUnix, sender: SENDERS[row.person]!, text: "x" });
      });
    });

  function fold(messages: readonly Message[]): ReportState {
    const builder = new ReportBuilder({ timeZone: "Europe/Berlin" });
    builder.addBatch(messages);
    return builder.state;
  }

  function peopleOf(state: ReportState): unknown {
    const json = JSON.parse(JSON.stringify(state.toJSON())) as ReportStateJson;
    const chat = { id: 1, name: "t", type: "private_supergroup" } as const;
    return { part: json.people, report: toReportJson(state, { chat }).people };
  }

  it("merging two halves equals the whole", () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), (history, cut) => {
        const at = cut % (history.length + 1);
        const merged = fold(history.slice(0, at)).merge(fold(history.slice(at)));
        expect(peopleOf(merged)).toEqual(peopleOf(fold(history)));
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
        const [a, b, c] = [history.slice(0, i), history.slice(i, j), history.slice(j)].map(fold);
        const left = a!.merge(b!).merge(c!);
        const right = a!.merge(b!.merge(c!));
        const restored = ReportState.fromJSON(
          JSON.parse(JSON.stringify(a!.merge(b!).toJSON())) as ReportStateJson,
        ).merge(c!);
        expect(peopleOf(left)).toEqual(peopleOf(right));
        expect(peopleOf(restored)).toEqual(peopleOf(fold(history)));
        expect(peopleOf(fold([...history].reverse()))).toEqual(peopleOf(fold(history)));
      }),
      { numRuns: 200 },
    );
  });
});
