import { z } from "zod";
import {
  listenHostSetting,
  parseEnvConfig,
  portSetting,
  serviceSettings,
  renamedPrefixProblems,
} from "@tgstats/platform";

/** Shorter passwords fall to a guessing run over HTTP basic auth in hours, not years. */
const MIN_PASSWORD_LENGTH = 12;

/**
 * Every setting of the dashboard (Bull Board behind basic auth), read from
 * the environment once at start-up.
 */
export const dashboardConfigSchema = z.object({
  /** REDIS_KEY_PREFIX: the queues shown are under it, the same as the bot's and workers'. */
  ...serviceSettings,
  DASHBOARD_USER: z
    .string()
    .regex(/^[^:\s]+$/, "one word without ':' or spaces (it is a basic-auth user name)")
    .default("admin"),
  DASHBOARD_PASSWORD: z
    .string({
      error: `set a password of at least ${MIN_PASSWORD_LENGTH} characters, e.g. from \`openssl rand -base64 18\``,
    })
    .min(
      MIN_PASSWORD_LENGTH,
      `must be at least ${MIN_PASSWORD_LENGTH} characters; generate one with \`openssl rand -base64 18\``,
    ),
  DASHBOARD_PORT: portSetting(3000),
  /** Loopback unless set: basic auth over plain HTTP belongs behind an SSH tunnel or a TLS proxy. */
  DASHBOARD_HOST: listenHostSetting(),
  /**
   * "true" lets the dashboard change queues (add, retry, promote, clean, remove jobs). Off by
   * default: a job added by hand could name any chat, and the dashboard's password is one secret.
   */
  DASHBOARD_ALLOW_WRITES: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .default("false")
    .transform((value) => value === "true"),
});

/** The dashboard's checked configuration. */
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

/**
 * Reads and checks the dashboard's configuration; throws ConfigError naming each bad variable.
 *
 * @example const config = loadDashboardConfig(process.env);
 */
export function loadDashboardConfig(env: Record<string, string | undefined>): DashboardConfig {
  return parseEnvConfig("tgstats dashboard", dashboardConfigSchema, env, renamedPrefixProblems);
}
