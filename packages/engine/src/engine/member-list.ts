/**
 * Who of the chat's current members wrote, and when last: the member list is
 * read from Telegram (over MTProto, when the chat shows it), the writing from
 * the folded people part.
 */
import { dayIndexToIso } from "../time/zone-clock.js";
import type { MemberListJson } from "./report-json.js";
import type { ReportState } from "./report-state.js";

/** Days without a message after which a member counts as silent. */
export const SILENT_DAYS = 90;

/** A person in the chat's member list (bots, deleted accounts and the reader account left out). */
export interface ListedMember {
  /** Telegram user id. */
  id: number;
  /** Display name as Telegram lists it now. */
  name: string;
}

/** The member list as read. */
export interface MemberList {
  /** The people listed, each once. */
  members: readonly ListedMember[];
  /** False when Telegram listed fewer members than the chat has (it lists at most about 10,000). */
  complete: boolean;
}

/** A silent member and the local day (`YYYY-MM-DD`) of their last message. */
export interface SilentMember extends ListedMember {
  lastDate: string;
}

/** The member list's figures, and who is behind them (names: for the chat's admins only). */
export interface MemberListFigures {
  /** Counts only: what the report shows. */
  json: MemberListJson;
  /** Members with no regular message in the report's period, in list order. */
  neverWrote: ListedMember[];
  /** Members whose last message is {@link SILENT_DAYS} or more days before the report's last day, longest silent first. */
  silent: SilentMember[];
}

/**
 * Splits the member list by the people part of `state`: a member never wrote
 * when they have no regular message in the period; a member is silent when
 * the report's last day (its last day with a regular message, local) minus
 * the day of their last message is at least {@link SILENT_DAYS}.
 *
 * @example memberListFigures(state, { members: [{ id: 1, name: "Ann" }], complete: true }).json.neverWrote
 */
export function memberListFigures(state: ReportState, list: MemberList): MemberListFigures {
  const lastDay = reportLastDay(state);
  const neverWrote: ListedMember[] = [];
  const silent: (SilentMember & { day: number })[] = [];
  const seen = new Set<number>();
  for (const member of list.members) {
    if (seen.has(member.id)) continue;
    seen.add(member.id);
    const activity = state.people.byPerson.get(`user${member.id}`);
    if (activity === undefined || lastDay === null) neverWrote.push(member);
    else if (lastDay - activity.lastDay >= SILENT_DAYS)
      silent.push({ ...member, lastDate: dayIndexToIso(activity.lastDay), day: activity.lastDay });
  }
  silent.sort((a, b) => a.day - b.day || a.id - b.id);
  return {
    json: {
      members: seen.size,
      neverWrote: neverWrote.length,
      silent: silent.length,
      silentDays: SILENT_DAYS,
      complete: list.complete,
    },
    neverWrote,
    silent: silent.map(({ id, name, lastDate }) => ({ id, name, lastDate })),
  };
}

/** The report's last local day with a regular message, or null when it has none. */
function reportLastDay(state: ReportState): number | null {
  let last: number | null = null;
  for (const [day] of state.activity.daily) if (last === null || day > last) last = day;
  return last;
}
