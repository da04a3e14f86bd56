import { compareText, increment, mergeCounts } from "../count-map.js";
import {
  compareMarks,
  markFromJson,
  markToJson,
  type MessageMark,
  type MessageMarkJson,
} from "../message-mark.js";
import type { MessageFacts } from "../message-facts.js";

/** A question is answered when another sender writes within this long after it. */
export const ANSWER_WINDOW_SECONDS = 3 * 60 * 60;
/** A question's text ends with one of these (after trimming): ASCII, full-width and Arabic. */
const QUESTION_MARKS = new Set(["?", "\uFF1F", "\u061F"]);
/** What `String.prototype.trimEnd` removes. */
const TRAILING_SPACE = /\s/;

interface OpenQuestion extends MessageMark {
  /** Local hour the question was asked, 0–23. */
  hour: number;
}

interface Ends {
  first: MessageMark;
  last: MessageMark;
  /** The earliest message whose sender is not `first`'s; null when there is none. */
  firstOther: MessageMark | null;
}

/** Serialised {@link QuestionsPart}. */
export interface QuestionsJson {
  /** Settled questions per local hour of asking (24 entries). */
  asked: number[];
  answered: number[];
  /** [sender key, questions they answered]. */
  answerers: [string, number][];
  outOfOrder: number;
  /** [id, date, sender key, hour] of questions whose 3 hours reach past the span. */
  open: [number, number, string, number][];
  ends: {
    first: MessageMarkJson;
    last: MessageMarkJson;
    firstOther: MessageMarkJson | null;
  } | null;
}

/** The question figures of a history. */
export interface QuestionStats {
  /** Questions whose window closed inside the history, by local hour of asking. */
  askedByHour: number[];
  answeredByHour: number[];
  answerers: Map<string, number>;
  /** Questions asked less than the window before the last message: not settled yet. */
  open: number;
  outOfOrder: number;
}

/**
 * Questions and whether someone answers them. A question is a regular
 * message whose text (or caption), trimmed, ends with "?" (or "？", "؟"). It
 * is answered when a message from another sender follows within
 * {@link ANSWER_WINDOW_SECONDS} (a reply or not: the asker's own messages do not
 * count); that message's sender answered it. Only counts are kept, never text.
 *
 * Like {@link ConversationsPart} it folds messages at either end of its span
 * (date, then id) and merges spans that do not overlap exactly: it keeps the
 * first two senders of its span for earlier questions, and the questions of
 * its last 3 hours for later messages.
 */
export class QuestionsPart {
  private asked = new Array<number>(24).fill(0);
  private answered = new Array<number>(24).fill(0);
  private answerers = new Map<string, number>();
  private outOfOrder = 0;
  /** Sorted by history order. */
  private open: OpenQuestion[] = [];
  private ends: Ends | null = null;

  /** Folds a regular message of the report in: it may ask or answer. */
  add(facts: MessageFacts): void {
    this.fold(facts, true);
  }

  /** Folds in a message outside the report's sender filter: it may answer, but asks nothing. */
  addContext(facts: MessageFacts): void {
    this.fold(facts, false);
  }

  /** Both parts as one history, the one whose span starts earlier first. */
  merge(other: QuestionsPart): QuestionsPart {
    const merged = this.countsPlus(other);
    const [a, b] =
      this.ends === null ||
      other.ends === null ||
      compareMarks(this.ends.first, other.ends.first) <= 0
        ? [this, other]
        : [other, this];
    if (a.ends === null || b.ends === null) {
      const only = a.ends === null ? b : a;
      merged.ends = only.ends === null ? null : { ...only.ends };
      merged.open = [...only.open];
      return merged;
    }
    const bEnds = b.ends;
    for (const question of a.open) {
      const answer = bEnds.first.senderKey !== question.senderKey ? bEnds.first : bEnds.firstOther;
      if (answer !== null) merged.settle(question, answer);
      else if (bEnds.last.dateUnix - question.dateUnix > ANSWER_WINDOW_SECONDS)
        merged.settle(question, null);
      else merged.open.push(question);
    }
    merged.open.push(...b.open);
    const firstOther =
      a.ends.firstOther ??
      (bEnds.first.senderKey !== a.ends.first.senderKey ? bEnds.first : bEnds.firstOther);
    merged.ends = { first: a.ends.first, last: bEnds.last, firstOther };
    return merged;
  }

  /** Adds another chat's figures: its open questions stay open (the result takes no more history). */
  combineChats(other: QuestionsPart): QuestionsPart {
    const combined = this.countsPlus(other);
    combined.open = [...this.open, ...other.open];
    return combined;
  }

  /** The figures; questions still open at the end are counted apart. */
  stats(): QuestionStats {
    return {
      askedByHour: [...this.asked],
      answeredByHour: [...this.answered],
      answerers: new Map(this.answerers),
      open: this.open.length,
      outOfOrder: this.outOfOrder,
    };
  }

