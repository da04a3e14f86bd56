import type { Api } from "grammy";
import {
  STATS_JOB_SCHEMA_VERSION,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import type { ReportChart } from "@tgstats/charts";
import type { FirstLookJson, MemberListFigures, PulseJson, ReportJson } from "@tgstats/engine";
import {
  FIRST_LOOK_STEP,
  StatusMessage,
  deliverFirstLook,
  deliverMemberNames,
  deliverPulseCharts,
  deliverReport,
  firstLookText,
  isChatAdmin,
  reportPageFileName,
  type DeliveryJournals,
  type JobDeliveryJournal,
  type ReportPage,
} from "../delivery/index.js";
import type { AttemptRequester, JobAttempt } from "./job-attempt.js";
import { jobTexts } from "./job-texts.js";

/** Longest a delivery may take once it has begun (it no longer stops for a shutdown). */
export const DELIVERY_TIMEOUT_MS = 60_000;

/** What a stats job's answer needs from the worker. */
export interface StatsReplyDeps {
  api: Api;
  renderCharts: (report: ReportJson, signal: AbortSignal) => Promise<ReportChart[]>;
  /** The account pulse's charts (heat strip, chats by messages), in the reply's language. */
  renderPulseCharts: (
    pulse: PulseJson,
    language: "en" | "ru",
    signal: AbortSignal,
  ) => Promise<ReportChart[]>;
  /** The interactive page (report.html) of a report, as text: it is sent from memory. */
  renderPage: (report: ReportJson) => Promise<string>;
  /** Where delivery steps are recorded, so a killed attempt's successor sends nothing twice; unrecorded without it. */
  deliveryJournals?: DeliveryJournals;
}

/** The figures of a finished stats job (see `StatsJobResult`). */
export interface StatsOutcome {
  accountId: number;
  chatId: number;
  messages: number;
  fetchedMessages: number;
  historyRequests: number;
  fromCache: boolean;
  deliveredMessageIds: number[];
}

/**
 * How a stats job answers its requester, whatever its target: the status
 * message, the report delivered once (charts, album, summary), the result
 * marked delivered.
 */
export class StatsReply {
  readonly status: StatusMessage;
  /** Told how the job goes (see {@link JobAttempt.stop}). */
  readonly requester: AttemptRequester;
  private readonly journal: JobDeliveryJournal | undefined;

  constructor(
    private readonly deps: StatsReplyDeps,
    private readonly attempt: JobAttempt<StatsJobData>,
  ) {
    const { reply, options } = attempt.data;
    this.status = new StatusMessage(
      deps.api,
      { chatId: reply.chatId, messageId: reply.statusMessageId },
      { language: reply.language },
    );
    this.journal = deps.deliveryJournals?.forJob(attempt.jobKey);
    this.requester = {
      texts: jobTexts(reply.language),
      timeZone: options.timeZone,
      notice: (text) => this.status.notice(text),
      tell: (text) => this.status.fail(text, attempt.signal),
    };
  }

  /** Renders the charts and sends the report; returns the ids of the messages sent. */
  async deliver(report: ReportJson): Promise<number[]> {
    const { attempt } = this;
    const { log, data } = attempt;
    log.info({ step: "charts", messages: report.totals.messages }, "rendering charts");
    const charts = await this.deps.renderCharts(report, attempt.signal);
    const page = await this.page(report);
    await attempt.keepLock();
    // A chat forgotten while the charts and the page were made gets no report.
    await attempt.checkFence();
    log.info({ step: "deliver", charts: charts.length, page: page !== null }, "delivering");
    // Once sending has begun it runs to its end, shutdown or not: every step is journaled,
    // and a step cut off would be left out (not sent twice) by the next attempt.
    return deliverReport(
      this.deps.api,
      {
        chatId: data.reply.chatId,
        statusMessageId: this.status.messageId,
        report,
        charts,
        page,
        language: data.reply.language,
        journal: this.journal,
        onUncertainStep: (step) =>
          log.warn(
            { step: "deliver", part: step },
            "an earlier attempt died while sending this part; not sending it again",
          ),
      },
      AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    );
  }

  /** Renders and sends the account pulse's charts (journaled); returns the ids of the messages sent. */
  async deliverPulse(pulse: PulseJson): Promise<number[]> {
    const { attempt } = this;
    const { log, data } = attempt;
    const charts = await this.deps.renderPulseCharts(pulse, data.reply.language, attempt.signal);
    await attempt.keepLock();
    log.info({ step: "deliver", charts: charts.length }, "delivering the account pulse");
    return deliverPulseCharts(
      this.deps.api,
      {
        chatId: data.reply.chatId,
        charts,
        caption: charts[0]?.caption ?? "",
        journal: this.journal,
        onUncertainStep: (step) =>
          log.warn(
            { step: "deliver", part: step },
            "an earlier attempt died while sending this part",
          ),
      },
      AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    );
  }

  /**
   * True when the one who asked is the creator or an admin of the chat
   * (`getChatMember`, asked now); false when they are not or the bot cannot
   * tell. What Telegram shows only to admins is shown only to them.
   */
  async requesterIsAdminOf(botApiChatId: number): Promise<boolean> {
    const { userId } = this.attempt.data.requester;
    return isChatAdmin(
      this.deps.api,
      botApiChatId,
      userId,
      AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    );
  }

  /** True when an attempt of this job began sending its first look already (it is never sent twice). */
  async firstLookBegun(): Promise<boolean> {
    return (await this.journal?.read())?.has(FIRST_LOOK_STEP) ?? false;
  }

  /**
   * Sends the first look where the report goes (the reply chat), once per job
   * (journaled); returns the id of the message sent, or null when an earlier
   * attempt claimed it.
   */
  async deliverFirstLook(json: FirstLookJson): Promise<number | null> {
    const { data } = this.attempt;
    await this.attempt.keepLock();
    // A chat forgotten meanwhile gets nothing more.
    await this.attempt.checkFence();
    return deliverFirstLook(
      this.deps.api,
      {
        chatId: data.reply.chatId,
        text: firstLookText(json, data.reply.language),
        journal: this.journal,
      },
      AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    );
  }

  /**
   * The names behind the member list's counts, to the requester in private
   * if they are an admin of the reported chat (see {@link deliverMemberNames}).
   * An extra after the report: a failure is logged, never fails the job.
   */
  async deliverMemberNames(
    chat: { botApiId: number; name: string | null },
    figures: MemberListFigures,
  ): Promise<void> {
    const { log, data } = this.attempt;
    try {
      const outcome = await deliverMemberNames(
        this.deps.api,
        {
          chatId: chat.botApiId,
          chatName: chat.name ?? String(chat.botApiId),
          requesterId: data.requester.userId,
          replyChatId: data.reply.chatId,
          neverWrote: figures.neverWrote,
          silent: figures.silent,
          silentDays: figures.json.silentDays,
          language: data.reply.language,
          journal: this.journal,
        },
        AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      );
      // Counts and the outcome only: names never go to the log.
      log.info(
        {
          step: "member-names",
          outcome,
          neverWrote: figures.json.neverWrote,
          silent: figures.json.silent,
        },
        "member list names",
      );
    } catch (error) {
      log.warn({ step: "member-names", err: error }, "could not send the member list's names");
    }
  }

  /**
   * The page to send, or null: when the chat turned it off, when there is no
   * message to explore, or when it could not be made (logged; the charts and
   * the summary go anyway, the page is an extra).
   */
  private async page(report: ReportJson): Promise<ReportPage | null> {
    const { log, data } = this.attempt;
    if (!data.reply.htmlPage || report.totals.messages === 0) return null;
    try {
      const html = await this.deps.renderPage(report);
      return { fileName: reportPageFileName(report, data.reply.chatId), html };
    } catch (error) {
      log.error({ step: "page", err: error }, "could not make the HTML page; sending without it");
      return null;
    }
  }

  /** Marks the job delivered first thing, so no later attempt delivers again; returns its result. */
  async delivered(outcome: StatsOutcome): Promise<StatsJobResult> {
    const { chatId, ...figures } = outcome;
    const result: StatsJobResult = {
      schemaVersion: STATS_JOB_SCHEMA_VERSION,
      chat: { id: chatId },
      ...figures,
    };
    const { attempt } = this;
    await attempt.updateData({ ...attempt.data, checkpoint: null, delivered: result });
    await attempt.dropCheckpoint();
    await this.journal?.clear();
    return result;
  }
}
