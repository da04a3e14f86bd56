/**
 * Errors the fake Bot API answers, worded as Telegram words them, so code that
 * matches on `description` behaves as it will in production.
 */

/** An error answer: `{ ok: false, error_code, description, parameters? }` with the same HTTP status. */
export class BotApiError extends Error {
  /**
   * @param errorCode HTTP status and `error_code` (400, 401, 403, 404, 409, 413, 429)
   * @param description Telegram's text, e.g. `"Bad Request: message text is empty"`
   * @param retryAfterSeconds for 429: `parameters.retry_after`
   */
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${errorCode} ${description}`);
    this.name = "BotApiError";
  }

  /** The JSON body of the answer. */
  toJSON(): BotApiErrorBody {
    const body: BotApiErrorBody = {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
    };
    if (this.retryAfterSeconds !== null) body.parameters = { retry_after: this.retryAfterSeconds };
    return body;
  }
}

/** The body of an error answer. */
export interface BotApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after: number };
}

/** A 400 answer: `"Bad Request: " + detail`. */
export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}

/** Details of the 400 answers, in Telegram's words (after "Bad Request: "). */
export const BAD_REQUEST = {
  chatIdEmpty: "chat_id is empty",
  chatNotFound: "chat not found",
  textEmpty: "message text is empty",
  textTooLong: "message is too long",
  // Telegram answered MEDIA_CAPTION_TOO_LONG in older Bot API versions; today's wording:
  captionTooLong: "message caption is too long",
  notModified:
    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  replyNotFound: "message to be replied not found",
  messageIdMissing: "message identifier is not specified",
  editNotFound: "message to edit not found",
  cantEdit: "message can't be edited",
  noTextToEdit: "there is no text in the message to edit",
  deleteNotFound: "message to delete not found",
  noPhoto: "there is no photo in the request",
  noDocument: "there is no document in the request",
  wrongFileId: "wrong file identifier/HTTP URL specified",
  invalidFileId: "invalid file_id",
  fileTooBig: "file is too big",
  imageProcessFailed: "IMAGE_PROCESS_FAILED",
  photoInvalidDimensions: "PHOTO_INVALID_DIMENSIONS",
  photoTooBig: (sizeBytes: number) =>
    `file of size ${sizeBytes} bytes is too big for a photo; the maximum size is 10485760 bytes`,
  mediaRequired: 'parameter "media" is required',
  noMessagesToSend: "there are no messages to send",
  tooManyInAlbum: "too many messages to send as an album",
  // Telegram itself sends a one-item group as a single message; the fake holds
  // callers to the documented 2–10 so the one-chart path (sendPhoto) is exercised.
  albumTooSmall: "media group must include 2-10 items",
  mediaNotFound: "can't parse InputMedia: media not found",
  mediaTypeUnsupported: (type: string) => `can't parse InputMedia: type "${type}" is unsupported`,
  documentMixed: "document can't be mixed with other media types",
  albumItemFailed: (position: number, error: string) =>
    `failed to send message #${position} with the error message "${error}"`,
  userNotFound: "user not found",
  invalidUserId: "invalid user_id specified",
  wrongAction: "wrong parameter action in request",
  queryInvalid: "query is too old and response timeout expired or query ID is invalid",
  commandInvalid: "BOT_COMMAND_INVALID",
  commandDescriptionInvalid: "BOT_COMMAND_DESCRIPTION_INVALID",
  parseEntities: (detail: string) => `can't parse entities: ${detail}`,
  badJson: (name: string) => `can't parse ${name} JSON object`,
  badInteger: (name: string) => `invalid ${name} specified`,
} as const;

/** 401: the token in the URL is not the bot's. */
export const unauthorized = (): BotApiError => new BotApiError(401, "Unauthorized");

/** 404: no such method (or file). */
export const notFound = (): BotApiError => new BotApiError(404, "Not Found");

/** 409: a newer getUpdates request took over the long poll. */
export const getUpdatesConflict = (): BotApiError =>
  new BotApiError(
    409,
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  );

/** 413: the request body is larger than Telegram's 50 MB upload limit. */
export const entityTooLarge = (): BotApiError => new BotApiError(413, "Request Entity Too Large");

/** 429 with `parameters.retry_after`. */
export function tooManyRequests(retryAfterSeconds: number): BotApiError {
  return new BotApiError(
    429,
    `Too Many Requests: retry after ${retryAfterSeconds}`,
    retryAfterSeconds,
  );
}

/** 403: the bot was removed from the chat or blocked by the user. */
export function forbidden(chatType: string): BotApiError {
  return new BotApiError(
    403,
    chatType === "private"
      ? "Forbidden: bot was blocked by the user"
      : chatType === "channel"
        ? "Forbidden: bot is not a member of the channel chat"
        : `Forbidden: bot was kicked from the ${chatType === "supergroup" ? "supergroup" : "group"} chat`,
  );
}
