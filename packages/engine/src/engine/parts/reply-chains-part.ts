import { IdTable } from "../id-table.js";
import type { MessageFacts } from "../message-facts.js";
import { DEFAULT_REPLY_WINDOW_IDS } from "./replies-part.js";

/*
 * Where a message stands in its reply chain, the index's two number columns:
 * DEPTH replies below the chain's top. With TOP = NO_TOP the top is known
 * (depth is final); otherwise the chain's first reply answers message TOP,
 * before this part, and the depth counts from it (that first reply has depth 1).
 */
const DEPTH = 0;
const TOP = 1;
/** The TOP of a chain whose top is known (null in JSON). */
const NO_TOP = Number.NaN;

/** Serialised {@link ReplyChainsPart}. */
export interface ReplyChainsJson {
  windowIds: number;
  longest: number;
  minId: number | null;
  maxId: number | null;
  /** [id, depth, top id or null] of the newest `windowIds` ids. */
  index: [number, number, number | null][];
  /** [target id before this part, deepest depth below it]. */
  pending: [number, number][];
}

/**
 * The longest reply chain: the most replies in a row, each answering the one
 * before (a message that answers a reply to a question is 2 deep). A reply is
 * followed like in {@link RepliesPart}: to an original at most `windowIds` ids
 * back that is in the folded history; a reply whose original is not starts a
 * chain of its own. Self-replies count.
 *
 * Memory is bounded like the replies part's: the newest `windowIds` ids with
 * their depth, and per message before the part that its chains answer, the
 * deepest of them. Merging parts of disjoint id ranges is exact, and a history
 * may be folded oldest-first or newest-first.
 */
export class ReplyChainsPart {
  private longestDepth = 0;
  private minId: number | null = null;
  private maxId: number | null = null;
  /** Id → depth and top of the newest messages. */
  private index = new IdTable(2);
  /** Target id → deepest depth below it, for chains whose top is not folded yet. */
  private pending = new Map<number, number>();
  /** Target id → ids in the index whose chain top it is. */
  private members = new Map<number, Set<number>>();
  private addsSinceTrim = 0;

  constructor(readonly windowIds = DEFAULT_REPLY_WINDOW_IDS) {}

  /**
   * The most replies in one chain (0 without any reply whose original was
   * found). Chains still waiting for an original before the history start
   * below it, like any reply whose original is not in the history.
   */
  get longest(): number {
    this.trim();
    let longest = this.longestDepth;
    for (const below of this.pending.values()) longest = Math.max(longest, below - 1);
    return longest;
  }

  /** Folds one regular message in. */
  add({ message, senderKey }: MessageFacts): void {
    if (senderKey === null) return;
    const id = message.id;
    this.minId = this.minId === null ? id : Math.min(this.minId, id);
    this.maxId = this.maxId === null ? id : Math.max(this.maxId, id);
    const target = message.replyToId;
    let depth = 0;
    let top = NO_TOP;
    if (target !== null && target < id && id - target <= this.windowIds) {
      const slot = this.index.find(target);
      // An original not folded (yet) waits: it may come later (newest-first), be
      // before this part, or be missing, which trim() settles.
      if (slot < 0) [depth, top] = [1, target];
      else [depth, top] = [this.index.number(slot, DEPTH) + 1, this.index.number(slot, TOP)];
    }
    this.place(id, depth, top);
    if (this.pending.size > 0) {
      const below = this.pending.get(id);
      if (below !== undefined)
        this.resolve(id, below, this.members.get(id), this.index, depth, top);
    }
    if (++this.addsSinceTrim >= this.windowIds) this.trim();
  }

  /** Both parts as one history; exact when their id ranges do not overlap. */
  merge(other: ReplyChainsPart): ReplyChainsPart {
    if (other.windowIds !== this.windowIds)
      throw new Error(
        `Cannot merge reply chain parts with windows of ${this.windowIds} and ${other.windowIds} ids; build both with the same window.`,
      );
    const [older, newer] =
      this.minId === null || (other.minId !== null && other.minId < this.minId)
        ? [other, this]
        : [this, other];
    const merged = ReplyChainsPart.fromJSON(older.toJSON());
    const incoming = ReplyChainsPart.fromJSON(newer.toJSON());
    merged.longestDepth = Math.max(merged.longestDepth, incoming.longestDepth);
    for (const [target, below] of incoming.pending) {
      const slot = merged.index.find(target);
      const members = incoming.members.get(target);
      if (slot >= 0) {
        const [depth, top] = [merged.index.number(slot, DEPTH), merged.index.number(slot, TOP)];
        merged.resolve(target, below, members, incoming.index, depth, top);
      } else if (merged.minId !== null && target >= merged.minId)
        // Inside the older part's range but not folded there: the chain starts below it.
        merged.resolve(target, below, members, incoming.index, -1, NO_TOP);
      else {
        merged.pending.set(target, Math.max(merged.pending.get(target) ?? 0, below));
        incoming.pending.delete(target);
      }
    }
    const from = incoming.index;
    for (const slot of from.slotsById())
      merged.place(from.idAt(slot), from.number(slot, DEPTH), from.number(slot, TOP));
    merged.minId = merged.minId ?? incoming.minId;
    merged.maxId = incoming.maxId ?? merged.maxId;
    merged.trim();
    return merged;
  }

