/**
 * docker-compose.yml and .env.example, checked without a Docker engine: the
 * services and their Redis, health checks and start order, a scalable worker,
 * and every setting named there against the apps' config schemas.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseEnv } from "node:util";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ConfigError } from "@tgstats/platform";
import { botConfigSchema, loadBotConfig } from "@tgstats/bot";
import { dashboardConfigSchema, loadDashboardConfig } from "@tgstats/dashboard";
import { loadWorkerConfig, workerConfigSchema } from "@tgstats/worker";

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  container_name?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync("docker-compose.yml", "utf8")) as ComposeFile;
const envExample = readFileSync(".env.example", "utf8");

/** The app services and the schema each one checks its environment with. */
const APP_SCHEMAS: Record<string, z.ZodObject> = {
  bot: botConfigSchema,
  worker: workerConfigSchema,
  dashboard: dashboardConfigSchema,
};
const ALL_KEYS = new Set(Object.values(APP_SCHEMAS).flatMap((schema) => Object.keys(schema.shape)));

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** `KEY=value` lines of .env.example: set ones, and optional ones written `# KEY=value`. */
function exampleSettings(): {
  set: Record<string, string | undefined>;
  optional: Record<string, string | undefined>;
} {
  const lines = envExample.split("\n");
  const optionalLines = lines
    .filter((line) => /^# [A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => line.slice(2));
  return {
    set: parseEnv(lines.filter((line) => !line.startsWith("#")).join("\n")),
    optional: parseEnv(optionalLines.join("\n")),
  };
}

/** Names of the variables an app's config loader complains about, given `env`. */
function problemsOf(
  load: (env: Record<string, string | undefined>) => unknown,
  env: Record<string, string | undefined>,
): string[] {
  try {
    load(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => /^[A-Z][A-Z0-9_]*/.exec(problem)?.[0] ?? problem);
  }
}

describe("docker-compose.yml", () => {
  it("runs redis, bot, worker and dashboard", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["bot", "dashboard", "redis", "worker"]);
  });

  it("runs Redis with AOF, noeviction, a named volume and a PING health check", () => {
    const redis = service("redis");
    const command = redis.command ?? [];
    const flag = (name: string) => command[command.indexOf(name) + 1];
    expect(command[0]).toBe("redis-server");
    expect(flag("--appendonly")).toBe("yes");
    expect(flag("--maxmemory-policy")).toBe("noeviction");
    expect(redis.volumes).toEqual(["redis-data:/data"]);
    expect(Object.keys(compose.volumes ?? {})).toContain("redis-data");
    expect(redis.healthcheck?.test).toEqual(["CMD", "redis-cli", "ping"]);
  });

  it("starts every app only once Redis is healthy, from .env, with the compose Redis", () => {
    for (const name of Object.keys(APP_SCHEMAS)) {
      const app = service(name);
      expect(app.depends_on?.redis?.condition, name).toBe("service_healthy");
      expect(app.env_file, name).toBe(".env");
      expect(app.environment?.REDIS_URL, name).toBe("redis://redis:6379");
      expect(app.build, name).toBe(".");
    }
  });

  it("runs each app from its own entry point in the repository", () => {
    for (const name of Object.keys(APP_SCHEMAS)) {
      const command = service(name).command ?? [];
      expect(command, name).toEqual(["node", `apps/${name}/bin/tgstats-${name}.js`]);
      expect(existsSync(command[1]!), command[1]).toBe(true);
    }
  });

  it("lets the worker scale: no container name or host port anywhere it would clash", () => {
    const worker = service("worker");
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    for (const [name, app] of Object.entries(compose.services))
      expect(app.container_name, name).toBeUndefined();
  });

  it("health-checks the worker's /readyz on the port it is told to serve", () => {
    const worker = service("worker");
    const port = worker.environment?.OPS_PORT;
    expect(port).toBe("9101");
    expect(worker.expose).toEqual([port]);
    expect(worker.healthcheck?.test.join(" ")).toContain(`http://127.0.0.1:${port}/readyz`);
  });

  it("serves the ops endpoints and the dashboard on every interface of their containers only", () => {
    // Outside compose the apps listen on 127.0.0.1; inside, Prometheus and the
    // published dashboard port reach the container's own address.
    expect(service("bot").environment?.OPS_HOST).toBe("0.0.0.0");
    expect(service("worker").environment?.OPS_HOST).toBe("0.0.0.0");
    expect(service("dashboard").environment?.DASHBOARD_HOST).toBe("0.0.0.0");
    // No host port makes the ops endpoints reachable from outside the compose network.
    expect(service("bot").ports).toBeUndefined();
    expect(service("worker").ports).toBeUndefined();
  });

  it("publishes the dashboard on loopback only", () => {
    expect(service("dashboard").ports).toEqual([
      "127.0.0.1:${DASHBOARD_PORT:-3000}:${DASHBOARD_PORT:-3000}",
    ]);
  });

  it("names only variables the service's config schema reads", () => {
    for (const [name, schema] of Object.entries(APP_SCHEMAS)) {
      const keys = Object.keys(schema.shape);
      for (const variable of Object.keys(service(name).environment ?? {}))
        expect(keys, `${name} sets ${variable}`).toContain(variable);
    }
    const interpolated = [
      ...readFileSync("docker-compose.yml", "utf8").matchAll(/\$\{([A-Z_]+)/g),
    ].map(([, name]) => name!);
    expect(interpolated.length).toBeGreaterThan(0);
    for (const variable of interpolated) expect(ALL_KEYS).toContain(variable);
  });
});

