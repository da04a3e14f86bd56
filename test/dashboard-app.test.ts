/**
 * The dashboard: Bull Board behind basic auth on a real Redis, the tgstats
 * queues found by prefix, open probes, its configuration, and the real process.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_KEY_PREFIX, STATS_QUEUE } from "@tgstats/platform";
import { loadDashboardConfig } from "@tgstats/dashboard";
import { createDashboardApp, type Dashboard } from "@tgstats/dashboard";
import { canConnect, externalAddress } from "./helpers/network.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { waitUntil } from "./helpers/worker-process.js";

const USER = "ops";
const PASSWORD = "correct-horse-battery";
const ACCOUNT_QUEUE = "tgstats-account-777000001";

let redis: TestRedis;
let dashboard: Dashboard;
let server: Server;
let base: string;
const queues: Queue[] = [];

function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
}

beforeAll(async () => {
  redis = await startTestRedis();
  const connection = { url: redis.url };
  for (const [name, prefix] of [
    [STATS_QUEUE, DEFAULT_KEY_PREFIX],
    [ACCOUNT_QUEUE, DEFAULT_KEY_PREFIX],
    ["mail-out", DEFAULT_KEY_PREFIX],
    ["tgstats-elsewhere", "otherapp"],
  ] as const) {
    const queue = new Queue(name, { connection, prefix });
    queues.push(queue);
    await queue.add("job", { n: 1 });
  }
  await queues[0]!.add("job", { n: 2 });
  dashboard = createDashboardApp({
    redisUrl: redis.url,
    queuePrefix: DEFAULT_KEY_PREFIX,
    username: USER,
    password: PASSWORD,
  });
  server = dashboard.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  server.close();
  server.closeAllConnections();
  await dashboard.close();
  for (const queue of queues) await queue.close();
  await redis.stop();
});

describe("createDashboardApp", () => {
  it("asks for credentials (401 with a basic challenge) without them or with wrong ones", async () => {
    for (const headers of [{}, basic(USER, "wrong-password-123"), basic("admin", PASSWORD)]) {
      const response = await fetch(`${base}/api/queues`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Basic realm="tgstats"');
    }
    expect((await fetch(`${base}/`)).status).toBe(401);
  });

  it("shows the stats queue and every tgstats- queue under the prefix, with their jobs", async () => {
    const page = await fetch(`${base}/`, { headers: basic(USER, PASSWORD) });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    // The UI's own script is served too (only local paths: nothing here reaches the internet).
    const script = /src="(static\/js\/main\.[\w.]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}/${script}`, { headers: basic(USER, PASSWORD) });
    expect([asset.status, asset.headers.get("content-type")]).toEqual([
      200,
      "text/javascript; charset=utf-8",
    ]);

    const response = await fetch(`${base}/api/queues`, { headers: basic(USER, PASSWORD) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      queues: { name: string; counts: Record<string, number> }[];
    };
    const byName = Object.fromEntries(body.queues.map((queue) => [queue.name, queue.counts]));
    // "mail-out" is not a tgstats queue; "tgstats-elsewhere" lives under another prefix.
    expect(Object.keys(byName).sort()).toEqual([ACCOUNT_QUEUE, STATS_QUEUE]);
    expect(byName[STATS_QUEUE]?.waiting).toBe(2);
    expect(byName[ACCOUNT_QUEUE]?.waiting).toBe(1);
  });

  it("is read-only by default: adding, cleaning or emptying a queue answers 405 and changes nothing", async () => {
    const headers = { ...basic(USER, PASSWORD), "Content-Type": "application/json" };
    const jobToAlice = {
      name: "username",
      data: { target: { kind: "username", username: "alice" } },
      options: {},
    };
    const writes = [
      ["POST", `/api/queues/${STATS_QUEUE}/add`, JSON.stringify(jobToAlice)],
      ["PUT", `/api/queues/${STATS_QUEUE}/clean/waiting`, undefined],
      ["PUT", `/api/queues/${STATS_QUEUE}/empty`, undefined],
      ["PUT", `/api/queues/${ACCOUNT_QUEUE}/pause`, undefined],
    ] as const;
    for (const [method, route, body] of writes) {
      const response = await fetch(`${base}${route}`, { method, headers, body });
      expect([route, response.status]).toEqual([route, 405]);
    }
    expect(await queues[0]!.getJobCounts("waiting")).toEqual({ waiting: 2 });
    expect(await queues[1]!.isPaused()).toBe(false);
  });

  it("adds jobs only with allowWrites (DASHBOARD_ALLOW_WRITES=true)", async () => {
    const prefix = "writable";
    const writable = createDashboardApp({
      redisUrl: redis.url,
      queuePrefix: prefix,
      username: USER,
      password: PASSWORD,
      allowWrites: true,
    });
    const writableServer = writable.app.listen(0, "127.0.0.1");
    try {
      await once(writableServer, "listening");
      const port = (writableServer.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/api/queues/${STATS_QUEUE}/add`, {
        method: "POST",
        headers: { ...basic(USER, PASSWORD), "Content-Type": "application/json" },
        body: JSON.stringify({ name: "by-hand", data: { n: 3 }, options: {} }),
      });
      expect(response.status).toBe(200);
      const queue = new Queue<{ n: number }>(STATS_QUEUE, {
        connection: { url: redis.url },
        prefix,
      });
      queues.push(queue);
      expect((await queue.getWaiting()).map((job) => [job.name, job.data])).toEqual([
        ["by-hand", { n: 3 }],
      ]);
    } finally {
      writableServer.close();
      writableServer.closeAllConnections();
      await writable.close();
    }
  });

  it("finds a queue created later on the next look", async () => {
    const later = new Queue("tgstats-account-42", {
      connection: { url: redis.url },
      prefix: DEFAULT_KEY_PREFIX,
    });
    queues.push(later);
    await later.add("job", {});
    expect(await dashboard.refreshQueues()).toEqual([
      "tgstats-account-42",
      ACCOUNT_QUEUE,
      STATS_QUEUE,
    ]);
  });

  it("answers /healthz and /readyz without credentials, for probes", async () => {
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: "ready", failing: [], checks: { redis: true } },
    ]);
  });
});

describe("loadDashboardConfig", () => {
  it("requires a password of 12 characters or more and says how to make one", () => {
    for (const env of [{}, { DASHBOARD_PASSWORD: "short-pass1" }]) {
      const error = (() => {
        try {
          loadDashboardConfig(env);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DASHBOARD_PASSWORD.*openssl rand -base64 18/);
    }
  });

  it("fills the defaults and reads numbers", () => {
    expect(loadDashboardConfig({ DASHBOARD_PASSWORD: PASSWORD, DASHBOARD_PORT: "8080" })).toEqual({
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: "tgstats",
      DASHBOARD_USER: "admin",
      DASHBOARD_PASSWORD: PASSWORD,
      DASHBOARD_PORT: 8080,
      DASHBOARD_HOST: "127.0.0.1",
      DASHBOARD_ALLOW_WRITES: false,
      LOG_LEVEL: "info",
    });
    const writable = { DASHBOARD_PASSWORD: PASSWORD, DASHBOARD_ALLOW_WRITES: "true" };
    expect(loadDashboardConfig(writable).DASHBOARD_ALLOW_WRITES).toBe(true);
    expect(() => loadDashboardConfig({ ...writable, DASHBOARD_ALLOW_WRITES: "yes" })).toThrow(
      /DASHBOARD_ALLOW_WRITES.*"true" or "false"/,
    );
  });
});

describe("the dashboard process", () => {
  it("starts from its bin, logs its address, serves /healthz on loopback only and stops on SIGTERM with code 0", async () => {
    const child = spawn(
      process.execPath,
      [path.resolve("apps/dashboard/bin/tgstats-dashboard.js")],
      {
        env: {
          ...process.env,
          REDIS_URL: redis.url,
          DASHBOARD_PASSWORD: PASSWORD,
          DASHBOARD_PORT: "0",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = once(child, "exit") as Promise<[number | null]>;
    const { host, port } = await waitUntil(
      () =>
        output
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as { host?: string; port?: number })
          .find((line) => line.port !== undefined),
      20_000,
      "the dashboard's listening line",
    );
    expect(host).toBe("127.0.0.1");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const outside = externalAddress();
    if (outside !== undefined) expect(await canConnect(outside, port!)).toBe(false);
    // The password never reaches the log.
    expect(output).not.toContain(PASSWORD);
    child.kill("SIGTERM");
    expect((await exited)[0]).toBe(0);
  });

  it("refuses to start with a short password, naming the setting (exit 78)", async () => {
    const child = spawn(
      process.execPath,
      [path.resolve("apps/dashboard/bin/tgstats-dashboard.js")],
      {
        env: { ...process.env, DASHBOARD_PASSWORD: "short" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(78);
    expect(stderr).toContain("DASHBOARD_PASSWORD: must be at least 12 characters");
  });
});
