export {
  readExportChats,
  readExportMessages,
  type ReadExportMessagesOptions,
} from "./read-export.js";
export { ExportFormatError, type ExportFormatErrorCode } from "./errors.js";
export type { ExportChat, ExportChatSection, ExportChatStats, ReadExportOptions } from "./types.js";
export { IdSet } from "./id-set.js";
