import {
  memberListFigures,
  toReportJson,
  type MemberList,
  type ReportJson,
  type TelegramStatsInput,
} from "@tgstats/engine";
import type { ChatCache, StatsJobData, StatsJobResult } from "@tgstats/platform";
import type { RunHooks } from "../chat-report-run.js";
import { chatCheckpointSchema, type ChatCheckpoint } from "../checkpoint.js";
import { offerFirstLook, type FirstLookSettings } from "../first-look/first-look.js";
import type { HistoryAccount, HistoryChat } from "../history-account.js";
import { SessionInvalidError } from "../../mtproto/errors.js";
import type { AttemptStop, JobAttempt } from "../job-attempt.js";
import { runChatWithMigratedGroup } from "../migrated-group-run.js";
import { SplitCoordinator, type SplitDeps } from "../split/split-coordinator.js";
import type { StatsReply } from "../stats-reply.js";

/** What reporting on a chat is built from. */
export interface ChatTargetDeps<Chat extends HistoryChat> {
  account: HistoryAccount<Chat>;
  cache: ChatCache;
  checkpointEveryPages?: number;
  /** Splitting big reads across accounts; without it this account reads everything itself. */
  split?: SplitDeps;
  /** When a long read is preceded by a first look (see offerFirstLook); none without it. */
  firstLook?: FirstLookSettings;
  /** Counts this attempt's fetched messages and the cache's answers. */
  metrics?: {
    messagesFetched: { inc(count: number): void };
    cacheHits: { inc(): void };
    cacheMisses: { inc(): void };
  };
}

/**
 * Reports on a chat (by Bot API id or @username): resolve it → read its
 * history through the month cache, resumably → the report delivered.
 */
export class ChatTarget<Chat extends HistoryChat> {
  /** The checkpoint of the walk in progress, once one runs. */
  private snapshot: () => ChatCheckpoint | null = () => null;
  private splitter: SplitCoordinator | null = null;
  /** Checkpoints carry the fetched total of earlier attempts; only this attempt's messages are counted. */
  private fetchedCounted = 0;

  constructor(
    private readonly deps: ChatTargetDeps<Chat>,
    private readonly attempt: JobAttempt<StatsJobData>,
    private readonly reply: StatsReply,
  ) {}

  /** Reads, reports and delivers. */
  async run(): Promise<StatsJobResult> {
    const { deps, attempt, reply } = this;
    const { data, signal } = attempt;
    this.splitter =
      deps.split === undefined
        ? null
        : new SplitCoordinator(deps.split, attempt.job, attempt.token, deps.account.me.id);
    const checkpoint = await attempt.restore(chatCheckpointSchema);
    this.fetchedCounted = checkpoint?.fetchedMessages ?? 0;
    attempt.log.info({ step: "resolve" }, "resolving chat");
    const chat = await deps.account.resolveChat(data.target, signal);
    attempt.log = attempt.log.child({ chatId: chat.info.id });
    const writer = await attempt.holdFence(chat.botApiId);
    await offerFirstLook(
      { account: deps.account, cache: deps.cache, settings: deps.firstLook },
      { attempt, reply, chat, checkpoint },
    );
    const hooks: RunHooks = {
      cacheWriter: writer,
      saveCheckpoint: (taken) => attempt.saveCheckpoint(taken),
      onProgress: (progress) => {
        this.countFetched(progress.fetched);
        return reply.status.update(progress);
      },
      checkpointEveryPages: deps.checkpointEveryPages,
      splitter: this.splitter,
      onSplitStarted: async (accounts) => {
        attempt.log.info({ step: "split", accounts }, "history split across accounts");
        await reply.status.notice(reply.requester.texts.readingInParallel(accounts));
      },
    };
    attempt.log.info({ step: "fetch", resumedFrom: checkpoint?.phase ?? null }, "reading history");
    const outcome = await runChatWithMigratedGroup(
      {
        account: deps.account,
        cache: deps.cache,
        data,
        checkpoint,
        hooks,
        includeOldGroup: mayReadOldGroup(data),
        onRun: (runSnapshot) => {
          this.snapshot = runSnapshot;
        },
        onOldGroupHidden: (error) => {
          attempt.log.info(
            { step: "fetch" },
            `the basic group this supergroup was upgraded from is not readable: ${error.message}`,
          );
        },
      },
      chat,
      signal,
    );
    this.countFetched(outcome.fetchedMessages);
    if (outcome.fromCache) deps.metrics?.cacheHits.inc();
    else deps.metrics?.cacheMisses.inc();
    const { options } = data;
    // A sender's report is about one person: the member list says nothing about them.
    const memberList = options.sender === null ? await this.memberList(chat) : null;
    // Telegram's figures are the whole chat's: a report on one sender leaves them out too.
    const telegramStats = options.sender === null ? await this.telegramStats(chat) : null;
    await reply.status.finish();
    const report = await this.withCustomEmoji(
      toReportJson(outcome.state, {
        // The username makes post and message links read t.me/<username>/<id>, which open for anyone.
        chat: { ...chat.info, username: chat.username },
        language: data.reply.language,
        filters: { from: options.fromDate, to: options.toDate, sender: options.sender },
        timeZoneName: options.timeZone,
        memberList,
        telegramStats,
        group: outcome.group,
      }),
    );
    const ids = await reply.deliver(report);
    if (memberList !== null)
      await reply.deliverMemberNames(
        { botApiId: chat.botApiId, name: chat.info.name },
        memberListFigures(outcome.state, memberList),
      );
    return reply.delivered({
      accountId: deps.account.me.id,
      chatId: chat.info.id,
      messages: report.totals.messages,
      fetchedMessages: outcome.fetchedMessages,
      historyRequests: outcome.historyRequests,
      fromCache: outcome.fromCache,
      deliveredMessageIds: ids,
    });
  }

