import type {
  ChatInfo,
  DateRangeUnix,
  ChatOverview,
  MemberList,
  Message,
  TelegramStatsInput,
} from "@tgstats/engine";
import type { StatsTarget } from "@tgstats/platform";

/** A chat the account can read, as the MTProto adapter resolved it. */
export interface HistoryChat {
  info: ChatInfo;
  /** Bot API id (−100… for channels and supergroups). */
  botApiId: number;
  /** Public @username (without @), or null for a private chat. */
  username: string | null;
}

/** A dialog of the account and its last message (null: none), by which a change is seen. */
export interface AccountDialog<Chat extends HistoryChat = HistoryChat> {
  chat: Chat;
  lastMessage: { id: number; dateUnix: number } | null;
}

/** One page of history, newest first. */
export interface HistoryPage {
  messages: Message[];
  /** Where the next (older) page starts; null when the history is exhausted. */
  nextOffsetId: number | null;
}

/**
 * What the stats job needs from a Telegram account. The MTProto adapter's
 * `TelegramAccount` implements it; keeping the job on this interface keeps
 * GramJS inside the adapter folder.
 */
export interface HistoryAccount<Chat extends HistoryChat = HistoryChat> {
  readonly me: { id: number; username: string | null };
  resolveChat(target: StatsTarget, signal?: AbortSignal): Promise<Chat>;
  countMessages(chat: Chat, options?: { minId?: number }, signal?: AbortSignal): Promise<number>;
  fetchHistoryPage(
    chat: Chat,
    page: { offsetId: number; minId?: number; maxId?: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<HistoryPage>;
  accountOverview(signal?: AbortSignal): Promise<ChatOverview[]>;
  /** Every dialog the account can address, with its last message (null: none). */
  accountDialogs(signal?: AbortSignal): Promise<AccountDialog<Chat>[]>;
  /** The chat's messages in all and dated before `dateUnix`, in one request. */
  countMessagesAt(
    chat: Chat,
    dateUnix: number,
    signal?: AbortSignal,
  ): Promise<{ total: number; before: number }>;
  /** The account's own messages in the chat from `fromUnix` to before `toUnix` (null: now), in one request. */
  countOwnMessages(chat: Chat, range: DateRangeUnix, signal?: AbortSignal): Promise<number>;
  /** The basic group a supergroup was upgraded from (its history is kept apart), else null. */
  migratedFrom(chat: Chat, signal?: AbortSignal): Promise<Chat | null>;
  /** The highest message id the account cannot see (it joined with the pre-history hidden); 0 for none. */
  hiddenUpToId(chat: Chat, signal?: AbortSignal): Promise<number>;
  /**
   * The group's member list now (people only), or null when the account is
   * not shown it; accounts without it report no member figures. With
   * `maxMembers`, the most recent that many of a supergroup's (a basic group's in full).
   */
  memberList?(
    chat: Chat,
    signal?: AbortSignal,
    options?: { maxMembers?: number },
  ): Promise<MemberList | null>;
  /**
   * The messages user `userId` sent in the chat from `fromUnix` to before
   * `toUnix` (null: now), in one request; null when the account cannot
   * address the user (no answer of its connection showed them). Accounts
   * without it show no top writers in a first look.
   */
  countMessagesFrom?(
    chat: Chat,
    userId: number,
    range: DateRangeUnix,
    signal?: AbortSignal,
  ): Promise<number | null>;
  /**
   * Telegram's own statistics of the supergroup or channel, or null when the
   * account is not shown them (no admin with `can_view_stats`, a basic
   * group); accounts without it report none.
   */
  telegramStats?(chat: Chat, signal?: AbortSignal): Promise<TelegramStatsInput | null>;
  /**
   * The emoji custom emoji stand for, by document id (those found); accounts
   * without it (test doubles) leave custom emoji unnamed.
   */
  customEmojiAlts?(
    documentIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string>>;
}
