import { Api, Logger, TelegramClient, sessions, utils } from "telegram";
import { LogLevel } from "telegram/extensions/Logger.js";
import type { Connection } from "telegram/network/index.js";
import {
  peerKey,
  type ChatInfo,
  type ChatOverview,
  type DateRangeUnix,
  type ListedMember,
  type MemberList,
  type Message,
  type PeerRef,
  type TelegramGraphJson,
  type TelegramStatsInput,
  type TelegramStatsValue,
} from "@tgstats/engine";
import type { StatsTarget } from "@tgstats/platform";
import type { AccessHashStore } from "./access-hash-store.js";
import {
  PeerDirectory,
  chatEntityOf,
  inputPeerOf,
  peerOfBotApiId,
  peerRefOf,
  userName,
  usernameOf,
  type ChatEntity,
} from "./chat-info.js";
import {
  ChatNotAccessibleError,
  ChatNotReportableError,
  SessionInvalidError,
  TelegramConnectionError,
  UsernameLookupLimitError,
} from "./errors.js";
import { longToNumber, toLong, type Long } from "./long.js";
import { toModelMessage } from "./map-message.js";
import {
  RequestRunner,
  realSleep,
  type RequestGate,
  rpcErrorCode,
  type Sleep,
} from "./request-runner.js";
import type { UsernameCache } from "./username-cache.js";
import type { UsernameLookupLimiter } from "./username-lookup-limiter.js";

/** How to connect one Telegram account. */
export interface TelegramAccountOptions {
  apiId: number;
  apiHash: string;
  /** GramJS StringSession string: full account access, never log it. */
  session: string;
  /** FLOOD_WAITs up to this many seconds are slept (default 10); longer ones throw FloodWaitDelayError. */
  floodSleepThresholdSeconds?: number;
  /**
   * Connection attempts before giving up, at start and after a lost connection
   * (default 3; GramJS's own defaults are unbounded).
   */
  connectionRetries?: number;
  /** Longest wait for one answer before the request is sent again on a fresh connection (default 30 s). */
  requestTimeoutMs?: number;
  /** Where learned access hashes are kept (per account). */
  accessHashes: AccessHashStore;
  /** Where resolved usernames are remembered; without it every username costs a ResolveUsername. */
  usernames?: UsernameCache;
  /** The account's budget of ResolveUsername calls; without it they are not limited. */
  usernameLookups?: UsernameLookupLimiter;
  /** Aborts every request of the account (shutdown). */
  signal?: AbortSignal;
  /** How flood waits are slept; tests and benchmarks pass a virtual clock's sleep. */
  sleep?: Sleep;
  /** Awaited before every request: holds requests while the session's lease is paused. */
  gate?: RequestGate;
}

/** Options of {@link connectTelegramAccountWithClient}: the client brings its own credentials. */
export type TelegramClientOptions = Omit<TelegramAccountOptions, "apiId" | "apiHash" | "session">;

/** A chat the account can read. */
export interface ResolvedChat {
  info: ChatInfo;
  peer: Api.TypeInputPeer;
  /** Bot API id of the chat (−100… for channels and supergroups). */
  botApiId: number;
  username: string | null;
}

/** One page of history, newest first. */
export interface HistoryPageResult {
  messages: Message[];
  /** `offsetId` of the next (older) page; null when the history is exhausted. */
  nextOffsetId: number | null;
}

/** A dialog of the account overview. */
export type AccountChatOverview = ChatOverview & { botApiId: number };

/** A dialog's last message: its id and date. */
export interface LastMessage {
  id: number;
  dateUnix: number;
}

/** A dialog the account can read, with its last message (null: no message). */
export interface AccountDialog {
  chat: ResolvedChat;
  lastMessage: LastMessage | null;
}

/** A chat's message count now and before a date (see {@link TelegramAccount.countMessagesAt}). */
export interface MessagesAtDate {
  /** Messages in the chat (service messages included). */
  total: number;
  /** Of those, the ones dated before the date. */
  before: number;
}

const DEFAULT_FLOOD_SLEEP_THRESHOLD_SECONDS = 10;
const DEFAULT_CONNECTION_RETRIES = 3;
/** GetHistory and GetDialogs return at most 100 items per request. */
const PAGE_LIMIT = 100;
/** Errors that mean the account cannot read a chat (left, kicked, private, unknown to it). */
const NOT_ACCESSIBLE_CODES: ReadonlySet<string> = new Set([
  "CHANNEL_PRIVATE",
  "CHANNEL_INVALID",
  "CHANNEL_PUBLIC_GROUP_NA",
  "CHAT_FORBIDDEN",
  "CHAT_ID_INVALID",
  "PEER_ID_INVALID",
  "USER_BANNED_IN_CHANNEL",
]);
const SUPERGROUP_TYPES: ReadonlySet<string> = new Set(["private_supergroup", "public_supergroup"]);
/** channels.GetParticipants returns at most 200 members per request. */
const PARTICIPANTS_PAGE_LIMIT = 200;
/**
 * Telegram lists at most about 10,000 members of a supergroup by "recent";
 * the walk stops there even if a page keeps coming.
 */
const MAX_LISTED_MEMBERS = 10_000;
/** Refusals that mean the member list is not shown to this account: no figure, no failure. */
const MEMBER_LIST_REFUSALS: ReadonlySet<string> = new Set([
  "CHAT_ADMIN_REQUIRED",
  "CHANNEL_PRIVATE",
  "CHANNEL_INVALID",
  "CHAT_FORBIDDEN",
  "CHAT_ID_INVALID",
  "PEER_ID_INVALID",
]);
/**
 * Refusals of `stats.getMegagroupStats` / `getBroadcastStats` that mean the
 * statistics are not shown to this account (not an admin, the wrong kind of
 * chat, too small a chat): no statistics, no failure.
 */