  toJSON(): QuestionsJson {
    const ends = this.ends;
    return {
      asked: [...this.asked],
      answered: [...this.answered],
      answerers: [...this.answerers].sort((x, y) => compareText(x[0], y[0])),
      outOfOrder: this.outOfOrder,
      open: this.open.map((q) => [q.id, q.dateUnix, q.senderKey, q.hour]),
      ends:
        ends === null
          ? null
          : {
              first: markToJson(ends.first),
              last: markToJson(ends.last),
              firstOther: ends.firstOther === null ? null : markToJson(ends.firstOther),
            },
    };
  }

  static fromJSON(json: QuestionsJson): QuestionsPart {
    const part = new QuestionsPart();
    part.asked = [...json.asked];
    part.answered = [...json.answered];
    part.answerers = new Map(json.answerers);
    part.outOfOrder = json.outOfOrder;
    part.open = json.open.map(([id, dateUnix, senderKey, hour]) => ({
      id,
      dateUnix,
      senderKey,
      hour,
    }));
    const ends = json.ends;
    if (ends !== null)
      part.ends = {
        first: markFromJson(ends.first),
        last: markFromJson(ends.last),
        firstOther: ends.firstOther === null ? null : markFromJson(ends.firstOther),
      };
    return part;
  }

  private fold({ message, senderKey, local }: MessageFacts, focus: boolean): void {
    if (senderKey === null) return;
    const mark: MessageMark = { id: message.id, dateUnix: message.dateUnix, senderKey };
    const question: OpenQuestion | null =
      focus && isQuestion(message.text) ? { ...mark, hour: local.hour } : null;
    const ends = this.ends;
    if (ends === null) {
      this.ends = { first: mark, last: mark, firstOther: null };
      if (question !== null) this.open.push(question);
    } else if (compareMarks(mark, ends.last) > 0) this.append(ends, mark, question);
    else if (compareMarks(mark, ends.first) < 0) this.prepend(ends, mark, question);
    else if (focus) this.outOfOrder++;
  }

  private append(ends: Ends, mark: MessageMark, question: OpenQuestion | null): void {
    // In place: this runs for every message, and most have no question open.
    const open = this.open;
    let kept = 0;
    for (const waiting of open) {
      if (mark.dateUnix - waiting.dateUnix > ANSWER_WINDOW_SECONDS) this.settle(waiting, null);
      else if (mark.senderKey !== waiting.senderKey) this.settle(waiting, mark);
      else open[kept++] = waiting;
    }
    open.length = kept;
    if (question !== null) open.push(question);
    if (ends.firstOther === null && mark.senderKey !== ends.first.senderKey) ends.firstOther = mark;
    ends.last = mark;
  }

  private prepend(ends: Ends, mark: MessageMark, question: OpenQuestion | null): void {
    if (question !== null) {
      const answer = ends.first.senderKey !== mark.senderKey ? ends.first : ends.firstOther;
      if (answer !== null) this.settle(question, answer);
      else if (ends.last.dateUnix - question.dateUnix > ANSWER_WINDOW_SECONDS)
        this.settle(question, null);
      else this.open.unshift(question);
    }
    if (ends.first.senderKey !== mark.senderKey) ends.firstOther = ends.first;
    ends.first = mark;
  }

  /** Counts a question as answered by `next`'s sender when `next` came within the window. */
  private settle(question: OpenQuestion, next: MessageMark | null): void {
    const hour = question.hour;
    this.asked[hour] = (this.asked[hour] ?? 0) + 1;
    if (next === null || next.dateUnix - question.dateUnix > ANSWER_WINDOW_SECONDS) return;
    this.answered[hour] = (this.answered[hour] ?? 0) + 1;
    increment(this.answerers, next.senderKey);
  }

  /** A part without ends holding both parts' settled counts. */
  private countsPlus(other: QuestionsPart): QuestionsPart {
    const sum = new QuestionsPart();
    sum.asked = this.asked.map((count, hour) => count + (other.asked[hour] ?? 0));
    sum.answered = this.answered.map((count, hour) => count + (other.answered[hour] ?? 0));
    sum.answerers = mergeCounts(this.answerers, other.answerers);
    sum.outOfOrder = this.outOfOrder + other.outOfOrder;
    return sum;
  }
}

/** True for text that, trimmed, ends with a question mark. */
export function isQuestion(text: string): boolean {
  // Without trimEnd's copy: this runs for every message.
  let end = text.length;
  while (end > 0 && TRAILING_SPACE.test(text.charAt(end - 1))) end--;
  return end > 0 && QUESTION_MARKS.has(text.charAt(end - 1));
}
