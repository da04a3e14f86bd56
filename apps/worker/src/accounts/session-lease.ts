import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";

/**
 * One Telegram session used by one process at a time: Telegram revokes a
 * session seen from two connections (AUTH_KEY_DUPLICATED).
 *
 * A Redis lease (SET NX PX, renewed by its holder) picks the process, and the
 * holder fences itself: it may use the session only until its last renewal
 * plus the lease time minus a margin, so even when Redis is unreachable it
 * stops before another process can take over. Past that deadline the lease is
 * paused, not given up: nobody can take it while Redis is down, and once Redis
 * answers the holder takes it back in one atomic step if it is still its own
 * or free (it expired meanwhile), and resumes. Only a lease another process
 * holds by then is lost. Hand-written because the one Redis lock library with
 * renewal (redlock) has been a beta for years and has no such fencing
 * deadline; the logic is these few Lua-guarded commands.
 */

/** Deletes the key only when it still holds our token. */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
/**
 * Extends the key when it still holds our token (1), takes it again when it is
 * free (2: it expired, e.g. during a Redis outage), else leaves it (0).
 */
const RENEW_SCRIPT = `local holder = redis.call("get", KEYS[1])
if holder == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end
if holder == false then redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2]) return 2 end
return 0`;

/** A lease transition, appended to a Redis stream for audits and tests. */
export type LeaseEvent = "acquired" | "paused" | "resumed" | "lost" | "released";

/** Options of {@link acquireSessionLease}. */
export interface SessionLeaseOptions {
  /** Session strings to choose from; the first free one is taken. */
  sessions: readonly string[];
  /** How long a lease lives without renewal. */
  ttlMs?: number;
  /** Stop using the session this long before the lease could expire. */
  safetyMarginMs?: number;
  /** Key prefix: `redisKeys(prefix).lease`. */
  prefix: string;
  /** How long to wait for a free session before giving up; 0 = try once. */
  waitMs?: number;
  /** Called once when another process holds the lease: stop using the session for good. */
  onLost: (reason: string) => void;
  /** Called when the lease could not be renewed in time (Redis unreachable): pause using the session. */
  onPaused?: (reason: string) => void;
  /** Called when a paused lease is ours again: the session may be used again. */
  onResumed?: () => void;
  signal?: AbortSignal;
  now?: () => number;
}

/** The session this process holds, while it holds it. */
export interface SessionLease {
  /** The session string to use. */
  session: string;
  /** Non-secret name of the session (a hash prefix) for logs and metrics. */
  fingerprint: string;
  /** Unique per acquisition: what the Redis key holds. */
  holder: string;
  /** True while the session may be used (before the fencing deadline, not paused and not lost). */
  isValid(): boolean;
  /**
   * Resolves at once while the session may be used, or when a paused lease
   * resumes; rejects with {@link SessionLeaseLostError} once it is lost or
   * released, or with the signal's reason.
   */
  whenUsable(signal?: AbortSignal): Promise<void>;
  /** Stops renewing and deletes the lease if it is still ours. */
  release(): Promise<void>;
}

/** The lease is gone (another process holds the session, or it was released): the session must not be used. */
export class SessionLeaseLostError extends Error {
  constructor(readonly fingerprint: string) {
    super(
      `This worker no longer holds the lease of session ${fingerprint}; it stops using the session. Its jobs resume on a worker that holds a lease.`,
    );
    this.name = "SessionLeaseLostError";
  }
}

/** No session of the pool was free within the wait. */
export class NoFreeSessionError extends Error {
  constructor(readonly poolSize: number) {
    super(
      `All ${poolSize} Telegram sessions are in use by other workers. Add a session to TG_SESSIONS (one per worker: \`tgstats login\`) or run fewer workers.`,
    );
    this.name = "NoFreeSessionError";
  }
}

/**
 * The non-secret name of a session string: 12 hex digits of its SHA-256.
 *
 * @example sessionFingerprint("1AgAOMTQ5…") // "3f9a0c1b2d4e"
 */
export function sessionFingerprint(session: string): string {
  return createHash("sha256").update(session).digest("hex").slice(0, 12);
}

/**
 * Takes the lease of the first free session of the pool and keeps renewing
 * it every third of its lifetime until released or lost.
 *
 * @throws NoFreeSessionError when every session is held for longer than `waitMs`
 */
export async function acquireSessionLease(
  redis: Redis,
  options: SessionLeaseOptions,
): Promise<SessionLease> {
  const ttlMs = options.ttlMs ?? 15_000;
  const marginMs = options.safetyMarginMs ?? Math.round(ttlMs / 5);
  const prefix = options.prefix;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.waitMs ?? 0);
  const holder = randomUUID();
  for (;;) {
    for (const session of options.sessions) {
      const fingerprint = sessionFingerprint(session);
      const key = `${prefix}:${fingerprint}`;
      const startedAt = now();
      if ((await redis.set(key, holder, "PX", ttlMs, "NX")) !== "OK") continue;
      await logEvent(redis, prefix, fingerprint, holder, "acquired");
      return holdLease(redis, {
        key,
        prefix,
        session,
        fingerprint,
        holder,
        ttlMs,
        marginMs,
        startedAt,
        now,
        onLost: options.onLost,
        onPaused: options.onPaused,
        onResumed: options.onResumed,
        signal: options.signal,
      });
    }
    if (now() >= deadline) throw new NoFreeSessionError(options.sessions.length);
    await sleep(Math.min(1000, ttlMs / 3), undefined, { signal: options.signal });
  }
}

