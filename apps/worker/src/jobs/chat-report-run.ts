import {
  chatCacheScope,
  type CachedHistory,
  type ChatCache,
  type FencedWriter,
  type StatsJobData,
} from "@tgstats/platform";
import { MonthBuckets, type MonthIds } from "@tgstats/platform/month-buckets";
import {
  DaysPart,
  ReportBuilder,
  ReportState,
  ZoneClock,
  isoToDayIndex,
  mergeReportStates,
  type Message,
  type ReportStateJson,
} from "@tgstats/engine";
import type { ChatCheckpoint, PhaseCheckpoint } from "./checkpoint.js";
import type { HistoryAccount, HistoryChat } from "./history-account.js";
import { DEFAULT_CHECKPOINT_EVERY_PAGES, walkHistory } from "./history-walker.js";
import type { SplitCoordinator } from "./split/split-coordinator.js";
import type { SplitPlan } from "./split/split-plan.js";

/** Progress of the history walk, for the status message. */
export interface WalkProgress {
  fetched: number;
  total: number;
}

/** What the run needs from its job: saving checkpoints and showing progress. */
export interface RunHooks {
  /** Stores the checkpoint in the job (null clears it). */
  saveCheckpoint(checkpoint: ChatCheckpoint | null): Promise<void>;
  onProgress(progress: WalkProgress): Promise<void>;
  /** Save a checkpoint after this many pages (default 20). */
  checkpointEveryPages?: number;
  /** Splits big reads across accounts; without it every read is done here. */
  splitter?: SplitCoordinator | null;
  /** Shown when the parts of a split read start (other accounts are reading). */
  onSplitStarted?(accounts: number): Promise<void>;
  /** Writes the cache only while the chat is not forgotten (see ChatFence); unfenced without it. */
  cacheWriter?: FencedWriter;
  /** Where the chat's months are cached, when not its own scope (an upgraded group's old history). */
  cacheScope?: string;
}

/** The outcome of a run: the folded state plus what it cost. */
export interface RunResult {
  state: ReportState;
  /** With a sender filter: the whole chat over the same dates, for the member card; else null. */
  group: ReportState | null;
  fetchedMessages: number;
  historyRequests: number;
  /** True when the answer came from cached months (plus new messages only). */
  fromCache: boolean;
}

/** A month the requested range cuts: re-read by id and filtered by date. */
interface EdgeMonth {
  month: string;
  ids: MonthIds;
  messages: number;
}

/** Where a walk stands: what every checkpoint keeps. */
type WalkPosition = Pick<
  ChatCheckpoint,
  "walkIndex" | "offsetId" | "fetchedMessages" | "totalMessages" | "historyRequests"
>;

/** One walk of a phase: where it starts and ends, and its checkpoint at a position. */
interface PhaseWalk {
  walkIndex: number;
  offsetId: number;
  minId: number;
  total: number;
  stopBelowUnix?: number | null;
  checkpoint(at: WalkPosition): ChatCheckpoint;
}

/**
 * Computes one chat's report state for a stats job: new messages into the
 * month cache, the answer from cached months, partial months re-read by id;
 * or, with a sender filter or a range on an uncached chat, one direct walk.
 *
 * Every walk is resumable: {@link snapshot} returns the checkpoint of the page
 * last folded, which the job stores before a delay or a shutdown.
 */
export class ChatReportRun<Chat extends HistoryChat> {
  private checkpoint: ChatCheckpoint | null;
  private snapshotSource: (() => ChatCheckpoint) | null = null;
  private fetched = 0;
  private requests = 0;
  private readonly clock: ZoneClock;

  constructor(
    private readonly account: HistoryAccount<Chat>,
    private readonly cache: ChatCache,
    private readonly chat: Chat,
    private readonly data: StatsJobData,
    checkpoint: ChatCheckpoint | null,
    private readonly hooks: RunHooks,
  ) {
    this.checkpoint = checkpoint;
    this.fetched = checkpoint?.fetchedMessages ?? 0;
    this.requests = checkpoint?.historyRequests ?? 0;
    this.clock = new ZoneClock(data.options.timeZone);
  }

  /** The checkpoint of the last folded page, or null before the first one. */
  snapshot(): ChatCheckpoint | null {
    return this.snapshotSource?.() ?? this.checkpoint;
  }

