/**
 * The MTProto adapter: the only code in tgstats that imports `telegram`
 * (GramJS). Everything it returns is in the shared model.
 */
export {
  connectTelegramAccount,
  connectTelegramAccountWithClient,
  TelegramAccount,
  type AccountChatOverview,
  type HistoryPageResult,
  type ResolvedChat,
  type TelegramAccountOptions,
  type TelegramClientOptions,
} from "./telegram-account.js";
export {
  createMemoryAccessHashStore,
  createRedisAccessHashStore,
  type AccessHashStore,
} from "./access-hash-store.js";
export {
  createRedisUsernameCache,
  type CachedUsername,
  type RedisUsernameCacheOptions,
  type UsernameCache,
} from "./username-cache.js";
export {
  createRedisUsernameLookupLimiter,
  type UsernameLookupLimiter,
  type UsernameLookupLimiterOptions,
} from "./username-lookup-limiter.js";
export {
  ChatNotAccessibleError,
  ChatNotReportableError,
  FloodWaitDelayError,
  SessionInvalidError,
  TelegramConnectionError,
  UsernameLookupLimitError,
  TelegramNoAnswerError,
  type ChatNotAccessibleReason,
} from "./errors.js";
export { botApiIdOf, peerOfBotApiId } from "./chat-info.js";
export { realSleep, type RequestGate, type Sleep } from "./request-runner.js";
export { longToBigint, longToNumber, toLong, type Long } from "./long.js";
export { createLoginClient, logIn, type LoggedInAccount, type LoginPrompts } from "./login.js";
export { PeerDirectory } from "./chat-info.js";
export { toModelMessage, type MessageContext } from "./map-message.js";
export { serviceActionName } from "./service-action-names.js";
export { createTelegramClient } from "./telegram-account.js";
