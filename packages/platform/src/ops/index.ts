/**
 * Seeing inside a running bot or worker: Prometheus metrics (prom-client),
 * the ops HTTP server (/metrics, /healthz, /readyz) and readiness checks.
 */
export * from "./metrics.js";
export * from "./bot-api-errors.js";
export * from "./listen-host.js";
export * from "./ops-server.js";
export * from "./with-timeout.js";
