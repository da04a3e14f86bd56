import type { ReportJson } from "../engine/report-json.js";
import { summaryStrings } from "./summary-strings.js";

/** The member figures both summaries show, as plain text lines (names not escaped). */
export interface MemberSummary {
  /** Joins, leaves and net; how people left; how they joined. */
  flow: string[];
  /** "Alice: added 2, by link 1", most first. */
  inviters: string[];
  /** "2024-04-09: Club", oldest first. */
  titles: string[];
}

/**
 * The member lines of a report in its language; null when it has no member
 * figures.
 *
 * @example memberSummary(report, { inviters: 3, titles: 5 })
 */
export function memberSummary(
  report: ReportJson,
  limits: { inviters: number; titles: number },
): MemberSummary | null {
  const members = report.members;
  if (members === null) return null;
  const text = summaryStrings(report.language);
  const numbers = new Intl.NumberFormat(report.language);
  const count = (value: number): string => numbers.format(value);
  // U+2212 minus, as typeset numbers use it.
  const net =
    members.net > 0 ? `+${count(members.net)}` : members.net < 0 ? `−${count(-members.net)}` : "0";
  const flow: string[] = [];
  if (members.joins > 0 || members.leaves > 0) {
    flow.push(text.membersFlow(count(members.joins), count(members.leaves), net));
    if (members.leaves > 0)
      flow.push(text.membersLeft(count(members.leftOnTheirOwn), count(members.removed)));
    if (members.joins > 0) {
      const s = members.joinsBySource;
      flow.push(
        text.membersSources({
          added: count(s.added),
          self: count(s.self),
          link: count(s.link),
          request: count(s.request),
          cameBack: count(s.cameBack),
        }),
      );
    }
  }
  return {
    flow,
    inviters: members.topInviters
      .slice(0, limits.inviters)
      .map((inviter) =>
        text.inviter(
          inviter.name ?? text.deletedAccount,
          count(inviter.added),
          count(inviter.byLink),
        ),
      ),
    titles: members.titles
      .slice(-limits.titles)
      .map((title) => `${title.date.slice(0, 10)}: ${title.title}`),
  };
}

/**
 * The member list's lines of a report in its language (counts only): empty
 * when no list was read.
 *
 * @example memberListLines(report) // ["Members now: 5; never wrote: 1; silent 90+ days: 1"]
 */
export function memberListLines(report: ReportJson): string[] {
  const list = report.memberList;
  if (list === null) return [];
  const text = summaryStrings(report.language);
  const numbers = new Intl.NumberFormat(report.language);
  const count = (value: number): string => numbers.format(value);
  const lines = [
    text.memberListCounts(
      count(list.members),
      count(list.neverWrote),
      count(list.silent),
      count(list.silentDays),
    ),
  ];
  if (!list.complete) lines.push(text.memberListPartial(count(list.members)));
  return lines;
}
