import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { withTimeout } from "./with-timeout.js";

/** A queue whose job counts are read at scrape time; a BullMQ `Queue` fits. */
export interface JobCountsSource {
  readonly name: string;
  getJobCounts(): Promise<Record<string, number>>;
}

/** Cumulative MTProto call counts of one account, as the worker's `TelegramAccount` exposes them. */
export interface MtprotoCountsSource {
  /** Requests sent (every attempt), by method name, e.g. `messages.GetHistory`. */
  readonly requestCounts: ReadonlyMap<string, number>;
  /** FLOOD_WAIT answers, by method name. */
  readonly floodWaitCounts: ReadonlyMap<string, number>;
}

/** How a stats job attempt ended, the `outcome` label of the job duration histogram. */
export type JobOutcome = "completed" | "failed" | "delayed" | "interrupted";

/** Options of {@link createTgstatsMetrics}. */
export interface MetricsOptions {
  /** Written as the `service` label on every series (`bot`, `worker`). */
  service: string;
  /** Node.js process metrics (CPU, memory, event loop lag, GC); default true. */
  defaultMetrics?: boolean;
  /** How long a scrape waits for a queue's job counts before leaving them out (default 1000). */
  scrapeTimeoutMs?: number;
}

/** Every tgstats series, on one registry of its own. */
export interface TgstatsMetrics {
  registry: Registry;
  /** `tgstats_queue_jobs{queue,state}`: jobs per state, read from Redis at scrape time. */
  queueJobs: Gauge<"queue" | "state">;
  /** `tgstats_job_duration_seconds{kind,outcome}`: one observation per job attempt. */
  jobDuration: Histogram<"kind" | "outcome">;
  /** `tgstats_messages_fetched_total`: history messages read over MTProto. */
  messagesFetched: Counter;
  /** `tgstats_mtproto_requests_total{method}`: MTProto requests sent, every attempt. */
  mtprotoRequests: Counter<"method">;
  /** `tgstats_mtproto_flood_waits_total{method}`: FLOOD_WAIT answers received. */
  mtprotoFloodWaits: Counter<"method">;
  /** `tgstats_cache_hits_total`: chat reports answered from cached months. */
  cacheHits: Counter;
  /** `tgstats_cache_misses_total`: chat reports that had to read history. */
  cacheMisses: Counter;
  /** `tgstats_bot_api_errors_total{method,code}`: failed Bot API calls (code `network` when no answer came). */
  botApiErrors: Counter<"method" | "code">;
  /**
   * `tgstats_account_lease_held{account}`: 1 while this process holds the
   * account's session lease, else 0. Summed over all processes it must never exceed 1.
   */
  leaseHeld: Gauge<"account">;
  /** Reports the queue's job counts on every scrape; returns a function that stops it. */
  watchQueue(queue: JobCountsSource): () => void;
  /** Turns an account's cumulative MTProto counts into the two MTProto counters; returns a function that stops it. */
  watchMtproto(source: MtprotoCountsSource): () => void;
}

/** Job attempts last from a second (cache hit) to hours (a large history under flood waits). */
const JOB_DURATION_BUCKETS_S = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

/**
 * Creates the tgstats metrics on a fresh prom-client registry (never the
 * global one, so tests and several apps in one process do not collide).
 *
 * @example
 * const metrics = createTgstatsMetrics({ service: "worker" });
 * metrics.watchQueue(statsQueue);
 * metrics.cacheHits.inc();
 * await startOpsServer({ port: 9101, registry: metrics.registry, readiness: {}, signal });
 */
