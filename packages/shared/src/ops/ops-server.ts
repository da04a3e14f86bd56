import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { withTimeout } from "./with-timeout.js";

/** A readiness check: true when the dependency it names is usable. Throwing counts as false. */
export type ReadinessCheck = () => Promise<boolean>;

/** Options of {@link startOpsServer}. */
export interface OpsServerOptions {
  /** TCP port; 0 picks a free one (read it from the returned server). */
  port: number;
  /** Interface to listen on; all interfaces by default, so Prometheus can scrape a container. */
  host?: string;
  registry: Registry;
  /** Named checks `/readyz` runs, e.g. `{ redis: redisPingCheck(redis), session: … }`. */
  readiness: Record<string, ReadinessCheck>;
  /** Closes the server when aborted. */
  signal: AbortSignal;
  /** A check that has not answered after this long has failed (default 1000). */
  checkTimeoutMs?: number;
}

/** A running ops server. */
export interface OpsServer {
  /** The port it listens on (the chosen one when 0 was asked). */
  port: number;
  /** Base URL on loopback, e.g. `http://127.0.0.1:9101`. */
  url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** What `/readyz` answers. */
export interface ReadinessReport {
  status: "ready" | "not ready";
  /** Names of the checks that failed, timed out or threw. */
  failing: string[];
  checks: Record<string, boolean>;
}

/** The ops port could not be opened. */
export class OpsServerError extends Error {
  constructor(
    readonly port: number,
    readonly code: string | undefined,
  ) {
    super(
      code === "EADDRINUSE"
        ? `The ops port ${port} is in use: set OPS_PORT to a free port, or 0 for a random one.`
        : `The ops server could not listen on port ${port} (${code ?? "unknown error"}); set OPS_PORT to another port.`,
    );
    this.name = "OpsServerError";
  }
}

/**
 * Starts the operations HTTP server: `GET /metrics` (Prometheus text from
 * `registry`), `GET /healthz` (200 while the process runs) and `GET /readyz`
 * (200 when every readiness check passes, else 503 with a JSON
 * {@link ReadinessReport} naming the failing ones). Plain node:http: three
 * routes need no framework.
 *
 * @throws {OpsServerError} when the port cannot be opened
 * @example
 * const ops = await startOpsServer({ port: 9101, registry: metrics.registry,
 *   readiness: { redis: redisPingCheck(redis) }, signal });
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  options.signal.throwIfAborted();
  const checkTimeoutMs = options.checkTimeoutMs ?? 1000;
  const server = createServer((request, response) => {
    route(request, response, options, checkTimeoutMs).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendJson(response, 500, { error: message });
      else response.destroy();
    });
  });
  server.listen(options.port, options.host);
  try {
    await once(server, "listening");
  } catch (error) {
    throw new OpsServerError(options.port, (error as NodeJS.ErrnoException).code);
  }
  const close = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = once(server, "close");
    server.close();
    server.closeAllConnections();
    await closed;
  };
  options.signal.addEventListener("abort", () => void close(), { once: true });
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}`, close };
}

/**
 * Runs every check at once, each bounded by `timeoutMs`.
 *
 * @example const report = await runReadinessChecks({ redis: redisPingCheck(redis) }, 1000);
 */
export async function runReadinessChecks(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const passed = await withTimeout(check(), timeoutMs, `readiness check ${name}`).catch(
        () => false,
      );
      return [name, passed] as const;
    }),
  );
  const failing = entries.filter(([, passed]) => !passed).map(([name]) => name);
  return {
    status: failing.length === 0 ? "ready" : "not ready",
    failing,
    checks: Object.fromEntries(entries),
  };
}

/**
 * A readiness check that Redis answers PING on this connection. A
 * connection that is not `ready` fails at once, without queueing a command
 * that would wait for the reconnect.
 *
 * @example readiness: { redis: redisPingCheck(redis) }
 */
export function redisPingCheck(redis: { status: string; ping(): Promise<string> }): ReadinessCheck {
  return async () => redis.status === "ready" && (await redis.ping()) === "PONG";
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: OpsServerOptions,
  checkTimeoutMs: number,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://ops").pathname;
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    sendJson(response, 405, { error: "only GET and HEAD" });
    return;
  }
  switch (path) {
    case "/metrics": {
      const body = await options.registry.metrics();
      response.writeHead(200, { "Content-Type": options.registry.contentType });
      response.end(body);
      return;
    }
    case "/healthz":
      sendJson(response, 200, { status: "ok" });
      return;
    case "/readyz": {
      const report = await runReadinessChecks(options.readiness, checkTimeoutMs);
      sendJson(response, report.failing.length === 0 ? 200 : 503, report);
      return;
    }
    default:
      sendJson(response, 404, { error: "not found; try /metrics, /healthz or /readyz" });
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
