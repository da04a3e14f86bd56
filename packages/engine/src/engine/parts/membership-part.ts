import { peerKey, type MemberRef, type Message, type Sender } from "../../model/message.js";
import { compareText } from "../count-map.js";
import type { MessageFacts } from "../message-facts.js";

/** How someone joined: added by someone else, on their own (public group), by invite link, by approved request. */
export type JoinSource = "added" | "self" | "link" | "request";

/** Joins by source, where a join after the same person's leave counts as `cameBack` instead. */
export type JoinSourceCounts = Record<JoinSource | "cameBack", number>;

/** Where a service message is in the history: (date, message id), compared in that order. */
type Position = [dateUnix: number, id: number];

/**
 * A join not (yet) known to follow a leave of the same person, with the keys
 * that person is known by (`user123`, `name:<display name>`).
 */
type PendingJoin = [dateUnix: number, id: number, source: JoinSource, keys: string[]];

/** Who brought people in: members added and link joins credited to one person. */
export interface InviterAggregate {
  /** `user123`, or null when the source names the inviter only (a link's inviter in exports). */
  id: string | null;
  /** Latest non-null display name seen, and the date it was seen. */
  name: string | null;
  nameDateUnix: number;
  added: number;
  byLink: number;
}

/** Serialised {@link MembershipPart}. */
export interface MembershipJson {
  /** [local day index, count] pairs, days ascending. */
  joinsDaily: [number, number][];
  leavesDaily: [number, number][];
  /** Leaves where the person removed themselves (the rest were removed by someone else). */
  leftOnTheirOwn: number;
  /** Joins whose source is final (came-back joins included); the rest are in `pending`. */
  sources: JoinSourceCounts;
  /** Person key (`user123`, `name:<display name>`) → [date, message id] of their earliest leave. */
  firstLeaves: Record<string, Position>;
  /** Joins that may still turn out to follow a leave, by position. */
  pending: PendingJoin[];
  /** Inviter key → aggregate. */
  inviters: Record<string, InviterAggregate>;
  /** [date, message id, title] of each title given to the chat (creation and renames), by date. */
  titles: [number, number, string][];
}

const NO_SOURCES: Readonly<JoinSourceCounts> = {
  added: 0,
  self: 0,
  link: 0,
  request: 0,
  cameBack: 0,
};

/**
 * Who joins and leaves the chat, how they came, who brought them and what
 * the chat was called, from service messages. Only people count: a member or
 * inviter that is a channel or the chat itself (an anonymous admin) is left
 * out, though a member an anonymous admin adds still joins.
 *
 * "Came back": a join is counted as `cameBack` instead of its own source when
 * the same person has a leave earlier in the folded history. The same person
 * is the same user id, or the same display name (exports name members that
 * someone else added or removed by name only). The part keeps each key's
 * earliest leave and the joins not yet after one, so the result is the same
 * whatever order messages and merges come in.
 */
export class MembershipPart {
  readonly joinsDaily = new Map<number, number>();
  readonly leavesDaily = new Map<number, number>();
  leftOnTheirOwn = 0;
  readonly sources: JoinSourceCounts = { ...NO_SOURCES };
  readonly firstLeaves = new Map<string, Position>();
  /** Pending joins by {@link pendingId}, and the ids of those under each person key. */
  readonly pending = new Map<string, PendingJoin>();
  private readonly pendingByKey = new Map<string, Set<string>>();
  readonly inviters = new Map<string, InviterAggregate>();
  titles: [number, number, string][] = [];

  /** Folds one service message in (others carry no membership details). */
  add({ message, local }: MessageFacts): void {
    const details = message.service;
    if (details === null) return;
    const at: Position = [message.dateUnix, message.id];
    const actor = message.sender;
    const day = local.dayIndex;
    switch (details.type) {
      case "chat_created":
        this.addTitle(at, details.title);
        // The creator made the chat rather than joined it; everyone else listed was added.
        for (const member of details.members)
          if (!isActor(member, actor)) this.join(member, "added", at, day, actor);
        return;
      case "members_added":
        for (const member of details.members)
          this.join(member, isActor(member, actor) ? "self" : "added", at, day, actor);
        return;
      case "joined_by_link":
        if (actor !== null) this.join(actorRef(actor), "link", at, day, null);
        if (details.inviter !== null) this.credit(details.inviter, "byLink", message.dateUnix);
        return;
      case "joined_by_request":
        if (actor !== null) this.join(actorRef(actor), "request", at, day, null);
        return;
      case "members_removed":
        for (const member of details.members) this.leave(member, isActor(member, actor), at, day);
        return;
      case "title_changed":
        this.addTitle(at, details.title);
        return;
      default:
        return;
    }
  }

