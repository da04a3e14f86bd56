import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
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

function launch(port: number): ChildProcess {
  return spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
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
export async function startTestRedis(): Promise<TestRedis> {
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
  let child = launch(port);
  await waitForPing(url, 10_000);
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
    stop: kill,
    kill,
    async restart() {
      await kill();
      child = launch(port);
      await waitForPing(url, 10_000);
    },
  };
}
