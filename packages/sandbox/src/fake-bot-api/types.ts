/** Shapes the fake Bot API stores and answers with (a subset of the Bot API's objects). */

/** A user as the Bot API shows it. */
export interface BotApiUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** The bot itself, as `getMe` answers (grammY's `UserFromGetMe`). */
export interface BotInfo extends BotApiUser {
  is_bot: true;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
  has_topics_enabled: boolean;
  allows_users_to_create_topics: boolean;
}

/** Chat kinds of the Bot API. */
export type ChatType = "private" | "group" | "supergroup" | "channel";

/** A chat as the Bot API shows it in messages. */
export interface BotApiChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** Statuses `getChatMember` answers. */
export type ChatMemberStatus =
  "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** A file the server holds: uploaded by the bot or registered by a test. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  /** File name as uploaded (or registered). */
  name: string;
  bytes: Buffer;
  /** Relative path for `/file/bot<token>/<path>`. */
  path: string;
  widthPx: number | null;
  heightPx: number | null;
}

/** A message of a chat, from the bot or from a pushed update. */
export interface StoredMessage {
  messageId: number;
  chatId: number;
  fromBot: boolean;
  /** Sender of a pushed message; the bot's id for the bot's own. */
  fromUserId: number | null;
  dateUnix: number;
  editDateUnix: number | null;
  /** Text as shown (markup removed), or null for media. */
  text: string | null;
  /** Text as sent with its parse mode: what "message is not modified" compares. */
  markup: string | null;
  caption: string | null;
  kind: "text" | "photo" | "document" | "other";
  /** The photo or document of the message. */
  file: StoredFile | null;
  mediaGroupId: string | null;
  /** The message as pushed, for messages from updates (sent back in replies). */
  raw: Record<string, unknown> | null;
}

/** One file of a recorded call. */
export interface CallFile {
  name: string;
  bytes: Buffer;
}

/** One recorded Bot API call, successful or not. */
export interface FakeBotApiCall {
  /** Method name as the Bot API spells it (`sendMessage`), or as called when unknown. */
  method: string;
  chatId: number | null;
  /** `text` as sent (with its markup). */
  text?: string;
  /** Caption as sent; for `sendMediaGroup` the first item's. */
  caption?: string;
  /** Uploaded files, in request order. */
  files: CallFile[];
  /** Milliseconds since the server started, when the call arrived. */
  atMs: number;
  ok: boolean;
  errorCode?: number;
  description?: string;
  /** Ids of the messages sent, edited or deleted. */
  messageIds: number[];
}