  /** A new part with both inputs' events; pending joins are settled against the merged leaves. */
  merge(other: MembershipPart): MembershipPart {
    const merged = new MembershipPart();
    for (const part of [this, other]) {
      addDays(merged.joinsDaily, part.joinsDaily);
      addDays(merged.leavesDaily, part.leavesDaily);
      merged.leftOnTheirOwn += part.leftOnTheirOwn;
      for (const source of Object.keys(NO_SOURCES) as (keyof JoinSourceCounts)[])
        merged.sources[source] += part.sources[source];
      for (const [key, at] of part.firstLeaves) merged.absorbLeave(key, at);
      for (const join of part.pending.values()) merged.absorbJoin(join);
      for (const [key, inviter] of part.inviters) merged.absorbInviter(key, inviter);
    }
    merged.titles = mergeTitles(this.titles, other.titles);
    return merged;
  }

  /** Joins by source, pending joins counted under their own source. */
  sourceCounts(): JoinSourceCounts {
    const counts = { ...this.sources };
    for (const [, , source] of this.pending.values()) counts[source]++;
    return counts;
  }

  toJSON(): MembershipJson {
    const firstLeaves: Record<string, Position> = {};
    for (const key of [...this.firstLeaves.keys()].sort(compareText))
      firstLeaves[key] = [...this.firstLeaves.get(key)!];
    const inviters: Record<string, InviterAggregate> = {};
    for (const key of [...this.inviters.keys()].sort(compareText))
      inviters[key] = { ...this.inviters.get(key)! };
    return {
      joinsDaily: sortedDays(this.joinsDaily),
      leavesDaily: sortedDays(this.leavesDaily),
      leftOnTheirOwn: this.leftOnTheirOwn,
      sources: { ...this.sources },
      firstLeaves,
      pending: [...this.pending]
        .sort((a, b) => comparePositions(a[1], b[1]) || compareText(a[0], b[0]))
        .map(([, join]) => [join[0], join[1], join[2], [...join[3]]]),
      inviters,
      titles: this.titles.map((title) => [...title]),
    };
  }

  static fromJSON(json: MembershipJson): MembershipPart {
    const part = new MembershipPart();
    for (const [day, count] of json.joinsDaily) part.joinsDaily.set(day, count);
    for (const [day, count] of json.leavesDaily) part.leavesDaily.set(day, count);
    part.leftOnTheirOwn = json.leftOnTheirOwn;
    Object.assign(part.sources, json.sources);
    for (const [key, at] of Object.entries(json.firstLeaves)) part.absorbLeave(key, at);
    for (const join of json.pending) part.absorbJoin(join);
    for (const [key, inviter] of Object.entries(json.inviters))
      part.inviters.set(key, { ...inviter });
    part.titles = json.titles.map((title) => [...title]);
    return part;
  }

  private join(
    member: MemberRef,
    source: JoinSource,
    at: Position,
    day: number,
    inviter: Sender | null,
  ): void {
    if (member.peer !== null && member.peer.kind !== "user") return;
    this.joinsDaily.set(day, (this.joinsDaily.get(day) ?? 0) + 1);
    if (inviter !== null && source === "added") this.credit(actorRef(inviter), "added", at[0]);
    const keys = personKeys(member);
    if (keys.length === 0) this.sources[source]++;
    else this.absorbJoin([at[0], at[1], source, keys]);
  }

  private leave(member: MemberRef, own: boolean, at: Position, day: number): void {
    if (member.peer !== null && member.peer.kind !== "user") return;
    this.leavesDaily.set(day, (this.leavesDaily.get(day) ?? 0) + 1);
    if (own) this.leftOnTheirOwn++;
    for (const key of personKeys(member)) this.absorbLeave(key, at);
  }

  /** Keeps a key's earliest leave, and settles the pending joins it now precedes as came back. */
  private absorbLeave(key: string, at: Position): void {
    const known = this.firstLeaves.get(key);
    if (known !== undefined && comparePositions(known, at) <= 0) return;
    this.firstLeaves.set(key, [at[0], at[1]]);
    for (const id of [...(this.pendingByKey.get(key) ?? [])]) {
      const join = this.pending.get(id)!;
      if (comparePositions(at, join) >= 0) continue;
      this.sources.cameBack++;
      this.pending.delete(id);
      for (const other of join[3]) this.pendingByKey.get(other)?.delete(id);
    }
  }

  /** A join that follows a leave of one of its keys is came back; others wait in `pending`. */
  private absorbJoin(join: PendingJoin): void {
    const after = join[3].some((key) => {
      const leave = this.firstLeaves.get(key);
      return leave !== undefined && comparePositions(leave, join) < 0;
    });
    if (after) {
      this.sources.cameBack++;
      return;
    }
    const id = pendingId(join);
    this.pending.set(id, [join[0], join[1], join[2], [...join[3]]]);
    for (const key of join[3]) {
      let ids = this.pendingByKey.get(key);
      if (ids === undefined) {
        ids = new Set();
        this.pendingByKey.set(key, ids);
      }
      ids.add(id);
    }
  }

