import { GrammyError } from "grammy";
import type { Redis } from "ioredis";

/** A job's record outlives long flood waits and retries, then goes (as its checkpoint does). */
const JOURNAL_TTL_SECONDS = 7 * 86_400;

/**
 * What is known of one delivery step: `sending` is written before the Bot API
 * call (the intent), `sent` after it, with the ids Telegram answered. A step
 * left `sending` by a killed process may or may not have reached the chat.
 */
export type DeliveryStepRecord =
  { state: "sending"; atMs: number } | { state: "sent"; messageIds: number[] };

/** The delivery record of one job: what each step it began became. */
export interface JobDeliveryJournal {
  /** Every step recorded so far, by step name. */
  read(): Promise<Map<string, DeliveryStepRecord>>;
  /**
   * Records the intent to run `step`, atomically: false when the step has a
   * record already (an earlier or concurrent attempt began it).
   */
  claim(step: string): Promise<boolean>;
  /** Records the intent to run a step that is harmless to repeat (an edit or a delete). */
  begin(step: string): Promise<void>;
  /** Records the step's outcome. */
  complete(step: string, messageIds: readonly number[]): Promise<void>;
  /** Forgets the intent of a step Telegram refused (nothing was sent, so it may run again). */
  release(step: string): Promise<void>;
  /** Deletes the record once the job is marked delivered. */
  clear(): Promise<void>;
}

/**
 * Delivery records in Redis, one hash per job (`<keyBase>:<queue>:<id>`, keyBase `redisKeys(prefix).delivery`;
 * a field per step): HSETNX makes the claim of a step atomic, so two attempts
 * of one job (one that lost its lock and one that took over) never both send it.
 */
export class DeliveryJournals {
  constructor(
    private readonly redis: Redis,
    private readonly keyBase: string,
  ) {}

  /** The journal of the job `jobKey` (`queue:id`). */
  forJob(jobKey: string): JobDeliveryJournal {
    const { redis } = this;
    const key = `${this.keyBase}:${jobKey}`;
    const write = async (step: string, record: DeliveryStepRecord): Promise<void> => {
      await redis
        .multi()
        .hset(key, step, JSON.stringify(record))
        .expire(key, JOURNAL_TTL_SECONDS)
        .exec();
    };
    return {
      async read() {
        const fields = await redis.hgetall(key);
        return new Map(
          Object.entries(fields).map(([step, json]) => [
            step,
            JSON.parse(json) as DeliveryStepRecord,
          ]),
        );
      },
      async claim(step) {
        const record: DeliveryStepRecord = { state: "sending", atMs: Date.now() };
        const result = await redis
          .multi()
          .hsetnx(key, step, JSON.stringify(record))
          .expire(key, JOURNAL_TTL_SECONDS)
          .exec();
        return result?.[0]?.[1] === 1;
      },
      begin: (step) => write(step, { state: "sending", atMs: Date.now() }),
      complete: (step, messageIds) => write(step, { state: "sent", messageIds: [...messageIds] }),
      async release(step) {
        await redis.hdel(key, step);
      },
      async clear() {
        await redis.del(key);
      },
    };
  }
}

/** The journal of a delivery that keeps no record: every step runs once, in this call. */
export function unrecordedJournal(): JobDeliveryJournal {
  return {
    read: () => Promise.resolve(new Map()),
    claim: () => Promise.resolve(true),
    begin: () => Promise.resolve(),
    complete: () => Promise.resolve(),
    release: () => Promise.resolve(),
    clear: () => Promise.resolve(),
  };
}

/**
 * Runs a claimed (or begun) step's call and records the ids of the messages
 * it sent. When Telegram refused the request (4xx) nothing was sent, so the
 * claim is released for a later attempt; any other failure (no answer, a 5xx)
 * leaves the intent: the step may have gone out.
 */
export async function recordStep(
  journal: JobDeliveryJournal,
  step: string,
  call: () => Promise<number[]>,
): Promise<number[]> {
  let sent: number[];
  try {
    sent = await call();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code < 500) await journal.release(step);
    throw error;
  }
  await journal.complete(step, sent);
  return sent;
}
