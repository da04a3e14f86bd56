import { Api, Logger, TelegramClient, sessions } from "telegram";
import { LogLevel } from "telegram/extensions/Logger.js";
import {
  peerKey,
  type ChatInfo,
  type ChatOverview,
  type Message,
  type PeerRef,
  type StatsTarget,
} from "@tgstats/shared";
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
import { ChatNotAccessibleError, SessionInvalidError, TelegramConnectionError } from "./errors.js";
import { toLong } from "./long.js";
import { toModelMessage } from "./map-message.js";
import {
  RequestRunner,
  mapRpcError,
  raceAbort,
  realSleep,
  rpcErrorCode,
  type Sleep,
} from "./request-runner.js";

/** How to connect one Telegram account. */
export interface TelegramAccountOptions {
  apiId: number;
  apiHash: string;
  /** GramJS StringSession string: full account access, never log it. */
  session: string;
  /** FLOOD_WAITs up to this many seconds are slept (default 10); longer ones throw FloodWaitDelayError. */
  floodSleepThresholdSeconds?: number;
  /** Connection attempts before giving up (default 3; GramJS's own default is unbounded). */
  connectionRetries?: number;
  /** Where learned access hashes are kept (per account). */
  accessHashes: AccessHashStore;
  /** Aborts every request of the account (shutdown). */
  signal?: AbortSignal;
  /** How flood waits are slept; tests and benchmarks pass a virtual clock's sleep. */
  sleep?: Sleep;
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
  const retries = options.connectionRetries ?? DEFAULT_CONNECTION_RETRIES;
  const client = new TelegramClient(session, options.apiId, options.apiHash, {
    connectionRetries: retries,
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.NONE),
  });
  // The update loop reports ping timeouts and reconnects here; requests surface real failures.
  client.onError = () => Promise.resolve();
  try {
    return await connectTelegramAccountWithClient(client, options);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw error;
  }
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
  });
  let connected: boolean;
  try {
    connected = await raceAbort(client.connect(), options.signal);
  } catch (error) {
    throw mapRpcError(error);
  }
  if (!connected)
    throw new TelegramConnectionError(options.connectionRetries ?? DEFAULT_CONNECTION_RETRIES);
  await runner.call(new Api.updates.GetState());
  const [self] = await runner.call(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
  if (!(self instanceof Api.User)) throw new SessionInvalidError("NOT_AUTHORIZED");
  return new TelegramAccount(client, runner, self, options.accessHashes);
}

/** One dialog page: the dialogs' chats in order, and every chat and user that came with it. */
interface DialogPage {
  dialogs: ChatEntity[];
  entities: ChatEntity[];
}

/**
 * One logged-in Telegram account: resolves chats, counts and pages their
 * history into the shared message model. The only place that talks MTProto.
 */
export class TelegramAccount {
  /** The account itself. */
  readonly me: { id: number; username: string | null; firstName: string };
  private readonly mePeer: PeerRef;

