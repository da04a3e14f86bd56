import type { MonthIds } from "@tgstats/platform";
import {
  ReportBuilder,
  ReportState,
  ZoneClock,
  dayIndexToIso,
  type Message,
  type ReportStateJson,
} from "@tgstats/engine";

/** Serialised {@link MonthlyFold} in its at-rest form, for job checkpoints and split parts. */
export interface MonthlyFoldJson {
  months: Record<string, { state: ReportStateJson; ids: MonthIds }>;
}

/**
 * Folds messages into one report state per local month (unfiltered): the
 * buckets of the chat cache. Months restored from a checkpoint stay as states;
 * new messages go to fresh builders and are merged in at the end.
 */
export class MonthlyFold {
  private readonly clock: ZoneClock;
  private readonly builders = new Map<string, ReportBuilder>();
  private readonly restored = new Map<string, ReportState>();
  readonly ids = new Map<string, MonthIds>();

  constructor(readonly timeZone: string) {
    this.clock = new ZoneClock(timeZone);
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
    const ids = this.ids.get(month);
    if (ids === undefined) this.ids.set(month, { minId: message.id, maxId: message.id });
    else {
      ids.minId = Math.min(ids.minId, message.id);
      ids.maxId = Math.max(ids.maxId, message.id);
    }
  }

  /** Merges a fold made elsewhere (a part of a split read) into this one. */
  absorb(json: MonthlyFoldJson): void {
    for (const [month, { state, ids }] of Object.entries(json.months)) {
      const incoming = ReportState.fromJSON(state);
      const before = this.restored.get(month);
      this.restored.set(month, before === undefined ? incoming : before.merge(incoming));
      const known = this.ids.get(month);
      this.ids.set(
        month,
        known === undefined
          ? { ...ids }
          : { minId: Math.min(known.minId, ids.minId), maxId: Math.max(known.maxId, ids.maxId) },
      );
    }
  }

  /** Month → everything folded so far. */
  states(): Map<string, ReportState> {
    const states = new Map(this.restored);
    for (const [month, builder] of this.builders) {
      const before = states.get(month);
      states.set(month, before === undefined ? builder.state : before.merge(builder.state));
    }
    return states;
  }

  /**
   * The fold as it may be stored (a checkpoint, a split part): each month
   * without the words and phrases of fewer than `MIN_MESSAGES_AT_REST` of
   * its messages folded so far. Restoring it continues with that cut.
   */
  toJSON(): MonthlyFoldJson {
    const months: MonthlyFoldJson["months"] = {};
    for (const [month, state] of this.states())
      months[month] = { state: state.forRest().toJSON(), ids: this.ids.get(month)! };
    return { months };
  }

  /** A fold that continues from a checkpoint. */
  static fromJSON(timeZone: string, json: MonthlyFoldJson): MonthlyFold {
    const fold = new MonthlyFold(timeZone);
    fold.absorb(json);
    return fold;
  }
}
