import {
  addDelay,
  mergeHistograms,
  medianDelaySeconds,
  type DelayHistogram,
} from "../delay-histogram.js";
import { compareText } from "../count-map.js";
import type { MessageFacts } from "../message-facts.js";
import { IdTable } from "../id-table.js";
import { maxOrNull, minOrNull } from "../nullable-math.js";

/**
 * How far back (in message ids) a reply is followed to its original. Ids in a
 * chat are dense, so this is about "replies to one of the last N messages":
 * nearly all of them. The bound keeps the part small enough to cache and
 * checkpoint, and it is what makes merging exact: a part only has to remember
 * its newest N messages for a later part's replies to find them.
 */
export const DEFAULT_REPLY_WINDOW_IDS = 10_000;

/** Number columns of the index (its text is the sender key). */
const DATE = 0;
/** 1, or 0 for a context message: another sender's, folded only to pair with the focus. */
const FOCUS = 1;

interface PendingReply {
  replyId: number;
  fromKey: string;
  dateUnix: number;
  focus: boolean;
}

/** A context sender's latest display name, for the names of reply pairs. */
interface ContextName {
  name: string | null;
  dateUnix: number;
}

interface PairAggregate {
  count: number;
  delays: DelayHistogram;
}

/** Serialised {@link RepliesPart}. */
export interface RepliesJson {
  windowIds: number;
  total: number;
  resolved: number;
  minId: number | null;
  maxId: number | null;
  /** [id, sender key, date] of the newest messages, for replies in a later part; a 4th element 0 marks a context message. */
  index: ([number, string, number] | [number, string, number, 0])[];
  /** [target id, reply id, sender key, date] of replies to messages before this part; a 5th element 0 marks a context reply. */
  pending: ([number, number, string, number] | [number, number, string, number, 0])[];
  /** [from key, to key, count, [delay bucket, count][]]. */
  pairs: [string, string, number, [number, number][]][];
  /** [sender key, name, date the name was seen] of context senders; absent when there are none. */
  contextNames?: [string, string | null, number][];
}

/** One resolved reply pair as the report shows it. */
export interface ReplyPairStats {
  from: string;
  to: string;
  count: number;
  medianDelaySeconds: number;
}

/**
 * Who answers whom, and how fast. A reply counts for a pair when its original
 * is in the folded history and at most `windowIds` ids older; self-replies are
 * counted as resolved but form no pair.
 *
 * A report about one sender folds the others' messages in as context
 * ({@link addContext}): they count for no figure of their own, but pair with
 * the sender's, so "who answers them" is known as well as "whom they answer".
 *
 * Merging is exact for parts that cover disjoint, contiguous id ranges (the
 * halves of a history, id-range fetches, months of a cache).
 */
export class RepliesPart {
  total = 0;
  resolved = 0;
  private minId: number | null = null;
  private maxId: number | null = null;
  /** Id → sender key, date and focus of the newest messages. */
  private index = new IdTable(2);
  private pending = new Map<number, PendingReply[]>();
  private pairs = new Map<string, PairAggregate>();
  /** The same aggregates as {@link pairs} by from and to key: no key string is built per reply. */
  private pairsByFrom = new Map<string, Map<string, PairAggregate>>();
  private contextNames = new Map<string, ContextName>();
  private addsSinceTrim = 0;

  constructor(readonly windowIds = DEFAULT_REPLY_WINDOW_IDS) {}

  /** Folds one regular message in; messages may come oldest-first or newest-first. */
  add(facts: MessageFacts): void {
    this.fold(facts, true);
  }

  /**
   * Folds in a regular message outside the report's sender filter: it counts
   * in no total, and forms pairs only with the filtered sender's messages.
   */
  addContext(facts: MessageFacts): void {
    const { senderKey, message } = facts;
    if (senderKey === null || message.sender === null) return;
    this.adoptContextName(senderKey, { name: message.sender.name, dateUnix: message.dateUnix });
    this.fold(facts, false);
  }

  /** The display name of a sender known only from context messages, if any. */
  contextName(senderKey: string): string | null {
    return this.contextNames.get(senderKey)?.name ?? null;
  }

