import {
  DelayedError,
  UnrecoverableError,
  WaitingChildrenError,
  WaitingError,
  type Job,
} from "bullmq";
import type { Api } from "grammy";
import type { Logger } from "pino";
import {
  STATS_JOB_SCHEMA_VERSION,
  parseStatsJobData,
  type StatsCheckpoint,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import {
  ExportFormatError,
  UnknownChatError,
  reportFromExport,
  toReportJson,
  type ReportJson,
} from "@tgstats/engine";
import { type ReportChart } from "@tgstats/charts";
import {
  ChatForgottenError,
  type ChatCache,
  type ChatFence,
  type FenceToken,
  type FencedWriter,
} from "@tgstats/platform";
import {
  ProgressReporter,
  apiSignal,
  deliverFailure,
  deliverReport,
  type DeliveryJournals,
  type FileDownloader,
} from "../delivery/index.js";
import {
  ChatNotAccessibleError,
  ChatNotReportableError,
  FloodWaitDelayError,
  SessionInvalidError,
  UsernameLookupLimitError,
  TelegramConnectionError,
  TelegramNoAnswerError,
} from "../mtproto/errors.js";
import type { RunHooks } from "./chat-report-run.js";
import { runChatWithMigratedGroup } from "./migrated-group-run.js";
import type { CheckpointStore } from "./checkpoint-store.js";
import type { HistoryAccount, HistoryChat } from "./history-account.js";
import { ForgottenJobError } from "./forgotten-job-error.js";
import { formatOverviewText } from "./overview-text.js";
import { jobTexts, type JobTexts } from "./job-texts.js";
import { SplitCoordinator, type SplitDeps, type SplitState } from "./split/split-coordinator.js";

/** What the stats processor is built from. */
export interface StatsProcessorDeps<Chat extends HistoryChat> {
  account: HistoryAccount<Chat>;
  cache: ChatCache;
  /** Stops the job, writing nothing more, once its chat is forgotten (/forget). */
  fence: ChatFence;
  /**
   * Telegram user ids allowed the account overview, answered only in their
   * own private chat: it lists every chat of the account, so a job asking it
   * for anyone else (added by hand, say) is refused.
   */
  ownerIds: readonly number[];
  api: Api;
  renderCharts: (report: ReportJson, signal: AbortSignal) => Promise<ReportChart[]>;
  logger: Logger;
  /** Downloads a result.json a user sent the bot. */
  downloadFile: FileDownloader;
  /** Called when Telegram rejects the session: the worker must stop using it. */
  onSessionInvalid: (error: SessionInvalidError) => void;
  now?: () => number;
  checkpointEveryPages?: number;
  /** Where job durations, fetched messages and cache hits are counted (the ops module's metrics fit). */
  metrics?: StatsJobMetrics;
  /** Splitting big reads across accounts; without it this account reads everything itself. */
  split?: SplitDeps;
  /** The workers' lock duration: the lock is renewed for this long right before delivering. */
  jobLockMs?: number;
  /** Where checkpoints keep their aggregates (the job data keeps a reference); inline without it. */
  checkpoints?: CheckpointStore;
  /** Where delivery steps are recorded, so a killed attempt's successor sends nothing twice; unrecorded without it. */
  deliveryJournals?: DeliveryJournals;
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

/** Longest a delivery may take once it has begun (it no longer stops for a shutdown). */
const DELIVERY_TIMEOUT_MS = 60_000;

/** The series the processor updates; `createTgstatsMetrics()` from the shared ops module provides them. */
export interface StatsJobMetrics {
  jobDuration: { observe(labels: { kind: string; outcome: string }, seconds: number): void };
  messagesFetched: { inc(count: number): void };
  cacheHits: { inc(): void };
  cacheMisses: { inc(): void };
}

/** The BullMQ processor of the stats queue. */
export type StatsProcessor = (
  job: Job<StatsJobData, StatsJobResult>,
  token?: string,
  signal?: AbortSignal,
) => Promise<StatsJobResult>;

/**
 * Creates the processor: resolve the chat → fetch history (cache, resumable) →
 * engine → charts → deliver through the Bot API.
 *
 * Control flow with BullMQ's errors: a long flood wait moves the job to
 * delayed (DelayedError), a shutdown moves it back to waiting (WaitingError),
 * both after checkpointing; requests that cannot succeed fail at once
 * (UnrecoverableError) with the reason told to the requester.
 */
export function createStatsProcessor<Chat extends HistoryChat>(
  deps: StatsProcessorDeps<Chat>,
): StatsProcessor {
  const now = deps.now ?? Date.now;
  // Three declared parameters: BullMQ passes the abort signal only to processors whose length is 3.
  const processJob: StatsProcessor = async (job, token, jobSignal) => {
    const signal = jobSignal ?? new AbortController().signal;
    let parsed = parseStatsJobData(job.data);
    if (parsed.delivered !== null) return parsed.delivered;
    const jobKey = `${job.queueName}:${job.id ?? ""}`;
    const journal = deps.deliveryJournals?.forJob(jobKey);
    let data =
      deps.checkpoints === undefined
        ? parsed
        : { ...parsed, checkpoint: await deps.checkpoints.restore(parsed.checkpoint) };
    let log = deps.logger.child({
      jobId: job.id,
      target: data.target,
      account: deps.account.me.id,
    });
    // Checkpoints carry the fetched total of earlier attempts; count only this attempt's messages.
    let fetchedCounted = data.checkpoint?.fetchedMessages ?? 0;
    const countFetched = (fetchedTotal: number): void => {
      if (fetchedTotal <= fetchedCounted) return;
      deps.metrics?.messagesFetched.inc(fetchedTotal - fetchedCounted);
      fetchedCounted = fetchedTotal;
    };
    const progress = new ProgressReporter(
      deps.api,
      { chatId: data.reply.chatId, messageId: data.reply.statusMessageId },
      { language: data.reply.language },
    );
    // Taken once the chat is resolved; every write of the chat's aggregates goes through it.
    let fence: { token: FenceToken; writer: FencedWriter } | null = null;
    const takeFence = async (botApiChatId: number): Promise<FencedWriter> => {
      let token: FenceToken;
      if (data.fenceGeneration === null) {
        token = await deps.fence.token(botApiChatId, jobKey);
        data = { ...data, fenceGeneration: token.generation };
        parsed = { ...parsed, fenceGeneration: token.generation };
        await job.updateData(parsed);
      } else token = { botApiChatId, generation: data.fenceGeneration, jobKey };
      await deps.fence.check(token);
      fence = { token, writer: deps.fence.writer(token) };
      return fence.writer;
    };
    const saveCheckpoint = async (checkpoint: StatsCheckpoint | null): Promise<void> => {
      const store = deps.checkpoints;
      if (store === undefined || checkpoint === null) {
        if (fence !== null && checkpoint !== null) await deps.fence.check(fence.token);
        await job.updateData({ ...data, checkpoint });
        if (checkpoint === null) await store?.delete(jobKey);
        return;
      }
      const stored = await store.offload(jobKey, checkpoint, fence?.writer);
      await job.updateData({ ...data, checkpoint: stored });
    };
    /** Renews the lock: charts and delivery never touch Redis, so a lock lost meanwhile shows only here. */
    const keepLock = async (): Promise<void> => {
      if (token === undefined || deps.jobLockMs === undefined) return;
      if ((await job.extendLock(token, deps.jobLockMs)) === 0) throw new JobLockLostError(job.id);
    };
    /** Marks the job delivered first thing, so no later attempt delivers again. */
    const delivered = async (outcome: StatsJobResult): Promise<StatsJobResult> => {
      await job.updateData({ ...data, checkpoint: null, delivered: outcome });
      await deps.checkpoints?.delete(jobKey);
      await journal?.clear();
      return outcome;
    };
    const deliver = async (report: ReportJson): Promise<number[]> => {
      log.info({ step: "charts", messages: report.totals.messages }, "rendering charts");
      const charts = await deps.renderCharts(report, signal);
      await keepLock();
      // A chat forgotten while the charts were drawn gets no report.
      if (fence !== null) await deps.fence.check(fence.token);
      log.info({ step: "deliver", charts: charts.length }, "delivering");
      const reply = { chatId: data.reply.chatId, statusMessageId: progress.messageId };
      // Once sending has begun it runs to its end, shutdown or not: every step is journaled,
      // and a step cut off would be left out (not sent twice) by the next attempt.
      return deliverReport(
        deps.api,
        {
          ...reply,
          report,
          charts,
          language: data.reply.language,
          journal,
          onUncertainStep: (step) =>
            log.warn(
              { step: "deliver", part: step },
              "an earlier attempt died while sending this part; not sending it again",
            ),
        },
        AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      );
    };
    /** Tells the requester in plain words why there is no report. */
    const tell = (text: string): Promise<void> =>
      deliverFailure(
        deps.api,
        { chatId: data.reply.chatId, statusMessageId: progress.messageId, text },
        signal,
      );
    /** The checkpoint of the walk in progress, once one runs. */
    let snapshot: () => StatsCheckpoint | null = () => null;
    try {
      if (data.target.kind === "account-overview") {
        if (!overviewAllowed(data, deps.ownerIds)) {
          log.warn({ step: "overview", requester: data.requester.userId }, "overview refused");
          await tell(jobTexts(data.reply.language).overviewNotAllowed);
          throw new UnrecoverableError("the account overview is for owners, in their private chat");
        }
        log.info({ step: "overview" }, "counting messages per chat");
        const chats = await deps.account.accountOverview(signal);
        const text = formatOverviewText(chats, data.reply.language);
        await keepLock();
        const id = await replaceStatus(
          deps.api,
          data.reply.chatId,
          data.reply.statusMessageId,
          text,
          AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        );
        return await delivered(result(deps.account.me.id, deps.account.me.id, 0, 0, 0, true, [id]));
      }
      if (data.target.kind === "export-file") {
        log.info(
          { step: "export-file", bytes: data.target.fileSizeBytes },
          "reading a sent export",
        );
        const file = await deps.downloadFile(data.target.fileId, signal);
        let report: ReportJson;
        try {
          report = await reportFromExport(file.path, {
            report: { ...data.options },
            language: data.reply.language,
            signal,
          });
        } finally {
          await file.dispose();
        }
        const ids = await deliver(report);
        return await delivered(
          result(deps.account.me.id, report.chat.id ?? 0, report.totals.messages, 0, 0, false, ids),
        );
      }
      log.info({ step: "resolve" }, "resolving chat");
      const chat = await deps.account.resolveChat(data.target, signal);
      log = log.child({ chatId: chat.info.id });
      const writer = await takeFence(chat.botApiId);
      const hooks: RunHooks = {
        cacheWriter: writer,
        saveCheckpoint,
        onProgress: (p) => {
          countFetched(p.fetched);
          return progress.update(p);
        },
        checkpointEveryPages: deps.checkpointEveryPages,
        splitter:
          deps.split === undefined
            ? null
            : new SplitCoordinator(deps.split, job, token, deps.account.me.id),
        onSplitStarted: async (accounts) => {
          log.info({ step: "split", accounts }, "history split across accounts");
          await progress.notice(jobTexts(data.reply.language).readingInParallel(accounts));
        },
      };
      log.info({ step: "fetch", resumedFrom: data.checkpoint?.phase ?? null }, "reading history");
      const outcome = await runChatWithMigratedGroup(
        {
          account: deps.account,
          cache: deps.cache,
          data,
          hooks,
          includeOldGroup: mayReadOldGroup(data),
          onRun: (runSnapshot) => {
            snapshot = runSnapshot;
          },
          onOldGroupHidden: (error) => {
            log.info(
              { step: "fetch" },
              `the basic group this supergroup was upgraded from is not readable: ${error.message}`,
            );
          },
        },
        chat,
        signal,
      );
      countFetched(outcome.fetchedMessages);
      if (outcome.fromCache) deps.metrics?.cacheHits.inc();
      else deps.metrics?.cacheMisses.inc();
      await progress.finish();
      const report = toReportJson(outcome.state, {
        chat: chat.info,
        language: data.reply.language,
        filters: {
          from: data.options.fromDate,
          to: data.options.toDate,
          sender: data.options.sender,
        },
      });
      const ids = await deliver(report);
      return await delivered(
        result(
          deps.account.me.id,
          chat.info.id,
          report.totals.messages,
          outcome.fetchedMessages,
          outcome.historyRequests,
          outcome.fromCache,
          ids,
        ),
      );
    } catch (error) {
      // The parts of a split read are running; their checkpoint is saved and BullMQ parks the job.
      if (error instanceof WaitingChildrenError) throw error;
      if (error instanceof JobLockLostError) {
        log.warn({ step: "deliver" }, error.message);
        throw error;
      }
      const checkpoint = snapshot();
      countFetched(checkpoint?.fetchedMessages ?? 0);
      if (error instanceof ChatForgottenError) {
        log.info({ step: "forgotten" }, error.message);
        // What this attempt stored of the chat goes too: /forget may have run before it was written.
        await deps.checkpoints?.delete(jobKey);
        const split = checkpoint?.phase === "split" ? (checkpoint.partial as SplitState) : null;
        if (split !== null && job.id !== undefined)
          await deps.split?.parts.delete(job.id, split.parts.length);
        await tell(jobTexts(data.reply.language).forgotten).catch(() => undefined);
        throw new ForgottenJobError(error);
      }
      if (error instanceof FloodWaitDelayError) {
        if (checkpoint !== null) await saveCheckpoint(checkpoint);
        const resumeAtMs = now() + error.seconds * 1000;
        log.warn(
          { step: "flood-wait", seconds: error.seconds, method: error.method },
          error instanceof UsernameLookupLimitError
            ? "username lookup budget spent; delaying the job"
            : "Telegram asked to wait; delaying the job",
        );
        const texts = jobTexts(data.reply.language);
        const wait =
          error instanceof UsernameLookupLimitError
            ? texts.usernameLookupsLimited
            : texts.floodWait;
        await progress.notice(wait(error.seconds, resumeAtMs, data.options.timeZone));
        await job.moveToDelayed(resumeAtMs, token);
        throw new DelayedError();
      }
      if (signal.aborted) {
        if (checkpoint !== null) await saveCheckpoint(checkpoint);
        log.info(
          { step: "shutdown", checkpoint: checkpoint?.phase ?? null },
          "checkpointed; back to waiting",
        );
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const texts = jobTexts(data.reply.language);
      if (error instanceof SessionInvalidError) {
        log.error({ step: "session" }, error.message);
        deps.onSessionInvalid(error);
        await tell(texts.accountLoggedOut);
        throw new UnrecoverableError(error.message);
      }
      if (error instanceof ExportFormatError || error instanceof UnknownChatError) {
        // The operator's log keeps the path; the user and the job see the file's own name.
        log.info({ step: "export-file" }, error.message);
        const shown =
          error instanceof ExportFormatError ? error.describe(sentFileName(data)) : error.message;
        await tell(shown);
        // Not the message: it may list the export's chat names, and the reason goes into the event stream.
        throw new UnrecoverableError(`${error.name}: the requester was told why`);
      }
      if (error instanceof ChatNotAccessibleError) {
        log.info({ step: "resolve", reason: error.reason }, error.message);
        await tell(refusalText(texts, error));
        throw new UnrecoverableError(error.message);
      }
      if (error instanceof ChatNotReportableError) {
        log.warn({ step: "resolve", chatType: error.chatType }, error.message);
        await tell(texts.chatNotReportable);
        throw new UnrecoverableError(error.message);
      }
      if (checkpoint !== null) await saveCheckpoint(checkpoint);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      log.error({ step: "failed", err: error, lastAttempt }, "job failed");
      const unreachable =
        error instanceof TelegramNoAnswerError || error instanceof TelegramConnectionError;
      if (lastAttempt)
        await tell(unreachable ? texts.telegramNoAnswer : texts.failed).catch(() => undefined);
      throw error;
    }
  };
  return deps.metrics === undefined ? processJob : timed(processJob, deps.metrics);
}

/** The overview goes only to an owner, in the owner's own private chat. */
function overviewAllowed(data: StatsJobData, ownerIds: readonly number[]): boolean {
  const { userId } = data.requester;
  return ownerIds.includes(userId) && data.reply.chatId === userId;
}

/**
 * The old basic group of an upgraded supergroup is read for requests made in
 * the chat or by a checked member (a bot-chat target), never for a stranger
 * naming the supergroup by @username from elsewhere.
 */
function mayReadOldGroup(data: StatsJobData): boolean {
  const { target } = data;
  if (target.kind === "bot-chat") return true;
  return target.kind === "username" && target.chatId === data.reply.chatId;
}

/** The name of the export file the user sent, as they know it (the server's copy has another path). */
function sentFileName(data: StatsJobData): string {
  const name = data.target.kind === "export-file" ? data.target.fileName : "";
  return name === "" ? "result.json" : name;
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

/** Observes each attempt's duration by target kind and how it ended. */
function timed(processJob: StatsProcessor, metrics: StatsJobMetrics): StatsProcessor {
  return async (job, token, signal) => {
    const startedMs = performance.now();
    let outcome = "completed";
    try {
      return await processJob(job, token, signal);
    } catch (error) {
      outcome =
        error instanceof DelayedError
          ? "delayed"
          : error instanceof WaitingError
            ? "interrupted"
            : error instanceof WaitingChildrenError
              ? "waiting-children"
              : error instanceof JobLockLostError
                ? "lock-lost"
                : "failed";
      throw error;
    } finally {
      const kind = targetKindOf(job.data);
      metrics.jobDuration.observe({ kind, outcome }, (performance.now() - startedMs) / 1000);
    }
  };
}

/** The target kind of raw job data, `invalid` when it has none (the job fails validation). */
function targetKindOf(data: unknown): string {
  const target = (data as { target?: { kind?: unknown } } | null)?.target;
  return typeof target?.kind === "string" ? target.kind : "invalid";
}

function result(
  accountId: number,
  chatId: number,
  messages: number,
  fetchedMessages: number,
  historyRequests: number,
  fromCache: boolean,
  deliveredMessageIds: number[],
): StatsJobResult {
  return {
    schemaVersion: STATS_JOB_SCHEMA_VERSION,
    chat: { id: chatId },
    accountId,
    messages,
    fetchedMessages,
    historyRequests,
    fromCache,
    deliveredMessageIds,
  };
}

/** Puts `text` (HTML) in place of the status message, or sends it when there is none. */
async function replaceStatus(
  api: Api,
  chatId: number,
  statusMessageId: number | null,
  text: string,
  signal: AbortSignal,
): Promise<number> {
  if (statusMessageId !== null) {
    await api.editMessageText(
      chatId,
      statusMessageId,
      text,
      { parse_mode: "HTML" },
      apiSignal(signal),
    );
    return statusMessageId;
  }
  return (await api.sendMessage(chatId, text, { parse_mode: "HTML" }, apiSignal(signal)))
    .message_id;
}
