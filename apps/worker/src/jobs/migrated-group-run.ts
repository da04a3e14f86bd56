import { migratedGroupCacheScope, type ChatCache, type StatsJobData } from "@tgstats/platform";
import { ChatNotAccessibleError } from "../mtproto/errors.js";
import { ChatReportRun, type RunHooks, type RunResult } from "./chat-report-run.js";
import type { ChatCheckpoint } from "./checkpoint.js";
import type { HistoryAccount, HistoryChat } from "./history-account.js";

/** What {@link runChatWithMigratedGroup} reads with and reports to. */
export interface MigratedGroupRunDeps<Chat extends HistoryChat> {
  account: HistoryAccount<Chat>;
  cache: ChatCache;
  data: StatsJobData;
  /** Where the job's earlier attempt stopped; null to start. */
  checkpoint: ChatCheckpoint | null;
  hooks: RunHooks;
  /**
   * Whether the old group's history may be read. Its history was private: new
   * members of the supergroup do not see it in Telegram, so a stranger asking
   * by @username must not get it either.
   */
  includeOldGroup: boolean;
  /** Told which run is active, for the job's checkpoint on a delay or a shutdown. */
  onRun(snapshot: () => ChatCheckpoint | null): void;
  /** The account cannot read the old group (it joined after the upgrade): the report is of the supergroup alone. */
  onOldGroupHidden?(error: ChatNotAccessibleError): void;
}

/**
 * The report state of `chat` and, for a supergroup upgraded from a basic
 * group, of that old group too: Telegram keeps the two histories apart
 * (`migrated_from_chat_id`). Each has its own cached months; the old group is
 * read second, its checkpoints marked `migratedFrom`, and the two states are
 * added as two chats (their message ids are unrelated).
 */
export async function runChatWithMigratedGroup<Chat extends HistoryChat>(
  deps: MigratedGroupRunDeps<Chat>,
  chat: Chat,
  signal: AbortSignal,
): Promise<RunResult> {
  const { account, cache, data, checkpoint, hooks } = deps;
  const oldGroup = deps.includeOldGroup ? await account.migratedFrom(chat, signal) : null;
  const inOldGroup = checkpoint?.migratedFrom === true;
  const run = new ChatReportRun(account, cache, chat, data, inOldGroup ? null : checkpoint, hooks);
  deps.onRun(() => run.snapshot());
  const outcome = await run.run(signal);
  if (oldGroup === null) return outcome;
  const tagged = (taken: ChatCheckpoint | null): ChatCheckpoint | null =>
    taken === null ? null : { ...taken, migratedFrom: true };
  const oldRun = new ChatReportRun(account, cache, oldGroup, data, inOldGroup ? checkpoint : null, {
    ...hooks,
    cacheScope: migratedGroupCacheScope(chat.info, oldGroup.info, account.me.id),
    splitter: null,
    saveCheckpoint: (taken) => hooks.saveCheckpoint(tagged(taken)),
    onProgress: (progress) =>
      hooks.onProgress({
        fetched: outcome.fetchedMessages + progress.fetched,
        total: outcome.fetchedMessages + progress.total,
      }),
  });
  deps.onRun(() => tagged(oldRun.snapshot()));
  let old: RunResult;
  try {
    old = await oldRun.run(signal);
  } catch (error) {
    if (!(error instanceof ChatNotAccessibleError)) throw error;
    deps.onOldGroupHidden?.(error);
    return outcome;
  }
  return {
    // Tagged with their chats, so the most reacted messages of both keep their own links.
    state: old.state.inChat(oldGroup.info).combineChats(outcome.state.inChat(chat.info)),
    group:
      old.group === null || outcome.group === null
        ? outcome.group
        : old.group.combineChats(outcome.group),
    fetchedMessages: outcome.fetchedMessages + old.fetchedMessages,
    historyRequests: outcome.historyRequests + old.historyRequests,
    fromCache: outcome.fromCache && old.fromCache,
  };
}
