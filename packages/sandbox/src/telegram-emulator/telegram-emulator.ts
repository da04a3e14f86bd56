import { Api, errors, extensions } from "telegram";
import { peerKey, type Message, type PeerRef } from "@tgstats/engine";
import { longToBigint, longToNumber, toLong, type Long } from "@tgstats/worker/mtproto";
import { realSleep, type Sleep } from "@tgstats/worker/mtproto";
import { customEmojiDocuments } from "./api-media.js";
import { asyncGraphToken, broadcastStats, loadedGraph, megagroupStats } from "./api-stats.js";
import { AnswerPeers, MessageEncoder } from "./api-message.js";
import { basicGroupFull, canViewParticipants, participantsPage } from "./api-members.js";
import { ChatState, type EmulatedAccount, type EmulatedChat } from "./emulated-chat.js";
import { FloodLimiter, type FloodPolicy } from "./flood-limiter.js";
import { sliceHistory, type HistorySlice } from "./history-slice.js";
import { NetworkFaults, type Delivery } from "./network-faults.js";
import { PeerBook } from "./peer-book.js";
import { searchMatches, unsupportedSearch } from "./search-filter.js";

/** How the emulated Telegram behaves. */
export interface TelegramEmulatorOptions {
  account: EmulatedAccount;
  chats: EmulatedChat[];
  /** Delay of every answer, errors included (default 0). */
  latencyMs?: number;
  /** Token buckets per method; an empty one answers FLOOD_WAIT_X. */
  floodPolicy?: FloodPolicy;
  /** False: every request fails with AUTH_KEY_UNREGISTERED, like a revoked session (default true). */
  authorized?: boolean;
  /** With `authorized: false`: the code auth.SignIn accepts, after which the session is authorized (for `tgstats login`). */
  loginCode?: string;
  /** Clock in ms (default Date.now); tests and benchmarks pass a virtual clock. */
  now?: () => number;
  /** How latency is waited (default real time); pair it with `now`. */
  sleep?: Sleep;
  /**
   * Serialise every answer to MTProto bytes and parse it back, as the network
   * would (default true): the adapter then sees exactly what GramJS decodes.
   */
  wireFormat?: boolean;
  /**
   * Custom emoji Telegram knows, by document id: the emoji each stands for
   * (`DocumentAttributeCustomEmoji.alt`), answered by `messages.GetCustomEmojiDocuments`.
   */
  customEmoji?: Readonly<Record<string, string>>;
}

/** One request the emulator received. */
export interface EmulatorRequest {
  /** TL method name, e.g. `messages.GetHistory`. */
  method: string;
  /** Emulator clock at arrival. */
  atMs: number;
  /** The request's fields, ids as strings and peers as keys (`channel123`). */
  params: Record<string, unknown>;
  /** The data centre the request was sent to, when the client named one (GramJS's `invoke(request, dcId)`). */
  dcId?: number;
}

/** A request the emulator refuses with an RPC error, as Telegram does for some chats and accounts. */
export interface EmulatorRefusal {
  /** TL method name, e.g. `messages.GetHistory`. */
  method: string;
  /** Telegram's error message, e.g. `CHAT_ADMIN_REQUIRED`. */
  error: string;
  /** The RPC error code (default 400). */
  code?: number;
}

/** What the network did with a request: its answer, or none (see {@link Delivery}). */
export type DeliveryResult =
  { delivery: "answer"; answer: Promise<unknown> } | { delivery: Exclude<Delivery, "answer"> };

/** Requests that are answered only when a chat with that id exists. */
type InputPeerLike = Api.TypeInputPeer | Api.TypeInputChannel | Api.TypeInputUser;

/**
 * A stand-in for Telegram behind `TelegramClient.invoke`: answers the
 * adapter's requests with real GramJS TL objects built from emulated chats,
 * with latency, a flood policy and the errors Telegram gives.
 */
