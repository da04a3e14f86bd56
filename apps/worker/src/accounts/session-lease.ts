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
 * stops before another process can take over. Hand-written because the one
 * Redis lock library with renewal (redlock) has been a beta for years and has
 * no such fencing deadline; the logic is these few Lua-guarded commands.
 */

/** Deletes the key only when it still holds our token. */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
/** Extends the key only when it still holds our token. */
const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** A lease transition, appended to a Redis stream for audits and tests. */
export type LeaseEvent = "acquired" | "lost" | "released";

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
  /** Called once when the lease is lost: stop using the session at once. */
  onLost: (reason: string) => void;
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
  /** True while the session may be used (before the fencing deadline and not lost). */
  isValid(): boolean;
  /** Stops renewing and deletes the lease if it is still ours. */
  release(): Promise<void>;
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
  signal?: AbortSignal;
}

function holdLease(redis: Redis, lease: HeldLease): SessionLease {
  // Measured from before the SET: the lease can only have been granted later than this.
  let validUntil = lease.startedAt + lease.ttlMs - lease.marginMs;
  let state: "held" | "lost" | "released" = "held";
  // Fires exactly at the fencing deadline unless a renewal pushes it back.
  let fence: NodeJS.Timeout | undefined;
  const armFence = (): void => {
    clearTimeout(fence);
    fence = setTimeout(
      () => lose("the lease could not be renewed in time"),
      Math.max(0, validUntil - lease.now()),
    );
    fence.unref();
  };
  const lose = (reason: string): void => {
    if (state !== "held") return;
    state = "lost";
    clearInterval(timer);
    clearTimeout(fence);
    void logEvent(redis, lease.prefix, lease.fingerprint, lease.holder, "lost").catch(
      () => undefined,
    );
    lease.onLost(reason);
  };
  const renew = async (): Promise<void> => {
    const sentAt = lease.now();
    try {
      const renewed = await redis.eval(
        RENEW_SCRIPT,
        1,
        lease.key,
        lease.holder,
        String(lease.ttlMs),
      );
      if (state !== "held") return;
      if (renewed !== 1) {
        lose("the lease was taken over or expired");
        return;
      }
      validUntil = sentAt + lease.ttlMs - lease.marginMs;
      armFence();
    } catch {
      // Redis unreachable: keep trying; the deadline check below fences us in time.
    }
    if (lease.now() >= validUntil) lose("the lease could not be renewed in time");
  };
  const timer = setInterval(() => void renew(), Math.max(100, Math.floor(lease.ttlMs / 3)));
  timer.unref();
  armFence();
  lease.signal?.addEventListener(
    "abort",
    () => {
      clearInterval(timer);
      clearTimeout(fence);
    },
    { once: true },
  );
  return {
    session: lease.session,
    fingerprint: lease.fingerprint,
    holder: lease.holder,
    isValid: () => state === "held" && lease.now() < validUntil,
    async release() {
      if (state !== "held") return;
      state = "released";
      clearInterval(timer);
      clearTimeout(fence);
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