  /** Runs the job's walks and returns the folded state. */
  async run(signal: AbortSignal): Promise<RunResult> {
    const scope = this.hooks.cacheScope ?? chatCacheScope(this.chat.info, this.account.me.id);
    const zone = this.clock.zone;
    const { sender, fromDate } = this.data.options;
    let history = await this.cache.load(scope, zone);
    const cached = history !== null;
    const direct =
      sender !== null ||
      (history === null && fromDate !== null) ||
      this.checkpoint?.phase === "direct";
    if (direct) {
      const walked = await this.walkDirect(signal);
      return { ...this.finish(walked.state, false), group: walked.group };
    }
    if (
      this.checkpoint === null ||
      this.checkpoint.phase === "sync" ||
      this.checkpoint.phase === "split"
    )
      history = await this.sync(scope, history, signal);
    if (history === null)
      throw new Error("The chat cache vanished during the job; the job will be retried.");
    const { months, edges } = this.plan(history);
    const edgeStates = await this.walkEdges(edges, signal);
    const parts = [...months.map((month) => history.months.get(month)!), ...edgeStates];
    const merged = parts.length === 0 ? new ReportState(zone) : mergeReportStates(parts);
    // With a range, the change against the previous period and people's first
    // messages need the days before it: every cached month's days part has them.
    const state =
      fromDate === null && this.data.options.toDate === null
        ? merged
        : merged.withDays(
            DaysPart.mergeAll([...history.months.values()].map((month) => month.days)),
          );
    return this.finish(state, cached && edges.length === 0);
  }

  private finish(state: ReportState, fromCache: boolean): RunResult {
    return {
      state,
      group: null,
      fetchedMessages: this.fetched,
      historyRequests: this.requests,
      fromCache,
    };
  }

  /** Reads messages newer than the cache (all of them on a first request) into month buckets. */
  private async sync(
    scope: string,
    cached: CachedHistory | null,
    signal: AbortSignal,
  ): Promise<CachedHistory> {
    const minId = cached?.highId ?? 0;
    const resumed = this.resumedSync(minId);
    let plan = resumed?.phase === "split" ? resumed.partial : null;
    let count: number | null = null;
    if (resumed === null && this.hooks.splitter != null) {
      count = await this.count({ minId }, signal);
      plan = await this.hooks.splitter.plan(this.chat, { minId, count }, () =>
        this.newestId(signal),
      );
    }
    const buckets =
      plan === null
        ? await this.walkSync(minId, count, resumed?.phase === "sync" ? resumed : null, signal)
        : await this.readSplit(plan, signal);
    const history: CachedHistory = cached ?? { highId: 0, months: new Map(), monthIds: new Map() };
    const folded = buckets.addTo(history);
    for (const ids of buckets.ids.values()) history.highId = Math.max(history.highId, ids.maxId);
    await this.cache.save(scope, this.clock.zone, history, folded.keys(), this.hooks.cacheWriter);
    // The cache now holds the sync; a restart must not fold it again from the checkpoint.
    this.checkpoint = null;
    this.snapshotSource = null;
    await this.hooks.saveCheckpoint(null);
    return history;
  }

  /**
   * The sync or split checkpoint to resume from: none when taken against
   * another cache generation (the cache was written or deleted since), which
   * would count messages twice or miss them; the sync starts over.
   */
  private resumedSync(minId: number): PhaseCheckpoint<"sync" | "split"> | null {
    const checkpoint = this.checkpoint;
    if (checkpoint?.phase !== "sync" && checkpoint?.phase !== "split") return null;
    return checkpoint.partial.baseHighId === minId ? checkpoint : null;
  }

  /** The sync's own walk: every message above `minId`, newest first. */
  private async walkSync(
    minId: number,
    count: number | null,
    resumed: PhaseCheckpoint<"sync"> | null,
    signal: AbortSignal,
  ): Promise<MonthBuckets> {
    const zone = this.clock.zone;
    const buckets =
      resumed === null ? new MonthBuckets(zone) : MonthBuckets.fromJSON(zone, resumed.partial.fold);
    // The count only sizes the progress bar; the walk below decides what is new.
    const total = resumed?.totalMessages ?? count ?? (await this.count({ minId }, signal));
    await this.walk(
      {
        walkIndex: 0,
        offsetId: resumed?.offsetId ?? 0,
        minId,
        total,
        checkpoint: (at) => ({
          phase: "sync",
          ...at,
          partial: { baseHighId: minId, fold: buckets.toJSON() },
        }),
      },
      (messages) => messages.forEach((message) => buckets.add(message)),
      signal,
    );
    return buckets;
  }

