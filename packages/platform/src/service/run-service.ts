import type { Logger } from "pino";
import { ConfigError } from "../config/config-error.js";
import { configSecrets } from "../config/config-secrets.js";
import { createLogger } from "../logging/create-logger.js";
import { createSecretScrubber, type SecretScrubber } from "../logging/secret-scrubber.js";

/** Exit code for a configuration an operator must fix (sysexits EX_CONFIG): not worth restarting. */
export const EXIT_CONFIG = 78;
/** Exit code for a condition that may pass (sysexits EX_TEMPFAIL): a supervisor may restart later. */
export const EXIT_TEMPFAIL = 75;

/** What a running service gets besides its config. */
export interface ServiceContext {
  /** Writes JSON lines with every configured secret masked. */
  logger: Logger;
  scrubber: SecretScrubber;
}

/** A failure the operator must act on: logged as one line at `step`, ending with `exitCode`. */
export interface KnownFailure {
  exitCode: number;
  step: string;
}

/** One service process: how it reads its config, runs, and which failures are not crashes. */
export interface ServiceDefinition<Config extends Readonly<Record<string, unknown>>> {
  /** The logger's name: `bot`, `worker`, `dashboard`. */
  name: string;
  /** Reads and checks the config; throws {@link ConfigError} naming each bad variable. */
  loadConfig(env: Record<string, string | undefined>): Config;
  /** Runs until the service stops (it listens for {@link onStopSignal} itself). */
  start(config: Config, context: ServiceContext): Promise<void>;
  /** A known failure's exit code and step; undefined for anything else (logged with its stack, exit 1). */
  knownFailure?(error: unknown): KnownFailure | undefined;
}

/**
 * Runs a service process from start to exit: a bad config is printed as one
 * line (exit 78), the logger masks every secret of the config, a known failure
 * is one fatal line with its exit code, anything else (a throw in start, in
 * a timer or a promise nobody awaits) one fatal line with the error, exit 1.
 * Ends the process afterwards: open handles (Redis reconnect timers, GramJS
 * timers) must not keep a stopped service alive.
 *
 * @example await runService({ name: "dashboard", loadConfig: loadDashboardConfig, start });
 */
export async function runService<Config extends Readonly<Record<string, unknown>>>(
  service: ServiceDefinition<Config>,
): Promise<never> {
  process.exitCode = await runToExitCode(service);
  process.exit();
}

async function runToExitCode<Config extends Readonly<Record<string, unknown>>>(
  service: ServiceDefinition<Config>,
): Promise<number> {
  let config: Config;
  try {
    config = service.loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT_CONFIG;
  }
  const scrubber = createSecretScrubber(configSecrets(config));
  const logger = createLogger({ name: service.name, level: String(config.LOG_LEVEL), scrubber });
  // A throw outside start() (a timer, a promise nobody awaits) is logged like any other: masked.
  const crash = (error: unknown): void => {
    logger.fatal({ err: error }, `${service.name} crashed`);
    process.exit(1);
  };
  process.once("uncaughtException", crash);
  process.once("unhandledRejection", crash);
  try {
    await service.start(config, { logger, scrubber });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    const known = service.knownFailure?.(error);
    if (known !== undefined) {
      logger.fatal({ step: known.step }, error instanceof Error ? error.message : String(error));
      return known.exitCode;
    }
    logger.fatal({ err: error }, `${service.name} stopped on an unexpected error`);
    return 1;
  }
}

/**
 * Calls `handler` with the signal's name on the first SIGTERM or SIGINT (once:
 * a second signal during shutdown is left to the deadline).
 */
export function onStopSignal(handler: (signalName: string) => void): void {
  let called = false;
  for (const signalName of ["SIGTERM", "SIGINT"] as const)
    process.once(signalName, () => {
      if (called) return;
      called = true;
      handler(signalName);
    });
}

/**
 * Ends the process (exit code 1) when a shutdown takes longer than
 * `deadlineMs`, whatever hangs: supervisors send SIGKILL soon after SIGTERM.
 */
export function armShutdownDeadline(logger: Logger, deadlineMs: number): void {
  setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, deadlineMs).unref();
}