export class TelegramEmulator {
  /** Every request received, in order. */
  readonly requestLog: EmulatorRequest[] = [];
  private readonly states: ChatState[];
  private readonly book: PeerBook;
  private readonly encoder: MessageEncoder;
  private readonly limiter: FloodLimiter;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private authorized: boolean;
  private readonly refusals: EmulatorRefusal[] = [];
  /** The connection `invoke` uses: a direct line, not counted (the emulated client opens its own). */
  private connection: number;
  /** Connections and the faults tests put on them. */
  readonly network = new NetworkFaults();

  constructor(private readonly options: TelegramEmulatorOptions) {
    this.states = options.chats.map((chat) => new ChatState(chat));
    const keys = new Set(this.states.map((state) => state.key));
    if (keys.size !== this.states.length)
      throw new Error("Two emulated chats have the same kind and id; give each chat its own id.");
    this.book = new PeerBook(options.account, this.states);
    this.encoder = new MessageEncoder(this.book, options.account);
    this.limiter = new FloodLimiter(options.floodPolicy ?? {});
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.authorized = options.authorized !== false;
    this.connection = 0;
  }

  /** Opens a connection for a client: its id, or null while the network is down. */
  connect(): number | null {
    return this.network.open();
  }

  /** From now on every `method` request is answered with the RPC error `error`. */
  refuse(refusal: EmulatorRefusal): void {
    this.refusals.push(refusal);
  }

  /** Revokes the session, as a logout on another device would: every later request fails with AUTH_KEY_UNREGISTERED. */
  revokeSession(): void {
    this.authorized = false;
  }

  /** The account joins or leaves the chat `ref` (it then can or cannot read a private chat). */
  setMembership(ref: PeerRef, member: boolean): void {
    const state = this.book.chat(ref);
    if (state === undefined) throw new Error(`No emulated chat is ${peerKey(ref)}.`);
    state.chat.accountIsMember = member;
  }

  /** Gives `ref` a public username (a group made public), or takes it away with null. */
  setUsername(ref: PeerRef, username: string | null): void {
    const state = this.book.chat(ref);
    if (state === undefined) throw new Error(`No emulated chat is ${peerKey(ref)}.`);
    state.chat.username = username;
  }

  /** The account joined `ref` with the pre-history hidden: it sees only ids above `availableMinId`. */
  hideHistoryUpTo(ref: PeerRef, availableMinId: number): void {
    const state = this.book.chat(ref);
    if (state === undefined) throw new Error(`No emulated chat is ${peerKey(ref)}.`);
    state.chat.availableMinId = availableMinId;
  }

  /** Requests received for `method` (all methods when omitted). */
  requestCount(method?: string): number {
    if (method === undefined) return this.requestLog.length;
    return this.requestLog.filter((entry) => entry.method === method).length;
  }

  /**
   * Appends (or replaces) messages of the chat with bare id `chatId`, e.g. the
   * 50 messages written since the last fetch.
   */
  addMessages(chatId: number, messages: readonly Message[]): void {
    const state = this.states.find((candidate) => candidate.info.id === chatId);
    if (state === undefined) throw new Error(`No emulated chat has id ${chatId}.`);
    state.add(messages);
    this.book.learn(messages);
  }

  /**
   * Answers one request the way Telegram would (after the latency), or throws
   * its RPC error; a request the network loses is never answered.
   */
  async invoke(request: Api.AnyRequest): Promise<unknown> {
    const result = this.deliver(request, this.connection);
    if (result.delivery === "answer") return result.answer;
    return new Promise<never>(() => undefined);
  }

  /** Sends one request on `connection`: its answer, unless a network fault swallows it. */
  deliver(request: Api.AnyRequest, connection: number, dcId?: number): DeliveryResult {
    const atMs = this.now();
    this.requestLog.push({
      method: request.className,
      atMs,
      params: summarize(request),
      ...(dcId === undefined ? {} : { dcId }),
    });
    const delivery = this.network.deliver(connection);
    if (delivery !== "answer") return { delivery };
    return { delivery, answer: this.answerAfterLatency(request, atMs, dcId) };
  }