  private fold({ message, senderKey }: MessageFacts, focus: boolean): void {
    if (senderKey === null) return;
    const id = message.id;
    const dateUnix = message.dateUnix;
    this.minId = this.minId === null ? id : Math.min(this.minId, id);
    this.maxId = this.maxId === null ? id : Math.max(this.maxId, id);
    if (message.replyToId !== null) {
      if (focus) this.total++;
      this.followReply(message.replyToId, id, senderKey, dateUnix, focus);
    }
    this.setIndexed(id, senderKey, dateUnix, focus);
    if (this.pending.size > 0) {
      const waiting = this.pending.get(id);
      if (waiting !== undefined) {
        this.pending.delete(id);
        for (const reply of waiting) this.resolve(reply, senderKey, dateUnix, focus);
      }
    }
    if (++this.addsSinceTrim >= this.windowIds) this.trim();
  }

  private setIndexed(id: number, senderKey: string, dateUnix: number, focus: boolean): void {
    const index = this.index;
    const slot = index.put(id);
    index.setText(slot, senderKey);
    index.setNumber(slot, DATE, dateUnix);
    index.setNumber(slot, FOCUS, focus ? 1 : 0);
  }

  /** A new part with both inputs; replies of each are followed into the other's newest messages. */
  merge(other: RepliesPart): RepliesPart {
    if (other.windowIds !== this.windowIds)
      throw new Error(
        `Cannot merge reply parts with windows of ${this.windowIds} and ${other.windowIds} ids; build both with the same window.`,
      );
    const merged = RepliesPart.fromJSON(this.toJSON());
    const incoming = RepliesPart.fromJSON(other.toJSON());
    // Follow each side's waiting replies into the other first, then add up.
    merged.resolvePendingFrom(incoming);
    incoming.resolvePendingFrom(merged);
    merged.total += incoming.total;
    merged.resolved += incoming.resolved;
    for (const [key, pair] of incoming.pairs) merged.addPair(key, pair);
    const from = incoming.index;
    for (const slot of from.slotsById())
      merged.setIndexed(
        from.idAt(slot),
        from.text(slot),
        from.number(slot, DATE),
        from.number(slot, FOCUS) === 1,
      );
    for (const [key, named] of incoming.contextNames) merged.adoptContextName(key, named);
    for (const [targetId, replies] of incoming.pending)
      merged.pending.set(targetId, [...(merged.pending.get(targetId) ?? []), ...replies]);
    merged.minId = minOrNull(merged.minId, incoming.minId);
    merged.maxId = maxOrNull(merged.maxId, incoming.maxId);
    merged.trim();
    return merged;
  }

  /**
   * Adds the figures of another chat's part. Unlike {@link merge}, nothing is
   * followed across the two (message ids of different chats are unrelated), so
   * the result cannot be merged with further history of either chat.
   */
  combineChats(other: RepliesPart): RepliesPart {
    const combined = new RepliesPart(this.windowIds);
    combined.total = this.total + other.total;
    combined.resolved = this.resolved + other.resolved;
    for (const part of [this, other]) {
      for (const [key, pair] of part.pairs) combined.addPair(key, pair);
      for (const [key, named] of part.contextNames) combined.adoptContextName(key, named);
    }
    return combined;
  }

  /** Ids of the messages before this part that its waiting replies answer. */
  pendingTargetIds(): number[] {
    return [...this.pending.keys()];
  }

  /** Ids of the messages the index remembers (with sender and time), for replies in a later part. */
  indexedIds(): number[] {
    return this.index.sortedIds();
  }

  /**
   * This part with an index of only the messages `keep` accepts (a copy, or
   * this part when all are kept): what may be stored once no later reply can
   * need the others. Figures, and merges with parts whose replies answer only
   * kept ids, are unchanged.
   */
  withIndexOnly(keep: (id: number) => boolean): RepliesPart {
    if (this.index.sortedIds().every(keep)) return this;
    const copy = RepliesPart.fromJSON(this.toJSON());
    copy.index.deleteWhere((id) => !keep(id));
    return copy;
  }

