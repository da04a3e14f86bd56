export {
  readExportChats,
  readExportMessages,
  type ReadExportMessagesOptions,
} from "./read-export.js";
export { ExportFormatError, type ExportFormatErrorCode } from "./errors.js";
export {
  SKIP_REASONS,
  type ExportChat,
  type ExportChatSection,
  type ExportChatStats,
  type MessagesLocation,
  type ReadExportOptions,
  type SkipReason,
  type SkippedEntries,
} from "./types.js";
export { IdSet } from "./id-set.js";
export {
  planMessageRanges,
  type MessageRange,
  type RangeChat,
  type RangePlan,
} from "./message-ranges.js";
export { MessageRangeReader, RangeReadError, type ReadRangeOptions } from "./read-message-range.js";
export {
  SENDER_FORMS,
  botApiPeerId,
  chatIdMatches,
  describeChatIdForms,
  senderIdKeys,
  shiftedPeerId,
} from "./id-filters.js";
