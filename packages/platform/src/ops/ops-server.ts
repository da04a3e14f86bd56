import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { LOOPBACK_HOST } from "./listen-host.js";
import { withTimeout } from "./with-timeout.js";

/** A readiness check: true when the dependency it names is usable. Throwing counts as false. */
export type ReadinessCheck = () => Promise<boolean>;

/** Options of {@link startOpsServer}. */
export interface OpsServerOptions {
  /** TCP port; 0 picks a free one (read it from the returned server). */
  port: number;
  /**
   * Address to listen on; loopback ({@link LOOPBACK_HOST}) by default, so
   * nothing outside the machine sees it. `0.0.0.0` lets Prometheus scrape a container.
   */
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
  /** The address it listens on, e.g. `127.0.0.1` or `0.0.0.0`. */
  host: string;
  /** Base URL to reach it from this machine, e.g. `http://127.0.0.1:9101`. */
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
    readonly host: string = LOOPBACK_HOST,
  ) {
    super(
      code === "EADDRINUSE"
        ? `The ops port ${port} is in use: set OPS_PORT to a free port, or 0 for a random one.`
        : code === "EADDRNOTAVAIL" || code === "ENOTFOUND"
          ? `The ops server cannot listen on ${host} (${code}): set OPS_HOST to an address of this machine, e.g. 127.0.0.1, or 0.0.0.0 for every interface.`
          : `The ops server could not listen on ${host} port ${port} (${code ?? "unknown error"}); set OPS_PORT to another port.`,
    );
    this.name = "OpsServerError";
  }
}

/**
 * Starts the operations HTTP server: `GET /metrics` (Prometheus text from
 * `registry`), `GET /healthz` (200 while the process runs) and `GET /readyz`
 * (200 when every readiness check passes, else 503 with a JSON
 * {@link ReadinessReport} naming the failing ones), on loopback unless
 * `host` says otherwise. Plain node:http: three routes need no framework.
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
  const host = options.host ?? LOOPBACK_HOST;
  server.listen(options.port, host);
  try {
    await once(server, "listening");
  } catch (error) {
    throw new OpsServerError(options.port, (error as NodeJS.ErrnoException).code, host);
  }
  const close = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = once(server, "close");
    server.close();
    server.closeAllConnections();
    await closed;
  };
  options.signal.addEventListener("abort", () => void close(), { once: true });
  const { port, address } = server.address() as AddressInfo;
  return { port, host: address, url: `http://${reachableHost(address)}:${port}`, close };
}

/** How this machine reaches a listen address: a wildcard through loopback. */
function reachableHost(address: string): string {
  if (address === "0.0.0.0" || address === "::") return LOOPBACK_HOST;
  return address.includes(":") ? `[${address}]` : address;
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

/**
 * Starts the ops server of a service and logs where it listens. A port that
 * cannot be taken is logged, not thrown: metrics are for operators, and a
 * taken port must not keep the service from its work.
 *
 * @returns the server, or null when it could not listen
 */
export async function serveOpsEndpoints(
  options: OpsServerOptions,
  logger: Logger,
): Promise<OpsServer | null> {
  try {
    const ops = await startOpsServer(options);
    logger.info(
      { opsHost: ops.host, opsPort: ops.port },
      "ops server listening: /metrics, /healthz, /readyz",
    );
    return ops;
  } catch (error) {
    if (!(error instanceof OpsServerError)) throw error;
    logger.error({ opsPort: options.port }, error.message);
    return null;
  }
}
