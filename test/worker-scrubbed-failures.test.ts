/**
 * What a job's failure leaves in Redis is scrubbed of secrets: BullMQ stores
 * the thrown error's message and stack (`failedReason`, `stacktrace`), which
 * the dashboard shows. BullMQ's own error classes keep steering the job.
 */
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSecrets, createSecretScrubber } from "@tgstats/platform";
import { withScrubbedFailures } from "@tgstats/worker";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { SECRETS, leakedSecrets } from "./helpers/secrets.js";

const QUEUE = "scrubbed-failures";
let redis: TestRedis;
let queue: Queue;
let events: QueueEvents;
let worker: Worker;

/** Fails every job with the token and a session in its message, its cause and its stack. */
function failWithSecrets(job: Job<{ unrecoverable?: boolean }>): Promise<never> {
  const cause = new Error(`session ${SECRETS.SESSION_A} rejected`);
  const message = `request to http://127.0.0.1:9/file/bot${SECRETS.BOT_TOKEN}/doc.json failed`;
  return Promise.reject(
    job.data.unrecoverable === true
      ? new UnrecoverableError(message)
      : new Error(message, { cause }),
  );
}

beforeAll(async () => {
  redis = await startTestRedis();
  const connection = { url: redis.url, maxRetriesPerRequest: null };
  const prefix = "tgstats-test-scrubbed";
  queue = new Queue(QUEUE, { connection, prefix });
  events = new QueueEvents(QUEUE, { connection, prefix });
  await events.waitUntilReady();
  const scrubber = createSecretScrubber(
    configSecrets({ BOT_TOKEN: SECRETS.BOT_TOKEN, TG_SESSIONS: SECRETS.SESSION_A }),
  );
  worker = new Worker(QUEUE, withScrubbedFailures(failWithSecrets, scrubber), {
    connection,
    prefix,
  });
});

afterAll(async () => {
  await worker.close();
  await events.close();
  await queue.close();
  await redis.stop();
});

describe("withScrubbedFailures", () => {
  it("stores the failure with the token cut out of failedReason and stacktrace", async () => {
    const job = await queue.add("job", {});
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(
      "request to http://127.0.0.1:9/file/bot[redacted]/doc.json failed",
    );
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.failedReason).toBe(
      "request to http://127.0.0.1:9/file/bot[redacted]/doc.json failed",
    );
    expect(failed.stacktrace).toHaveLength(1);
    expect(failed.stacktrace?.[0]).toMatch(
      /^Error: request to .*\/bot\[redacted\]\/doc\.json failed\n/,
    );
    expect(leakedSecrets(JSON.stringify(failed))).toEqual([]);
  });

  it("keeps BullMQ's error classes: an UnrecoverableError is not retried", async () => {
    const job = await queue.add("job", { unrecoverable: true }, { attempts: 3 });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/bot\[redacted\]/);
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(leakedSecrets(JSON.stringify(failed))).toEqual([]);
  });
});
