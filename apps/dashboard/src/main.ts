import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { armShutdownDeadline, onStopSignal, runService } from "@tgstats/platform";
import { loadDashboardConfig, type DashboardConfig } from "./config.js";
import { createDashboardApp } from "./create-dashboard-app.js";

/** SIGTERM must end the process within this time, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 5_000;

/** The dashboard cannot listen where it was told to: the message says what to set. */
class DashboardListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DashboardListenError";
  }
}

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
    throw new DashboardListenError(
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
  const signalName = await new Promise<string>((resolve) => onStopSignal(resolve));
  logger.info({ reason: signalName }, "shutting down");
  armShutdownDeadline(logger, SHUTDOWN_DEADLINE_MS);
  server.close();
  server.closeAllConnections();
  await dashboard.close();
}

await runService({
  name: "dashboard",
  loadConfig: loadDashboardConfig,
  start: (config, { logger }) => start(config, logger),
  // Its own messages (a taken port, a wrong host) say what to set.
  knownFailure: (error) =>
    error instanceof DashboardListenError ? { exitCode: 1, step: "listen" } : undefined,
});
