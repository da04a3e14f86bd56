import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { BotApiError, notFound, unauthorized } from "./bot-api-error.js";
import { BotState, type BotCommand } from "./bot-state.js";
import { CallHolds, type HeldCall, type HoldPhase } from "./call-holds.js";
import { CallLog, transcriptLine } from "./call-log.js";
import {
  answerCallbackQuery,
  deleteMyCommands,
  deleteWebhook,
  getChat,
  getChatMember,
  getMe,
  getMyCommands,
  getUpdates,
  getWebhookInfo,
  scopeKeyOf,
  setMyCommands,
} from "./chat-methods.js";
import { getFile, sendDocument, sendMediaGroup, sendPhoto } from "./media-methods.js";
import { deleteMessage, editMessageText, sendChatAction, sendMessage } from "./message-methods.js";
import type { MethodHandler } from "./method-context.js";
import { readParams } from "./request-params.js";
import type {
  BotApiChat,
  BotApiUser,
  BotInfo,
  ChatMemberStatus,
  FakeBotApiCall,
  StoredMessage,
} from "./types.js";
import { UpdateQueue } from "./update-queue.js";

const METHODS: ReadonlyMap<string, [name: string, handler: MethodHandler]> = new Map(
  Object.entries({
    getMe,
    getUpdates,
    deleteWebhook,
    getWebhookInfo,
    setMyCommands,
    getMyCommands,
    deleteMyCommands,
    sendMessage,
    editMessageText,
    deleteMessage,
    sendChatAction,
    sendPhoto,
    sendMediaGroup,
    sendDocument,
    getFile,
    getChat,
    getChatMember,
    answerCallbackQuery,
  }).map(([name, handler]) => [name.toLowerCase(), [name, handler]]),
);

/** Options of {@link startFakeBotApi}. */
export interface FakeBotApiOptions {
  /** The only token the server accepts; others get 401. */
  token: string;
  /** What getMe answers; defaults derive the id from the token (`123:abc` → 123). */
  botInfo?: Partial<BotInfo>;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Sends and edits allowed per chat per window before 429; absent for no limit. */
  rateLimitPerChatPerMinute?: number;
  /** The window of that limit. Default 60 000 ms (tests shorten it to keep `retry_after` at 1 s). */
  rateLimitWindowMs?: number;
}