  private async answerAfterLatency(
    request: Api.AnyRequest,
    atMs: number,
    dcId: number | undefined,
  ): Promise<unknown> {
    let answer: () => unknown;
    try {
      const result = this.answer(request, atMs, dcId);
      answer = () => result;
    } catch (error) {
      answer = () => {
        throw error;
      };
    }
    const latencyMs = this.options.latencyMs ?? 0;
    if (latencyMs > 0) await this.sleep(latencyMs);
    const result = answer();
    return this.options.wireFormat === false ? result : throughWire(result);
  }

  private answer(request: Api.AnyRequest, atMs: number, dcId: number | undefined): unknown {
    if (!this.authorized) return this.logIn(request);
    const wait = this.limiter.take(request.className, atMs);
    if (wait > 0) throw rpcError(request, 420, `FLOOD_WAIT_${wait}`);
    const refusal = this.refusals.find((candidate) => candidate.method === request.className);
    if (refusal !== undefined) throw rpcError(request, refusal.code ?? 400, refusal.error);
    if (request instanceof Api.updates.GetState)
      return new Api.updates.State({
        pts: 1,
        qts: 0,
        date: Math.floor(atMs / 1000),
        seq: 0,
        unreadCount: 0,
      });
    if (request instanceof Api.users.GetUsers) return request.id.map((input) => this.userOf(input));
    if (request instanceof Api.users.GetFullUser) return this.fullUser(request);
    if (request instanceof Api.messages.GetHistory) return this.history(request);
    if (request instanceof Api.messages.Search) return this.search(request);
    if (request instanceof Api.messages.GetDialogs) return this.dialogs(request);
    if (request instanceof Api.contacts.ResolveUsername) return this.resolveUsername(request);
    if (request instanceof Api.channels.GetChannels) return this.channels(request);
    if (request instanceof Api.channels.GetFullChannel) return this.fullChannel(request);
    if (request instanceof Api.messages.GetChats) return this.basicGroups(request);
    if (request instanceof Api.channels.GetParticipants) return this.participants(request);
    if (request instanceof Api.messages.GetFullChat) return this.fullBasicGroup(request);
    if (
      request instanceof Api.stats.GetMegagroupStats ||
      request instanceof Api.stats.GetBroadcastStats
    )
      return this.chatStats(request, dcId);
    if (request instanceof Api.stats.LoadAsyncGraph) return this.asyncGraph(request, dcId);
    if (request instanceof Api.messages.GetCustomEmojiDocuments)
      return customEmojiDocuments(request.documentId, this.options.customEmoji ?? {});
    throw new Error(
      `The Telegram emulator does not answer ${request.className}; add it in packages/sandbox/src/telegram-emulator if the adapter needs it.`,
    );
  }

  /** An unauthorized session may only log in: send a code, then sign in with it. */
  private logIn(request: Api.AnyRequest): unknown {
    const code = this.options.loginCode;
    if (code !== undefined && request instanceof Api.auth.SendCode)
      return new Api.auth.SentCode({
        type: new Api.auth.SentCodeTypeApp({ length: code.length }),
        phoneCodeHash: "emulated-code-hash",
      });
    if (code !== undefined && request instanceof Api.auth.SignIn) {
      if (request.phoneCode !== code) throw rpcError(request, 400, "PHONE_CODE_INVALID");
      this.authorized = true;
      return new Api.auth.Authorization({ user: this.book.user(this.options.account.id) });
    }
    throw rpcError(request, 401, "AUTH_KEY_UNREGISTERED");
  }

  private userOf(input: Api.TypeEntityLike): Api.TypeUser {
    if (input instanceof Api.InputUserSelf || input instanceof Api.InputPeerSelf)
      return this.book.user(this.options.account.id);
    if (input instanceof Api.InputUser || input instanceof Api.InputPeerUser) {
      const ref: PeerRef = { kind: "user", id: longToNumber(input.userId) };
      if (longToBigint(input.accessHash) === this.book.accessHash(ref))
        return this.book.user(ref.id);
    }
    return new Api.UserEmpty({ id: toLong(0) });
  }

