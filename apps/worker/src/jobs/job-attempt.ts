import {
  DelayedError,
  UnrecoverableError,
  WaitingChildrenError,
  WaitingError,
  type Job,
} from "bullmq";
import type { Logger } from "pino";
import type { z } from "zod";
import {
  ChatForgottenError,
  type ChatFence,
  type FenceToken,
  type FencedWriter,
} from "@tgstats/platform";
import {
  ChatNotAccessibleError,
  ChatNotReportableError,
  FloodWaitDelayError,
  SessionInvalidError,
  UsernameLookupLimitError,
  TelegramConnectionError,
  TelegramNoAnswerError,
} from "../mtproto/errors.js";
import type { CheckpointStore, StoredCheckpoint } from "./checkpoint-store.js";
import { validCheckpoint } from "./checkpoint-store.js";
import { ForgottenJobError } from "./forgotten-job-error.js";
import type { JobTexts } from "./job-texts.js";

/** What every job kind's data holds that an attempt manages. */
export interface AttemptJobData {
  checkpoint: StoredCheckpoint | null;
  fenceGeneration: number | null;
}

/** What an attempt is run with. */
export interface JobAttemptDeps {
  /** Stops the job, writing nothing more, once its chat is forgotten (/forget). */
  fence: ChatFence;
  /** Where checkpoints keep their aggregates (the job data keeps a reference); inline without it. */
  checkpoints?: CheckpointStore;
  /** Called when Telegram rejects the session: the worker must stop using it. */
  onSessionInvalid: (error: SessionInvalidError) => void;
  /** The workers' lock duration: {@link JobAttempt.keepLock} renews the lock for this long. */
  jobLockMs?: number;
  now?: () => number;
}

/**
 * This attempt no longer holds its job's lock (Redis was unreachable for
 * longer than the lock lives): BullMQ has given the job to another attempt,
 * so this one must not deliver.
 */
export class JobLockLostError extends Error {
  constructor(readonly jobId: string | undefined) {
    super(
      `Lost the lock of job ${jobId ?? "?"} before delivering; another attempt delivers it. If this repeats, raise JOB_LOCK_MS or check the Redis connection.`,
    );
    this.name = "JobLockLostError";
  }
}

/** Who asked for the job, to be told how it goes; split parts have none (their coordinator tells). */
export interface AttemptRequester {
  texts: JobTexts;
  /** The zone times in notices are shown in. */
  timeZone: string;
  /** Shows a passing notice (a flood wait) in the status message. */
  notice(text: string): Promise<void>;
  /** Tells why there is no report, in place of the status message. */
  tell(text: string): Promise<void>;
}

/** A request the job refuses for good, and what the requester is told. */
export interface Refusal {
  /** For the requester; null to tell nothing. */
  text: string | null;
  /** The reason the failed job keeps (it goes into the event stream: no chat names). */
  reason: string;
}

/** How one attempt of a job ended early, as its kind sees it. */
export interface AttemptStop<Checkpoint> {
  /** The checkpoint of the walk in progress, saved when the job pauses or fails. */
  checkpoint: Checkpoint | null;
  /** Told how the job goes; null for none. */
  requester: AttemptRequester | null;
  /** Refusals only this kind makes (an unreadable export, a part's hidden history); null for none. */
  refusal?(error: unknown): Refusal | null;
  /** Removes what the job left elsewhere once its chat is forgotten (a split's parts). */
  onForgotten?(): Promise<void>;
}

/**
 * One attempt at a job, the lifecycle every job kind shares: the checkpoint
 * restored (checked, or the walk starts over) and saved, the chat's fence
 * held, the lock kept, and the end of an attempt cut short turned into
 * BullMQ's control flow — a long flood wait moves the job to delayed
 * (DelayedError), a shutdown back to waiting (WaitingError), both after a
 * checkpoint; a request that cannot succeed fails at once (UnrecoverableError)
 * with the reason told to the requester.
 */
export class JobAttempt<Data extends AttemptJobData> {
  /** `queue:id`: names the job's checkpoint and delivery journal. */
  readonly jobKey: string;
  readonly signal: AbortSignal;
  private fenced: { token: FenceToken; writer: FencedWriter } | null = null;
  private readonly now: () => number;

