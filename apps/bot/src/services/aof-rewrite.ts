import type { Redis } from "ioredis";
import type { Logger } from "pino";

/** What {@link AofRewrite.request} did. */
export type AofRewriteOutcome =
  /** BGREWRITEAOF was sent. */
  | "requested"
  /** One was sent less than the minimum interval ago; another follows when it has passed. */
  | "deferred"
  /** Redis writes no AOF: nothing to rewrite. */
  | "off"
  /** Redis refused INFO or BGREWRITEAOF (e.g. renamed or forbidden commands); logged. */
  | "refused";

/** Rewrites Redis's append-only file after deletions, at most once per interval. */
export interface AofRewrite {
  request(): Promise<AofRewriteOutcome>;
}

/** What {@link createAofRewrite} is built from. */
export interface AofRewriteDeps {
  redis: Redis;
  /** The key that spaces rewrites out (shared by every bot process). */
  key: string;
  /** Least time between two rewrites. */
  minIntervalMs: number;
  logger: Logger;
}

/**
 * With AOF on, deleted keys stay in the append-only file until Redis rewrites
 * it. After /forget the bot asks for that rewrite (BGREWRITEAOF forks and
 * copies the dataset, so at most once per `minIntervalMs`, across processes);
 * a request inside the interval is sent when it ends, so every forget is
 * followed by a rewrite within the interval while the bot runs.
 */
export function createAofRewrite(deps: AofRewriteDeps): AofRewrite {
  let pending: NodeJS.Timeout | null = null;
  const later = async (): Promise<AofRewriteOutcome> => {
    if (pending === null) {
      const waitMs = Math.max(await deps.redis.pttl(deps.key), 0) + 100;
      pending = setTimeout(() => {
        pending = null;
        void request();
      }, waitMs);
      pending.unref();
    }
    return "deferred";
  };
  // The deletion has happened by now: a Redis that will not rewrite is the operator's to know,
  // never a failure of the /forget that asked.
  const request = (): Promise<AofRewriteOutcome> =>
    attempt().catch((error: unknown) => {
      deps.logger.warn(
        { err: error },
        "Redis refused an AOF rewrite: deleted data stays in the append-only file until Redis rewrites it",
      );
      return "refused" as const;
    });
  const attempt = async (): Promise<AofRewriteOutcome> => {
    const persistence = await deps.redis.info("persistence");
    if (!/^aof_enabled:1\s*$/m.test(persistence)) return "off";
    const taken = await deps.redis.set(
      deps.key,
      String(Date.now()),
      "PX",
      deps.minIntervalMs,
      "NX",
    );
    if (taken === null) return later();
    try {
      await deps.redis.bgrewriteaof();
    } catch (error) {
      // A rewrite under way copies the data from before the deletion: another must follow it.
      if (error instanceof Error && /already in progress/i.test(error.message)) return later();
      throw error;
    }
    deps.logger.info("AOF rewrite requested: deleted data leaves the append-only file");
    return "requested";
  };
  return { request };
}