  /** Reply pairs with at least one reply, most replies first. */
  topPairs(limit: number): ReplyPairStats[] {
    const pairs: ReplyPairStats[] = [];
    for (const [key, pair] of this.pairs) {
      const [from = "", to = ""] = key.split("\u0000");
      pairs.push({
        from,
        to,
        count: pair.count,
        medianDelaySeconds: medianDelaySeconds(pair.delays) ?? 0,
      });
    }
    pairs.sort(
      (a, b) => b.count - a.count || compareText(a.from, b.from) || compareText(a.to, b.to),
    );
    return pairs.slice(0, limit);
  }

  /** Replies from `from` to `to` whose original was found (0 for none). */
  pairCount(from: string, to: string): number {
    return this.pairs.get(pairKey(from, to))?.count ?? 0;
  }

  /** Each sender's replies to others (self-replies excluded) and their median delay over all of them. */
  responders(): Map<string, { count: number; medianDelaySeconds: number }> {
    const bySender = new Map<string, PairAggregate>();
    for (const [key, pair] of this.pairs) {
      const from = key.slice(0, key.indexOf("\u0000"));
      const known = bySender.get(from);
      bySender.set(
        from,
        known === undefined
          ? pair
          : { count: known.count + pair.count, delays: mergeHistograms(known.delays, pair.delays) },
      );
    }
    const responders = new Map<string, { count: number; medianDelaySeconds: number }>();
    for (const [from, { count, delays }] of bySender)
      responders.set(from, { count, medianDelaySeconds: medianDelaySeconds(delays) ?? 0 });
    return responders;
  }

  /** Replies each sender received from others (self-replies excluded). */
  receivedBySender(): Map<string, number> {
    const received = new Map<string, number>();
    for (const [key, pair] of this.pairs) {
      const to = key.slice(key.indexOf("\u0000") + 1);
      received.set(to, (received.get(to) ?? 0) + pair.count);
    }
    return received;
  }