  constructor(
    private readonly deps: JobAttemptDeps,
    readonly job: Job<Data>,
    /** The lock token of this attempt. */
    readonly token: string | undefined,
    signal: AbortSignal | undefined,
    /** The job's data as stored (the checkpoint as a reference). */
    private stored: Data,
    /** The attempt's log; a job kind adds what it learns (the chat's id). */
    public log: Logger,
  ) {
    this.jobKey = `${job.queueName}:${job.id ?? ""}`;
    this.signal = signal ?? new AbortController().signal;
    this.now = deps.now ?? Date.now;
  }

  /** The job's data as stored. */
  get data(): Data {
    return this.stored;
  }

  /** The checkpoint of the job data, checked against `schema`; null (logged) when it does not match. */
  async restore<Schema extends z.ZodType>(schema: Schema): Promise<z.infer<Schema> | null> {
    const { checkpoint } = this.stored;
    const restored =
      this.deps.checkpoints === undefined
        ? validCheckpoint(checkpoint, schema)
        : await this.deps.checkpoints.restore(this.jobKey, checkpoint, schema);
    if (restored.dropped !== null)
      this.log.warn(
        { step: "restore" },
        `the checkpoint is dropped and its walk starts over: ${restored.dropped}`,
      );
    return restored.checkpoint;
  }

  /**
   * The writer of the chat's aggregates, taken once the chat is resolved: the
   * forget generation of the job's first attempt (kept in the job data), so a
   * /forget since then stops the job.
   *
   * @throws {ChatForgottenError} when the chat was forgotten since
   */
  async holdFence(botApiChatId: number): Promise<FencedWriter> {
    let token: FenceToken;
    const generation = this.stored.fenceGeneration;
    if (generation === null) {
      token = await this.deps.fence.token(botApiChatId, this.jobKey);
      await this.updateData({ ...this.stored, fenceGeneration: token.generation });
    } else token = { botApiChatId, generation, jobKey: this.jobKey };
    await this.deps.fence.check(token);
    this.fenced = { token, writer: this.deps.fence.writer(token) };
    return this.fenced.writer;
  }

  /** @throws {ChatForgottenError} once the chat is forgotten (nothing when no chat is held) */
  async checkFence(): Promise<void> {
    if (this.fenced !== null) await this.deps.fence.check(this.fenced.token);
  }

  /** Stores `checkpoint` (null clears it) for the next attempt. */
  async saveCheckpoint(checkpoint: StoredCheckpoint | null): Promise<void> {
    const store = this.deps.checkpoints;
    if (checkpoint === null) {
      await this.updateData({ ...this.stored, checkpoint: null });
      await store?.delete(this.jobKey);
      return;
    }
    if (store === undefined) {
      await this.checkFence();
      await this.updateData({ ...this.stored, checkpoint });
      return;
    }
    const offloaded = await store.offload(this.jobKey, checkpoint, this.fenced?.writer);
    await this.updateData({ ...this.stored, checkpoint: offloaded });
  }

  /** Deletes the stored checkpoint aggregates (the job is done). */
  async dropCheckpoint(): Promise<void> {
    await this.deps.checkpoints?.delete(this.jobKey);
  }

  /** Writes the job's data. */
  async updateData(data: Data): Promise<void> {
    this.stored = data;
    await this.job.updateData(data);
  }

  /** Renews the lock: charts and delivery never touch Redis, so a lock lost meanwhile shows only here. */
  async keepLock(): Promise<void> {
    if (this.token === undefined || this.deps.jobLockMs === undefined) return;
    if ((await this.job.extendLock(this.token, this.deps.jobLockMs)) === 0)
      throw new JobLockLostError(this.job.id);
  }

  /**
   * Runs the attempt's work; when an error cuts it short, {@link stop} turns
   * it into how the job goes on, with `howStopped` read at that moment.
   */
  async run<Result, Checkpoint extends StoredCheckpoint>(
    work: () => Promise<Result>,
    howStopped: () => AttemptStop<Checkpoint>,
  ): Promise<Result> {
    try {
      return await work();
    } catch (error) {
      return this.stop(error, howStopped());
    }
  }