/** A running fake Bot API server. */
export interface FakeBotApi {
  /** For grammY: `new Api(token, { apiRoot })`, `new Bot(token, { client: { apiRoot } })`. */
  apiRoot: string;
  token: string;
  botInfo: BotInfo;
  /** Every call answered so far, in answer order (a live array). */
  calls: readonly FakeBotApiCall[];
  /**
   * Queues an update for getUpdates; fills in `update_id`, and for messages
   * `message_id` and `date` when absent, and registers chats, users and members it names.
   *
   * @returns the update_id
   */
  pushUpdate(update: object): number;
  /** Registers a chat (type guessed from the id when absent: positive private, `-100…` supergroup). */
  addChat(chat: Partial<BotApiChat> & { id: number }): BotApiChat;
  /** Registers a user, so getChatMember answers `left` instead of "user not found". */
  addUser(user: BotApiUser): void;
  /** Sets what getChatMember answers (the bot's own status `left`/`kicked` makes sends fail with 403). */
  setChatMember(chatId: number, userId: number, status: ChatMemberStatus): void;
  /** Stores a file the bot can getFile and download, e.g. a result.json sent as a document. */
  addFile(fileId: string, bytes: Uint8Array, fileName: string): string;
  /** The chat's messages that are not deleted, oldest first. */
  chatMessages(chatId: number): readonly StoredMessage[];
  /** The command menu set for a scope (default scope when absent) and language (`""` = all). */
  commands(scope?: object, languageCode?: string): BotCommand[];
  /** The first call matching `predicate`, recorded already or within `timeoutMs`. */
  waitFor(
    predicate: (call: FakeBotApiCall) => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<FakeBotApiCall>;
  /**
   * Holds the next call of `method` (e.g. `sendMediaGroup`) at `phase` until
   * released: a test kills the client while it waits for the answer.
   */
  hold(method: string, phase: HoldPhase): HeldCall;
  /** Calls `listener` for every later call (e.g. to append to transcript.jsonl); returns the unsubscribe. */
  onCall(listener: (call: FakeBotApiCall) => void): () => void;
  /** All calls so far as JSON lines (see {@link transcriptLine}), newline-terminated. */
  transcript(): string;
  /** TCP connections accepted so far: a client that keeps its connection alive opens one for calls in sequence. */
  connectionCount(): number;
  /** Ends waiting long polls, closes connections and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a fake Telegram Bot API on loopback: the methods the bot and worker
 * call, validated and answered in Telegram's format, with every call recorded.
 *
 * @example
 * const server = await startFakeBotApi({ token: "123:test" });
 * const api = new Api(server.token, { apiRoot: server.apiRoot });
 * server.addChat({ id: -1001, type: "supergroup", title: "Team" });
 * await api.sendMessage(-1001, "hi");
 * await server.close();
 */
export async function startFakeBotApi(options: FakeBotApiOptions): Promise<FakeBotApi> {
  const startedMs = performance.now();
  const botInfo = defaultBotInfo(options.token, options.botInfo);
  const state = new BotState({
    botInfo,
    rateLimitPerChat: options.rateLimitPerChatPerMinute ?? null,
    rateWindowMs: options.rateLimitWindowMs ?? 60_000,
    nowMs: () => performance.now(),
  });
  const updates = new UpdateQueue();
  const log = new CallLog();
  const holds = new CallHolds();
  const closing = new AbortController();

  const server = createServer((request, response) => {
    const atMs = Math.round(performance.now() - startedMs);
    const context = {
      token: options.token,
      state,
      updates,
      botInfo,
      log,
      holds,
      closing: closing.signal,
    };
    void handleRequest(context, request, response, atMs);
  });
  // Node closes an idle kept-alive connection after 5 s, racing a client that reuses it
  // at that moment (ECONNRESET, "Network request failed"): on a loaded machine a worker
  // drawing charts for seconds between two calls met it. Telegram keeps them far longer.
  server.keepAliveTimeout = 75_000;
  let connections = 0;
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: options.token,
    botInfo,
    calls: log.calls,
    pushUpdate: (update) => {
      const filled = structuredClone(update) as Record<string, unknown>;
      registerUpdate(state, filled);
      return updates.push(filled).update_id as number;
    },
    addChat: (chat) => state.addChat(chat),
    addUser: (user) => state.addUser(user),
    setChatMember: (chatId, userId, status) => state.setMember(chatId, userId, status),
    addFile: (fileId, bytes, fileName) =>
      state.addFile(fileId, Buffer.from(bytes), fileName, "documents").fileId,
    chatMessages: (chatId) => state.chatMessages(chatId),
    commands: (scope, languageCode = "") => state.commands(scopeKeyOf(scope ?? null), languageCode),
    waitFor: (predicate, timeoutMs, signal) => log.waitFor(predicate, timeoutMs, signal),
    hold: (method, phase) => holds.add(method, phase),
    onCall: (listener) => log.onCall(listener),
    transcript: () => log.calls.map((call) => transcriptLine(call) + "\n").join(""),
    connectionCount: () => connections,
    close: async () => {
      closing.abort();
      updates.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

interface ServerContext {
  token: string;
  state: BotState;
  updates: UpdateQueue;
  botInfo: BotInfo;
  log: CallLog;
  holds: CallHolds;
  closing: AbortSignal;
}

async function handleRequest(
  server: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
  atMs: number,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
  if (download !== null) {
    serveFile(
      server,
      response,
      decodeURIComponent(download[1]!),
      decodeURIComponent(download[2]!),
      atMs,
    );
    return;
  }
  const route = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  const call: FakeBotApiCall = {
    method: route?.[2] ?? url.pathname,
    chatId: null,
    files: [],
    atMs,
    ok: false,
    messageIds: [],
  };
  const aborted = new AbortController();
  const onClose = (): void => {
    if (!response.writableFinished) aborted.abort();
  };
  response.once("close", onClose);
  const signal = AbortSignal.any([aborted.signal, server.closing]);
  try {
    if (route === null) throw notFound();
    if (decodeURIComponent(route[1]!) !== server.token) throw unauthorized();
    const method = METHODS.get(route[2]!.toLowerCase());
    if (method === undefined) throw notFound();
    call.method = method[0];
    const params = await readParams(request, url);
    await server.holds.pass(call, "before", signal);
    if (signal.aborted) throw new BotApiError(500, "Internal Server Error: the client went away");
    const result: unknown = await method[1]({ ...server, params, call, signal });
    call.ok = true;
    await server.holds.pass(call, "after", signal);
    sendJson(response, 200, { ok: true, result });
  } catch (error) {
    const apiError =
      error instanceof BotApiError
        ? error
        : new BotApiError(
            500,
            `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
          );
    call.errorCode = apiError.errorCode;
    call.description = apiError.description;
    // A refused upload is not read to its end: close the connection rather than reuse it.
    if (apiError.errorCode === 413) response.setHeader("connection", "close");
    sendJson(response, apiError.errorCode, apiError.toJSON());
  } finally {
    response.off("close", onClose);
    server.log.add(call);
  }
}

function serveFile(
  server: ServerContext,
  response: ServerResponse,
  token: string,
  path: string,
  atMs: number,
): void {
  const file = token === server.token ? server.state.fileByPath(path) : undefined;
  const call: FakeBotApiCall = {
    method: "downloadFile",
    chatId: null,
    files: file === undefined ? [] : [{ name: file.name, bytes: file.bytes }],
    atMs,
    ok: file !== undefined,
    messageIds: [],
  };
  if (file === undefined) {
    const error = token === server.token ? notFound() : unauthorized();
    call.errorCode = error.errorCode;
    call.description = error.description;
    sendJson(response, error.errorCode, error.toJSON());
  } else {
    response.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": file.bytes.length,
    });
    response.end(file.bytes);
  }
  server.log.add(call);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Registers what a pushed update names and fills in the message fields Telegram always sets. */
function registerUpdate(state: BotState, update: Record<string, unknown>): void {
  for (const kind of ["message", "edited_message", "channel_post", "edited_channel_post"]) {
    const message = asRecord(update[kind]);
    if (message !== null) registerMessage(state, message);
  }
  const query = asRecord(update.callback_query);
  if (query !== null) {
    if (typeof query.id === "string") state.addCallbackQuery(query.id);
    const from = asUser(query.from);
    if (from !== null) state.addUser(from);
  }
  for (const kind of ["my_chat_member", "chat_member"]) {
    const change = asRecord(update[kind]);
    const chat = asRecord(change?.chat);
    const member = asRecord(change?.new_chat_member);
    const user = asUser(member?.user);
    if (chat !== null && typeof chat.id === "number") state.addChat(chat as unknown as BotApiChat);
    if (chat !== null && user !== null && typeof member?.status === "string") {
      state.addUser(user);
      state.setMember(chat.id as number, user.id, member.status as ChatMemberStatus);
    }
  }
}

function registerMessage(state: BotState, message: Record<string, unknown>): void {
  const chat = asRecord(message.chat);
  if (chat === null || typeof chat.id !== "number") return;
  state.addChat(chat as unknown as BotApiChat);
  const from = asUser(message.from);
  if (from !== null) state.addUser(from);
  if (typeof message.message_id !== "number") message.message_id = state.nextMessageId(chat.id);
  if (typeof message.date !== "number") message.date = state.nowUnix();
  if (Array.isArray(message.new_chat_members))
    for (const member of message.new_chat_members) {
      const user = asUser(member);
      if (user !== null) state.setMember(chat.id, user.id, "member");
    }
  const left = asUser(message.left_chat_member);
  if (left !== null) state.setMember(chat.id, left.id, "left");
  const document = asRecord(message.document);
  const file =
    document !== null && typeof document.file_id === "string"
      ? state.file(document.file_id)
      : undefined;
  state.addMessage({
    messageId: message.message_id as number,
    chatId: chat.id,
    fromBot: false,
    fromUserId: from?.id ?? null,
    dateUnix: message.date as number,
    editDateUnix: typeof message.edit_date === "number" ? message.edit_date : null,
    text: typeof message.text === "string" ? message.text : null,
    markup: null,
    caption: typeof message.caption === "string" ? message.caption : null,
    kind:
      typeof message.text === "string"
        ? "text"
        : document !== null
          ? "document"
          : message.photo !== undefined
            ? "photo"
            : "other",
    file: file ?? null,
    mediaGroupId: typeof message.media_group_id === "string" ? message.media_group_id : null,
    raw: message,
  });
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asUser(value: unknown): BotApiUser | null {
  const user = asRecord(value);
  return user !== null && typeof user.id === "number" ? (user as unknown as BotApiUser) : null;
}

function defaultBotInfo(token: string, given: Partial<BotInfo> | undefined): BotInfo {
  const id = Number(token.split(":")[0]);
  return {
    id: Number.isSafeInteger(id) && id > 0 ? id : 1_000_000,
    is_bot: true,
    first_name: "tgstats",
    username: "tgstats_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    ...given,
  };
}