export function createTgstatsMetrics(options: MetricsOptions): TgstatsMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const scrapeTimeoutMs = options.scrapeTimeoutMs ?? 1000;
  const queues = new Set<JobCountsSource>();
  const mtproto = new MtprotoDeltas();

  const queueJobs = new Gauge({
    name: "tgstats_queue_jobs",
    help: "Jobs in each queue by state, read from Redis at scrape time (absent when Redis did not answer)",
    labelNames: ["queue", "state"] as const,
    registers,
    async collect() {
      const counts = await Promise.all(
        [...queues].map(async (queue) => ({
          queue: queue.name,
          counts: await withTimeout(
            queue.getJobCounts(),
            scrapeTimeoutMs,
            `job counts of ${queue.name}`,
          ).catch(() => null),
        })),
      );
      // Stale counts would look healthy while Redis is down: leave the series out instead.
      this.reset();
      for (const { queue, counts: byState } of counts)
        for (const [state, jobs] of Object.entries(byState ?? {})) this.set({ queue, state }, jobs);
    },
  });
  const mtprotoRequests: Counter<"method"> = new Counter({
    name: "tgstats_mtproto_requests_total",
    help: "MTProto requests sent (every attempt), by method",
    labelNames: ["method"] as const,
    registers,
    collect: () => mtproto.flushRequests(mtprotoRequests),
  });
  const mtprotoFloodWaits: Counter<"method"> = new Counter({
    name: "tgstats_mtproto_flood_waits_total",
    help: "FLOOD_WAIT answers from Telegram, by method",
    labelNames: ["method"] as const,
    registers,
    collect: () => mtproto.flushFloodWaits(mtprotoFloodWaits),
  });
  return {
    registry,
    queueJobs,
    jobDuration: new Histogram({
      name: "tgstats_job_duration_seconds",
      help: "Duration of stats job attempts, by target kind and outcome",
      labelNames: ["kind", "outcome"] as const,
      buckets: JOB_DURATION_BUCKETS_S,
      registers,
    }),
    messagesFetched: new Counter({
      name: "tgstats_messages_fetched_total",
      help: "History messages read over MTProto",
      registers,
    }),
    mtprotoRequests,
    mtprotoFloodWaits,
    cacheHits: new Counter({
      name: "tgstats_cache_hits_total",
      help: "Chat reports answered from cached months (plus new messages only)",
      registers,
    }),
    cacheMisses: new Counter({
      name: "tgstats_cache_misses_total",
      help: "Chat reports that had to read history the cache did not hold",
      registers,
    }),
    botApiErrors: new Counter({
      name: "tgstats_bot_api_errors_total",
      help: "Failed Bot API calls, by method and error code (network: no answer)",
      labelNames: ["method", "code"] as const,
      registers,
    }),
    leaseHeld: new Gauge({
      name: "tgstats_account_lease_held",
      help: "1 while this process holds the account's session lease, else 0",
      labelNames: ["account"] as const,
      registers,
    }),
    watchQueue(queue) {
      queues.add(queue);
      return () => queues.delete(queue);
    },
    watchMtproto(source) {
      mtproto.add(source);
      return () => {
        // Counts since the last scrape would be lost with the source: flush them first.
        mtproto.flushRequests(mtprotoRequests);
        mtproto.flushFloodWaits(mtprotoFloodWaits);
        mtproto.delete(source);
      };
    },
  };
}

/**
 * Turns cumulative per-method counts (which restart at 0 with each new
 * account connection) into counter increments: each source remembers what
 * it already reported.
 */
class MtprotoDeltas {
  private readonly sources = new Map<
    MtprotoCountsSource,
    { requests: Map<string, number>; floodWaits: Map<string, number> }
  >();

  add(source: MtprotoCountsSource): void {
    if (!this.sources.has(source))
      this.sources.set(source, { requests: new Map(), floodWaits: new Map() });
  }

  delete(source: MtprotoCountsSource): void {
    this.sources.delete(source);
  }

  flushRequests(counter: Counter<"method">): void {
    for (const [source, seen] of this.sources)
      flushDeltas(source.requestCounts, seen.requests, counter);
  }

  flushFloodWaits(counter: Counter<"method">): void {
    for (const [source, seen] of this.sources)
      flushDeltas(source.floodWaitCounts, seen.floodWaits, counter);
  }
}

function flushDeltas(
  current: ReadonlyMap<string, number>,
  seen: Map<string, number>,
  counter: Counter<"method">,
): void {
  for (const [method, total] of current) {
    const delta = total - (seen.get(method) ?? 0);
    if (delta <= 0) continue;
    counter.inc({ method }, delta);
    seen.set(method, total);
  }
}