  /** The sync as split parts read by several accounts (see {@link SplitCoordinator.read}). */
  private async readSplit(plan: SplitPlan, signal: AbortSignal): Promise<MonthBuckets> {
    const splitter = this.hooks.splitter;
    if (splitter == null) throw new Error("A split checkpoint needs a worker that can split.");
    return splitter.read(this.chat, plan, {
      savePlan: (current) => this.hooks.saveCheckpoint(this.splitCheckpoint(current)),
      onStarted: async (accounts) => this.hooks.onSplitStarted?.(accounts),
      onWaiting: (current) => {
        this.checkpoint = null;
        this.snapshotSource = () => this.splitCheckpoint(current);
      },
      // The plan as it stands, not `plan`: a checkpoint with the parts not yet added would add them again.
      readHere: (part, buckets, offsetId, planAt) =>
        this.walk(
          {
            walkIndex: part.index,
            offsetId,
            minId: part.minId,
            total: plan.totalMessages,
            checkpoint: (at) => ({ phase: "split", ...at, partial: planAt(at.offsetId) }),
          },
          (messages) => messages.forEach((message) => buckets.add(message)),
          signal,
        ),
    });
  }

  /** The checkpoint of a split read: its plan; the parts keep their own positions. */
  private splitCheckpoint(plan: SplitPlan): ChatCheckpoint {
    return {
      phase: "split",
      walkIndex: 0,
      offsetId: 0,
      fetchedMessages: this.fetched,
      totalMessages: plan.totalMessages,
      historyRequests: this.requests,
      partial: plan,
    };
  }

  /** Id of the chat's newest message (one request), or null for an empty history. */
  private async newestId(signal: AbortSignal): Promise<number | null> {
    this.requests++;
    const page = await this.account.fetchHistoryPage(this.chat, { offsetId: 0, limit: 1 }, signal);
    return page.nextOffsetId ?? page.messages[0]?.id ?? null;
  }

  /** Months wholly inside the requested range come from the cache; cut months are re-read. */
  private plan(history: CachedHistory): { months: string[]; edges: EdgeMonth[] } {
    const fromDay =
      this.data.options.fromDate === null ? null : isoToDayIndex(this.data.options.fromDate);
    const toDay =
      this.data.options.toDate === null ? null : isoToDayIndex(this.data.options.toDate);
    const months: string[] = [];
    const edges: EdgeMonth[] = [];
    for (const month of [...history.months.keys()].sort()) {
      const [first, last] = monthDays(month);
      if ((fromDay !== null && last < fromDay) || (toDay !== null && first > toDay)) continue;
      const inside = (fromDay === null || first >= fromDay) && (toDay === null || last <= toDay);
      if (inside) months.push(month);
      else
        edges.push({
          month,
          ids: history.monthIds.get(month)!,
          messages: monthMessages(history, month),
        });
    }
    return { months, edges };
  }

  private async walkEdges(edges: EdgeMonth[], signal: AbortSignal): Promise<ReportState[]> {
    const resumed = this.checkpoint?.phase === "edges" ? this.checkpoint : null;
    const partial = resumed?.partial ?? { finished: [], current: null };
    const states = partial.finished.map((json) => ReportState.fromJSON(json));
    const total = edges.reduce((sum, edge) => sum + edge.messages, 0);
    for (let index = states.length; index < edges.length; index++) {
      const { ids } = edges[index]!;
      const builder = this.filteredBuilder();
      const restored =
        index === states.length && partial.current !== null
          ? ReportState.fromJSON(partial.current)
          : null;
      const resumeHere = resumed !== null && resumed.walkIndex === index;
      await this.walk(
        {
          walkIndex: index,
          offsetId: resumeHere ? resumed.offsetId : ids.maxId + 1,
          minId: ids.minId - 1,
          total,
          // Stored: only the at-rest form of each state.
          checkpoint: (at) => ({
            phase: "edges",
            ...at,
            partial: {
              finished: states.map((state) => state.forRest().toJSON()),
              current: (restored === null ? builder.state : restored.merge(builder.state))
                .forRest()
                .toJSON(),
            },
          }),
        },
        (messages) => builder.addBatch(messages),
        signal,
      );
      states.push(restored === null ? builder.state : restored.merge(builder.state));
    }
    return states;
  }