  /** @internal use {@link connectTelegramAccount} */
  constructor(
    private readonly client: TelegramClient,
    private readonly runner: RequestRunner,
    self: Api.User,
    private readonly accessHashes: AccessHashStore,
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
   * The chat a stats target names. Bot chat ids go through stored access
   * hashes, else the account's dialogs (every hash seen is stored); usernames
   * through `contacts.ResolveUsername`.
   *
   * @throws {ChatNotAccessibleError} when the account is not in the chat, or no such public chat exists
   */
  async resolveChat(target: StatsTarget, signal?: AbortSignal): Promise<ResolvedChat> {
    switch (target.kind) {
      case "bot-chat":
        return this.resolveBotChat(target.chatId, signal);
      case "username":
        return this.resolveUsername(target.username, signal);
      default:
        throw new TypeError(
          "An account-overview target names no chat: call accountOverview() instead.",
        );
    }
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
    const dialogs: ChatEntity[] = [];
    for await (const page of this.dialogPages(signal)) dialogs.push(...page.dialogs);
    const overview: AccountChatOverview[] = [];
    for (const dialog of dialogs) {
      const chat = resolvedOf(dialog);
      if (chat === null) continue;
      let messages: number;
      try {
        messages = await this.countMessages(chat, {}, signal);
      } catch (error) {
        if (error instanceof ChatNotAccessibleError) continue;
        throw error;
      }
      const { id, name, type } = dialog.info;
      overview.push({ id, name, type, messages, botApiId: dialog.botApiId });
    }
    return overview.sort((a, b) => b.messages - a.messages || a.botApiId - b.botApiId);
  }

  /**
   * Bot API ids of the chats the account can read (its dialogs: groups,
   * supergroups, channels and private chats), for routing jobs to it.
   */
  async readableChatIds(signal?: AbortSignal): Promise<number[]> {
    const ids: number[] = [];
    for await (const page of this.dialogPages(signal))
      for (const dialog of page.dialogs) if (dialog.readable) ids.push(dialog.botApiId);
    return ids;
  }

  /** Disconnects and stops GramJS's update loop (`disconnect()` alone leaves it running). */
  async destroy(): Promise<void> {
    await this.client.destroy();
  }

  private async history(
    chat: ResolvedChat,
    params: { offsetId: number; limit: number; minId?: number; maxId?: number },
    signal: AbortSignal | undefined,
  ): Promise<Api.messages.TypeMessages> {
    const request = new Api.messages.GetHistory({
      peer: chat.peer,
      offsetId: params.offsetId,
      offsetDate: 0,
      addOffset: 0,
      limit: params.limit,
      maxId: params.maxId ?? 0,
      minId: params.minId ?? 0,
      hash: toLong(0),
    });
    try {
      return await this.runner.call(request, signal);
    } catch (error) {
      throw this.accessError(error, String(chat.botApiId));
    }
  }

  private async resolveBotChat(
    chatId: number,
    signal: AbortSignal | undefined,
  ): Promise<ResolvedChat> {
    const peer = peerOfBotApiId(chatId);
    const label = String(chatId);
    const known = await this.lookupKnown(peer, label, signal);
    if (known !== null) return this.readable(known, label);
    const key = peerKey(peer);
    for await (const page of this.dialogPages(signal)) {
      const found = page.entities.find((entity) => peerKey(entity.info) === key);
      if (found !== undefined) return this.readable(found, label);
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
      peer.kind === "chat" ? null : await this.accessHashes.get(this.me.id, peerKey(peer));
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
      } else if (input instanceof Api.InputPeerUser) {
        const user = new Api.InputUser({ userId: input.userId, accessHash: input.accessHash });
        entities = await this.runner.call(new Api.users.GetUsers({ id: [user] }), signal);
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
    let result: Api.contacts.ResolvedPeer;
    try {
      result = await this.runner.call(new Api.contacts.ResolveUsername({ username }), signal);
    } catch (error) {
      const code = rpcErrorCode(error);
      if (code !== null && USERNAME_NOT_FOUND_CODES.has(code))
        throw new ChatNotAccessibleError(this.me.username, "not-found", label);
      throw error;
    }
    const entities = [...result.chats, ...result.users].map(chatEntityOf).filter(isEntity);
    await this.remember(entities);
    const key = peerKey(peerRefOf(result.peer));
    const entity = entities.find((found) => peerKey(found.info) === key);
    if (entity === undefined) throw this.notMember(label);
    return this.readable(entity, label);
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
      yield { dialogs: chats, entities };
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
        writes.push(this.accessHashes.set(this.me.id, peerKey(info), accessHash));
    await Promise.all(writes);
  }

  private readable(entity: ChatEntity, label: string): ResolvedChat {
    const chat = entity.readable ? resolvedOf(entity) : null;
    if (chat === null) throw this.notMember(label);
    return chat;
  }

  private notMember(label: string): ChatNotAccessibleError {
    return new ChatNotAccessibleError(this.me.username, "not-member", label);
  }

  private accessError(error: unknown, label: string): unknown {
    const code = rpcErrorCode(error);
    return code !== null && NOT_ACCESSIBLE_CODES.has(code) ? this.notMember(label) : error;
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

function samePeer(a: Api.TypePeer, b: Api.TypePeer): boolean {
  return peerKey(peerRefOf(a)) === peerKey(peerRefOf(b));
}

/** Messages in the whole history according to a GetHistory answer. */
function totalOf(result: Api.messages.TypeMessages): number {
  if (result instanceof Api.messages.Messages) return result.messages.length;
  return result.count;
}
