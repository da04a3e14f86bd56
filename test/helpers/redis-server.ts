import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

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

const HOW_TO_GET_REDIS =
  "Tests need Redis: install redis-server (apt-get install redis-server) or set REDIS_URL=redis://host:port.";

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

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
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

function launch(port: number, dataDir: string | null): ChildProcess {
  // Without a data folder nothing is written: no RDB snapshots, no AOF.
  const persistence =
    dataDir === null
      ? ["--appendonly", "no"]
      : ["--dir", dataDir, "--appendonly", "yes", "--appendfsync", "always"];
  return spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
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
 * Starts a throwaway `redis-server` on a free port (or uses `REDIS_URL`).
 * Fails with one line saying how to get Redis when neither is available.
 */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv !== undefined && fromEnv !== "") {
    const parsed = new URL(fromEnv);
    await waitForPing(fromEnv, 5000);
    return {
      url: fromEnv,
      host: parsed.hostname,
      port: Number(parsed.port || 6379),
      stop: async () => {},
    };
  }
  if (spawnSync("redis-server", ["--version"]).status !== 0) throw new Error(HOW_TO_GET_REDIS);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  // Its own folder (not makeTempDir: this helper also runs outside Vitest, in bench/).
  const dataDir =
    options.appendOnly === true ? mkdtempSync(path.join(os.tmpdir(), "tgstats-redis-")) : null;
  let child = launch(port, dataDir);
  try {
    await waitForPing(url, 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  return {
    url,
    host: "127.0.0.1",
    port,
    async stop() {
      await kill();
      if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    },
    kill,
    async restart() {
      await kill();
      child = launch(port, dataDir);
      await waitForPing(url, 10_000);
    },
  };
}
