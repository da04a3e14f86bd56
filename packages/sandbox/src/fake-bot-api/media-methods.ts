import { BAD_REQUEST, badRequest, type BotApiError } from "./bot-api-error.js";
import { readImageHeader } from "./image-header.js";
import {
  captionText,
  checkReplyTarget,
  chatIdParam,
  LIMITS,
  type MethodContext,
  type MethodHandler,
} from "./method-context.js";
import type { StoredFile, StoredMessage } from "./types.js";

/** An upload or a stored file named by a file parameter. */
type FileInput =
  { kind: "upload"; file: File; bytes: Buffer } | { kind: "stored"; file: StoredFile };

/** sendPhoto: a PNG or JPEG upload (≤ 10 MB, width + height ≤ 10000, aspect ≤ 20) or a photo's file_id. */
export const sendPhoto: MethodHandler = async (context) => {
  const { params, state, call } = context;
  const chatId = chatIdParam(context);
  call.chatId = chatId;
  const caption = captionOf(context, "caption", "parse_mode");
  const input = await fileInput(context, params.string("photo"), "photo");
  if (input === null) throw badRequest(BAD_REQUEST.noPhoto);
  const photo = storePhoto(context, input, (error) => error);
  const chat = state.writableChat(chatId);
  checkReplyTarget(context, chat.id);
  state.takeSendSlot(chat.id);
  const message = mediaMessage(context, chat.id, "photo", photo, caption, null);
  return state.messageJson(message);
};

/** sendDocument: any non-empty upload, or a stored file's file_id. */
export const sendDocument: MethodHandler = async (context) => {
  const { params, state, call } = context;
  const chatId = chatIdParam(context);
  call.chatId = chatId;
  const caption = captionOf(context, "caption", "parse_mode");
  const input = await fileInput(context, params.string("document"), "document");
  if (input === null) throw badRequest(BAD_REQUEST.noDocument);
  const document =
    input.kind === "stored"
      ? input.file
      : state.addFile(null, input.bytes, input.file.name || "document.dat", "documents");
  const chat = state.writableChat(chatId);
  checkReplyTarget(context, chat.id);
  state.takeSendSlot(chat.id);
  const message = mediaMessage(context, chat.id, "document", document, caption, null);
  return state.messageJson(message);
};

interface AlbumItem {
  type: string;
  media: string;
  caption: string | null;
  parseMode: string | null;
}

/**
 * sendMediaGroup: 2–10 photos (or 2–10 documents) named by `attach://<part>`
 * or file_id; each photo checked as sendPhoto checks it.
 */
export const sendMediaGroup: MethodHandler = async (context) => {
  const { state, call } = context;
  const chatId = chatIdParam(context);
  call.chatId = chatId;
  const items = albumItems(context);
  const captions = items.map((item) => captionText(item.caption, item.parseMode));
  if (items[0]?.caption !== null && items[0]?.caption !== undefined)
    call.caption = items[0].caption;
  const files: StoredFile[] = [];
  for (const [index, item] of items.entries()) {
    const input = await fileInput(context, item.media, null);
    if (input === null) throw badRequest(BAD_REQUEST.mediaNotFound);
    files.push(
      item.type === "photo"
        ? storePhoto(context, input, (error) =>
            error.description.includes("too big")
              ? error
              : badRequest(
                  BAD_REQUEST.albumItemFailed(
                    index + 1,
                    error.description.replace(/^Bad Request: /, ""),
                  ),
                ),
          )
        : storedDocument(context, input),
    );
  }
  const chat = state.writableChat(chatId);
  checkReplyTarget(context, chat.id);
  state.takeSendSlot(chat.id);
  const mediaGroupId = state.nextMediaGroupId();
  return files.map((file, index) =>
    state.messageJson(
      mediaMessage(
        context,
        chat.id,
        items[index]!.type === "photo" ? "photo" : "document",
        file,
        captions[index] ?? null,
        mediaGroupId,
      ),
    ),
  );
};

/** getFile: a file's download path (files over 20 MB cannot be downloaded by bots). */
export const getFile: MethodHandler = (context) => {
  const file = context.state.file(context.params.string("file_id") ?? "");
  if (file === undefined) throw badRequest(BAD_REQUEST.invalidFileId);
  if (file.bytes.length > LIMITS.downloadBytes) throw badRequest(BAD_REQUEST.fileTooBig);
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    file_path: file.path,
  };
};

