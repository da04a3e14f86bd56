import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  NoFreeSessionError,
  acquireSessionLease,
  sessionFingerprint,
  type SessionLease,
} from "@tgstats/worker";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { waitUntil } from "./helpers/worker-process.js";

let redis: TestRedis;
let a: Redis;
let b: Redis;
/** Where the leases of these tests live. */
const LEASE = "tgstats-test-lease:lease";
const SESSION_1 = "1BVtsOK8Bu-session-one-for-tests";
const SESSION_2 = "1BVtsOK8Bu-session-two-for-tests";

beforeAll(async () => {
  redis = await startTestRedis();
  a = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  b = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  // The fencing test stops Redis on purpose; the clients reconnect after it.
  a.on("error", () => undefined);
  b.on("error", () => undefined);
});

beforeEach(async () => {
  await a.flushall();
});

afterAll(async () => {
  a.disconnect();
  b.disconnect();
  await redis.stop();
});

async function leaseLog(): Promise<{ session: string; holder: string; event: string }[]> {
  const entries = await a.xrange(`${LEASE}:log`, "-", "+");
  return entries.map(([, fields]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
    return { session: record.session!, holder: record.holder!, event: record.event! };
  });
}

describe("session leases", () => {
  it("gives a session to one holder at a time, and to the next after release", async () => {
    const lost: string[] = [];
    const first = await acquireSessionLease(a, {
      prefix: LEASE,
      sessions: [SESSION_1],
      onLost: (r) => lost.push(r),
    });
    await expect(
      acquireSessionLease(b, { prefix: LEASE, sessions: [SESSION_1], onLost: () => undefined }),
    ).rejects.toBeInstanceOf(NoFreeSessionError);
    await first.release();
    const second = await acquireSessionLease(b, {
      prefix: LEASE,
      sessions: [SESSION_1],
      onLost: () => undefined,
    });
    expect(second.session).toBe(SESSION_1);
    await second.release();
    expect(lost).toEqual([]);
    const fp = sessionFingerprint(SESSION_1);
    expect(await leaseLog()).toEqual([
      { session: fp, holder: first.holder, event: "acquired" },
      { session: fp, holder: first.holder, event: "released" },
      { session: fp, holder: second.holder, event: "acquired" },
      { session: fp, holder: second.holder, event: "released" },
    ]);
  });

  it("spreads a pool over processes: each takes a different free session", async () => {
    const first = await acquireSessionLease(a, {
      prefix: LEASE,
      sessions: [SESSION_1, SESSION_2],
      onLost: () => undefined,
    });
    const second = await acquireSessionLease(b, {
      prefix: LEASE,
      sessions: [SESSION_1, SESSION_2],
      onLost: () => undefined,
    });
    expect(new Set([first.session, second.session])).toEqual(new Set([SESSION_1, SESSION_2]));
    await Promise.all([first.release(), second.release()]);
  });

  it("waits for a session to be freed when asked to", async () => {
    const first = await acquireSessionLease(a, {
      prefix: LEASE,
      sessions: [SESSION_1],
      onLost: () => undefined,
    });
    setTimeout(() => void first.release(), 300);
    const second = await acquireSessionLease(b, {
      prefix: LEASE,
      sessions: [SESSION_1],
      waitMs: 5000,
      ttlMs: 3000,
      onLost: () => undefined,
    });
    expect(second.session).toBe(SESSION_1);
    await second.release();
  });

  it("reports a lease taken over at once and stops being valid", async () => {
    const lost: string[] = [];
    const lease: SessionLease = await acquireSessionLease(a, {
      prefix: LEASE,
      sessions: [SESSION_1],
      ttlMs: 900,
      onLost: (r) => lost.push(r),
    });
    expect(lease.isValid()).toBe(true);
    await b.set(`${LEASE}:${sessionFingerprint(SESSION_1)}`, "someone-else", "PX", 5000);
    await waitUntil(() => (lost.length > 0 ? true : undefined), 3000, "the lease to be lost");
    expect(lost).toEqual(["another process holds the lease"]);
    expect(lease.isValid()).toBe(false);
  });

  it("fences itself when Redis is unreachable: paused from the moment the lease could expire, minus the margin, and resumed when Redis is back", async () => {
    const ttlMs = 1500;
    const marginMs = 300;
    let clockMs = 1_000_000;
    const lost: string[] = [];
    const paused: string[] = [];
    let resumed = 0;
    const lease = await acquireSessionLease(a, {
      prefix: LEASE,
      sessions: [SESSION_1],
      ttlMs,
      safetyMarginMs: marginMs,
      now: () => clockMs,
      onLost: (r) => lost.push(r),
      onPaused: (r) => paused.push(r),
      onResumed: () => (resumed += 1),
    });
    await redis.kill!();
    // Renewals fail now; with the clock held, validity ends exactly at acquisition + ttl − margin.
    clockMs = 1_000_000 + ttlMs - marginMs - 1;
    expect(lease.isValid()).toBe(true);
    clockMs += 1;
    expect(lease.isValid()).toBe(false);
    await waitUntil(() => (paused.length > 0 ? true : undefined), 5000, "onPaused");
    expect(paused).toEqual(["the lease could not be renewed in time"]);
    // Requests wait: whenUsable settles only when the lease is ours again.
    let usable = false;
    const waiting = lease.whenUsable().then(() => (usable = true));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(usable).toBe(false);
    // No AOF: the restarted Redis has no lease key, so the holder takes the free lease back.
    await redis.restart!();
    await waiting;
    expect(resumed).toBe(1);
    expect(lost).toEqual([]);
    expect(lease.isValid()).toBe(true);
    expect(await a.get(`${LEASE}:${sessionFingerprint(SESSION_1)}`)).toBe(lease.holder);
    // The stream went with the restart; what was written since ends with the take-back.
    expect((await leaseLog()).at(-1)).toEqual({
      session: sessionFingerprint(SESSION_1),
      holder: lease.holder,
      event: "resumed",
    });
    await lease.release();
  });

  it("pauses while Redis is unreachable and stops for good when another process took the lease meanwhile", async () => {
    const lost: string[] = [];
    const paused: string[] = [];
    // The holder's own connection goes away (as in an outage) while another process reaches Redis.
    const holderClient = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    holderClient.on("error", () => undefined);
    const lease = await acquireSessionLease(holderClient, {
      prefix: LEASE,
      sessions: [SESSION_1],
      ttlMs: 1500,
      onLost: (r) => lost.push(r),
      onPaused: (r) => paused.push(r),
    });
    holderClient.disconnect();
    await waitUntil(() => (paused.length > 0 ? true : undefined), 5000, "onPaused");
    const waiting = lease.whenUsable().then(
      () => "resumed",
      (error: unknown) => (error as Error).name,
    );
    await waitUntil(
      async () =>
        (await b.exists(`${LEASE}:${sessionFingerprint(SESSION_1)}`)) === 0 ? true : undefined,
      5000,
      "the lease key to expire",
    );
    const other = await acquireSessionLease(b, {
      prefix: LEASE,
      sessions: [SESSION_1],
      onLost: () => undefined,
    });
    await holderClient.connect();
    expect(await waiting).toBe("SessionLeaseLostError");
    expect(lost).toEqual(["another process holds the lease"]);
    expect(lease.isValid()).toBe(false);
    expect(other.isValid()).toBe(true);
    await other.release();
    holderClient.disconnect();
  });
});
