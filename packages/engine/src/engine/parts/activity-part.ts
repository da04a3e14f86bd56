import type { MessageFacts } from "../message-facts.js";

const HOURS_PER_WEEK = 7 * 24;

/** Serialised {@link ActivityPart}. */
export interface ActivityJson {
  /** 168 counts, weekday-major (index = weekday × 24 + hour, weekday 0 = Monday). */
  punchcard: number[];
  /** [local day index, messages] pairs. */
  daily: [number, number][];
}

/** When the chat is alive: the weekday × hour punch card and messages per local day. */
export class ActivityPart {
  readonly punchcard = new Array<number>(HOURS_PER_WEEK).fill(0);
  readonly daily = new Map<number, number>();

  /** Folds one regular message in, at its local time in the report's zone. */
  add({ local }: MessageFacts): void {
    const cell = local.weekday * 24 + local.hour;
    this.punchcard[cell] = (this.punchcard[cell] ?? 0) + 1;
    this.daily.set(local.dayIndex, (this.daily.get(local.dayIndex) ?? 0) + 1);
  }

  /** A new part with both inputs' counts added. */
  merge(other: ActivityPart): ActivityPart {
    const merged = new ActivityPart();
    for (let cell = 0; cell < HOURS_PER_WEEK; cell++)
      merged.punchcard[cell] = (this.punchcard[cell] ?? 0) + (other.punchcard[cell] ?? 0);
    for (const part of [this, other])
      for (const [day, count] of part.daily)
        merged.daily.set(day, (merged.daily.get(day) ?? 0) + count);
    return merged;
  }

  toJSON(): ActivityJson {
    return { punchcard: [...this.punchcard], daily: [...this.daily].sort((a, b) => a[0] - b[0]) };
  }

  static fromJSON(json: ActivityJson): ActivityPart {
    const part = new ActivityPart();
    json.punchcard.forEach((count, cell) => (part.punchcard[cell] = count));
    for (const [day, count] of json.daily) part.daily.set(day, count);
    return part;
  }
}
