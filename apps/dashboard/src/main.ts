import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import {
  ConfigError,
  configSecrets,
  createLogger,
  createSecretScrubber,
} from "@tgstats/shared/core";
import { loadDashboardConfig, type DashboardConfig } from "./config.js";
import { createDashboardApp } from "./create-dashboard-app.js";

/** Exit code for a configuration an operator must fix (sysexits EX_CONFIG): not worth restarting. */
const EXIT_CONFIG = 78;
/** SIGTERM must end the process within this time, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 5_000;

async function start(config: DashboardConfig, logger: Logger): Promise<void> {
  const dashboard = createDashboardApp({
    redisUrl: config.REDIS_URL,
    queuePrefix: config.REDIS_KEY_PREFIX,
    username: config.DASHBOARD_USER,
    password: config.DASHBOARD_PASSWORD,
    allowWrites: config.DASHBOARD_ALLOW_WRITES,
    logger,
  });
  const server = dashboard.app.listen(config.DASHBOARD_PORT, config.DASHBOARD_HOST);
  try {
    await once(server, "listening");
  } catch (error) {
    await dashboard.close();
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new Error(
      code === "EADDRNOTAVAIL" || code === "ENOTFOUND"
        ? `The dashboard cannot listen on ${config.DASHBOARD_HOST} (${code}): set DASHBOARD_HOST to an address of this machine, e.g. 127.0.0.1, or 0.0.0.0 for every interface.`
        : `The dashboard cannot listen on port ${config.DASHBOARD_PORT} (${code}): set DASHBOARD_PORT to a free port.`,
    );
  }
  const { port, address } = server.address() as AddressInfo;
  logger.info(
    {
      host: address,
      port,
      user: config.DASHBOARD_USER,
      allowWrites: config.DASHBOARD_ALLOW_WRITES,
    },
    "dashboard listening (basic auth)",
  );
  const signalName = await new Promise<string>((resolve) => {
    for (const name of ["SIGTERM", "SIGINT"] as const) process.once(name, () => resolve(name));
  });
  logger.info({ reason: signalName }, "shutting down");
  setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
  server.close();
  server.closeAllConnections();
  await dashboard.close();
}

async function main(): Promise<void> {
  let config: DashboardConfig;
  try {
    config = loadDashboardConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT_CONFIG;
    return;
  }
  const scrubber = createSecretScrubber(configSecrets(config));
  const logger = createLogger({
    name: "dashboard",
    level: config.LOG_LEVEL,
    scrubber,
  });
  try {
    await start(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, error instanceof Error ? error.message : "dashboard stopped");
    process.exitCode = 1;
  }
}

await main();
process.exit();