interface HeldLease {
  key: string;
  prefix: string;
  session: string;
  fingerprint: string;
  holder: string;
  ttlMs: number;
  marginMs: number;
  startedAt: number;
  now: () => number;
  onLost: (reason: string) => void;
  onPaused?: (reason: string) => void;
  onResumed?: () => void;
  signal?: AbortSignal;
}

function holdLease(redis: Redis, lease: HeldLease): SessionLease {
  // Measured from before the SET: the lease can only have been granted later than this.
  let validUntil = lease.startedAt + lease.ttlMs - lease.marginMs;
  let state: "held" | "paused" | "lost" | "released" = "held";
  /** Waiters of {@link SessionLease.whenUsable} while paused. */
  const waiters = new Set<{ resolve: () => void; reject: (error: Error) => void }>();
  const settleWaiters = (error: Error | null): void => {
    for (const waiter of waiters) {
      if (error === null) waiter.resolve();
      else waiter.reject(error);
    }
    waiters.clear();
  };
  const record = (event: LeaseEvent): void => {
    void logEvent(redis, lease.prefix, lease.fingerprint, lease.holder, event).catch(
      () => undefined,
    );
  };
  // Fires exactly at the fencing deadline unless a renewal pushes it back.
  let fence: NodeJS.Timeout | undefined;
  const armFence = (): void => {
    clearTimeout(fence);
    fence = setTimeout(
      () => pause("the lease could not be renewed in time"),
      Math.max(0, validUntil - lease.now()),
    );
    fence.unref();
  };
  const stop = (): void => {
    clearInterval(timer);
    clearTimeout(fence);
  };
  const pause = (reason: string): void => {
    if (state !== "held") return;
    state = "paused";
    clearTimeout(fence);
    record("paused");
    lease.onPaused?.(reason);
  };
  const lose = (reason: string): void => {
    if (state !== "held" && state !== "paused") return;
    state = "lost";
    stop();
    record("lost");
    settleWaiters(new SessionLeaseLostError(lease.fingerprint));
    lease.onLost(reason);
  };
  // One renewal at a time: while Redis is down a command waits for the reconnection,
  // and a pile of them would all answer at once with stale send times.
  let renewing = false;
  const renew = async (): Promise<void> => {
    if (renewing) return;
    renewing = true;
    const sentAt = lease.now();
    try {
      const renewed = await redis.eval(
        RENEW_SCRIPT,
        1,
        lease.key,
        lease.holder,
        String(lease.ttlMs),
      );
      if (state !== "held" && state !== "paused") return;
      if (renewed !== 1 && renewed !== 2) {
        lose("another process holds the lease");
        return;
      }
      validUntil = sentAt + lease.ttlMs - lease.marginMs;
      // A stale answer (sent before an outage) leaves the lease paused: the next renewal decides.
      if (lease.now() < validUntil) {
        armFence();
        if (state === "paused") {
          state = "held";
          record("resumed");
          lease.onResumed?.();
        }
        settleWaiters(null);
      }
    } catch {
      // Redis unreachable: keep trying; the fence pauses the session in time.
    } finally {
      renewing = false;
    }
    if (state === "held" && lease.now() >= validUntil)
      pause("the lease could not be renewed in time");
  };
  const timer = setInterval(() => void renew(), Math.max(100, Math.floor(lease.ttlMs / 3)));
  timer.unref();
  armFence();
  lease.signal?.addEventListener("abort", stop, { once: true });
  const isValid = (): boolean => state === "held" && lease.now() < validUntil;
  return {
    session: lease.session,
    fingerprint: lease.fingerprint,
    holder: lease.holder,
    isValid,
    whenUsable(signal) {
      if (isValid()) return Promise.resolve();
      if (state === "lost" || state === "released")
        return Promise.reject(new SessionLeaseLostError(lease.fingerprint));
      return new Promise<void>((resolve, reject) => {
        const aborted = (): Error =>
          signal?.reason instanceof Error ? signal.reason : new Error("The request was aborted.");
        if (signal?.aborted === true) {
          reject(aborted());
          return;
        }
        const onAbort = (): void => {
          waiters.delete(waiter);
          reject(aborted());
        };
        const waiter = {
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
          reject: (error: Error) => {
            signal?.removeEventListener("abort", onAbort);
            reject(error);
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.add(waiter);
      });
    },
    async release() {
      if (state !== "held" && state !== "paused") return;
      state = "released";
      stop();
      settleWaiters(new SessionLeaseLostError(lease.fingerprint));
      await redis.eval(RELEASE_SCRIPT, 1, lease.key, lease.holder);
      await logEvent(redis, lease.prefix, lease.fingerprint, lease.holder, "released");
    },
  };
}

/** Appends a transition to the `<prefix>:log` stream (capped), for audits and the lease tests. */
async function logEvent(
  redis: Redis,
  prefix: string,
  fingerprint: string,
  holder: string,
  event: LeaseEvent,
): Promise<void> {
  await redis.xadd(
    `${prefix}:log`,
    "MAXLEN",
    "~",
    "10000",
    "*",
    "session",
    fingerprint,
    "holder",
    holder,
    "event",
    event,
    "atMs",
    String(Date.now()),
  );
}
