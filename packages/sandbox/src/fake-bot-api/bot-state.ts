import { createHash } from "node:crypto";
import { BAD_REQUEST, badRequest, forbidden, tooManyRequests } from "./bot-api-error.js";
import type {
  BotApiChat,
  BotApiUser,
  BotInfo,
  ChatMemberStatus,
  ChatType,
  StoredFile,
  StoredMessage,
} from "./types.js";

/** A command of the bot's menu. */
export interface BotCommand {
  command: string;
  description: string;
}

/** Options of {@link BotState}. */
export interface BotStateOptions {
  botInfo: BotInfo;
  /** Sends and edits allowed per chat within `rateWindowMs`; null for no limit. */
  rateLimitPerChat: number | null;
  rateWindowMs: number;
  nowMs: () => number;
}

/**
 * Everything the fake Telegram remembers: chats, their messages (with ids
 * increasing per chat), memberships, users, files and the command menus.
 */
export class BotState {
  private readonly chats = new Map<number, BotApiChat>();
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly lastMessageIds = new Map<number, number>();
  private readonly members = new Map<string, ChatMemberStatus>();
  private readonly users = new Map<number, BotApiUser>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly commandMenus = new Map<string, BotCommand[]>();
  private readonly sendTimes = new Map<number, number[]>();
  private readonly callbackQueries = new Set<string>();
  private fileCount = 0;
  private mediaGroupCount = 0;

  constructor(private readonly options: BotStateOptions) {
    this.users.set(options.botInfo.id, botUser(options.botInfo));
  }

  /** The bot as a message sender. */
  get botUser(): BotApiUser {
    return botUser(this.options.botInfo);
  }

  /** Current time in Unix seconds (message dates). */
  nowUnix(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** Registers a chat (or updates what is known of it); the type is guessed from the id when absent. */
  addChat(chat: Partial<BotApiChat> & { id: number }): BotApiChat {
    const known = this.chats.get(chat.id);
    const merged: BotApiChat = {
      ...known,
      ...chat,
      type: chat.type ?? known?.type ?? chatTypeOf(chat.id),
    };
    this.chats.set(chat.id, merged);
    return merged;
  }

  /** A known chat, or 400 "chat not found" as Telegram answers for chats the bot never saw. */
  chat(chatId: number | null): BotApiChat {
    if (chatId === null) throw badRequest(BAD_REQUEST.chatIdEmpty);
    const chat = this.chats.get(chatId);
    if (chat === undefined) throw badRequest(BAD_REQUEST.chatNotFound);
    return chat;
  }

  /** A chat by its public @username (with or without the @). */
  chatByUsername(username: string): BotApiChat | undefined {
    const wanted = username.replace(/^@/, "").toLowerCase();
    return [...this.chats.values()].find((chat) => chat.username?.toLowerCase() === wanted);
  }

  /** A chat the bot may write to: 403 when it was removed from it (or blocked). */
  writableChat(chatId: number | null): BotApiChat {
    const chat = this.chat(chatId);
    const status = this.members.get(memberKey(chat.id, this.options.botInfo.id));
    if (status === "left" || status === "kicked") throw forbidden(chat.type);
    return chat;
  }

  /** Remembers a user (from updates or a membership). */
  addUser(user: BotApiUser): void {
    this.users.set(user.id, { ...this.users.get(user.id), ...user });
  }

  /** A known user, or undefined. */
  user(userId: number): BotApiUser | undefined {
    return this.users.get(userId);
  }

  /** Sets a user's status in a chat (registering both when new). */
  setMember(chatId: number, userId: number, status: ChatMemberStatus): void {
    if (!this.chats.has(chatId)) this.addChat({ id: chatId });
    if (!this.users.has(userId))
      this.addUser({ id: userId, is_bot: false, first_name: `User ${userId}` });
    this.members.set(memberKey(chatId, userId), status);
  }

  /** A user's status in a chat; null when the table has none. */
  memberStatus(chatId: number, userId: number): ChatMemberStatus | null {
    return this.members.get(memberKey(chatId, userId)) ?? null;
  }

  /** The next message id of a chat. */
  nextMessageId(chatId: number): number {
    const id = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, id);
    return id;
  }

  /** Stores a message; ids from pushed updates move the chat's counter past them. */
  addMessage(message: StoredMessage): void {
    let chatMessages = this.messages.get(message.chatId);
    if (chatMessages === undefined) {
      chatMessages = new Map();
      this.messages.set(message.chatId, chatMessages);
    }
    chatMessages.set(message.messageId, message);
    const last = this.lastMessageIds.get(message.chatId) ?? 0;
    if (message.messageId > last) this.lastMessageIds.set(message.chatId, message.messageId);
  }

  /** A message of a chat, or undefined (also when deleted). */
  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  /** Deletes a message; false when there was none. */
  deleteMessage(chatId: number, messageId: number): boolean {
    return this.messages.get(chatId)?.delete(messageId) ?? false;
  }

  /** The messages of a chat that are not deleted, oldest first. */
  chatMessages(chatId: number): StoredMessage[] {
    return [...(this.messages.get(chatId)?.values() ?? [])].sort(
      (a, b) => a.messageId - b.messageId,
    );
  }