  private fullUser(request: Api.users.GetFullUser): Api.users.UserFull {
    const user = this.userOf(request.id);
    if (!(user instanceof Api.User)) throw rpcError(request, 400, "USER_ID_INVALID");
    return new Api.users.UserFull({
      fullUser: new Api.UserFull({
        id: user.id,
        settings: new Api.PeerSettings({}),
        notifySettings: new Api.PeerNotifySettings({}),
        commonChatsCount: 0,
      }),
      chats: [],
      users: [user],
    });
  }

  private history(request: Api.messages.GetHistory): Api.messages.TypeMessages {
    const state = this.readableChat(request, request.peer);
    const visible = visibleMessages(state);
    const { offsetId, offsetDate, addOffset, limit, maxId, minId } = request;
    const slice = sliceHistory(visible, { offsetId, offsetDate, addOffset, limit, maxId, minId });
    return this.messagesAnswer(state, visible, slice);
  }

  /**
   * `messages.search` with an empty query: the matches (see {@link searchMatches})
   * paged like the history, `count` the number of matches.
   */
  private search(request: Api.messages.Search): Api.messages.TypeMessages {
    const unsupported = unsupportedSearch(request);
    if (unsupported !== null)
      throw new Error(`The Telegram emulator does not search with ${unsupported}.`);
    const state = this.readableChat(request, request.peer);
    const from =
      request.fromId === undefined ? null : refOfInput(request.fromId, this.options.account.id);
    const matches = searchMatches(visibleMessages(state), {
      from,
      minDateUnix: request.minDate,
      maxDateUnix: request.maxDate,
    });
    const { offsetId, addOffset, limit, maxId, minId } = request;
    const slice = sliceHistory(matches, {
      offsetId,
      offsetDate: 0,
      addOffset,
      limit,
      maxId,
      minId,
    });
    return this.messagesAnswer(state, matches, slice);
  }

  /** A history or search answer: the sliced messages with `count` (and the offset's position when one was given). */
  private messagesAnswer(
    state: ChatState,
    list: readonly Message[],
    slice: HistorySlice,
  ): Api.messages.TypeMessages {
    const peers = new AnswerPeers();
    peers.add(state.info);
    const messages = slice.indexes.map((index) => this.encoder.encode(list[index]!, state, peers));
    const lists = {
      messages,
      chats: peers.chatObjects(this.book),
      users: peers.userObjects(this.book),
    };
    const position =
      slice.offsetIdOffset === undefined ? {} : { offsetIdOffset: slice.offsetIdOffset };
    if (state.info.kind === "channel")
      return new Api.messages.ChannelMessages({
        pts: 1,
        count: slice.count,
        topics: [],
        ...position,
        ...lists,
      });
    if (messages.length === slice.count) return new Api.messages.Messages(lists);
    return new Api.messages.MessagesSlice({ count: slice.count, ...position, ...lists });
  }

  /** Dialogs: chats the account is in, latest message first, paged like Telegram's offset triple. */
  private dialogs(request: Api.messages.GetDialogs): Api.messages.TypeDialogs {
    const all = this.states
      .filter((state) => state.chat.accountIsMember)
      .map((state) => ({ state, top: state.messages.at(-1) }))
      .sort(
        (a, b) =>
          (b.top?.dateUnix ?? 0) - (a.top?.dateUnix ?? 0) ||
          (b.top?.id ?? 0) - (a.top?.id ?? 0) ||
          a.state.key.localeCompare(b.state.key),
      );
    const limit = request.limit <= 0 || request.limit > 100 ? 100 : request.limit;
    const start = this.dialogStart(all, request);
    const page = all.slice(start, start + limit);
    const peers = new AnswerPeers();
    const messages: Api.TypeMessage[] = [];
    const dialogs = page.map(({ state, top }) => {
      peers.add(state.info);
      if (top !== undefined) messages.push(this.encoder.encode(top, state, peers));
      return new Api.Dialog({
        peer: state.peer(),
        topMessage: top?.id ?? 0,
        readInboxMaxId: top?.id ?? 0,
        readOutboxMaxId: 0,
        unreadCount: 0,
        unreadMentionsCount: 0,
        unreadReactionsCount: 0,
        notifySettings: new Api.PeerNotifySettings({}),
      });
    });
    const lists = {
      dialogs,
      messages,
      chats: peers.chatObjects(this.book),
      users: peers.userObjects(this.book),
    };
    if (start === 0 && page.length === all.length) return new Api.messages.Dialogs(lists);
    return new Api.messages.DialogsSlice({ count: all.length, ...lists });
  }

