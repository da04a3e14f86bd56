import { pino, type Logger } from "pino";
import {
  MIN_SCRUBBED_SECRET_LENGTH,
  SCRUBBED_TEXT,
  createSecretScrubber,
  type SecretScrubber,
} from "./secret-scrubber.js";

/**
 * Paths pino blanks out wherever they appear in a log line: fields that hold a
 * secret by their nature, whatever its value (a phone number, a session a
 * caller passed). Known secret values are scrubbed from every string besides.
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
  /**
   * Scrubs secret values (see `configSecrets`) from every line as written:
   * messages, fields, errors with their causes and stacks. The service
   * shares it with whatever else must be scrubbed (job failures).
   */
  scrubber?: SecretScrubber;
}

/**
 * pino's error serializer, without a Bot API error's request: grammY's
 * `GrammyError.payload` is the whole call (a message's text, a member list's
 * names, chart files), which a chat may see but a log must not hold.
 */
function serializeError(error: Error): ReturnType<typeof pino.stdSerializers.err> {
  return withoutSentContent(pino.stdSerializers.err(error));
}

function withoutSentContent<T>(serialized: T): T {
  if (typeof serialized !== "object" || serialized === null) return serialized;
  const record = serialized as { payload?: unknown; cause?: unknown };
  delete record.payload;
  if ("cause" in record) record.cause = withoutSentContent(record.cause);
  return serialized;
}

/**
 * A structured JSON logger (pino) with secrets redacted: by field name
 * ({@link REDACTED_PATHS}) and by value (the `scrubber` runs on each
 * serialized line just before it is written, so no field is missed).
 *
 * @example
 * const log = createLogger({ name: "worker", scrubber: createSecretScrubber(configSecrets(config)) });
 * log.info({ jobId }, "job started");
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrubber = options.scrubber ?? createSecretScrubber([]);
  const logger = pino(
    {
      name: options.name,
      level: options.level ?? "info",
      redact: { paths: REDACTED_PATHS, censor: SCRUBBED_TEXT },
      // Error objects keep their message and type; stacks stay for operators' logs only.
      serializers: { err: serializeError },
      hooks: scrubber.isEmpty ? {} : { streamWrite: scrubber.scrubJson },
    },
    options.destination ?? process.stdout,
  );
  if (scrubber.tooShort.length > 0)
    logger.warn(
      { settings: scrubber.tooShort },
      `These secrets are shorter than ${MIN_SCRUBBED_SECRET_LENGTH} characters, so logs cannot be scrubbed of them; use longer ones.`,
    );
  return logger;
}
