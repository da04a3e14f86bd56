import { z } from "zod";
import {
  ReportBuilder,
  ReportState,
  ZoneClock,
  dayIndexToIso,
  reportStateJsonSchema,
  type Message,
} from "@tgstats/engine";

/** Id range of the messages of one month. */
export interface MonthIds {
  minId: number;
  maxId: number;
}

/** The id range spanning both. */
export function mergeMonthIds(a: MonthIds, b: MonthIds): MonthIds {
  return { minId: Math.min(a.minId, b.minId), maxId: Math.max(a.maxId, b.maxId) };
}

/**
 * Month buckets: local month (`YYYY-MM`) → the folded aggregates of that
 * month's messages and the ids they span (to re-read part of a month by id).
 * The one shape of the chat cache, the sync fold, split parts and checkpoints.
 */
export interface MonthBucketSet {
  months: Map<string, ReportState>;
  monthIds: Map<string, MonthIds>;
}

/** Adds one month's aggregates and ids to `into`, merging with what it holds of that month. */
export function addMonthBucket(
  into: MonthBucketSet,
  month: string,
  state: ReportState,
  ids: MonthIds,
): void {
  const before = into.months.get(month);
  into.months.set(month, before === undefined ? state : before.merge(state));
  const known = into.monthIds.get(month);
  into.monthIds.set(month, known === undefined ? { ...ids } : mergeMonthIds(known, ids));
}

const monthIdsSchema = z.object({ minId: z.number().int(), maxId: z.number().int() });

/** Stored month buckets in their at-rest form (checkpoints, split parts), as read back. */
export const monthBucketsJsonSchema = z.object({
  months: z.record(z.string(), z.object({ state: reportStateJsonSchema, ids: monthIdsSchema })),
});

/** Serialised {@link MonthBuckets}. */
export type MonthBucketsJson = z.infer<typeof monthBucketsJsonSchema>;

/**
 * Folds messages into month buckets (unfiltered aggregates per local month).
 * Buckets absorbed from elsewhere (a checkpoint, a split part) stay as
 * states; new messages go to fresh builders, merged in when read.
 */
export class MonthBuckets {
  private readonly clock: ZoneClock;
  private readonly builders = new Map<string, ReportBuilder>();
  private readonly absorbed: MonthBucketSet = { months: new Map(), monthIds: new Map() };

  constructor(readonly timeZone: string) {
    this.clock = new ZoneClock(timeZone);
  }

  /** Month → the id range of everything folded so far. */
  get ids(): Map<string, MonthIds> {
    return this.absorbed.monthIds;
  }

  /** Folds one message into its month. */
  add(message: Message): void {
    const month = dayIndexToIso(this.clock.dayIndex(message.dateUnix)).slice(0, 7);
    let builder = this.builders.get(month);
    if (builder === undefined) {
      builder = new ReportBuilder({ timeZone: this.timeZone });
      this.builders.set(month, builder);
    }
    builder.add(message);
    const known = this.ids.get(month);
    const own = { minId: message.id, maxId: message.id };
    this.ids.set(month, known === undefined ? own : mergeMonthIds(known, own));
  }

  /** Merges buckets folded elsewhere (a part of a split read, a checkpoint) into these. */
  absorb(json: MonthBucketsJson): void {
    for (const [month, { state, ids }] of Object.entries(json.months)) {
      addMonthBucket(this.absorbed, month, ReportState.fromJSON(state), ids);
    }
  }

  /** Month → everything folded so far. */
  states(): Map<string, ReportState> {
    const states = new Map(this.absorbed.months);
    for (const [month, builder] of this.builders) {
      const before = states.get(month);
      states.set(month, before === undefined ? builder.state : before.merge(builder.state));
    }
    return states;
  }

  /** Adds everything folded so far to `into` (a cached history); returns the months it touched. */
  addTo(into: MonthBucketSet): Map<string, ReportState> {
    const states = this.states();
    for (const [month, state] of states) addMonthBucket(into, month, state, this.ids.get(month)!);
    return states;
  }

  /**
   * The buckets as they may be stored (a checkpoint, a split part): each month
   * without the words and phrases of fewer than `MIN_MESSAGES_AT_REST` of its
   * messages folded so far. Restoring them continues with that cut.
   */
  toJSON(): MonthBucketsJson {
    const months: MonthBucketsJson["months"] = {};
    for (const [month, state] of this.states())
      months[month] = { state: state.forRest().toJSON(), ids: this.ids.get(month)! };
    return { months };
  }

  /** Buckets that continue from stored ones. */
  static fromJSON(timeZone: string, json: MonthBucketsJson): MonthBuckets {
    const buckets = new MonthBuckets(timeZone);
    buckets.absorb(json);
    return buckets;
  }
}
