/**
 * A fake Telegram Bot API server on loopback for tests and the sandbox:
 * grammY talks to it through `apiRoot`, it validates and answers like
 * Telegram, and it records every call.
 */
export { startFakeBotApi } from "./fake-bot-api.js";
export type { FakeBotApi, FakeBotApiOptions } from "./fake-bot-api.js";
export type { HeldCall, HoldPhase } from "./call-holds.js";
export { BAD_REQUEST, BotApiError } from "./bot-api-error.js";
export type { BotApiErrorBody } from "./bot-api-error.js";
export type { BotCommand } from "./bot-state.js";
export { transcriptLine, WaitForCallTimeoutError } from "./call-log.js";
export type { TranscriptEntry } from "./call-log.js";
export { readImageHeader } from "./image-header.js";
export type { ImageHeader } from "./image-header.js";
export type {
  BotApiChat,
  BotApiUser,
  BotInfo,
  CallFile,
  ChatMemberStatus,
  ChatType,
  FakeBotApiCall,
  StoredFile,
  StoredMessage,
} from "./types.js";