  /** Turns the error that cut the attempt short into how the job goes on; never returns. */
  async stop<Checkpoint extends StoredCheckpoint>(
    error: unknown,
    how: AttemptStop<Checkpoint>,
  ): Promise<never> {
    // The parts of a split read are running; their checkpoint is saved and BullMQ parks the job.
    if (error instanceof WaitingChildrenError) throw error;
    if (error instanceof JobLockLostError) {
      this.log.warn({ step: "deliver" }, error.message);
      throw error;
    }
    const { checkpoint, requester } = how;
    const save = async (): Promise<void> => {
      if (checkpoint !== null) await this.saveCheckpoint(checkpoint);
    };
    if (error instanceof ChatForgottenError) {
      this.log.info({ step: "forgotten" }, error.message);
      // What this attempt stored of the chat goes too: /forget may have run before it was written.
      await this.dropCheckpoint();
      await how.onForgotten?.();
      if (requester !== null)
        await requester.tell(requester.texts.forgotten).catch(() => undefined);
      throw new ForgottenJobError(error);
    }
    if (error instanceof FloodWaitDelayError) {
      await save();
      const resumeAtMs = this.now() + error.seconds * 1000;
      const lookups = error instanceof UsernameLookupLimitError;
      this.log.warn(
        { step: "flood-wait", seconds: error.seconds, method: error.method },
        lookups
          ? "username lookup budget spent; delaying the job"
          : "Telegram asked to wait; delaying the job",
      );
      if (requester !== null) {
        const { texts } = requester;
        const wait = lookups ? texts.usernameLookupsLimited : texts.floodWait;
        await requester.notice(wait(error.seconds, resumeAtMs, requester.timeZone));
      }
      await this.job.moveToDelayed(resumeAtMs, this.token);
      throw new DelayedError();
    }
    if (this.signal.aborted) {
      await save();
      this.log.info(
        { step: "shutdown", checkpoint: checkpoint === null ? null : checkpointPhase(checkpoint) },
        "checkpointed; back to waiting",
      );
      await this.job.moveToWait(this.token);
      throw new WaitingError();
    }
    if (error instanceof SessionInvalidError) {
      this.log.error({ step: "session" }, error.message);
      this.deps.onSessionInvalid(error);
      if (requester !== null) await requester.tell(requester.texts.accountLoggedOut);
      throw new UnrecoverableError(error.message);
    }
    const refusal = how.refusal?.(error) ?? telegramRefusal(error, requester?.texts ?? null);
    if (refusal !== null) {
      this.log.info({ step: "refused" }, errorMessage(error));
      if (requester !== null && refusal.text !== null) await requester.tell(refusal.text);
      throw new UnrecoverableError(refusal.reason);
    }
    await save();
    const lastAttempt = this.job.attemptsMade + 1 >= (this.job.opts.attempts ?? 1);
    this.log.error({ step: "failed", err: error, lastAttempt }, "job failed");
    if (lastAttempt && requester !== null) {
      const unreachable =
        error instanceof TelegramNoAnswerError || error instanceof TelegramConnectionError;
      const { texts } = requester;
      await requester
        .tell(unreachable ? texts.telegramNoAnswer : texts.failed)
        .catch(() => undefined);
    }
    throw error;
  }
}

/** Telegram will not show the chat to the account, or it is no chat to report on. */
function telegramRefusal(error: unknown, texts: JobTexts | null): Refusal | null {
  if (error instanceof ChatNotAccessibleError)
    return { text: texts === null ? null : refusalText(texts, error), reason: error.message };
  if (error instanceof ChatNotReportableError)
    return { text: texts?.chatNotReportable ?? null, reason: error.message };
  return null;
}

/** The requester's answer when Telegram will not show the chat to the account. */
function refusalText(texts: JobTexts, error: ChatNotAccessibleError): string {
  switch (error.reason) {
    case "not-found":
      return texts.chatNotFound(error.target);
    case "admin-required":
      return texts.chatAdminRequired(error.accountUsername);
    default:
      return texts.chatNotAccessible(error.accountUsername);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The phase of a stats checkpoint, for the log (a split part's has none). */
function checkpointPhase(checkpoint: StoredCheckpoint): string | null {
  return "phase" in checkpoint && typeof checkpoint.phase === "string" ? checkpoint.phase : null;
}