  /**
   * One filtered walk from the newest message down to the start of the
   * previous period (the range's, for its change figures); with a sender
   * filter it folds the whole chat too (the member card's group).
   */
  private async walkDirect(
    signal: AbortSignal,
  ): Promise<{ state: ReportState; group: ReportState | null }> {
    const builder = this.filteredBuilder();
    const resumed = this.resumedDirect(builder.group !== null);
    const restored = resumed === null ? null : ReportState.fromJSON(resumed.member);
    const restoredGroup = resumed?.group === undefined ? null : ReportState.fromJSON(resumed.group);
    const fromDay = this.previousPeriodStart();
    const stopBelowUnix = fromDay === null ? null : this.clock.dayStartUnix(fromDay);
    const total = resumed?.at.totalMessages ?? (await this.count({}, signal));
    const current = (): ReportState =>
      restored === null ? builder.state : restored.merge(builder.state);
    const currentGroup = (): ReportState | null =>
      builder.group === null || restoredGroup === null
        ? builder.group
        : restoredGroup.merge(builder.group);
    await this.walk(
      {
        walkIndex: 0,
        offsetId: resumed?.at.offsetId ?? 0,
        minId: 0,
        total,
        stopBelowUnix,
        checkpoint: (at) => {
          const member = current().forRest().toJSON();
          const group = currentGroup()?.forRest().toJSON();
          return {
            phase: "direct",
            ...at,
            partial: group === undefined ? member : { member, group },
          };
        },
      },
      (messages) => builder.addBatch(messages),
      signal,
    );
    return { state: current(), group: currentGroup() };
  }

  /**
   * The direct checkpoint to resume from, its folds apart. A sender's
   * checkpoint without the group's fold (written before the member card)
   * starts the walk over rather than leave part of the group out.
   */
  private resumedDirect(withGroup: boolean): {
    at: PhaseCheckpoint<"direct">;
    member: ReportStateJson;
    group?: ReportStateJson;
  } | null {
    const at = this.checkpoint?.phase === "direct" ? this.checkpoint : null;
    if (at === null) return null;
    const { partial } = at;
    const split = "member" in partial ? partial : { member: partial };
    if (withGroup !== "group" in split) return null;
    return { at, ...split };
  }

  /**
   * First day of the period of the range's length just before it (the
   * builder counts it for the change against the previous period only), or
   * null without a range start. A range without an end runs to today.
   */
  private previousPeriodStart(): number | null {
    const { fromDate, toDate } = this.data.options;
    const fromDay = fromDate === null ? null : isoToDayIndex(fromDate);
    if (fromDay === null) return null;
    const toDay =
      (toDate === null ? null : isoToDayIndex(toDate)) ??
      this.clock.localTime(Math.floor(Date.now() / 1000)).dayIndex;
    return fromDay - (Math.max(toDay, fromDay) - fromDay + 1);
  }

  private filteredBuilder(): ReportBuilder {
    const { timeZone, fromDate, toDate, sender } = this.data.options;
    return new ReportBuilder({ timeZone, fromDate, toDate, sender });
  }

  private async count(options: { minId?: number }, signal: AbortSignal): Promise<number> {
    this.requests++;
    return this.account.countMessages(this.chat, options, signal);
  }

  /**
   * Pages from `offsetId` down to `minId` (exclusive) or `stopBelowUnix`,
   * folding each page and checkpointing every few pages.
   */
  private async walk(
    walk: PhaseWalk,
    fold: (messages: Message[]) => void,
    signal: AbortSignal,
  ): Promise<void> {
    let offsetId = walk.offsetId;
    const snapshot = (): ChatCheckpoint =>
      walk.checkpoint({
        walkIndex: walk.walkIndex,
        offsetId,
        fetchedMessages: this.fetched,
        totalMessages: walk.total,
        historyRequests: this.requests,
      });
    this.snapshotSource = snapshot;
    const pages = walkHistory(
      this.account,
      this.chat,
      {
        ...walk,
        checkpointEveryPages: this.hooks.checkpointEveryPages ?? DEFAULT_CHECKPOINT_EVERY_PAGES,
        onRequest: () => {
          this.requests++;
        },
      },
      signal,
    );
    for await (const page of pages) {
      fold(page.messages);
      this.fetched += page.fetched;
      offsetId = page.offsetId;
      if (page.last) break;
      await this.hooks.onProgress({
        fetched: this.fetched,
        total: Math.max(walk.total, this.fetched),
      });
      if (page.checkpointDue) await this.hooks.saveCheckpoint(snapshot());
    }
  }
}

/** First and last day index of a `YYYY-MM` month. */
function monthDays(month: string): [number, number] {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const first = Date.UTC(year, monthNumber - 1, 1) / 86_400_000;
  const last = Date.UTC(year, monthNumber, 1) / 86_400_000 - 1;
  return [first, last];
}

/** Messages of a cached month (regular and service), to size the progress of a re-read. */
function monthMessages(history: CachedHistory, month: string): number {
  const totals = history.months.get(month)?.totals;
  return totals === undefined
    ? 0
    : totals.messages + totals.serviceMessages + totals.unsupportedMessages;
}