  /** Index of the first dialog after the offset: after offset_peer when it is listed, else older than (offset_date, offset_id). */
  private dialogStart(
    all: readonly { state: ChatState; top: Message | undefined }[],
    request: Api.messages.GetDialogs,
  ): number {
    const ref = refOfInput(request.offsetPeer, this.options.account.id);
    if (ref !== null) {
      const index = all.findIndex((dialog) => dialog.state.key === peerKey(ref));
      if (index >= 0) return index + 1;
    }
    if (request.offsetDate <= 0 && request.offsetId <= 0) return 0;
    const index = all.findIndex(({ top }) => {
      const date = top?.dateUnix ?? 0;
      return (
        date < request.offsetDate ||
        (date === request.offsetDate && (top?.id ?? 0) < request.offsetId)
      );
    });
    return index < 0 ? all.length : index;
  }

  private resolveUsername(request: Api.contacts.ResolveUsername): Api.contacts.ResolvedPeer {
    const name = request.username.toLowerCase();
    // Telegram's rule: a letter first, then letters, digits and single underscores, not ending in one.
    if (!/^[a-z](?:_?[a-z0-9])+$/.test(name) || name.length < 4 || name.length > 32)
      throw rpcError(request, 400, "USERNAME_INVALID");
    const peers = new AnswerPeers();
    let peer: Api.TypePeer | undefined;
    const { account } = this.options;
    if (account.username?.toLowerCase() === name) {
      peers.add({ kind: "user", id: account.id });
      peer = new Api.PeerUser({ userId: toLong(account.id) });
    } else {
      const state = this.states.find(
        (candidate) => candidate.chat.username?.toLowerCase() === name,
      );
      if (state !== undefined) {
        peers.add(state.info);
        peer = state.peer();
      }
    }
    if (peer === undefined) throw rpcError(request, 400, "USERNAME_NOT_OCCUPIED");
    return new Api.contacts.ResolvedPeer({
      peer,
      chats: peers.chatObjects(this.book),
      users: peers.userObjects(this.book),
    });
  }

  private channels(request: Api.channels.GetChannels): Api.messages.Chats {
    const chats = request.id.map((input) => {
      const state = this.knownChat(request, input);
      if (state.info.kind !== "channel") throw rpcError(request, 400, "CHANNEL_INVALID");
      return this.book.chatObject(state.info);
    });
    return new Api.messages.Chats({ chats });
  }

  private fullChannel(request: Api.channels.GetFullChannel): Api.messages.ChatFull {
    const state = this.readableChat(request, request.channel);
    const migrated = state.chat.migratedFrom;
    return new Api.messages.ChatFull({
      fullChat: new Api.ChannelFull({
        id: toLong(state.info.id),
        about: "",
        readInboxMaxId: state.messages.at(-1)?.id ?? 0,
        readOutboxMaxId: 0,
        unreadCount: 0,
        chatPhoto: new Api.PhotoEmpty({ id: toLong(0) }),
        notifySettings: new Api.PeerNotifySettings({}),
        botInfo: [],
        pts: 1,
        participantsCount: state.senderCount,
        ...(canViewParticipants(state) ? { canViewParticipants: true } : {}),
        ...(state.chat.statsVisible === true ? { canViewStats: true } : {}),
        ...(state.chat.statsDc !== undefined && state.chat.statsDcHidden !== true
          ? { statsDc: state.chat.statsDc }
          : {}),
        ...(state.chat.participantsHidden === true ? { participantsHidden: true } : {}),
        ...((state.chat.availableMinId ?? 0) > 0
          ? { availableMinId: state.chat.availableMinId }
          : {}),
        ...(migrated == null
          ? {}
          : { migratedFromChatId: toLong(migrated.chatId), migratedFromMaxId: migrated.maxId }),
      }),
      chats: [
        this.book.chatObject(state.info),
        ...(migrated == null ? [] : [this.book.chatObject({ kind: "chat", id: migrated.chatId })]),
      ],
      users: [],
    });
  }

