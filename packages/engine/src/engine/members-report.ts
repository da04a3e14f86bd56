import {
  dayIndexToIso,
  formatLocalIso,
  isoToDayIndex,
  type ZoneClock,
} from "../time/zone-clock.js";
import { compareText } from "./count-map.js";
import type { MembershipPart } from "./parts/membership-part.js";
import type { InviterStats, MemberFlow, MembersJson } from "./report-json.js";

/** Longest report span, in days, that still gets per-week member figures (about a quarter). */
export const MEMBERS_WEEKLY_MAX_DAYS = 92;

/** How many inviters the report lists. */
const TOP_INVITERS = 10;

/** The report's span: the filters' dates where set, else the first and last day with anything counted. */
export interface ReportSpan {
  from: string | null;
  to: string | null;
  /** Local day indexes of the first and last day with a message or a membership event. */
  firstDay: number | null;
  lastDay: number | null;
}

/**
 * The report's {@link MembersJson} of a membership part; null when the
 * history has no join, leave or title.
 */
export function membersReport(
  part: MembershipPart,
  clock: ZoneClock,
  span: ReportSpan,
): MembersJson | null {
  if (part.joinsDaily.size === 0 && part.leavesDaily.size === 0 && part.titles.length === 0)
    return null;
  const joins = sum(part.joinsDaily);
  const leaves = sum(part.leavesDaily);
  const from = (span.from === null ? null : isoToDayIndex(span.from)) ?? span.firstDay;
  const to = (span.to === null ? null : isoToDayIndex(span.to)) ?? span.lastDay;
  const weeklyFits = from !== null && to !== null && to - from + 1 <= MEMBERS_WEEKLY_MAX_DAYS;
  return {
    joins,
    leaves,
    net: joins - leaves,
    leftOnTheirOwn: part.leftOnTheirOwn,
    removed: leaves - part.leftOnTheirOwn,
    joinsBySource: part.sourceCounts(),
    monthly: flows(part, (day) => dayIndexToIso(day).slice(0, 7)),
    weekly: weeklyFits ? flows(part, (day) => dayIndexToIso(day - weekdayOf(day))) : null,
    topInviters: topInviters(part),
    titles: part.titles.map(([dateUnix, , title]) => ({
      date: formatLocalIso(dateUnix, clock),
      title,
    })),
  };
}

/** The local day indexes with a join or a leave. */
export function memberDays(part: MembershipPart): number[] {
  return [...part.joinsDaily.keys(), ...part.leavesDaily.keys()];
}

function flows(part: MembershipPart, bucket: (day: number) => string): Record<string, MemberFlow> {
  const byKey = new Map<string, MemberFlow>();
  const flowOf = (day: number): MemberFlow => {
    const key = bucket(day);
    let flow = byKey.get(key);
    if (flow === undefined) {
      flow = { joins: 0, leaves: 0, net: 0 };
      byKey.set(key, flow);
    }
    return flow;
  };
  for (const [day, count] of part.joinsDaily) flowOf(day).joins += count;
  for (const [day, count] of part.leavesDaily) flowOf(day).leaves += count;
  const sorted = [...byKey].sort((a, b) => compareText(a[0], b[0]));
  for (const [, flow] of sorted) flow.net = flow.joins - flow.leaves;
  return Object.fromEntries(sorted);
}

/**
 * Most members brought in (added + by link) first, then by key: a total
 * order. An inviter known by name only (a link's inviter in an export) is
 * counted with the one inviter known by id who has that name, if there is
 * exactly one.
 */
function topInviters(part: MembershipPart): InviterStats[] {
  const byId = new Map<string, InviterStats & { key: string }>();
  const nameOnly: (InviterStats & { key: string })[] = [];
  for (const [key, inviter] of [...part.inviters].sort((a, b) => compareText(a[0], b[0]))) {
    const stats = {
      key,
      id: inviter.id,
      name: inviter.name,
      added: inviter.added,
      byLink: inviter.byLink,
    };
    if (inviter.id === null) nameOnly.push(stats);
    else byId.set(key, stats);
  }
  const idsByName = new Map<string, string[]>();
  for (const [key, stats] of byId)
    if (stats.name !== null) idsByName.set(stats.name, [...(idsByName.get(stats.name) ?? []), key]);
  const all = [...byId.values()];
  for (const stats of nameOnly) {
    const keys = stats.name === null ? undefined : idsByName.get(stats.name);
    const match = keys?.length === 1 ? byId.get(keys[0]!) : undefined;
    if (match === undefined) all.push(stats);
    else {
      match.added += stats.added;
      match.byLink += stats.byLink;
    }
  }
  return all
    .sort((a, b) => b.added + b.byLink - (a.added + a.byLink) || compareText(a.key, b.key))
    .slice(0, TOP_INVITERS)
    .map(({ id, name, added, byLink }) => ({ id, name, added, byLink }));
}

function sum(days: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const count of days.values()) total += count;
  return total;
}

/** 0 = Monday, like the punch card. */
function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 3) % 7) + 7) % 7;
}