  /** A new id shared by the messages of one album. */
  nextMediaGroupId(): string {
    this.mediaGroupCount += 1;
    // A BigInt: as a number, 13e15 + n is past 2^53 and neighbouring ids would round to one.
    return String(13_000_000_000_000_000n + BigInt(this.mediaGroupCount));
  }

  /**
   * Stores file bytes under a file_id (a new one when `fileId` is null).
   *
   * @param folder the `file_path` folder, as Telegram names them (`photos`, `documents`)
   */
  addFile(
    fileId: string | null,
    bytes: Buffer,
    name: string,
    folder: string,
    size: { widthPx: number; heightPx: number } | null = null,
  ): StoredFile {
    this.fileCount += 1;
    const id = fileId ?? `${folder.replace(/s$/, "")}-${this.fileCount}`;
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? "dat";
    const file: StoredFile = {
      fileId: id,
      fileUniqueId: createHash("sha1").update(id).digest("hex").slice(0, 16),
      name,
      bytes,
      path: `${folder}/file_${this.fileCount}.${extension}`,
      widthPx: size?.widthPx ?? null,
      heightPx: size?.heightPx ?? null,
    };
    this.files.set(id, file);
    this.filesByPath.set(file.path, file);
    return file;
  }

  /** A file by its file_id. */
  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** A file by its download path. */
  fileByPath(path: string): StoredFile | undefined {
    return this.filesByPath.get(path);
  }

  /** Stores a command menu for a scope and language (`""` for all languages). */
  setCommands(scopeKey: string, languageCode: string, commands: BotCommand[]): void {
    this.commandMenus.set(`${scopeKey}|${languageCode}`, commands);
  }

  /** The command menu of a scope and language; empty when none was set. */
  commands(scopeKey: string, languageCode: string): BotCommand[] {
    return this.commandMenus.get(`${scopeKey}|${languageCode}`) ?? [];
  }

  /** Deletes a command menu. */
  deleteCommands(scopeKey: string, languageCode: string): void {
    this.commandMenus.delete(`${scopeKey}|${languageCode}`);
  }

  /**
   * Takes one send or edit from a chat's budget, or answers 429 with the
   * seconds until the oldest one in the window expires.
   */
  takeSendSlot(chatId: number): void {
    const { rateLimitPerChat: limit, rateWindowMs, nowMs } = this.options;
    if (limit === null) return;
    const now = nowMs();
    const recent = (this.sendTimes.get(chatId) ?? []).filter((at) => at > now - rateWindowMs);
    if (recent.length >= limit) {
      const waitMs = recent[0]! + rateWindowMs - now;
      this.sendTimes.set(chatId, recent);
      throw tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    recent.push(now);
    this.sendTimes.set(chatId, recent);
  }

  /** Remembers a callback query pushed in an update, so it can be answered once. */
  addCallbackQuery(queryId: string): void {
    this.callbackQueries.add(queryId);
  }

  /** Marks a callback query answered; false when it is unknown or answered already. */
  answerCallbackQuery(queryId: string): boolean {
    return this.callbackQueries.delete(queryId);
  }

  /** A stored message as the Bot API's `Message` object. */
  messageJson(message: StoredMessage): Record<string, unknown> {
    if (message.raw !== null) return message.raw;
    const json: Record<string, unknown> = {
      message_id: message.messageId,
      date: message.dateUnix,
      chat: this.chats.get(message.chatId) ?? {
        id: message.chatId,
        type: chatTypeOf(message.chatId),
      },
      from: message.fromBot ? this.botUser : this.users.get(message.fromUserId ?? 0),
    };
    if (message.editDateUnix !== null) json.edit_date = message.editDateUnix;
    if (message.text !== null) json.text = message.text;
    if (message.caption !== null) json.caption = message.caption;
    if (message.mediaGroupId !== null) json.media_group_id = message.mediaGroupId;
    const file = message.file;
    if (file !== null && message.kind === "photo")
      json.photo = [
        {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          width: file.widthPx,
          height: file.heightPx,
          file_size: file.bytes.length,
        },
      ];
    if (file !== null && message.kind === "document") json.document = documentJson(file);
    return json;
  }
}

/** A file as the Bot API's `Document` object. */
export function documentJson(file: StoredFile): Record<string, unknown> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_name: file.name,
    mime_type: mimeType(file.name),
    file_size: file.bytes.length,
  };
}

function mimeType(name: string): string {
  const extension = name.toLowerCase().split(".").pop();
  if (extension === "json") return "application/json";
  if (extension === "png") return "image/png";
  if (extension === "jpg" || extension === "jpeg") return "image/jpeg";
  if (extension === "zip") return "application/zip";
  return "application/octet-stream";
}

/** The chat type an id implies: users are positive, supergroups and channels `-100…`. */
export function chatTypeOf(chatId: number): ChatType {
  if (chatId > 0) return "private";
  return chatId <= -1_000_000_000_000 ? "supergroup" : "group";
}

function memberKey(chatId: number, userId: number): string {
  return `${chatId}:${userId}`;
}

function botUser(info: BotInfo): BotApiUser {
  return { id: info.id, is_bot: true, first_name: info.first_name, username: info.username };
}