  /** Ids of the messages before this part that its waiting chains answer. */
  pendingTargetIds(): number[] {
    this.trim();
    return [...this.pending.keys()];
  }

  /** Ids the index remembers, for replies in a later part. */
  indexedIds(): number[] {
    return this.index.sortedIds();
  }

  /**
   * This part with an index of only the messages `keep` accepts (a copy, or
   * this part when all are kept), like {@link RepliesPart.withIndexOnly}.
   */
  withIndexOnly(keep: (id: number) => boolean): ReplyChainsPart {
    if (this.index.sortedIds().every(keep)) return this;
    const copy = ReplyChainsPart.fromJSON(this.toJSON());
    copy.dropIndexed((id) => !keep(id));
    return copy;
  }

  /** Another chat's figure beside this one's: no chain runs across chats, and the result takes no more history. */
  combineChats(other: ReplyChainsPart): ReplyChainsPart {
    const combined = new ReplyChainsPart(this.windowIds);
    combined.longestDepth = Math.max(this.longest, other.longest);
    return combined;
  }

  toJSON(): ReplyChainsJson {
    this.trim();
    return {
      windowIds: this.windowIds,
      longest: this.longestDepth,
      minId: this.minId,
      maxId: this.maxId,
      index: this.index.slotsById().map((slot): [number, number, number | null] => {
        const top = this.index.number(slot, TOP);
        return [this.index.idAt(slot), this.index.number(slot, DEPTH), top === top ? top : null];
      }),
      pending: [...this.pending].sort((a, b) => a[0] - b[0]),
    };
  }

  static fromJSON(json: ReplyChainsJson): ReplyChainsPart {
    const part = new ReplyChainsPart(json.windowIds);
    part.longestDepth = json.longest;
    part.minId = json.minId;
    part.maxId = json.maxId;
    for (const [target, below] of json.pending) part.pending.set(target, below);
    for (const [id, depth, top] of json.index) part.place(id, depth, top ?? NO_TOP);
    return part;
  }

  /** Puts an entry in the index, counting a final depth or the deepest below its top. */
  private place(id: number, depth: number, top: number): void {
    const slot = this.index.put(id);
    this.index.setNumber(slot, DEPTH, depth);
    this.index.setNumber(slot, TOP, top);
    if (top !== top) {
      this.longestDepth = Math.max(this.longestDepth, depth);
      return;
    }
    this.pending.set(top, Math.max(this.pending.get(top) ?? 0, depth));
    let members = this.members.get(top);
    if (members === undefined) this.members.set(top, (members = new Set()));
    members.add(id);
  }

  /** Drops the index entries `drop` accepts, and them from the members of their top. */
  private dropIndexed(drop: (id: number) => boolean): void {
    const index = this.index;
    index.deleteWhere((id, slot) => {
      if (!drop(id)) return false;
      const top = index.number(slot, TOP);
      if (top === top) this.members.get(top)?.delete(id);
      return true;
    });
  }

  /**
   * The chains below `target` (deepest `below`, index entries `members` of
   * `from`) now hang from the original at `depth` under `top`: their depths
   * add up, and their top becomes the original's.
   */
  private resolve(
    target: number,
    below: number,
    members: Set<number> | undefined,
    from: IdTable,
    depth: number,
    top: number,
  ): void {
    if (from === this.index) this.members.delete(target);
    this.pending.delete(target);
    const deepest = depth + below;
    if (top !== top) this.longestDepth = Math.max(this.longestDepth, deepest);
    else this.pending.set(top, Math.max(this.pending.get(top) ?? 0, deepest));
    for (const id of members ?? []) {
      const slot = from.find(id);
      if (slot < 0) continue;
      const moved = depth + from.number(slot, DEPTH);
      if (from === this.index) this.place(id, moved, top);
      else {
        from.setNumber(slot, DEPTH, moved);
        from.setNumber(slot, TOP, top);
      }
    }
  }

  /**
   * Canonical form: the index keeps the newest `windowIds` ids; chains whose
   * top lies inside this part's range but was never folded start below it.
   */
  private trim(): void {
    this.addsSinceTrim = 0;
    if (this.minId === null || this.maxId === null) return;
    for (const target of [...this.pending.keys()])
      if (target >= this.minId)
        this.resolve(
          target,
          this.pending.get(target) ?? 0,
          this.members.get(target),
          this.index,
          -1,
          NO_TOP,
        );
    const oldestKept = this.maxId - this.windowIds;
    this.dropIndexed((id) => id <= oldestKept);
  }
}
