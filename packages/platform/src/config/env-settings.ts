import { z } from "zod";
import { keyPrefixSetting } from "../redis/redis-keys.js";
import { listenHostSetting } from "../ops/listen-host.js";

/**
 * A number read from the environment: unset or empty means "use the default",
 * anything else must parse as a number.
 *
 * @example envNumber(z.number().int().min(1)).default(20)
 */
export function envNumber(schema: z.ZodNumber) {
  return z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : Number(value)),
    schema,
  );
}

/** A TCP port to listen on, `0` picking a free one. */
export function portSetting(defaultPort: number) {
  return envNumber(
    z.number().int().min(0).max(65_535, "must be a TCP port (0 picks a free one)"),
  ).default(defaultPort);
}

/** The settings every service reads the same way: where Redis is, its key prefix, the log level. */
export const serviceSettings = {
  REDIS_URL: z
    .url("must be a URL such as redis://127.0.0.1:6379")
    .default("redis://127.0.0.1:6379"),
  /** Prefix of every key (queues, cache, leases…); the sandbox uses its own, so it never touches a deployment's. */
  REDIS_KEY_PREFIX: keyPrefixSetting,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};

/**
 * The ops endpoints' settings (/metrics, /healthz, /readyz): the port
 * (each service has its own default) and the address, loopback unless set
 * (compose sets 0.0.0.0).
 */
export function opsSettings(defaultPort: number) {
  return { OPS_PORT: portSetting(defaultPort), OPS_HOST: listenHostSetting() };
}