  /**
   * The chat's member list, or null: the account is not shown it, or reading
   * it failed (a long flood wait, no answer: logged). The list is an extra and
   * never delays or fails the report; a shutdown or a dead session still stops the job.
   */
  private async memberList(chat: Chat): Promise<MemberList | null> {
    const { account } = this.deps;
    const { attempt } = this;
    if (account.memberList === undefined) return null;
    const read = account.memberList.bind(account);
    return this.extra("member-list", null, "could not read the member list", async () => {
      const list = await read(chat, attempt.signal);
      attempt.log.info(
        { step: "member-list", members: list?.members.length ?? null, complete: list?.complete },
        list === null ? "member list not shown" : "member list read",
      );
      return list;
    });
  }

  /**
   * Telegram's own statistics of the chat, or null: not shown to the account,
   * or reading them failed (logged without the answer). Like the member list
   * they are an extra; a shutdown or a dead session still stops the job.
   */
  private async telegramStats(chat: Chat): Promise<TelegramStatsInput | null> {
    const { account } = this.deps;
    const { attempt } = this;
    if (account.telegramStats === undefined) return null;
    const read = account.telegramStats.bind(account);
    const failure = "could not read Telegram's statistics; the report goes without them";
    return this.extra("telegram-stats", null, failure, async () => {
      const stats = await read(chat, attempt.signal);
      attempt.log.info(
        { step: "telegram-stats", kind: stats?.kind ?? null },
        stats === null ? "Telegram's statistics not shown" : "Telegram's statistics read",
      );
      // Telegram shows them to the chat's admins only: so does the report (asked only once
      // there is something to show, so other reports cost no getChatMember).
      if (stats !== null && !(await this.reply.requesterIsAdminOf(chat.botApiId))) {
        attempt.log.info({ step: "telegram-stats" }, "the requester is no admin: left out");
        return null;
      }
      return stats;
    });
  }

  /**
   * The report with `customEmoji`: the emoji of the custom emoji its
   * reactions name, asked of Telegram. Naming is a nicety: when the lookup
   * fails, the report goes out with custom emoji named by id.
   */
  private async withCustomEmoji(report: ReportJson): Promise<ReportJson> {
    const lookup = this.deps.account.customEmojiAlts?.bind(this.deps.account);
    const ids = customEmojiIds(report);
    if (lookup === undefined || ids.length === 0) return report;
    const failure = "custom emoji could not be named; they are labelled by id";
    return this.extra("custom-emoji", report, failure, async () => {
      const alts = await lookup(ids, this.attempt.signal);
      return alts.size === 0 ? report : { ...report, customEmoji: Object.fromEntries(alts) };
    });
  }

  /**
   * The boundary of an extra (what the report has when Telegram gives it):
   * `read`'s answer, or `fallback` when it fails (logged as `failure`); a
   * shutdown or a dead session still stops the job.
   */
  private async extra<T>(
    step: string,
    fallback: T,
    failure: string,
    read: () => Promise<T>,
  ): Promise<T> {
    const { attempt } = this;
    try {
      return await read();
    } catch (error) {
      if (attempt.signal.aborted || error instanceof SessionInvalidError) throw error;
      attempt.log.warn({ step, err: error }, failure);
      return fallback;
    }
  }

  /** How the attempt stands when an error cuts it short. */
  stopped(): AttemptStop<ChatCheckpoint> {
    const checkpoint = this.snapshot();
    this.countFetched(checkpoint?.fetchedMessages ?? 0);
    return {
      checkpoint,
      requester: this.reply.requester,
      onForgotten: async () => {
        if (checkpoint?.phase === "split") await this.splitter?.forget(checkpoint.partial);
      },
    };
  }

  private countFetched(fetchedTotal: number): void {
    if (fetchedTotal <= this.fetchedCounted) return;
    this.deps.metrics?.messagesFetched.inc(fetchedTotal - this.fetchedCounted);
    this.fetchedCounted = fetchedTotal;
  }
}

/** Document ids of the custom emoji the report's reactions and most reacted messages name. */
export function customEmojiIds(report: ReportJson): string[] {
  const keys = [
    ...report.reactions.map((reaction) => reaction.emoji),
    ...report.reactionsReceived.topMessages.map((message) => message.topReaction),
  ];
  const ids = keys
    .filter((key) => key.startsWith("custom:"))
    .map((key) => key.slice("custom:".length));
  return [...new Set(ids)];
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
