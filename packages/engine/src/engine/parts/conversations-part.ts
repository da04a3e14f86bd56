import { compareText, increment, mergeCounts } from "../count-map.js";
import {
  addDelay,
  mergeHistograms,
  medianDelaySeconds,
  type DelayHistogram,
} from "../delay-histogram.js";
import {
  compareMarks,
  lowerMedian,
  markFromJson,
  markToJson,
  type MessageMark,
  type MessageMarkJson,
} from "../message-mark.js";
import type { MessageFacts } from "../message-facts.js";

/** A pause of at least this long between two consecutive messages ends a conversation. */
export const DEFAULT_CONVERSATION_GAP_SECONDS = 30 * 60;
/** A pause of at least this long is a silence: someone revives the chat after it. */
export const SILENCE_SECONDS = 24 * 60 * 60;

/** The conversation holding the first message of a span (it may go on before the span). */
interface Head {
  messages: number;
  endDateUnix: number;
}

/** The conversation holding the last message of a span, when it is not the head. */
interface Tail {
  messages: number;
  startDateUnix: number;
  starterKey: string;
}

interface Span {
  first: MessageMark;
  last: MessageMark;
  head: Head;
  /** Null while the whole span is one conversation (the head). */
  tail: Tail | null;
}

/** Serialised {@link ConversationsPart}. */
export interface ConversationsJson {
  gapSeconds: number;
  /** [messages, conversations] of the conversations wholly inside the span. */
  lengths: [number, number][];
  /** [delay bucket, conversations] of their durations (see delay-histogram.ts). */
  durations: [number, number][];
  starters: [string, number][];
  revivers: [string, number][];
  lastWords: [string, number][];
  outOfOrder: number;
  /** The ends of the folded span; null when nothing was folded (or after combining chats). */
  span: {
    first: MessageMarkJson;
    last: MessageMarkJson;
    /** [messages, end date]. */
    head: [number, number];
    /** [messages, start date, starter key]; null when the span is one conversation. */
    tail: [number, number, string] | null;
  } | null;
}

/** The conversation figures of a history, with the open ends counted in. */
export interface ConversationStats {
  count: number;
  medianMessages: number | null;
  medianDurationSeconds: number | null;
  starters: Map<string, number>;
  revivers: Map<string, number>;
  lastWords: Map<string, number>;
  outOfOrder: number;
}

/**
 * Conversations: runs of messages split wherever two consecutive messages
 * (by date, then id) are `gapSeconds` or more apart. Who starts them, who
 * revives the chat after a silence of a day and who had the last word before it.
 *
 * Holds the conversations wholly inside the folded span as counts, and the
 * first and last messages with the conversations at both ends, which a merge
 * joins exactly when the parts' spans do not overlap. A message is folded at
 * either end of the span, so a history may come oldest-first or newest-first
 * (or both ends at once); one inside the span (a date out of id order) is left
 * out and counted in `outOfOrder`.
 */
export class ConversationsPart {
  private lengths = new Map<number, number>();
  private durations: DelayHistogram = new Map();
  private starters = new Map<string, number>();
  private revivers = new Map<string, number>();
  private lastWords = new Map<string, number>();
  private outOfOrder = 0;
  private span: Span | null = null;

  constructor(readonly gapSeconds = DEFAULT_CONVERSATION_GAP_SECONDS) {}

  /** Folds one regular message in, at either end of the span. */
  add({ message, senderKey }: MessageFacts): void {
    if (senderKey === null) return;
    const mark: MessageMark = { id: message.id, dateUnix: message.dateUnix, senderKey };
    const span = this.span;
    if (span === null) {
      const head = { messages: 1, endDateUnix: mark.dateUnix };
      this.span = { first: mark, last: mark, head, tail: null };
    } else if (compareMarks(mark, span.last) > 0) this.append(span, mark);
    else if (compareMarks(mark, span.first) < 0) this.prepend(span, mark);
    else this.outOfOrder++;
  }

