import type { ChatType } from "@tgstats/engine";

/**
 * The errors the MTProto adapter throws. GramJS errors are mapped into these
 * so that callers never import `telegram`; none of them carries the session
 * string, the phone number or the api hash.
 */

/** Telegram asked to wait longer than the flood-sleep threshold: delay the job, do not sleep. */
export class FloodWaitDelayError extends Error {
  constructor(
    /** Seconds Telegram asked to wait (FLOOD_WAIT_X). */
    readonly seconds: number,
    /** The MTProto method that was refused, e.g. `messages.GetHistory`. */
    readonly method: string,
  ) {
    super(
      `Telegram asked to wait ${seconds} s before more ${method} requests (FLOOD_WAIT_${seconds}); ` +
        "delay the job and continue from its checkpoint.",
    );
    this.name = "FloodWaitDelayError";
  }
}

/** Telegram error codes that mean the session cannot be used any more. */
export const SESSION_ERROR_CODES: ReadonlySet<string> = new Set([
  "AUTH_KEY_UNREGISTERED",
  "AUTH_KEY_INVALID",
  "AUTH_KEY_PERM_EMPTY",
  "AUTH_KEY_DUPLICATED",
  "SESSION_REVOKED",
  "SESSION_EXPIRED",
  "USER_DEACTIVATED",
  "USER_DEACTIVATED_BAN",
]);

/**
 * Reason of a {@link SessionInvalidError} when the server no longer knows the
 * session's auth key (transport error -404): GramJS only reports a "broken"
 * connection state and leaves requests waiting.
 */
export const AUTH_KEY_NOT_FOUND = "AUTH_KEY_NOT_FOUND";

const LOGIN_AGAIN = "Run `tgstats login` and put the new session string in TG_SESSION.";

/** The session string is malformed, revoked, expired or not logged in. */
export class SessionInvalidError extends Error {
  constructor(
    /** Telegram's error code (`AUTH_KEY_UNREGISTERED`…), or `MALFORMED` / `NOT_AUTHORIZED`. */
    readonly reason: string,
  ) {
    super(sessionMessage(reason));
    this.name = "SessionInvalidError";
  }
}

function sessionMessage(reason: string): string {
  switch (reason) {
    case "MALFORMED":
      return `TG_SESSION is not a valid GramJS session string. ${LOGIN_AGAIN}`;
    case "AUTH_KEY_DUPLICATED":
      return (
        "Telegram revoked the session because two processes used it at once (AUTH_KEY_DUPLICATED). " +
        `Run one worker per session. ${LOGIN_AGAIN}`
      );
    case AUTH_KEY_NOT_FOUND:
      return `Telegram no longer knows the session's auth key (transport error -404): the session was revoked or expired. ${LOGIN_AGAIN}`;
    case "USER_DEACTIVATED":
    case "USER_DEACTIVATED_BAN":
      return `The Telegram account of this session was deleted or banned (${reason}); log in with another account: run \`tgstats login\`.`;
    default:
      return `Telegram does not accept the session (${reason}): it was revoked, expired or never logged in. ${LOGIN_AGAIN}`;
  }
}

/**
 * Why a chat cannot be read: the account is not in it (or it is private or
 * unknown to the account), no such public chat exists, or Telegram wants the
 * account to be an admin of it.
 */
export type ChatNotAccessibleReason = "not-member" | "not-found" | "admin-required";

/** The account cannot read the chat; asking again without a change on the user's side cannot help. */
export class ChatNotAccessibleError extends Error {
  constructor(
    /** The reading account's @username (without @), or null when it has none. */
    readonly accountUsername: string | null,
    readonly reason: ChatNotAccessibleReason,
    /** What was asked for, e.g. `-1001234567890` or `@somechat`. */
    readonly target: string,
  ) {
    super(notAccessibleMessage(accountUsername, reason, target));
    this.name = "ChatNotAccessibleError";
  }
}

function notAccessibleMessage(
  username: string | null,
  reason: ChatNotAccessibleReason,
  target: string,
): string {
  if (reason === "not-found")
    return `No public chat ${target} exists: check the username or the t.me link, then ask again.`;
  const account = username === null ? "the reading account" : `@${username}`;
  const name = username === null ? "The reading account" : `The account @${username}`;
  if (reason === "admin-required")
    return `${name} must be an admin of this chat (${target}) to read it: make ${account} an admin, then ask again.`;
  return `${name} cannot read this chat (${target}): add ${account} to the group, then ask again.`;
}

/**
 * The target is a person, a bot, the account itself or its Saved Messages:
 * only groups, supergroups and channels are ever reported, whatever a job asks.
 */
export class ChatNotReportableError extends Error {
  constructor(
    /** What was asked for, e.g. `@alice` or `12345`. */
    readonly target: string,
    /** The export's chat type of what it named (`personal_chat`, `bot_chat`, `saved_messages`…). */
    readonly chatType: ChatType,
  ) {
    super(
      `${target} is not a group or a channel (${chatType}); only groups, supergroups and channels are reported. Ask for a group or channel instead.`,
    );
    this.name = "ChatNotReportableError";
  }
}

/**
 * The account has spent its budget of `contacts.ResolveUsername` calls for
 * now (they are flood-limited per account and strangers can trigger them):
 * delay the job, as for a flood wait.
 */
export class UsernameLookupLimitError extends FloodWaitDelayError {
  constructor(seconds: number) {
    super(seconds, "contacts.ResolveUsername");
    this.message =
      `The account looked up too many usernames recently; the next lookup is allowed in ${seconds} s. ` +
      "Delay the job, or raise USERNAME_LOOKUPS_PER_HOUR if legitimate requests hit this.";
    this.name = "UsernameLookupLimitError";
  }
}

/** GramJS could not reach Telegram within its connection retries. */
export class TelegramConnectionError extends Error {
  constructor(readonly attempts: number) {
    super(
      `Could not connect to Telegram after ${attempts} attempt(s); check the network and try again.`,
    );
    this.name = "TelegramConnectionError";
  }
}

/**
 * Telegram did not answer a request in time, on a fresh connection either:
 * the network or Telegram is down. Transient: the job is retried from its
 * checkpoint.
 */
export class TelegramNoAnswerError extends Error {
  constructor(
    /** The MTProto method, e.g. `messages.GetHistory`. */
    readonly method: string,
    /** How long each attempt waited (MTPROTO_REQUEST_TIMEOUT_MS). */
    readonly timeoutMs: number,
    /** Connections the request was sent on. */
    readonly connections: number,
  ) {
    super(
      `Telegram did not answer ${method} within ${timeoutMs} ms on ${connections} connection(s); ` +
        "check the worker's network. The job is retried from its checkpoint; raise MTPROTO_REQUEST_TIMEOUT_MS if answers are just slow.",
    );
    this.name = "TelegramNoAnswerError";
  }
}