  /** A page of the member list (the "recent" filter only); CHAT_ADMIN_REQUIRED when it is not shown. */
  private participants(request: Api.channels.GetParticipants): Api.channels.ChannelParticipants {
    const state = this.readableChat(request, request.channel);
    if (!(request.filter instanceof Api.ChannelParticipantsRecent))
      throw new Error(
        `The Telegram emulator lists members by ChannelParticipantsRecent only, not ${request.filter.className}.`,
      );
    if (state.isBroadcast || !canViewParticipants(state))
      throw rpcError(request, 400, "CHAT_ADMIN_REQUIRED");
    return participantsPage(
      { state, book: this.book, accountId: this.options.account.id },
      request,
    );
  }

  /**
   * A supergroup's or channel's statistics (see ./api-stats.ts): only for a
   * chat configured `statsVisible`, else CHAT_ADMIN_REQUIRED as Telegram
   * answers a non-admin; MEGAGROUP_REQUIRED / BROADCAST_REQUIRED for the other
   * kind of chat; STATS_MIGRATE_X when asked elsewhere than its `statsDc`.
   */
  private chatStats(
    request: Api.stats.GetMegagroupStats | Api.stats.GetBroadcastStats,
    dcId: number | undefined,
  ): Api.stats.MegagroupStats | Api.stats.BroadcastStats {
    const state = this.readableChat(request, request.channel);
    const broadcast = request instanceof Api.stats.GetBroadcastStats;
    if (state.isBroadcast !== broadcast)
      throw rpcError(request, 400, broadcast ? "BROADCAST_REQUIRED" : "MEGAGROUP_REQUIRED");
    this.checkStatsAccess(request, state, dcId);
    return broadcast ? broadcastStats(state) : megagroupStats(state);
  }

  private asyncGraph(
    request: Api.stats.LoadAsyncGraph,
    dcId: number | undefined,
  ): Api.TypeStatsGraph {
    const named = asyncGraphToken(request.token);
    const state = named === null ? undefined : this.states.find((entry) => entry.key === named.key);
    if (named === null || state === undefined) throw rpcError(request, 400, "GRAPH_INVALID_RELOAD");
    this.checkStatsAccess(request, state, dcId);
    return loadedGraph(state, named.name);
  }

  private checkStatsAccess(
    request: Api.AnyRequest,
    state: ChatState,
    dcId: number | undefined,
  ): void {
    if (state.chat.statsVisible !== true) throw rpcError(request, 400, "CHAT_ADMIN_REQUIRED");
    const home = state.chat.statsDc;
    if (home !== undefined && dcId !== home) throw rpcError(request, 303, `STATS_MIGRATE_${home}`);
  }

  private fullBasicGroup(request: Api.messages.GetFullChat): Api.messages.ChatFull {
    const state = this.book.chat({ kind: "chat", id: longToNumber(request.chatId) });
    if (state === undefined) throw rpcError(request, 400, "CHAT_ID_INVALID");
    if (!state.readable) throw rpcError(request, 400, "CHAT_FORBIDDEN");
    return basicGroupFull({ state, book: this.book, accountId: this.options.account.id });
  }

  private basicGroups(request: Api.messages.GetChats): Api.messages.Chats {
    const chats = request.id.map((id) => {
      const state = this.book.chat({ kind: "chat", id: longToNumber(id) });
      if (state === undefined) throw rpcError(request, 400, "CHAT_ID_INVALID");
      return this.book.chatObject(state.info);
    });
    return new Api.messages.Chats({ chats });
  }