function albumItems(context: MethodContext): AlbumItem[] {
  const media = context.params.json("media");
  if (media === null) throw badRequest(BAD_REQUEST.mediaRequired);
  if (!Array.isArray(media)) throw badRequest(BAD_REQUEST.badJson("media"));
  if (media.length === 0) throw badRequest(BAD_REQUEST.noMessagesToSend);
  if (media.length > LIMITS.albumMax) throw badRequest(BAD_REQUEST.tooManyInAlbum);
  if (media.length < LIMITS.albumMin) throw badRequest(BAD_REQUEST.albumTooSmall);
  const items = media.map((entry: unknown): AlbumItem => {
    const item =
      typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
    const type = typeof item.type === "string" ? item.type : "";
    if (type !== "photo" && type !== "document")
      throw badRequest(BAD_REQUEST.mediaTypeUnsupported(type));
    return {
      type,
      media: typeof item.media === "string" ? item.media : "",
      caption: typeof item.caption === "string" ? item.caption : null,
      parseMode: typeof item.parse_mode === "string" ? item.parse_mode : null,
    };
  });
  const kinds = new Set(items.map((item) => item.type));
  if (kinds.size > 1) throw badRequest(BAD_REQUEST.documentMixed);
  return items;
}

/**
 * The file a parameter names: the multipart part of the same name, an
 * `attach://<part>`, or a stored file_id; null when nothing is given.
 *
 * @param field the parameter whose own part may hold the upload (null for album items)
 */
async function fileInput(
  context: MethodContext,
  value: string | null,
  field: string | null,
): Promise<FileInput | null> {
  const part =
    (field === null ? null : context.params.file(field)) ??
    (value?.startsWith("attach://") === true ? context.params.file(value.slice(9)) : null);
  if (part !== null) {
    const bytes = Buffer.from(await part.arrayBuffer());
    context.call.files.push({ name: part.name, bytes });
    return { kind: "upload", file: part, bytes };
  }
  if (value === null || value === "" || value.startsWith("attach://")) return null;
  const stored = context.state.file(value);
  if (stored === undefined) throw badRequest(BAD_REQUEST.wrongFileId);
  return { kind: "stored", file: stored };
}

/**
 * Checks an uploaded photo as Telegram does and stores it; `wrap` words the
 * error (an album reports the item's position).
 */
function storePhoto(
  context: MethodContext,
  input: FileInput,
  wrap: (error: BotApiError) => BotApiError,
): StoredFile {
  if (input.kind === "stored") {
    if (input.file.widthPx === null) throw badRequest(BAD_REQUEST.wrongFileId);
    return input.file;
  }
  const { bytes } = input;
  if (bytes.length > LIMITS.photoBytes)
    throw wrap(badRequest(BAD_REQUEST.photoTooBig(bytes.length)));
  const header = readImageHeader(bytes);
  if (header === null || header.widthPx === 0 || header.heightPx === 0)
    throw wrap(badRequest(BAD_REQUEST.imageProcessFailed));
  const { widthPx, heightPx } = header;
  const aspect = Math.max(widthPx, heightPx) / Math.min(widthPx, heightPx);
  if (widthPx + heightPx > LIMITS.photoSidesSumPx || aspect > LIMITS.photoAspectRatio)
    throw wrap(badRequest(BAD_REQUEST.photoInvalidDimensions));
  return context.state.addFile(null, bytes, input.file.name || "photo.jpg", "photos", {
    widthPx,
    heightPx,
  });
}

function storedDocument(context: MethodContext, input: FileInput): StoredFile {
  if (input.kind === "stored") return input.file;
  return context.state.addFile(null, input.bytes, input.file.name || "document.dat", "documents");
}

function captionOf(context: MethodContext, field: string, parseModeField: string): string | null {
  const raw = context.params.string(field);
  if (raw !== null && raw !== "") context.call.caption = raw;
  return captionText(raw, context.params.string(parseModeField));
}

function mediaMessage(
  context: MethodContext,
  chatId: number,
  kind: "photo" | "document",
  file: StoredFile,
  caption: string | null,
  mediaGroupId: string | null,
): StoredMessage {
  const { state } = context;
  const message: StoredMessage = {
    messageId: state.nextMessageId(chatId),
    chatId,
    fromBot: true,
    fromUserId: context.botInfo.id,
    dateUnix: state.nowUnix(),
    editDateUnix: null,
    text: null,
    markup: null,
    caption,
    kind,
    file,
    mediaGroupId,
    raw: null,
  };
  state.addMessage(message);
  context.call.messageIds.push(message.messageId);
  return message;
}
