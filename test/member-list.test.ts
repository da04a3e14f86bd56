import { describe, expect, it } from "vitest";
import {
  formatSummaryMarkdown,
  memberListFigures,
  memberListLines,
  ReportBuilder,
  ReportState,
  toReportJson,
  type MemberList,
  type Message,
  type Sender,
} from "@tgstats/engine";
import { makeMessage, unix } from "./helpers/messages.js";

const ann: Sender = { kind: "user", id: 11, name: "Ann" };
const ben: Sender = { kind: "user", id: 12, name: "Ben" };
const cid: Sender = { kind: "user", id: 13, name: "Cid" };
const dan: Sender = { kind: "user", id: 14, name: "Dan" };
const fay: Sender = { kind: "user", id: 16, name: "Fay" };

let nextId = 1;
function say(sender: Sender, iso: string): Message {
  return makeMessage({ id: nextId++, dateUnix: unix(iso), sender, text: "hi" });
}

// The report's last day with a message is 2024-06-30 (Ann). Days back from it:
// 2024-03-31 → 30 (April) + 31 (May) + 30 (June) = 91; 2024-04-01 → 90; 2024-04-02 → 89.
const history = [
  say(ben, "2024-01-10T12:00:00+01:00"),
  say(ben, "2024-03-31T12:00:00+02:00"),
  say(cid, "2024-04-01T12:00:00+02:00"),
  // 2024-04-01T23:30Z: April 2 in Berlin (89 days), April 1 in UTC (90 days).
  say(dan, "2024-04-01T23:30:00Z"),
  say(fay, "2024-02-01T12:00:00+01:00"),
  say(ann, "2024-06-30T12:00:00+02:00"),
];

// Ann is listed twice (Telegram's offset paging can repeat a member); Eve never wrote;
// Fay wrote but is no longer a member.
const list: MemberList = {
  members: [
    { id: 11, name: "Ann" },
    { id: 12, name: "Ben" },
    { id: 13, name: "Cid" },
    { id: 14, name: "Dan" },
    { id: 15, name: "Eve" },
    { id: 11, name: "Ann" },
  ],
  complete: true,
};

function fold(messages: readonly Message[], timeZone: string): ReportState {
  const builder = new ReportBuilder({ timeZone });
  builder.addBatch(messages);
  return builder.state;
}

describe("the member list against the history", () => {
  it("counts members, those who never wrote and those silent 90 days or more, exactly at the boundary", () => {
    const figures = memberListFigures(fold(history, "Europe/Berlin"), list);
    // Members: Ann, Ben, Cid, Dan, Eve = 5; never wrote: Eve; silent: Ben (91 days), Cid (90); Dan (89) is not.
    expect(figures.json).toEqual({
      members: 5,
      neverWrote: 1,
      silent: 2,
      silentDays: 90,
      complete: true,
    });
    expect(figures.neverWrote).toEqual([{ id: 15, name: "Eve" }]);
    expect(figures.silent).toEqual([
      { id: 12, name: "Ben", lastDate: "2024-03-31" },
      { id: 13, name: "Cid", lastDate: "2024-04-01" },
    ]);
  });

  it("counts days in the report's zone: Dan's last message is 90 days back in UTC", () => {
    const figures = memberListFigures(fold(history, "UTC"), list);
    // In UTC Dan wrote on 2024-04-01: 90 days before 2024-06-30 → Ben, Cid, Dan.
    expect(figures.json.silent).toBe(3);
    expect(figures.silent.map((member) => member.name)).toEqual(["Ben", "Cid", "Dan"]);
  });

  it("gives the same figures from merged halves and from a state read back from storage", () => {
    const whole = memberListFigures(fold(history, "Europe/Berlin"), list);
    // Ben's January message in one half, his March message in the other: the later last day wins.
    const halves = fold(history.slice(0, 1), "Europe/Berlin").merge(
      fold(history.slice(1), "Europe/Berlin"),
    );
    expect(memberListFigures(halves, list)).toEqual(whole);
    const stored = ReportState.fromJSON(
      JSON.parse(JSON.stringify(halves.toJSON())) as ReturnType<ReportState["toJSON"]>,
    );
    expect(memberListFigures(stored, list)).toEqual(whole);
  });

  it("counts every member as never wrote in a period without messages", () => {
    const figures = memberListFigures(new ReportState("UTC"), list);
    expect(figures.json).toMatchObject({ members: 5, neverWrote: 5, silent: 0 });
  });

  it("shows counts, never names, in the report and both languages' summary; no section without a list", () => {
    const state = fold(history, "Europe/Berlin");
    const chat = { id: 1, name: "t", type: "private_supergroup" } as const;
    const partial = { ...list, complete: false };
    const report = toReportJson(state, { chat, memberList: partial });
    expect(report.memberList).toEqual({
      members: 5,
      neverWrote: 1,
      silent: 2,
      silentDays: 90,
      complete: false,
    });
    expect(memberListLines(report)).toEqual([
      "Members now: 5; never wrote: 1; silent 90+ days: 2",
      "Telegram listed only 5 of the members: the counts are of those.",
    ]);
    const markdown = formatSummaryMarkdown(report);
    expect(markdown).toContain(
      "## Member list\n\n- Members now: 5; never wrote: 1; silent 90+ days: 2\n",
    );
    // Eve never wrote: only the list could name her.
    expect(markdown).not.toContain("Eve");
    const ru = toReportJson(state, { chat, language: "ru", memberList: list });
    expect(memberListLines(ru)).toEqual([
      "Участников сейчас: 5; ни разу не писали: 1; молчат 90+ дней: 2",
    ]);
    const without = toReportJson(state, { chat });
    expect(without.memberList).toBeNull();
    expect(memberListLines(without)).toEqual([]);
    expect(formatSummaryMarkdown(without)).not.toContain("Member list");
  });
});