const STATS_REFUSALS: ReadonlySet<string> = new Set([
  "CHAT_ADMIN_REQUIRED",
  "BROADCAST_REQUIRED",
  "MEGAGROUP_REQUIRED",
  "CHANNEL_INVALID",
  "CHANNEL_PRIVATE",
  "PEER_ID_INVALID",
]);
/** Telegram's answer when statistics are asked of another data centre than the chat's. */
const STATS_MIGRATE = /^STATS_MIGRATE_(\d+)$/;
const USERNAME_NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  "USERNAME_NOT_OCCUPIED",
  "USERNAME_INVALID",
]);

/**
 * Connects with a StringSession (`connect()`, then the authorization check)
 * and loads the account.
 *
 * @throws {SessionInvalidError} fast for a malformed, revoked or logged-out session
 * @throws {TelegramConnectionError} when Telegram cannot be reached
 * @example
 * const account = await connectTelegramAccount({ apiId, apiHash, session, accessHashes: createRedisAccessHashStore(redis, keys.accessHash) });
 */
export async function connectTelegramAccount(
  options: TelegramAccountOptions,
): Promise<TelegramAccount> {
  const session = await loadSession(options.session);
  const client = createTelegramClient(session, options);
  try {
    return await connectTelegramAccountWithClient(client, options);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * The GramJS client of a real account, with every retry bounded: left unset,
 * `reconnectRetries` lets a lost connection keep requests waiting forever.
 */
export function createTelegramClient(
  session: sessions.StringSession,
  options: Pick<TelegramAccountOptions, "apiId" | "apiHash" | "connectionRetries"> & {
    /** The transport (GramJS's TCP by default; tests pass a stand-in). */
    connection?: typeof Connection;
  },
): TelegramClient {
  const retries = options.connectionRetries ?? DEFAULT_CONNECTION_RETRIES;
  const client = new TelegramClient(session, options.apiId, options.apiHash, {
    ...(options.connection === undefined ? {} : { connection: options.connection }),
    connectionRetries: retries,
    reconnectRetries: retries,
    requestRetries: retries,
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.NONE),
  });
  // The update loop reports ping timeouts and reconnects here; requests surface real failures.
  client.onError = () => Promise.resolve();
  return client;
}

/** MTProto auth keys are 2048 bits. */
const AUTH_KEY_BYTES = 256;

/**
 * Parses a StringSession and checks it holds a server and a whole auth key.
 * GramJS parses almost any text without complaint and would then open a
 * connection (and a fresh, useless key exchange) for it.
 */
async function loadSession(text: string): Promise<sessions.StringSession> {
  try {
    if (text.trim() === "") throw new Error("empty");
    const session = new sessions.StringSession(text.trim());
    await session.load();
    const key = session.getAuthKey()?.getKey();
    if (key?.length !== AUTH_KEY_BYTES || session.serverAddress === "")
      throw new Error("incomplete");
    return session;
  } catch {
    throw new SessionInvalidError("MALFORMED");
  }
}

/**
 * {@link connectTelegramAccount} over a client built elsewhere (the emulator's).
 * `checkAuthorization()` swallows the reason a session is refused, so the same
 * `updates.GetState` request is sent here directly.
 */
export async function connectTelegramAccountWithClient(
  client: TelegramClient,
  options: TelegramClientOptions,
): Promise<TelegramAccount> {
  const runner = new RequestRunner(client, {
    floodSleepThresholdSeconds:
      options.floodSleepThresholdSeconds ?? DEFAULT_FLOOD_SLEEP_THRESHOLD_SECONDS,
    sleep: options.sleep ?? realSleep,
    signal: options.signal,
    gate: options.gate,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  // GramJS asks Telegram for the account before it dispatches any update unless it knows it,
  // and that request waits for connect() to finish: the connection-state update that reports
  // a forgotten key would never arrive. A placeholder until the account is known.
  client._selfInputPeer ??= new Api.InputPeerUser({ userId: toLong(0), accessHash: toLong(0) });
  const connected = await runner.connect();
  if (!connected)
    throw new TelegramConnectionError(options.connectionRetries ?? DEFAULT_CONNECTION_RETRIES);
  await runner.call(new Api.updates.GetState());
  const [self] = await runner.call(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
  if (!(self instanceof Api.User)) throw new SessionInvalidError("NOT_AUTHORIZED");
  client._selfInputPeer = utils.getInputPeer(self, false) as Api.InputPeerUser;
  return new TelegramAccount(client, runner, self, {
    accessHashes: options.accessHashes,
    usernames: options.usernames ?? null,
    usernameLookups: options.usernameLookups ?? null,
  });
}

/** Where a {@link TelegramAccount} remembers peers, and how often it may look up usernames. */
export interface PeerMemory {
  accessHashes: AccessHashStore;
  usernames: UsernameCache | null;
  usernameLookups: UsernameLookupLimiter | null;
}

/** The parts of `channels.GetFullChannel` the adapter uses. */
interface ChannelFacts {
  /** The basic group a supergroup was upgraded from, or null. */
  migratedFromChatId: number | null;
  /** Messages up to this id are hidden from the account (0: none). */
  availableMinId: number;
  /** `can_view_participants`: the member list is shown to this account. */
  canViewParticipants: boolean;
  /** `participants_hidden`: only admins see the whole list. */
  participantsHidden: boolean;
  /** The account is the chat's creator or an admin. */
  isAdmin: boolean;
  /** `can_view_stats`: Telegram shows this account the chat's statistics. */
  canViewStats: boolean;
  /** `stats_dc`: the data centre the statistics are asked of; null when Telegram names none. */
  statsDc: number | null;
}

/** One dialog page: the dialogs' chats in order, and every chat and user that came with it. */
interface DialogPage {
  dialogs: ChatEntity[];
  entities: ChatEntity[];
  /** Each dialog's last message, by peer key (dialogs without one are absent). */
  lastMessages: Map<string, LastMessage>;
}

/** User access hashes a connection keeps (see TelegramAccount's `userHashes`). */
const MAX_USER_HASHES = 10_000;

/** Document ids asked in one `messages.getCustomEmojiDocuments`: TDLib asks for at most 200 at a time. */
export const CUSTOM_EMOJI_PER_REQUEST = 200;

/**
 * One logged-in Telegram account: resolves chats, counts and pages their
 * history into the shared message model. The only place that talks MTProto.
 */
export class TelegramAccount {
  /** The account itself. */
  readonly me: { id: number; username: string | null; firstName: string };
  private readonly mePeer: PeerRef;
  /** What GetFullChannel told, by channel id. */
  private readonly channels = new Map<number, ChannelFacts>();
  /**
   * Access hashes of the users this connection was shown (history, search and
   * member list answers), by user id: a search from a person needs theirs.
   * Kept in memory only: a hash is per account, and the next connection sees
   * the users again in the answers it gets. The most recently seen
   * {@link MAX_USER_HASHES} only: a long read shows hundreds of thousands.
   */
  private readonly userHashes = new Map<number, Long>();

  /** @internal use {@link connectTelegramAccount} */
  constructor(
    private readonly client: TelegramClient,
    private readonly runner: RequestRunner,
    self: Api.User,
    private readonly memory: PeerMemory,
  ) {
    const id = self.id.toJSNumber();
    this.me = { id, username: usernameOf(self), firstName: self.firstName ?? userName(self) ?? "" };
    this.mePeer = { kind: "user", id };
  }

  /** MTProto requests sent so far (every attempt), by method name, e.g. `messages.GetHistory`. */
  get requestCounts(): ReadonlyMap<string, number> {
    return this.runner.counts;
  }

  /** FLOOD_WAIT answers received so far, by method name. */
  get floodWaitCounts(): ReadonlyMap<string, number> {
    return this.runner.floodWaits;
  }

  /**
   * The group, supergroup or channel a stats target names. Bot chat ids go
   * through stored access hashes, else the account's dialogs (every hash seen
   * is stored); usernames through the username cache, else
   * `contacts.ResolveUsername` within the account's lookup budget.
   *
   * @throws {ChatNotReportableError} when the target is a person, a bot, the account itself or its Saved Messages
   * @throws {ChatNotAccessibleError} when the account is not in the chat, no such public chat exists,
   *   or a username target's name now belongs to another chat than its `chatId`
   * @throws {UsernameLookupLimitError} when the account may not look up another username yet
   */
  async resolveChat(target: StatsTarget, signal?: AbortSignal): Promise<ResolvedChat> {
    switch (target.kind) {
      case "bot-chat":
        return this.resolveBotChat(target.chatId, signal);
      case "username": {
        const chat = await this.resolveUsername(target.username, signal);
        // The name was checked (and its chat's settings read) for one chat; it may have moved since.
        if (target.chatId !== undefined && chat.botApiId !== target.chatId)
          throw new ChatNotAccessibleError(this.me.username, "not-found", `@${target.username}`);
        return chat;
      }
      default:
        throw new TypeError(
          "An account-overview target names no chat: call accountOverview() instead.",
        );
    }
  }

  /**
   * The basic group a supergroup was upgraded from (`channelFull.migrated_from_chat_id`),
   * whose history Telegram keeps apart; null for other chats.
   */
  async migratedFrom(chat: ResolvedChat, signal?: AbortSignal): Promise<ResolvedChat | null> {
    // Only supergroups are upgraded from basic groups: channels cost no request here.
    if (!SUPERGROUP_TYPES.has(chat.info.type)) return null;
    const fromId = (await this.channelFacts(chat, signal))?.migratedFromChatId ?? null;
    if (fromId === null) return null;
    return {
      info: { kind: "chat", id: fromId, name: chat.info.name, type: "private_group" },
      peer: new Api.InputPeerChat({ chatId: toLong(fromId) }),
      botApiId: -fromId,
      username: null,
    };
  }

  /**
   * The highest message id of a supergroup or channel this account cannot see
   * (it joined with the pre-history hidden: `channelFull.available_min_id`); 0
   * when it sees the whole history.
   */
  async hiddenUpToId(chat: ResolvedChat, signal?: AbortSignal): Promise<number> {
    return (await this.channelFacts(chat, signal))?.availableMinId ?? 0;
  }

  /**
   * What `channels.GetFullChannel` tells about a channel, once per channel and
   * process (neither the upgrade link nor the account's join point changes);
   * null for other chats.
   */
  private async channelFacts(
    chat: ResolvedChat,
    signal: AbortSignal | undefined,
  ): Promise<ChannelFacts | null> {
    const { info, peer } = chat;
    if (info.kind !== "channel" || !(peer instanceof Api.InputPeerChannel)) return null;
    const known = this.channels.get(info.id);
    if (known !== undefined) return known;
    let full: Api.messages.ChatFull;
    try {
      full = await this.runner.call(
        new Api.channels.GetFullChannel({
          channel: new Api.InputChannel({ channelId: peer.channelId, accessHash: peer.accessHash }),
        }),
        signal,
      );
    } catch (error) {
      throw this.accessError(error, String(chat.botApiId));
    }
    const channel = full.fullChat instanceof Api.ChannelFull ? full.fullChat : null;
    const fromId = channel?.migratedFromChatId;
    const entity = full.chats.find(
      (found): found is Api.Channel =>
        found instanceof Api.Channel && longToNumber(found.id) === info.id,
    );
    const facts: ChannelFacts = {
      migratedFromChatId: fromId == null ? null : longToNumber(fromId),
      availableMinId: channel?.availableMinId ?? 0,
      canViewParticipants: channel?.canViewParticipants === true,
      participantsHidden: channel?.participantsHidden === true,
      isAdmin: entity?.creator === true || entity?.adminRights != null,
      canViewStats: channel?.canViewStats === true,
      statsDc: channel?.statsDc ?? null,
    };
    this.channels.set(info.id, facts);
    return facts;
  }

  /**
   * The people in a group's member list now: a basic group's participants
   * (`messages.GetFullChat`), a supergroup's recent members
   * (`channels.GetParticipants`, 200 a page, at most about 10,000). Bots,
   * deleted accounts and the account itself are left out. Null when the list
   * is not shown to the account: a channel (only admins may list its
   * subscribers), a list the group hides from non-admins
   * (`participants_hidden`), `CHAT_ADMIN_REQUIRED` or an empty answer.
   * Requests go through the runner like history pages: flood waits are slept
   * or thrown as {@link FloodWaitDelayError}, `signal` aborts. With
   * `maxMembers`, a supergroup's list stops after that many (its most recent).
   */
  async memberList(
    chat: ResolvedChat,
    signal?: AbortSignal,
    options: { maxMembers?: number } = {},
  ): Promise<MemberList | null> {
    const maxMembers = Math.min(MAX_LISTED_MEMBERS, options.maxMembers ?? MAX_LISTED_MEMBERS);
    try {
      if (chat.info.kind === "chat") return await this.basicGroupMembers(chat, signal);
      if (!SUPERGROUP_TYPES.has(chat.info.type)) return null;
      const facts = await this.channelFacts(chat, signal);
      if (facts === null || !facts.canViewParticipants) return null;
      // Non-admins of a group that hides its members are shown its admins only: not the list.
      if (facts.participantsHidden && !facts.isAdmin) return null;
      return await this.supergroupMembers(chat, maxMembers, signal);
    } catch (error) {
      if (error instanceof ChatNotAccessibleError) return null;
      const code = rpcErrorCode(error);
      if (code !== null && MEMBER_LIST_REFUSALS.has(code)) return null;
      throw error;
    }
  }

  private async basicGroupMembers(
    chat: ResolvedChat,
    signal: AbortSignal | undefined,
  ): Promise<MemberList | null> {
    const full = await this.runner.call(
      new Api.messages.GetFullChat({ chatId: toLong(chat.info.id) }),
      signal,
    );
    const participants =
      full.fullChat instanceof Api.ChatFull ? full.fullChat.participants : undefined;
    if (!(participants instanceof Api.ChatParticipants) || participants.participants.length === 0)
      return null;
    const users = this.noteUsers(full.users);
    const ids = participants.participants.map((participant) => longToNumber(participant.userId));
    return { members: this.people(ids, users), complete: true };
  }

  private async supergroupMembers(
    chat: ResolvedChat,
    maxMembers: number,
    signal: AbortSignal | undefined,
  ): Promise<MemberList | null> {
    const { peer } = chat;
    if (!(peer instanceof Api.InputPeerChannel)) return null;
    const channel = new Api.InputChannel({
      channelId: peer.channelId,
      accessHash: peer.accessHash,
    });
    const ids: number[] = [];
    const users = new Map<number, Api.User>();
    let total = 0;
    for (let offset = 0; offset < maxMembers;) {
      const page = await this.runner.call(
        new Api.channels.GetParticipants({
          channel,
          filter: new Api.ChannelParticipantsRecent(),
          offset,
          limit: Math.min(PARTICIPANTS_PAGE_LIMIT, maxMembers - offset),
          hash: toLong(0),
        }),
        signal,
      );
      if (!(page instanceof Api.channels.ChannelParticipants)) break;
      total = Math.max(total, page.count);
      for (const [id, user] of this.noteUsers(page.users)) users.set(id, user);
      for (const participant of page.participants) {
        const id = memberIdOf(participant);
        if (id !== null) ids.push(id);
      }
      offset += page.participants.length;
      if (page.participants.length === 0 || offset >= page.count) break;
    }
    if (ids.length === 0) return null;
    // Paging by offset can repeat a member when the list moves meanwhile: each counts once.
    const listed = new Set(ids).size;
    return { members: this.people(ids, users), complete: listed >= total };
  }

  /** The listed ids that are people: not bots, not deleted accounts, not this account; each once. */
  private people(ids: readonly number[], users: ReadonlyMap<number, Api.User>): ListedMember[] {
    const people: ListedMember[] = [];
    const seen = new Set<number>();
    for (const id of ids) {
      const user = users.get(id);
      if (seen.has(id) || user === undefined || id === this.me.id || user.self === true) continue;
      seen.add(id);
      const name = userName(user);
      if (user.bot === true || name === null) continue;
      people.push({ id, name });
    }
    return people;
  }

  /**
   * Telegram's own statistics of a supergroup (`stats.getMegagroupStats`) or
   * channel (`stats.getBroadcastStats`), with every graph that came as
   * `statsGraphAsync` loaded (`stats.loadAsyncGraph`). Null when they are not
   * shown to this account: a basic group, no `can_view_stats` in
   * `channelFull` (the account is no admin, or the chat is too small), or a
   * refusal such as `CHAT_ADMIN_REQUIRED`. A graph Telegram answers with
   * `statsGraphError`, or whose loading it refuses, is left out (null).
   *
   * Telegram keeps statistics on the chat's `stats_dc`: requests go there
   * over GramJS's exported sender (`invoke(request, dcId)`), and a
   * `STATS_MIGRATE_X` answer (no `stats_dc` was named) is followed once to DC X.
   */
  async telegramStats(
    chat: ResolvedChat,
    signal?: AbortSignal,
  ): Promise<TelegramStatsInput | null> {
    const { info, peer } = chat;
    if (info.kind !== "channel" || !(peer instanceof Api.InputPeerChannel)) return null;
    try {
      const facts = await this.channelFacts(chat, signal);
      if (facts === null || !facts.canViewStats) return null;
      const channel = new Api.InputChannel({
        channelId: peer.channelId,
        accessHash: peer.accessHash,
      });
      const home = this.client.session.dcId;
      let dcId = facts.statsDc !== null && facts.statsDc !== home ? facts.statsDc : undefined;
      const ask = SUPERGROUP_TYPES.has(info.type)
        ? () => this.runner.call(new Api.stats.GetMegagroupStats({ channel }), signal, dcId)
        : () => this.runner.call(new Api.stats.GetBroadcastStats({ channel }), signal, dcId);
      let stats: Api.stats.MegagroupStats | Api.stats.BroadcastStats;
      try {
        stats = await ask();
      } catch (error) {
        const migrate = STATS_MIGRATE.exec(rpcErrorCode(error) ?? "");
        if (migrate === null) throw error;
        const to = Number(migrate[1]);
        dcId = to === home ? undefined : to;
        stats = await ask();
      }
      const graph = (field: Api.TypeStatsGraph) => this.graphJson(field, dcId, signal);
      const period = {
        minDateUnix: stats.period.minDate,
        maxDateUnix: stats.period.maxDate,
      };
      if (stats instanceof Api.stats.MegagroupStats)
        return {
          kind: "supergroup",
          period,
          members: plainValue(stats.members),
          messages: plainValue(stats.messages),
          viewers: plainValue(stats.viewers),
          posters: plainValue(stats.posters),
          graphs: {
            growth: await graph(stats.growthGraph),
            newBySource: await graph(stats.newMembersBySourceGraph),
            languages: await graph(stats.languagesGraph),
          },
        };
      return {
        kind: "channel",
        period,
        followers: plainValue(stats.followers),
        viewsPerPost: plainValue(stats.viewsPerPost),
        sharesPerPost: plainValue(stats.sharesPerPost),
        reactionsPerPost: plainValue(stats.reactionsPerPost),
        enabledNotifications: {
          part: stats.enabledNotifications.part,
          total: stats.enabledNotifications.total,
        },
        graphs: {
          growth: await graph(stats.growthGraph),
          newBySource: await graph(stats.newFollowersBySourceGraph),
          languages: await graph(stats.languagesGraph),
          viewsBySource: await graph(stats.viewsBySourceGraph),
        },
      };
    } catch (error) {
      if (error instanceof ChatNotAccessibleError) return null;
      const code = rpcErrorCode(error);
      if (code !== null && STATS_REFUSALS.has(code)) return null;
      throw error;
    }
  }

  /**
   * A graph's chart JSON: as sent, or loaded by its token (on the DC the
   * statistics came from); null for `statsGraphError` or a refused load
   * (e.g. `GRAPH_EXPIRED_RELOAD`). Flood waits and lost connections still throw.
   */
  private async graphJson(
    graph: Api.TypeStatsGraph,
    dcId: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<TelegramGraphJson> {
    if (graph instanceof Api.StatsGraph) return graph.json.data;
    if (!(graph instanceof Api.StatsGraphAsync)) return null;
    let loaded: Api.TypeStatsGraph;
    try {
      loaded = await this.runner.call(
        new Api.stats.LoadAsyncGraph({ token: graph.token }),
        signal,
        dcId,
      );
    } catch (error) {
      if (rpcErrorCode(error) !== null) return null;
      throw error;
    }
    return loaded instanceof Api.StatsGraph ? loaded.json.data : null;
  }

  /**
   * Messages in the chat (service messages included), in one request:
   * `GetHistory` limit 1 → `count`. With `minId`, only the newer ones: the
   * position (`offsetIdOffset`) of the first message at or below `minId`.
   */
  async countMessages(
    chat: ResolvedChat,
    options: { minId?: number } = {},
    signal?: AbortSignal,
  ): Promise<number> {
    const minId = options.minId ?? 0;
    const result = await this.history(
      chat,
      { offsetId: minId > 0 ? minId + 1 : 0, limit: 1 },
      signal,
    );
    const total = totalOf(result);
    if (minId <= 0 || result instanceof Api.messages.MessagesNotModified) return total;
    // messages.Messages is the whole history, here at most one message.
    if (result instanceof Api.messages.Messages)
      return result.messages.filter((message) => message.id > minId).length;
    // No message at or below minId: all of them are newer.
    if (result.messages.length === 0) return total;
    const position = result.offsetIdOffset;
    return position == null ? total : Math.min(position, total);
  }

  /**
   * One page of history, newest → oldest, below `offsetId` (0 = from the
   * newest), above `minId` and below `maxId` when given; at most 100 messages.
   */
  async fetchHistoryPage(
    chat: ResolvedChat,
    page: { offsetId: number; minId?: number; maxId?: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<HistoryPageResult> {
    const limit = Math.min(PAGE_LIMIT, Math.max(1, page.limit ?? PAGE_LIMIT));
    const maxId = page.maxId ?? 0;
    // Telegram applies max_id after slicing from offset_id: start the slice at maxId.
    const offsetId =
      maxId > 0 && (page.offsetId === 0 || page.offsetId > maxId) ? maxId : page.offsetId;
    const result = await this.history(
      chat,
      { offsetId, limit, minId: page.minId ?? 0, maxId },
      signal,
    );
    if (result instanceof Api.messages.MessagesNotModified)
      return { messages: [], nextOffsetId: null };
    const context = {
      chat: chat.info,
      me: this.mePeer,
      directory: new PeerDirectory(result.users, result.chats),
    };
    const messages: Message[] = [];
    let lowestId = Number.POSITIVE_INFINITY;
    for (const raw of result.messages) {
      lowestId = Math.min(lowestId, raw.id);
      const message = toModelMessage(raw, context);
      if (message !== null) messages.push(message);
    }
    // A short page is the only end signal trusted: ending early on `count` and
    // `offsetIdOffset` would drop the oldest message if Telegram counted the
    // position from 1 rather than 0 (unverified), for one request saved.
    const done = result.messages.length < limit || result instanceof Api.messages.Messages;
    return { messages, nextOffsetId: done ? null : lowestId };
  }

  /**
   * The account's dialogs with their message counts, most first: one
   * `GetHistory` (limit 1) per dialog, no message pages. Dialogs the account
   * can no longer read are left out.
   */
  async accountOverview(signal?: AbortSignal): Promise<AccountChatOverview[]> {
    const chats: AccountChatOverview[] = [];
    for (const { chat } of await this.accountDialogs(signal)) {
      try {
        const messages = await this.countMessages(chat, {}, signal);
        const { id, name, type } = chat.info;
        chats.push({ id, name, type, messages, botApiId: chat.botApiId });
      } catch (error) {
        if (!(error instanceof ChatNotAccessibleError)) throw error;
      }
    }
    return chats.sort((a, b) => b.messages - a.messages || a.botApiId - b.botApiId);
  }

  /**
   * Every dialog the account can address, in the dialog list's order (latest
   * message first), with its last message: what the pulse counts.
   */
  async accountDialogs(signal?: AbortSignal): Promise<AccountDialog[]> {
    const dialogs: AccountDialog[] = [];
    for await (const page of this.dialogPages(signal))
      for (const entity of page.dialogs) {
        const chat = resolvedOf(entity);
        if (chat === null) continue;
        const lastMessage = page.lastMessages.get(peerKey(entity.info)) ?? null;
        dialogs.push({ chat, lastMessage });
      }
    return dialogs;
  }

  /**
   * The chat's messages in all and before `dateUnix` (service messages
   * included), in one request: `GetHistory` with `offset_date` and limit 1
   * answers with `count` and the position of its first message
   * (`offset_id_offset`: how many are dated at or after the date).
   */
  async countMessagesAt(
    chat: ResolvedChat,
    dateUnix: number,
    signal?: AbortSignal,
  ): Promise<MessagesAtDate> {
    const result = await this.history(
      chat,
      { offsetId: 0, offsetDate: dateUnix, limit: 1 },
      signal,
    );
    if (result instanceof Api.messages.MessagesNotModified) return { total: 0, before: 0 };
    // The whole history in one answer: count its messages before the date.
    if (result instanceof Api.messages.Messages) {
      const before = result.messages.filter(
        (message) => "date" in message && message.date < dateUnix,
      ).length;
      return { total: result.messages.length, before };
    }
    if (result.messages.length === 0) return { total: result.count, before: 0 };
    const newer = result.offsetIdOffset ?? 0;
    return { total: result.count, before: Math.max(0, result.count - newer) };
  }

  /**
   * Messages the account itself sent in the chat from `fromUnix` up to (not
   * including) `toUnix`, or to now when `toUnix` is null, in one request:
   * `messages.search` with an empty query, `from_id` self and limit 1 →
   * `count`. Telegram's date bounds are exclusive (`min_date` < date <
   * `max_date`), so it asks `min_date` one second before `fromUnix`. Search
   * finds what people sent: service records (joins, pins) are not counted.
   */
  async countOwnMessages(
    chat: ResolvedChat,
    range: DateRangeUnix,
    signal?: AbortSignal,
  ): Promise<number> {
    return this.searchCount(chat, new Api.InputPeerSelf(), range, signal);
  }

  /** One counting search (see {@link countOwnMessages}): `count` of the messages from `fromId`. */
  private async searchCount(
    chat: ResolvedChat,
    fromId: Api.TypeInputPeer,
    range: DateRangeUnix,
    signal: AbortSignal | undefined,
  ): Promise<number> {
    const request = new Api.messages.Search({
      peer: chat.peer,
      q: "",
      fromId,
      filter: new Api.InputMessagesFilterEmpty(),
      minDate: Math.max(0, range.fromUnix - 1),
      maxDate: range.toUnix ?? 0,
      offsetId: 0,
      addOffset: 0,
      limit: 1,
      maxId: 0,
      minId: 0,
      hash: toLong(0),
    });
    let result: Api.messages.TypeMessages;
    try {
      result = await this.runner.call(request, signal);
    } catch (error) {
      throw this.accessError(error, String(chat.botApiId));
    }
    return totalOf(result);
  }

  /**
   * Messages the user `userId` sent in the chat from `fromUnix` up to (not
   * including) `toUnix` (null: now), in one request: `messages.search` with
   * an empty query, `from_id` the user and limit 1 → `count` (service
   * records not found, bounds as in {@link countOwnMessages}).
   *
   * @returns null, asking nothing, when the account cannot address the user:
   *   no answer of this connection showed their access hash
   */
  async countMessagesFrom(
    chat: ResolvedChat,
    userId: number,
    range: DateRangeUnix,
    signal?: AbortSignal,
  ): Promise<number | null> {
    let fromId: Api.TypeInputPeer;
    if (userId === this.me.id) fromId = new Api.InputPeerSelf();
    else {
      const accessHash = this.userHashes.get(userId);
      if (accessHash === undefined) return null;
      fromId = new Api.InputPeerUser({ userId: toLong(userId), accessHash });
    }
    return this.searchCount(chat, fromId, range, signal);
  }

  /**
   * Bot API ids of the groups, supergroups and channels the account can read
   * (from its dialogs), for routing jobs to it.
   */
  async readableChatIds(signal?: AbortSignal): Promise<number[]> {
    const ids: number[] = [];
    for await (const page of this.dialogPages(signal))
      for (const dialog of page.dialogs)
        // People and bots are never reported: their chats stay out of the shared directory.
        if (dialog.readable && dialog.info.kind !== "user") ids.push(dialog.botApiId);
    return ids;
  }

  /**
   * The emoji each custom emoji stands for (`DocumentAttributeCustomEmoji.alt`
   * of its document, from `messages.getCustomEmojiDocuments`), by document
   * id; ids that are not decimal, or whose document Telegram does not return
   * or has no alt, are left out. At most {@link CUSTOM_EMOJI_PER_REQUEST} ids per request.
   */
  async customEmojiAlts(
    documentIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string>> {
    const ids = [...new Set(documentIds)].filter((id) => /^\d{1,20}$/.test(id));
    const alts = new Map<string, string>();
    for (let start = 0; start < ids.length; start += CUSTOM_EMOJI_PER_REQUEST) {
      const batch = ids.slice(start, start + CUSTOM_EMOJI_PER_REQUEST);
      const documents = await this.runner.call(
        new Api.messages.GetCustomEmojiDocuments({ documentId: batch.map((id) => toLong(id)) }),
        signal,
      );
      for (const document of documents) {
        if (!(document instanceof Api.Document)) continue;
        const attribute = document.attributes.find(
          (candidate) => candidate instanceof Api.DocumentAttributeCustomEmoji,
        );
        if (attribute !== undefined && attribute.alt !== "")
          alts.set(document.id.toString(), attribute.alt);
      }
    }
    return alts;
  }

  /** Disconnects and stops GramJS's update loop (`disconnect()` alone leaves it running). */
  async destroy(): Promise<void> {
    await this.client.destroy();
  }

  private async history(
    chat: ResolvedChat,
    params: {
      offsetId: number;
      limit: number;
      minId?: number;
      maxId?: number;
      offsetDate?: number;
    },
    signal: AbortSignal | undefined,
  ): Promise<Api.messages.TypeMessages> {
    const request = new Api.messages.GetHistory({
      peer: chat.peer,
      offsetId: params.offsetId,
      offsetDate: params.offsetDate ?? 0,
      addOffset: 0,
      limit: params.limit,
      maxId: params.maxId ?? 0,
      minId: params.minId ?? 0,
      hash: toLong(0),
    });
    let result: Api.messages.TypeMessages;
    try {
      result = await this.runner.call(request, signal);
    } catch (error) {
      throw this.accessError(error, String(chat.botApiId));
    }
    if (!(result instanceof Api.messages.MessagesNotModified)) this.noteUsers(result.users);
    return result;
  }

  /** Keeps the access hashes of an answer's users (see {@link userHashes}); returns them by id. */
  private noteUsers(users: readonly Api.TypeUser[]): Map<number, Api.User> {
    const byId = usersById(users);
    for (const [id, user] of byId)
      // A "min" user's hash is only good inside the message it came with.
      if (user.accessHash !== undefined && user.min !== true) {
        // Deleted first, so the insertion order is the order last seen.
        this.userHashes.delete(id);
        this.userHashes.set(id, user.accessHash);
      }
    // The oldest first, as the map keeps insertion order.
    for (const id of this.userHashes.keys()) {
      if (this.userHashes.size <= MAX_USER_HASHES) break;
      this.userHashes.delete(id);
    }
    return byId;
  }

  private async resolveBotChat(
    chatId: number,
    signal: AbortSignal | undefined,
  ): Promise<ResolvedChat> {
    const peer = peerOfBotApiId(chatId);
    const label = String(chatId);
    // A positive id is a user: refused before anything is asked of Telegram.
    if (peer.kind === "user")
      throw new ChatNotReportableError(
        label,
        peer.id === this.me.id ? "saved_messages" : "personal_chat",
      );
    const known = await this.lookupKnown(peer, label, signal);
    if (known !== null) return this.reportable(known, label);
    const key = peerKey(peer);
    for await (const page of this.dialogPages(signal)) {
      const found = page.entities.find((entity) => peerKey(entity.info) === key);
      if (found !== undefined) return this.reportable(found, label);
    }
    throw this.notMember(label);
  }

  /** The chat through its stored access hash (basic groups need none); null when no hash is stored or it is stale. */
  private async lookupKnown(
    peer: PeerRef,
    label: string,
    signal: AbortSignal | undefined,
  ): Promise<ChatEntity | null> {
    const hash =
      peer.kind === "chat" ? null : await this.memory.accessHashes.get(this.me.id, peerKey(peer));
    const input = inputPeerOf(peer, hash);
    if (input === null) return null;
    let entities: (Api.TypeChat | Api.TypeUser)[];
    try {
      if (input instanceof Api.InputPeerChannel) {
        const channel = new Api.InputChannel({
          channelId: input.channelId,
          accessHash: input.accessHash,
        });
        entities = (await this.runner.call(new Api.channels.GetChannels({ id: [channel] }), signal))
          .chats;
      } else if (input instanceof Api.InputPeerChat) {
        entities = (
          await this.runner.call(new Api.messages.GetChats({ id: [input.chatId] }), signal)
        ).chats;
      } else return null;
    } catch (error) {
      const code = rpcErrorCode(error);
      // A stale hash: the dialogs will tell the current one.
      if (code === "CHANNEL_INVALID" || code === "USER_ID_INVALID" || code === "PEER_ID_INVALID") {
        if (peer.kind === "chat") throw this.notMember(label);
        return null;
      }
      throw this.accessError(error, label);
    }
    const entity = entities
      .map(chatEntityOf)
      .find((found) => found !== null && peerKey(found.info) === peerKey(peer));
    return entity ?? null;
  }

  private async resolveUsername(
    username: string,
    signal: AbortSignal | undefined,
  ): Promise<ResolvedChat> {
    const label = `@${username}`;
    const { usernames, usernameLookups } = this.memory;
    const notFound = () => new ChatNotAccessibleError(this.me.username, "not-found", label);
    const cached = await usernames?.get(username, signal);
    if (cached?.kind === "not-found") throw notFound();
    if (cached?.kind === "peer") {
      if (cached.peer.kind === "user") throw new ChatNotReportableError(label, cached.type);
      // This account's stored hash addresses the cached peer without a lookup; the fresh
      // entity must still carry the name, or the name has moved and is looked up again.
      const known = await this.lookupKnown(cached.peer, label, signal);
      if (known !== null && known.username?.toLowerCase() === username.toLowerCase())
        return this.reportable(known, label);
    }
    const waitMs = await usernameLookups?.take(this.me.id, signal);
    if (waitMs != null) throw new UsernameLookupLimitError(Math.ceil(waitMs / 1000));
    let result: Api.contacts.ResolvedPeer;
    try {
      result = await this.runner.call(new Api.contacts.ResolveUsername({ username }), signal);
    } catch (error) {
      const code = rpcErrorCode(error);
      if (code !== null && USERNAME_NOT_FOUND_CODES.has(code)) {
        await usernames?.set(username, { kind: "not-found" }, signal);
        throw notFound();
      }
      throw this.accessError(error, label);
    }
    const entities = [...result.chats, ...result.users].map(chatEntityOf).filter(isEntity);
    await this.remember(entities);
    const key = peerKey(peerRefOf(result.peer));
    const entity = entities.find((found) => peerKey(found.info) === key);
    if (entity === undefined) throw this.notMember(label);
    const { kind, id, type } = entity.info;
    await usernames?.set(username, { kind: "peer", peer: { kind, id }, type }, signal);
    return this.reportable(entity, label);
  }

  /** Pages through the account's dialogs, storing every access hash seen. */
  private async *dialogPages(
    signal: AbortSignal | undefined,
  ): AsyncGenerator<DialogPage, void, undefined> {
    let offsetDate = 0;
    let offsetId = 0;
    let offsetPeer: Api.TypeInputPeer = new Api.InputPeerEmpty();
    let seen = 0;
    for (;;) {
      const result: Api.messages.TypeDialogs = await this.runner.call(
        new Api.messages.GetDialogs({
          offsetDate,
          offsetId,
          offsetPeer,
          limit: PAGE_LIMIT,
          hash: toLong(0),
        }),
        signal,
      );
      if (result instanceof Api.messages.DialogsNotModified) return;
      const entities: ChatEntity[] = [...result.chats, ...result.users]
        .map(chatEntityOf)
        .filter(isEntity);
      await this.remember(entities);
      const byKey: Map<string, ChatEntity> = new Map(
        entities.map((entity) => [peerKey(entity.info), entity]),
      );
      const dialogs: Api.Dialog[] = result.dialogs.filter(
        (dialog): dialog is Api.Dialog => dialog instanceof Api.Dialog,
      );
      const chats = dialogs
        .map((dialog: Api.Dialog) => byKey.get(peerKey(peerRefOf(dialog.peer))))
        .filter(isEntity);
      yield { dialogs: chats, entities, lastMessages: lastMessagesOf(dialogs, result.messages) };
      seen += result.dialogs.length;
      const last: Api.Dialog | undefined = dialogs.at(-1);
      const lastChat: ChatEntity | undefined =
        last === undefined ? undefined : byKey.get(peerKey(peerRefOf(last.peer)));
      if (
        result instanceof Api.messages.Dialogs ||
        result.dialogs.length < PAGE_LIMIT ||
        seen >= result.count ||
        last === undefined ||
        lastChat?.peer == null
      )
        return;
      const top = result.messages.find(
        (message: Api.TypeMessage) =>
          message.id === last.topMessage &&
          message.peerId != null &&
          samePeer(message.peerId, last.peer),
      );
      offsetDate = top !== undefined && !(top instanceof Api.MessageEmpty) ? top.date : 0;
      offsetId = last.topMessage;
      offsetPeer = lastChat.peer;
    }
  }

  private async remember(entities: readonly ChatEntity[]): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const { info, accessHash } of entities)
      if (accessHash !== null)
        writes.push(this.memory.accessHashes.set(this.me.id, peerKey(info), accessHash));
    await Promise.all(writes);
  }

  /** The entity as a chat to report on: a group, supergroup or channel the account can read. */
  private reportable(entity: ChatEntity, label: string): ResolvedChat {
    if (entity.info.kind === "user") throw new ChatNotReportableError(label, entity.info.type);
    const chat = entity.readable ? resolvedOf(entity) : null;
    if (chat === null) throw this.notMember(label);
    return chat;
  }

  private notMember(label: string): ChatNotAccessibleError {
    return new ChatNotAccessibleError(this.me.username, "not-member", label);
  }

  /** Telegram's refusals to show a chat become one ChatNotAccessibleError (never retried). */
  private accessError(error: unknown, label: string): unknown {
    const code = rpcErrorCode(error);
    if (code === null) return error;
    if (USERNAME_NOT_FOUND_CODES.has(code))
      return new ChatNotAccessibleError(this.me.username, "not-found", label);
    if (code === "CHAT_ADMIN_REQUIRED")
      return new ChatNotAccessibleError(this.me.username, "admin-required", label);
    return NOT_ACCESSIBLE_CODES.has(code) ? this.notMember(label) : error;
  }
}

function isEntity(entity: ChatEntity | null | undefined): entity is ChatEntity {
  return entity !== null && entity !== undefined;
}

function resolvedOf(entity: ChatEntity): ResolvedChat | null {
  if (entity.peer === null) return null;
  return {
    info: entity.info,
    peer: entity.peer,
    botApiId: entity.botApiId,
    username: entity.username,
  };
}

/** Each dialog's top message, by peer key, from a dialogs answer's messages. */
function lastMessagesOf(
  dialogs: readonly Api.Dialog[],
  messages: readonly Api.TypeMessage[],
): Map<string, LastMessage> {
  const dates = new Map<string, LastMessage>();
  for (const dialog of dialogs) {
    const top = messages.find(
      (message) =>
        message.id === dialog.topMessage &&
        !(message instanceof Api.MessageEmpty) &&
        samePeer(message.peerId, dialog.peer),
    );
    if (top !== undefined && "date" in top)
      dates.set(peerKey(peerRefOf(dialog.peer)), { id: top.id, dateUnix: top.date });
  }
  return dates;
}

function samePeer(a: Api.TypePeer, b: Api.TypePeer): boolean {
  return peerKey(peerRefOf(a)) === peerKey(peerRefOf(b));
}

/** The users of an answer by id. */
function usersById(users: readonly Api.TypeUser[]): Map<number, Api.User> {
  const byId = new Map<number, Api.User>();
  for (const user of users) if (user instanceof Api.User) byId.set(longToNumber(user.id), user);
  return byId;
}

/** The user id of someone in the member list; null for those who left or were banned (and for channels). */
function memberIdOf(participant: Api.TypeChannelParticipant): number | null {
  if (participant instanceof Api.ChannelParticipantLeft) return null;
  if (participant instanceof Api.ChannelParticipantBanned) {
    // A restricted member is still in the group; a banned one has `left`.
    if (participant.left === true || !(participant.peer instanceof Api.PeerUser)) return null;
    return longToNumber(participant.peer.userId);
  }
  return longToNumber(participant.userId);
}

/** A `statsAbsValueAndPrev` as plain numbers. */
function plainValue(value: Api.StatsAbsValueAndPrev): TelegramStatsValue {
  return { current: value.current, previous: value.previous };
}

/** Messages in the whole history according to a GetHistory answer. */
function totalOf(result: Api.messages.TypeMessages): number {
  if (result instanceof Api.messages.Messages) return result.messages.length;
  return result.count;
}
