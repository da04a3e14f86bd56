/**
 * The metrics registry: series names, scrape-time queue counts, MTProto
 * count deltas, and the Bot API error transformer on a real grammY Api.
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { countBotApiErrors, createTgstatsMetrics, type JobCountsSource } from "@tgstats/platform";

/** The samples of one series as `labels → value`, labels written `k=v,k=v` sorted, without `service`. */
async function samples(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return Object.fromEntries(
    values.map((sample) => [
      Object.entries(sample.labels)
        .filter(([key]) => key !== "service")
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(","),
      sample.value,
    ]),
  );
}

describe("createTgstatsMetrics", () => {
  it("exposes every named tgstats series, the process metrics and the service label", async () => {
    const metrics = createTgstatsMetrics({ service: "worker" });
    metrics.cacheHits.inc();
    const text = await metrics.registry.metrics();
    for (const name of [
      "tgstats_queue_jobs",
      "tgstats_job_duration_seconds",
      "tgstats_messages_fetched_total",
      "tgstats_mtproto_requests_total",
      "tgstats_mtproto_flood_waits_total",
      "tgstats_cache_hits_total",
      "tgstats_cache_misses_total",
      "tgstats_bot_api_errors_total",
      "tgstats_account_lease_held",
      "process_cpu_seconds_total",
      "nodejs_eventloop_lag_seconds",
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('tgstats_cache_hits_total{service="worker"} 1');
  });

  it("leaves the process metrics out when asked", async () => {
    const metrics = createTgstatsMetrics({ service: "bot", defaultMetrics: false });
    expect(await metrics.registry.metrics()).not.toContain("process_cpu_seconds_total");
  });

  it("reads job counts per queue and state at scrape time, and drops a queue that does not answer", async () => {
    const metrics = createTgstatsMetrics({
      service: "worker",
      defaultMetrics: false,
      scrapeTimeoutMs: 50,
    });
    let waiting = 3;
    const stats: JobCountsSource = {
      name: "tgstats-stats",
      getJobCounts: () => Promise.resolve({ waiting, active: 1, failed: 0 }),
    };
    const hanging: JobCountsSource = {
      name: "tgstats-hangs",
      getJobCounts: () => new Promise(() => undefined),
    };
    metrics.watchQueue(stats);
    const stopHanging = metrics.watchQueue(hanging);
    expect(await samples(metrics.registry, "tgstats_queue_jobs")).toEqual({
      "queue=tgstats-stats,state=waiting": 3,
      "queue=tgstats-stats,state=active": 1,
      "queue=tgstats-stats,state=failed": 0,
    });
    waiting = 0;
    stopHanging();
    expect(
      (await samples(metrics.registry, "tgstats_queue_jobs"))["queue=tgstats-stats,state=waiting"],
    ).toBe(0);
  });

  it("turns cumulative MTProto counts into counter increments, per connection, flushed on unwatch", async () => {
    const metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
    const first = {
      requestCounts: new Map([["messages.GetHistory", 5]]),
      floodWaitCounts: new Map<string, number>(),
    };
    const stopFirst = metrics.watchMtproto(first);
    expect(await samples(metrics.registry, "tgstats_mtproto_requests_total")).toEqual({
      "method=messages.GetHistory": 5,
    });
    // Scraping again without new requests adds nothing.
    expect(await samples(metrics.registry, "tgstats_mtproto_requests_total")).toEqual({
      "method=messages.GetHistory": 5,
    });
    first.requestCounts.set("messages.GetHistory", 7);
    first.requestCounts.set("users.GetUsers", 1);
    first.floodWaitCounts.set("messages.GetHistory", 2);
    stopFirst();
    // A reconnected account counts from 0 again: its counts add to the totals.
    const second = {
      requestCounts: new Map([["messages.GetHistory", 4]]),
      floodWaitCounts: new Map([["messages.GetHistory", 1]]),
    };
    metrics.watchMtproto(second);
    expect(await samples(metrics.registry, "tgstats_mtproto_requests_total")).toEqual({
      "method=messages.GetHistory": 7 + 4,
      "method=users.GetUsers": 1,
    });
    expect(await samples(metrics.registry, "tgstats_mtproto_flood_waits_total")).toEqual({
      "method=messages.GetHistory": 2 + 1,
    });
  });

  it("sets the lease gauge per account", async () => {
    const metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
    metrics.leaseHeld.set({ account: "777000001" }, 1);
    metrics.leaseHeld.set({ account: "777000002" }, 0);
    expect(await samples(metrics.registry, "tgstats_account_lease_held")).toEqual({
      "account=777000001": 1,
      "account=777000002": 0,
    });
  });
});

describe("countBotApiErrors on a grammY Api", () => {
  /** An Api whose calls never leave the process: `answer` plays the Bot API. */
  function apiAnswering(answer: (method: string) => unknown) {
    const metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
    const api = new Api("123456:TEST-token");
    // Installed first, so it runs last: it stands in for the HTTP call.
    api.config.use((_prev, method) => {
      const value = answer(method);
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value as never);
    });
    api.config.use(countBotApiErrors(metrics.botApiErrors));
    return { api, metrics };
  }

  it("counts failed calls by method and code, and passes answers through unchanged", async () => {
    const { api, metrics } = apiAnswering((method) => {
      if (method === "sendMessage")
        return {
          ok: false,
          error_code: 403,
          description: "Forbidden: bot was blocked by the user",
        };
      if (method === "editMessageText")
        return { ok: false, error_code: 400, description: "Bad Request: chat not found" };
      if (method === "sendPhoto")
        return new HttpError("Network request failed", new Error("ECONNRESET"));
      return {
        ok: true,
        result: { id: 1, is_bot: true, first_name: "Stats", username: "stats_bot" },
      };
    });
    expect((await api.getMe()).username).toBe("stats_bot");
    await expect(api.sendMessage(1, "hi")).rejects.toBeInstanceOf(GrammyError);
    await expect(api.sendMessage(1, "hi")).rejects.toMatchObject({ error_code: 403 });
    await expect(api.editMessageText(1, 2, "x")).rejects.toMatchObject({ error_code: 400 });
    await expect(api.sendPhoto(1, "file-id")).rejects.toBeInstanceOf(HttpError);
    expect(await samples(metrics.registry, "tgstats_bot_api_errors_total")).toEqual({
      "code=403,method=sendMessage": 2,
      "code=400,method=editMessageText": 1,
      "code=network,method=sendPhoto": 1,
    });
  });

  it("does not count a call cancelled by its own signal", async () => {
    const { api, metrics } = apiAnswering(() => new HttpError("aborted", new Error("AbortError")));
    const controller = new AbortController();
    controller.abort();
    await expect(
      api.getMe(controller.signal as unknown as Parameters<Api["getMe"]>[0]),
    ).rejects.toBeInstanceOf(HttpError);
    expect(await samples(metrics.registry, "tgstats_bot_api_errors_total")).toEqual({});
  });
});