  /** The emulated chat an input peer names, with its access hash checked. */
  private knownChat(request: Api.AnyRequest, input: InputPeerLike | Api.TypeEntityLike): ChatState {
    const ref = refOfInput(input, this.options.account.id);
    const state = ref === null ? undefined : this.book.chat(ref);
    const invalid = ref?.kind === "channel" ? "CHANNEL_INVALID" : "PEER_ID_INVALID";
    if (ref === null || state === undefined) throw rpcError(request, 400, invalid);
    const hash = accessHashOfInput(input);
    if (hash !== null && hash !== state.chat.accessHash) throw rpcError(request, 400, invalid);
    return state;
  }

  /** {@link knownChat}, which the account must also be allowed to read. */
  private readableChat(
    request: Api.AnyRequest,
    input: InputPeerLike | Api.TypeEntityLike,
  ): ChatState {
    const state = this.knownChat(request, input);
    if (state.readable) return state;
    throw rpcError(
      request,
      400,
      state.info.kind === "channel" ? "CHANNEL_PRIVATE" : "PEER_ID_INVALID",
    );
  }
}

/** What the account sees of a chat's history: all of it, or what follows the hidden pre-history. */
function visibleMessages(state: ChatState): readonly Message[] {
  const hiddenUpTo = state.chat.availableMinId ?? 0;
  return hiddenUpTo > 0
    ? state.messages.filter((message) => message.id > hiddenUpTo)
    : state.messages;
}

/** The peer an input object names; null for InputPeerEmpty and the like. */
function refOfInput(input: unknown, accountId: number): PeerRef | null {
  if (input instanceof Api.InputPeerChannel || input instanceof Api.InputChannel)
    return { kind: "channel", id: longToNumber(input.channelId) };
  if (input instanceof Api.InputPeerChat) return { kind: "chat", id: longToNumber(input.chatId) };
  if (input instanceof Api.InputPeerUser || input instanceof Api.InputUser)
    return { kind: "user", id: longToNumber(input.userId) };
  if (input instanceof Api.InputPeerSelf || input instanceof Api.InputUserSelf)
    return { kind: "user", id: accountId };
  return null;
}

function accessHashOfInput(input: unknown): bigint | null {
  if (
    input instanceof Api.InputPeerChannel ||
    input instanceof Api.InputChannel ||
    input instanceof Api.InputPeerUser ||
    input instanceof Api.InputUser
  )
    return longToBigint(input.accessHash);
  return null;
}

/** The error GramJS raises for an RPC error answer (FloodWaitError for FLOOD_WAIT_X…). */
function rpcError(request: Api.AnyRequest, code: number, message: string): Error {
  // GramJS types this as any; it returns an RPCError subclass.
  const error: unknown = errors.RPCMessageToError(
    new Api.RpcError({ errorCode: code, errorMessage: message }),
    request,
  );
  return error as errors.RPCError;
}

/** Serialises a TL answer (or a vector of them) and parses it back, as GramJS does with network bytes. */
function throughWire(result: unknown): unknown {
  if (Array.isArray(result)) return result.map((item: unknown) => throughWire(item));
  if (!isTlObject(result)) return result;
  const parsed: unknown = new extensions.BinaryReader(result.getBytes()).tgReadObject();
  return parsed;
}

function isTlObject(value: unknown): value is { getBytes(): Buffer } {
  return (
    typeof value === "object" &&
    value !== null &&
    "getBytes" in value &&
    typeof value.getBytes === "function"
  );
}

/** A loggable copy of a request's fields: ids as strings, input peers as keys like `channel123`. */
function summarize(request: Api.AnyRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (
      key === "CONSTRUCTOR_ID" ||
      key === "SUBCLASS_OF_ID" ||
      key === "classType" ||
      key === "className"
    )
      continue;
    if (key === "originalArgs" || typeof value === "function") continue;
    params[key] = summarizeValue(value);
  }
  return params;
}

function summarizeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => summarizeValue(item));
  if (typeof value !== "object" || value === null) return value;
  const ref = refOfInput(value, 0);
  if (ref !== null) return peerKey(ref);
  if ("className" in value && typeof value.className === "string") return value.className;
  if (isLong(value)) return value.toString();
  return Buffer.isBuffer(value) ? value.toString("hex") : "[object]";
}

function isLong(value: object): value is Long {
  return "toJSNumber" in value && typeof value.toJSNumber === "function";
}