  toJSON(): RepliesJson {
    this.trim();
    const json: RepliesJson = {
      windowIds: this.windowIds,
      total: this.total,
      resolved: this.resolved,
      minId: this.minId,
      maxId: this.maxId,
      index: this.index.slotsById().map((slot): RepliesJson["index"][number] => {
        const { index } = this;
        const [id, senderKey, dateUnix] = [
          index.idAt(slot),
          index.text(slot),
          index.number(slot, DATE),
        ];
        return index.number(slot, FOCUS) === 1
          ? [id, senderKey, dateUnix]
          : [id, senderKey, dateUnix, 0];
      }),
      pending: [...this.pending]
        .flatMap(([targetId, replies]) =>
          replies.map((r): RepliesJson["pending"][number] =>
            r.focus
              ? [targetId, r.replyId, r.fromKey, r.dateUnix]
              : [targetId, r.replyId, r.fromKey, r.dateUnix, 0],
          ),
        )
        .sort((a, b) => a[1] - b[1]),
      pairs: [...this.pairs]
        .map(([key, pair]): [string, string, number, [number, number][]] => {
          const [from = "", to = ""] = key.split("\u0000");
          return [from, to, pair.count, [...pair.delays].sort((a, b) => a[0] - b[0])];
        })
        .sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1])),
    };
    if (this.contextNames.size > 0)
      json.contextNames = [...this.contextNames]
        .map(([key, n]): [string, string | null, number] => [key, n.name, n.dateUnix])
        .sort((a, b) => compareText(a[0], b[0]));
    return json;
  }

  static fromJSON(json: RepliesJson): RepliesPart {
    const part = new RepliesPart(json.windowIds);
    part.total = json.total;
    part.resolved = json.resolved;
    part.minId = json.minId;
    part.maxId = json.maxId;
    for (const [id, senderKey, dateUnix, mark] of json.index)
      part.setIndexed(id, senderKey, dateUnix, mark === undefined);
    for (const [targetId, replyId, fromKey, dateUnix, mark] of json.pending)
      part.pending.set(targetId, [
        ...(part.pending.get(targetId) ?? []),
        { replyId, fromKey, dateUnix, focus: mark === undefined },
      ]);
    for (const [from, to, count, delays] of json.pairs)
      part.pairs.set(pairKey(from, to), { count, delays: new Map(delays) });
    for (const [key, name, dateUnix] of json.contextNames ?? [])
      part.contextNames.set(key, { name, dateUnix });
    return part;
  }

  private followReply(
    targetId: number,
    replyId: number,
    fromKey: string,
    dateUnix: number,
    focus: boolean,
  ): void {
    if (targetId >= replyId || replyId - targetId > this.windowIds) return;
    const index = this.index;
    const slot = index.find(targetId);
    if (slot >= 0) {
      this.pairReply(
        focus,
        fromKey,
        dateUnix,
        index.text(slot),
        index.number(slot, DATE),
        index.number(slot, FOCUS) === 1,
      );
      return;
    }
    const reply: PendingReply = { replyId, fromKey, dateUnix, focus };
    const waiting = this.pending.get(targetId);
    if (waiting === undefined) this.pending.set(targetId, [reply]);
    else waiting.push(reply);
  }

  private resolve(reply: PendingReply, toKey: string, dateUnix: number, focus: boolean): void {
    this.pairReply(reply.focus, reply.fromKey, reply.dateUnix, toKey, dateUnix, focus);
  }

  /** Counts a reply (from `fromKey` at `replyDateUnix`) whose original (by `toKey`) was found. */
  private pairReply(
    replyFocus: boolean,
    fromKey: string,
    replyDateUnix: number,
    toKey: string,
    dateUnix: number,
    focus: boolean,
  ): void {
    if (replyFocus) this.resolved++;
    if (fromKey === toKey || !(replyFocus || focus)) return;
    let byTo = this.pairsByFrom.get(fromKey);
    if (byTo === undefined)
      this.pairsByFrom.set(fromKey, (byTo = new Map<string, PairAggregate>()));
    let pair = byTo.get(toKey);
    if (pair === undefined) {
      const key = pairKey(fromKey, toKey);
      pair = this.pairs.get(key);
      if (pair === undefined) {
        pair = { count: 0, delays: new Map() };
        this.pairs.set(key, pair);
      }
      byTo.set(toKey, pair);
    }
    // In place: this runs once per reply, so no histogram copies here.
    pair.count++;
    addDelay(pair.delays, replyDateUnix - dateUnix);
  }

  private adoptContextName(key: string, named: ContextName): void {
    const known = this.contextNames.get(key);
    if (known === undefined || named.dateUnix >= known.dateUnix) this.contextNames.set(key, named);
  }

  private addPair(key: string, pair: PairAggregate): void {
    const existing = this.pairs.get(key);
    if (existing === undefined)
      this.pairs.set(key, { count: pair.count, delays: new Map(pair.delays) });
    else {
      existing.count += pair.count;
      existing.delays = mergeHistograms(existing.delays, pair.delays);
    }
  }

  /** Resolves this part's pending replies whose originals are in `other`'s index. */
  private resolvePendingFrom(other: RepliesPart): void {
    const index = other.index;
    for (const [targetId, replies] of this.pending) {
      const slot = index.find(targetId);
      if (slot < 0) continue;
      this.pending.delete(targetId);
      const [toKey, dateUnix] = [index.text(slot), index.number(slot, DATE)];
      const focus = index.number(slot, FOCUS) === 1;
      for (const reply of replies) this.resolve(reply, toKey, dateUnix, focus);
    }
  }

  /**
   * Brings the part to its canonical form: the index keeps the newest
   * `windowIds` ids; replies whose original lies inside this part's range but
   * was never seen (deleted) stop waiting.
   */
  private trim(): void {
    this.addsSinceTrim = 0;
    if (this.minId === null || this.maxId === null) return;
    const oldestKept = this.maxId - this.windowIds;
    this.index.deleteWhere((id) => id <= oldestKept);
    for (const targetId of this.pending.keys())
      if (targetId >= this.minId) this.pending.delete(targetId);
  }
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}
