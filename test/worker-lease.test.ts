import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  NoFreeSessionError,
  acquireSessionLease,
  sessionFingerprint,
  type SessionLease,
} from "../apps/worker/src/accounts/session-lease.js";
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
    expect(lost).toEqual(["the lease was taken over or expired"]);
    expect(lease.isValid()).toBe(false);
  });

  it("fences itself when Redis is unreachable: invalid from the moment the lease could expire, minus the margin", async () => {
    const ttlMs = 1500;
    const marginMs = 300;
    let clockMs = 1_000_000;
    const lost: string[] = [];
    const lease = await acquireSessionLease(a, {
      prefix: LEASE,
      sessions: [SESSION_1],
      ttlMs,
      safetyMarginMs: marginMs,
      now: () => clockMs,
      onLost: (r) => lost.push(r),
    });
    await redis.kill!();
    // Renewals fail now; with the clock held, validity ends exactly at acquisition + ttl − margin.
    clockMs = 1_000_000 + ttlMs - marginMs - 1;
    expect(lease.isValid()).toBe(true);
    clockMs += 1;
    expect(lease.isValid()).toBe(false);
    await waitUntil(() => (lost.length > 0 ? true : undefined), 5000, "onLost");
    expect(lost).toEqual(["the lease could not be renewed in time"]);
    await redis.restart!();
  });
});
