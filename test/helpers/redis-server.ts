import { RedisServerMissingError, startRedisProcess, waitForRedis } from "@tgstats/sandbox";

export { freePort } from "@tgstats/sandbox";

/** A Redis server for one test file: its own throwaway process, or `REDIS_URL` when set. */
export interface TestRedis {
  url: string;
  host: string;
  port: number;
  /** Stops a server this helper started (a `REDIS_URL` server is left alone). */
  stop(): Promise<void>;
  /** Kills and restarts the throwaway server on the same port (for outage tests). */
  restart?(): Promise<void>;
  /** Stops the throwaway server without restarting it. */
  kill?(): Promise<void>;
}

/** Options of {@link startTestRedis}. */
export interface TestRedisOptions {
  /**
   * Run the throwaway server with AOF and `appendfsync always` in its own temp
   * folder, as production does (docker-compose.yml), so its data survives
   * `kill()`/`restart()` even though they use SIGKILL. Default false: no persistence.
   * Has no effect on a `REDIS_URL` server.
   */
  appendOnly?: boolean;
}

/**
 * Starts a throwaway `redis-server` on a free port (the sandbox's own
 * {@link startRedisProcess}), or uses `REDIS_URL`. Fails with one line saying
 * how to get Redis when neither is available.
 */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv !== undefined && fromEnv !== "") {
    const parsed = new URL(fromEnv);
    await waitForRedis(fromEnv, 5000);
    return {
      url: fromEnv,
      host: parsed.hostname,
      port: Number(parsed.port || 6379),
      stop: async () => {},
    };
  }
  try {
    return await startRedisProcess({ appendOnly: options.appendOnly });
  } catch (error) {
    if (error instanceof RedisServerMissingError)
      throw new Error(
        "Tests need Redis: install redis-server (apt-get install redis-server) or set REDIS_URL=redis://host:port.",
      );
    throw error;
  }
}