/** A server answering /readyz with `status`, on a free loopback port. */
async function readyzServer(status: number): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === "/readyz" ? status : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Runs a `CMD node -e <script>` health check the way Docker would, with `env`; returns its exit code. */
function runHealthcheck(test: string[], env: Record<string, string>): Promise<number | null> {
  const [kind, ...command] = test;
  expect(kind).toBe("CMD");
  expect(command.slice(0, 2)).toEqual(["node", "-e"]);
  // Asynchronous: a synchronous spawn would block the loop the test server answers on.
  const child = spawn(process.execPath, command.slice(1), { env: { ...process.env, ...env } });
  return new Promise((resolve) => child.once("exit", resolve));
}

describe("the apps' health checks, run as Docker would", () => {
  it("pass on /readyz 200 and fail on 503 or when nothing listens", async () => {
    const worker = service("worker").healthcheck!.test;
    const dashboard = service("dashboard").healthcheck!.test;
    for (const [status, expected] of [
      [200, 0],
      [503, 1],
    ] as const) {
      const { server, port } = await readyzServer(status);
      // The worker's check names its port (OPS_PORT in compose); aim it at the test server.
      const workerAtPort = worker.map((part) => part.replace(":9101/", `:${port}/`));
      expect(await runHealthcheck(workerAtPort, {}), `worker, /readyz ${status}`).toBe(expected);
      expect(
        await runHealthcheck(dashboard, { DASHBOARD_PORT: String(port) }),
        `dashboard, /readyz ${status}`,
      ).toBe(expected);
      server.close();
    }
    const { server, port } = await readyzServer(200);
    server.close();
    expect(await runHealthcheck(dashboard, { DASHBOARD_PORT: String(port) })).toBe(1);
  });
});

describe(".env.example", () => {
  it("documents every setting of the bot, the worker and the dashboard, and nothing else", () => {
    const { set, optional } = exampleSettings();
    const documented = [...Object.keys(set), ...Object.keys(optional)];
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...ALL_KEYS].sort());
  });

  it("gives each setting a comment line of its own", () => {
    const lines = envExample.split("\n");
    lines.forEach((line, index) => {
      if (!/^(# )?[A-Z][A-Z0-9_]*=/.test(line)) return;
      const above = lines[index - 1] ?? "";
      expect(above, `the line above ${line}`).toMatch(/^# (?![A-Z][A-Z0-9_]*=)\S/);
    });
  });

  it("leaves every required setting uncommented, ready to fill", () => {
    const { set } = exampleSettings();
    const required = new Set([
      ...problemsOf(loadBotConfig, {}),
      ...problemsOf(loadWorkerConfig, {}),
      ...problemsOf(loadDashboardConfig, {}),
    ]);
    expect([...required].sort()).toEqual([
      "BOT_TOKEN",
      "DASHBOARD_PASSWORD",
      "TG_API_HASH",
      "TG_API_ID",
      "TG_SESSION",
    ]);
    for (const key of required) expect(Object.keys(set)).toContain(key);
  });

  it("leaves the ops endpoints and the dashboard on loopback when their hosts are unset", () => {
    const env = {
      BOT_TOKEN: "123456:AAE-example-token",
      TG_API_ID: "1234567",
      TG_API_HASH: "0123456789abcdef0123456789abcdef",
      TG_SESSION: "1BAAOMTQ5LjE1NC4xNjcuOTEAUA-example-session",
      DASHBOARD_PASSWORD: "a-long-dashboard-password",
    };
    expect(loadBotConfig(env).OPS_HOST).toBe("127.0.0.1");
    expect(loadWorkerConfig(env).OPS_HOST).toBe("127.0.0.1");
    expect(loadDashboardConfig(env).DASHBOARD_HOST).toBe("127.0.0.1");
    expect(problemsOf(loadBotConfig, { ...env, OPS_HOST: "not a host!" })).toEqual(["OPS_HOST"]);
  });

  it("once filled in, starts every app; its optional example values are valid too", () => {
    const { set, optional } = exampleSettings();
    const filled = {
      ...set,
      BOT_TOKEN: "123456:AAE-example-token",
      TG_API_ID: "1234567",
      TG_API_HASH: "0123456789abcdef0123456789abcdef",
      TG_SESSION: "1BAAOMTQ5LjE1NC4xNjcuOTEAUJ8vZ3Jh-example",
      DASHBOARD_PASSWORD: "a-long-dashboard-password",
    };
    for (const env of [filled, { ...filled, ...optional }]) {
      expect(problemsOf(loadBotConfig, env)).toEqual([]);
      expect(problemsOf(loadWorkerConfig, env)).toEqual([]);
      expect(problemsOf(loadDashboardConfig, env)).toEqual([]);
    }
  });
});