  /** Credits an inviter who is a person (never a channel or an anonymous admin). */
  private credit(inviter: MemberRef, field: "added" | "byLink", dateUnix: number): void {
    if (inviter.peer !== null && inviter.peer.kind !== "user") return;
    const key = inviterKey(inviter);
    if (key === null) return;
    this.absorbInviter(key, {
      id: inviter.peer === null ? null : peerKey(inviter.peer),
      name: inviter.name,
      nameDateUnix: inviter.name === null ? 0 : dateUnix,
      added: field === "added" ? 1 : 0,
      byLink: field === "byLink" ? 1 : 0,
    });
  }

  private absorbInviter(key: string, source: InviterAggregate): void {
    const own = this.inviters.get(key);
    if (own === undefined) {
      this.inviters.set(key, { ...source });
      return;
    }
    own.added += source.added;
    own.byLink += source.byLink;
    const newer =
      source.name !== null &&
      (own.name === null ||
        source.nameDateUnix > own.nameDateUnix ||
        (source.nameDateUnix === own.nameDateUnix && source.name > own.name));
    if (newer) {
      own.name = source.name;
      own.nameDateUnix = source.nameDateUnix;
    }
  }

  private addTitle(at: Position, title: string): void {
    this.titles = mergeTitles(this.titles, [[at[0], at[1], title]]);
  }
}

/**
 * The joins and leaves one service message makes, counted as
 * {@link MembershipPart} counts them (people only; a chat's creator made it
 * rather than joined it). Zero for every other message.
 */
export function memberChanges(message: Message): { joins: number; leaves: number } {
  const details = message.service;
  const actor = message.sender;
  const people = (members: readonly MemberRef[]): MemberRef[] => members.filter(isPersonRef);
  switch (details?.type) {
    case "chat_created":
      return {
        joins: people(details.members).filter((member) => !isActor(member, actor)).length,
        leaves: 0,
      };
    case "members_added":
      return { joins: people(details.members).length, leaves: 0 };
    case "joined_by_link":
    case "joined_by_request":
      return { joins: actor !== null && isPersonRef(actorRef(actor)) ? 1 : 0, leaves: 0 };
    case "members_removed":
      return { joins: 0, leaves: people(details.members).length };
    default:
      return { joins: 0, leaves: 0 };
  }
}

/** A member that counts as a person: a user, or someone named without an id. */
function isPersonRef(member: MemberRef): boolean {
  return member.peer === null || member.peer.kind === "user";
}

/** `user123` for a known id, `name:<name>` for a known name: a person is matched by either. */
function personKeys(member: MemberRef): string[] {
  const keys: string[] = [];
  // Id 0 is no user: what a source gives when it does not know the id.
  if (member.peer !== null && member.peer.id !== 0) keys.push(peerKey(member.peer));
  if (member.name !== null) keys.push(`name:${member.name}`);
  return keys;
}

/** One pending join's identity: its message, source and person. */
function pendingId(join: PendingJoin): string {
  return `${join[0]}:${join[1]}:${join[2]}:${join[3].join("\u0000")}`;
}

/** An inviter's key: `user123`, else `name:<name>`; null for neither. */
function inviterKey(member: MemberRef): string | null {
  return personKeys(member)[0] ?? null;
}

function actorRef(actor: Sender): MemberRef {
  return { peer: { kind: actor.kind, id: actor.id }, name: actor.name };
}

function isActor(member: MemberRef, actor: Sender | null): boolean {
  return (
    actor !== null &&
    member.peer !== null &&
    member.peer.kind === actor.kind &&
    member.peer.id === actor.id
  );
}

/** By date, then message id. */
function comparePositions(
  a: readonly [number, number, ...unknown[]],
  b: readonly [number, number, ...unknown[]],
): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Titles by position, then text: a total order. */
function compareTitles(a: [number, number, string], b: [number, number, string]): number {
  return comparePositions(a, b) || compareText(a[2], b[2]);
}

function addDays(target: Map<number, number>, source: ReadonlyMap<number, number>): void {
  for (const [day, count] of source) target.set(day, (target.get(day) ?? 0) + count);
}

function sortedDays(days: ReadonlyMap<number, number>): [number, number][] {
  return [...days].sort((a, b) => a[0] - b[0]);
}

/** Both lists by (date, id), each message once: a title is one record, whichever fold saw it. */
function mergeTitles(
  a: readonly [number, number, string][],
  b: readonly [number, number, string][],
): [number, number, string][] {
  const byMessage = new Map<string, [number, number, string]>();
  for (const title of [...a, ...b]) byMessage.set(`${title[0]}:${title[1]}`, [...title]);
  return [...byMessage.values()].sort(compareTitles);
}