  /**
   * Both parts as one history: the earlier span (by its first message) goes
   * first, and the conversation at the cut is joined when the pause there is
   * shorter than the gap. Exact for spans that do not overlap.
   */
  merge(other: ConversationsPart): ConversationsPart {
    if (other.gapSeconds !== this.gapSeconds)
      throw new Error(
        `Cannot merge conversation parts with gaps of ${this.gapSeconds} and ${other.gapSeconds} s; build both with the same gap.`,
      );
    const merged = this.countsPlus(other);
    const [a, b] =
      this.span === null ||
      other.span === null ||
      compareMarks(this.span.first, other.span.first) <= 0
        ? [this.span, other.span]
        : [other.span, this.span];
    merged.span = a === null ? copySpan(b) : b === null ? copySpan(a) : merged.join(a, b);
    return merged;
  }

  /**
   * Adds the figures of another chat's part: no conversation runs from one
   * chat into the other, so both are closed and the result has no span (it
   * cannot be merged with more history).
   */
  combineChats(other: ConversationsPart): ConversationsPart {
    const combined = this.countsPlus(other);
    for (const part of [this, other]) if (part.span !== null) combined.closeEnds(part.span);
    return combined;
  }

  /** The figures, the conversations at both ends of the span included. */
  stats(): ConversationStats {
    const closed = this.countsPlus(new ConversationsPart(this.gapSeconds));
    if (this.span !== null) closed.closeEnds(this.span);
    let count = 0;
    for (const conversations of closed.lengths.values()) count += conversations;
    return {
      count,
      medianMessages: lowerMedian(closed.lengths),
      medianDurationSeconds: medianDelaySeconds(closed.durations),
      starters: closed.starters,
      revivers: closed.revivers,
      lastWords: closed.lastWords,
      outOfOrder: closed.outOfOrder,
    };
  }

  toJSON(): ConversationsJson {
    const span = this.span;
    return {
      gapSeconds: this.gapSeconds,
      lengths: sortedNumbers(this.lengths),
      durations: sortedNumbers(this.durations),
      starters: sortedKeys(this.starters),
      revivers: sortedKeys(this.revivers),
      lastWords: sortedKeys(this.lastWords),
      outOfOrder: this.outOfOrder,
      span:
        span === null
          ? null
          : {
              first: markToJson(span.first),
              last: markToJson(span.last),
              head: [span.head.messages, span.head.endDateUnix],
              tail:
                span.tail === null
                  ? null
                  : [span.tail.messages, span.tail.startDateUnix, span.tail.starterKey],
            },
    };
  }

  static fromJSON(json: ConversationsJson): ConversationsPart {
    const part = new ConversationsPart(json.gapSeconds);
    part.lengths = new Map(json.lengths);
    part.durations = new Map(json.durations);
    part.starters = new Map(json.starters);
    part.revivers = new Map(json.revivers);
    part.lastWords = new Map(json.lastWords);
    part.outOfOrder = json.outOfOrder;
    const span = json.span;
    if (span !== null) {
      const [messages, endDateUnix] = span.head;
      part.span = {
        first: markFromJson(span.first),
        last: markFromJson(span.last),
        head: { messages, endDateUnix },
        tail:
          span.tail === null
            ? null
            : { messages: span.tail[0], startDateUnix: span.tail[1], starterKey: span.tail[2] },
      };
    }
    return part;
  }

  private append(span: Span, mark: MessageMark): void {
    this.countSilence(span.last, mark);
    if (mark.dateUnix - span.last.dateUnix < this.gapSeconds) {
      if (span.tail === null) {
        span.head.messages++;
        span.head.endDateUnix = mark.dateUnix;
      } else span.tail.messages++;
    } else {
      if (span.tail !== null)
        this.close(
          span.tail.messages,
          span.last.dateUnix - span.tail.startDateUnix,
          span.tail.starterKey,
        );
      span.tail = { messages: 1, startDateUnix: mark.dateUnix, starterKey: mark.senderKey };
    }
    span.last = mark;
  }

