import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

/** `redis-server` is not installed: the message says how to get it, or how to do without. */
export class RedisServerMissingError extends Error {
  constructor() {
    super(
      "redis-server is not installed: install it (apt-get install redis-server, brew install redis) or pass --redis redis://host:port to use a running Redis.",
    );
    this.name = "RedisServerMissingError";
  }
}

/** A `redis-server` this process started, on loopback, with its own folder. */
export interface RedisProcess {
  url: string;
  host: string;
  port: number;
  /** Kills the server and deletes its folder. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL, as a crash would) and keeps its folder. */
  kill(): Promise<void>;
  /** Kills the server and starts it again on the same port and folder (outage tests). */
  restart(): Promise<void>;
}

/** Options of {@link startRedisProcess}. */
export interface RedisProcessOptions {
  /**
   * AOF with `appendfsync always`, as production runs it, so the data
   * survives `kill()` and `restart()`. Default false: nothing is written.
   */
  appendOnly?: boolean;
  /** How long to wait for the server's first PING (default 10 s). */
  startTimeoutMs?: number;
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the Redis at `url` answers PING; rejects after `timeoutMs`. */
export async function waitForRedis(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    client.on("error", () => undefined); // refused while the server starts: expected, retried below
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      await sleep(50);
    }
  }
  throw new Error(`Redis at ${url} did not answer within ${timeoutMs} ms`);
}

function launch(port: number, dataDir: string, appendOnly: boolean): ChildProcess {
  // No RDB snapshots; AOF only when asked. Whatever Redis writes goes into its own folder.
  const persistence = appendOnly
    ? ["--appendonly", "yes", "--appendfsync", "always"]
    : ["--appendonly", "no"];
  return spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dataDir,
      "--save",
      "",
      ...persistence,
      "--protected-mode",
      "no",
    ],
    { stdio: "ignore" },
  );
}

/**
 * Starts a throwaway `redis-server` on a free loopback port in a temp folder:
 * the sandbox's Redis, and the tests'. Stop it with `stop()`.
 *
 * @throws {RedisServerMissingError} when redis-server is not installed
 */
export async function startRedisProcess(options: RedisProcessOptions = {}): Promise<RedisProcess> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) throw new RedisServerMissingError();
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const appendOnly = options.appendOnly === true;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tgstats-redis-"));
  let child = launch(port, dataDir, appendOnly);
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  const stop = async (): Promise<void> => {
    await kill();
    // An AOF rewrite forked before the kill outlives it and may still be writing here:
    // rm retries while the folder fills behind it (ENOTEMPTY).
    await rm(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  };
  try {
    await waitForRedis(url, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    host: "127.0.0.1",
    port,
    stop,
    kill,
    async restart() {
      await kill();
      child = launch(port, dataDir, appendOnly);
      await waitForRedis(url, startTimeoutMs);
    },
  };
}
