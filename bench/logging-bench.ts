/**
 * What scrubbing secrets by value costs per log line: the same lines through
 * createLogger without and with a scrubber holding a production-like set of
 * secrets (token, api_hash, two session strings, a Redis password), into a
 * stream that drops them. Prints µs per line for a short job line and for an
 * error line with a nested network error and its stack.
 *
 * Run: node --conditions=source --import tsx bench/logging-bench.ts [--lines 50000]
 */
import { Writable } from "node:stream";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { HttpError } from "grammy";
import {
  configSecrets,
  createLogger,
  createSecretScrubber,
  type SecretScrubber,
} from "@tgstats/platform";

const { values } = parseArgs({ options: { lines: { type: "string", default: "50000" } } });
const lines = Number(values.lines);

const session = (seed: number): string =>
  `1${Buffer.from(Array.from({ length: 263 }, (_, i) => (i * 37 + seed) % 256)).toString("base64")}`;
const token = "7061234567:AAHk3v9xQz-Lm2Pq8sT4uW6yB1cD0eF5gJ7";
const scrubber = createSecretScrubber(
  configSecrets({
    BOT_TOKEN: token,
    TG_API_HASH: "b3f9c2a1d4e5f60718293a4b5c6d7e8f",
    TG_SESSIONS: `${session(1)},${session(2)}`,
    REDIS_URL: "redis://:r3dis-Pa55-w0rd@127.0.0.1:6379",
  }),
);
const networkError = new HttpError(
  "Network request for 'sendMediaGroup' failed!",
  new Error(
    `request to http://127.0.0.1:8081/bot${token}/sendMediaGroup failed, reason: ECONNREFUSED`,
  ),
);

/** µs per line for `write` through a logger with the given scrubber. */
function measure(
  withScrubber: SecretScrubber | undefined,
  write: (log: ReturnType<typeof createLogger>) => void,
): number {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const log = createLogger({ name: "worker", destination: sink, scrubber: withScrubber }).child({
    jobId: "1234",
    chatId: -1001650000001,
  });
  for (let i = 0; i < 2000; i++) write(log); // warm-up
  const startMs = performance.now();
  for (let i = 0; i < lines; i++) write(log);
  return ((performance.now() - startMs) * 1000) / lines;
}

const cases: [string, (log: ReturnType<typeof createLogger>) => void][] = [
  [
    "job line",
    (log) => log.info({ step: "fetch", fetched: 12_000, pages: 120 }, "reading history"),
  ],
  [
    "error line",
    (log) => log.error({ step: "failed", err: networkError, lastAttempt: true }, "job failed"),
  ],
];
/** The best of five alternating rounds: the machine's noise only ever adds time. */
for (const [name, write] of cases) {
  let plain = Infinity;
  let scrubbed = Infinity;
  for (let round = 0; round < 5; round++) {
    plain = Math.min(plain, measure(undefined, write));
    scrubbed = Math.min(scrubbed, measure(scrubber, write));
  }
  console.log(
    `${name.padEnd(10)} plain ${plain.toFixed(2)} µs/line, scrubbed ${scrubbed.toFixed(2)} µs/line (+${(scrubbed - plain).toFixed(2)} µs)`,
  );
}

/** The scrubbing alone, on the serialized lines: the part that does not drown in pino's own noise. */
for (const [name, write] of cases) {
  let line = "";
  const capture = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      line = chunk.toString("utf8");
      done();
    },
  });
  write(createLogger({ name: "worker", destination: capture }).child({ jobId: "1234" }));
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const startMs = performance.now();
    for (let i = 0; i < lines; i++) scrubber.scrubJson(line);
    best = Math.min(best, ((performance.now() - startMs) * 1000) / lines);
  }
  console.log(
    `${name.padEnd(10)} scrubJson alone ${best.toFixed(2)} µs on ${line.length} characters`,
  );
}
