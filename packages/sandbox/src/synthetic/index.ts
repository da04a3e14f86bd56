export {
  DEFAULT_START_DATE_UNIX,
  DEFAULT_TIME_ZONE,
  SyntheticExportOptionsError,
  generateSyntheticExport,
  writeSyntheticExport,
  type SyntheticChatType,
  type SyntheticExportOptions,
} from "./synthetic-export.js";
export { CONTROL_TEXTS, controlCharacterPositions } from "./message-factory.js";
export { FILE_NOT_INCLUDED } from "./media-maker.js";
export { Prng } from "./prng.js";