  private prepend(span: Span, mark: MessageMark): void {
    this.countSilence(mark, span.first);
    if (span.first.dateUnix - mark.dateUnix < this.gapSeconds) span.head.messages++;
    else {
      const head = span.head;
      if (span.tail === null)
        span.tail = {
          messages: head.messages,
          startDateUnix: span.first.dateUnix,
          starterKey: span.first.senderKey,
        };
      else this.close(head.messages, head.endDateUnix - span.first.dateUnix, span.first.senderKey);
      span.head = { messages: 1, endDateUnix: mark.dateUnix };
    }
    span.first = mark;
  }

  /** `a` then `b`, with the conversations at the cut joined or closed. */
  private join(a: Span, b: Span): Span {
    this.countSilence(a.last, b.first);
    const head = { ...a.head };
    if (b.first.dateUnix - a.last.dateUnix < this.gapSeconds) {
      const messages = (a.tail ?? a.head).messages + b.head.messages;
      if (a.tail === null) {
        const joined = { messages, endDateUnix: b.head.endDateUnix };
        return { first: a.first, last: b.last, head: joined, tail: b.tail && { ...b.tail } };
      }
      if (b.tail === null)
        return { first: a.first, last: b.last, head, tail: { ...a.tail, messages } };
      this.close(messages, b.head.endDateUnix - a.tail.startDateUnix, a.tail.starterKey);
      return { first: a.first, last: b.last, head, tail: { ...b.tail } };
    }
    if (a.tail !== null)
      this.close(a.tail.messages, a.last.dateUnix - a.tail.startDateUnix, a.tail.starterKey);
    if (b.tail !== null)
      this.close(b.head.messages, b.head.endDateUnix - b.first.dateUnix, b.first.senderKey);
    const tail = b.tail ?? {
      messages: b.head.messages,
      startDateUnix: b.first.dateUnix,
      starterKey: b.first.senderKey,
    };
    return { first: a.first, last: b.last, head, tail: { ...tail } };
  }

  /** Counts the conversations at both ends of `span` as closed. */
  private closeEnds(span: Span): void {
    const { head, tail, first, last } = span;
    this.close(head.messages, head.endDateUnix - first.dateUnix, first.senderKey);
    if (tail !== null)
      this.close(tail.messages, last.dateUnix - tail.startDateUnix, tail.starterKey);
  }

  private close(messages: number, durationSeconds: number, starterKey: string): void {
    this.lengths.set(messages, (this.lengths.get(messages) ?? 0) + 1);
    addDelay(this.durations, durationSeconds);
    increment(this.starters, starterKey);
  }

  private countSilence(before: MessageMark, after: MessageMark): void {
    if (after.dateUnix - before.dateUnix < SILENCE_SECONDS) return;
    increment(this.revivers, after.senderKey);
    increment(this.lastWords, before.senderKey);
  }

  /** A part without a span holding both parts' counts. */
  private countsPlus(other: ConversationsPart): ConversationsPart {
    const sum = new ConversationsPart(this.gapSeconds);
    // Lengths are counted like delays: value → count.
    sum.lengths = mergeHistograms(this.lengths, other.lengths);
    sum.durations = mergeHistograms(this.durations, other.durations);
    sum.starters = mergeCounts(this.starters, other.starters);
    sum.revivers = mergeCounts(this.revivers, other.revivers);
    sum.lastWords = mergeCounts(this.lastWords, other.lastWords);
    sum.outOfOrder = this.outOfOrder + other.outOfOrder;
    return sum;
  }
}

function copySpan(span: Span | null): Span | null {
  if (span === null) return null;
  return {
    first: span.first,
    last: span.last,
    head: { ...span.head },
    tail: span.tail && { ...span.tail },
  };
}

function sortedNumbers(map: ReadonlyMap<number, number>): [number, number][] {
  return [...map].sort((x, y) => x[0] - y[0]);
}

function sortedKeys(map: ReadonlyMap<string, number>): [string, number][] {
  return [...map].sort((x, y) => compareText(x[0], y[0]));
}
