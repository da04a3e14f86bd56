/**
 * The ops HTTP server: /metrics, /healthz, /readyz with named failing checks,
 * a busy port, closing on abort; and the Redis readiness check on a real Redis.
 */
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipping } from "./helpers/skip-reason.js";
import {
  OpsServerError,
  createTgstatsMetrics,
  redisPingCheck,
  runReadinessChecks,
  startOpsServer,
  type OpsServer,
} from "@tgstats/platform";
import { canConnect, externalAddress } from "./helpers/network.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";

let redis: TestRedis;

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.stop();
});

/** An ops server on a free port with no checks, closed when `signal` aborts. */
function bareOpsServer(signal: AbortSignal, host?: string): Promise<OpsServer> {
  const metrics = createTgstatsMetrics({ service: "bot", defaultMetrics: false });
  return startOpsServer({ port: 0, host, registry: metrics.registry, readiness: {}, signal });
}

describe("startOpsServer", () => {
  it("serves Prometheus text, liveness and readiness naming the failing check", async () => {
    const metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
    metrics.messagesFetched.inc(1200);
    let sessionOk = true;
    const lifetime = new AbortController();
    const ops = await startOpsServer({
      port: 0,
      host: "127.0.0.1",
      registry: metrics.registry,
      readiness: {
        session: () => Promise.resolve(sessionOk),
        lease: () => Promise.reject(new Error("lease store down")),
        slow: () => new Promise((resolve) => setTimeout(() => resolve(true), 5_000).unref()),
      },
      checkTimeoutMs: 100,
      signal: lifetime.signal,
    });
    try {
      expect(ops.port).toBeGreaterThan(0);
      const scrape = await fetch(`${ops.url}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get("content-type")).toBe(metrics.registry.contentType);
      expect(await scrape.text()).toContain(
        'tgstats_messages_fetched_total{service="worker"} 1200',
      );

      const health = await fetch(`${ops.url}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);

      const notReady = await fetch(`${ops.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: "not ready",
        failing: ["lease", "slow"],
        checks: { session: true, lease: false, slow: false },
      });
      sessionOk = false;
      expect(
        ((await (await fetch(`${ops.url}/readyz`)).json()) as { failing: string[] }).failing,
      ).toEqual(["session", "lease", "slow"]);

      expect((await fetch(`${ops.url}/nope`)).status).toBe(404);
      const post = await fetch(`${ops.url}/metrics`, { method: "POST" });
      expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, HEAD"]);
    } finally {
      lifetime.abort();
    }
    // Aborting the signal closes the server.
    await expect(fetch(`${ops.url}/healthz`)).rejects.toThrow();
  });

  it("answers 200 on /readyz when every check passes (and with no checks at all)", async () => {
    const ops = await bareOpsServer(new AbortController().signal);
    const ready = await fetch(`${ops.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: "ready", failing: [], checks: {} },
    ]);
    await ops.close();
  });

  it("listens on loopback only unless given a host", async () => {
    const lifetime = new AbortController();
    const ops = await bareOpsServer(lifetime.signal);
    try {
      expect([ops.host, ops.url]).toEqual(["127.0.0.1", `http://127.0.0.1:${ops.port}`]);
      expect((await fetch(`${ops.url}/healthz`)).status).toBe(200);
    } finally {
      lifetime.abort();
    }
  });

  it.skipIf(
    skipping(
      externalAddress() === undefined,
      "this machine has no non-loopback address to test the ops server's default bind against",
    ),
  )("cannot be reached from another interface by default, and can with host 0.0.0.0", async () => {
    const outside = externalAddress()!;
    const lifetime = new AbortController();
    try {
      const loopback = await bareOpsServer(lifetime.signal);
      expect(await canConnect(outside, loopback.port)).toBe(false);
      const everywhere = await bareOpsServer(lifetime.signal, "0.0.0.0");
      expect([everywhere.host, everywhere.url]).toEqual([
        "0.0.0.0",
        `http://127.0.0.1:${everywhere.port}`,
      ]);
      expect(await canConnect(outside, everywhere.port)).toBe(true);
    } finally {
      lifetime.abort();
    }
  });

  it("names a host that is not this machine's and the setting to change", async () => {
    const metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
    // TEST-NET-2 (RFC 5737): reserved for documentation, not an address of this machine.
    const error = await startOpsServer({
      port: 0,
      host: "198.51.100.123",
      registry: metrics.registry,
      readiness: {},
      signal: new AbortController().signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpsServerError);
    expect((error as Error).message).toBe(
      "The ops server cannot listen on 198.51.100.123 (EADDRNOTAVAIL): set OPS_HOST to an address of this machine, e.g. 127.0.0.1, or 0.0.0.0 for every interface.",
    );
  });

  it("names a busy port and the setting to change", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const metrics = createTgstatsMetrics({ service: "worker", defaultMetrics: false });
    const error = await startOpsServer({
      port,
      host: "127.0.0.1",
      registry: metrics.registry,
      readiness: {},
      signal: new AbortController().signal,
    }).catch((e: unknown) => e);
    blocker.close();
    expect(error).toBeInstanceOf(OpsServerError);
    expect((error as Error).message).toBe(
      `The ops port ${port} is in use: set OPS_PORT to a free port, or 0 for a random one.`,
    );
  });
});

describe("redisPingCheck", () => {
  it("passes on a connected Redis and fails at once when the connection is not ready", async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    const check = redisPingCheck(client);
    // Not connected yet: fails without queueing a PING.
    expect(await runReadinessChecks({ redis: check }, 1000)).toEqual({
      status: "not ready",
      failing: ["redis"],
      checks: { redis: false },
    });
    await client.connect();
    expect(await check()).toBe(true);
    client.disconnect();
    // Closed under the PING or before it: a failed check either way.
    expect((await runReadinessChecks({ redis: check }, 1000)).failing).toEqual(["redis"]);
  });
});
