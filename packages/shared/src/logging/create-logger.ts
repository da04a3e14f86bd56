import { pino, type Logger } from "pino";

/**
 * Paths pino blanks out wherever they appear in a log line: secrets are
 * redacted by the logger, not by every caller's care.
 */
export const REDACTED_PATHS = [
  "token",
  "botToken",
  "session",
  "sessionString",
  "apiHash",
  "phone",
  "phoneNumber",
  "password",
  "*.token",
  "*.botToken",
  "*.session",
  "*.sessionString",
  "*.apiHash",
  "*.phone",
  "*.phoneNumber",
  "*.password",
  "config.*",
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Service name written on every line (`bot`, `worker`). */
  name: string;
  level?: string;
  /** Where to write; stdout by default. Tests pass a stream to read the lines back. */
  destination?: NodeJS.WritableStream;
}

/**
 * A structured JSON logger (pino) with secrets redacted.
 *
 * @example const log = createLogger({ name: "worker" }); log.info({ jobId }, "job started");
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? "info",
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      // Error objects keep their message and type; stacks stay for operators' logs only.
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? process.stdout,
  );
}
