/**
 * Delivery of results through the Bot API: grammY's `Api` with auto-retry,
 * the status message (progress, notices, failures), the chart album and the summary,
 * and plain-words failures.
 */
export { createDeliveryApi } from "./delivery-api.js";
export {
  albumBatches,
  albumCaption,
  ALBUM_MAX_ITEMS,
  CAPTION_MAX_CHARS,
  deliverPulseCharts,
  deliverReport,
  truncateChars,
} from "./deliver-report.js";
export type { DeliveryChart, PulseChartsDelivery, ReportDelivery } from "./deliver-report.js";
export { DeliveryJournals } from "./delivery-journal.js";
export { reportPageFileName, type ReportPage } from "./report-page.js";
export type { DeliveryStepRecord, JobDeliveryJournal } from "./delivery-journal.js";
export { escapeHtml, formatDeliverySummary } from "./delivery-summary.js";
export { deliveryTexts, pluralForm } from "./delivery-texts.js";
export type { DeliveryLanguage, DeliveryTexts, PluralForms } from "./delivery-texts.js";
export { estimateSecondsLeft, formatEta, formatProgressText } from "./progress-text.js";
export type { ProgressFigures } from "./progress-text.js";
export {
  deliverFailure,
  isMessageGone,
  isNotModified,
  PROGRESS_MIN_INTERVAL_MS,
  StatusMessage,
} from "./status-message.js";
export type { FailureDelivery, StatusMessageOptions, StatusTarget } from "./status-message.js";
export { createFileDownloader, type DownloadedFile, type FileDownloader } from "./download-file.js";
export { scrubOutgoingTexts } from "./scrub-outgoing-texts.js";
export {
  deliverMemberNames,
  isChatAdmin,
  memberNamesText,
  type MemberNamesDelivery,
  type MemberNamesOutcome,
} from "./member-names.js";
export { deliverFirstLook, firstLookText, FIRST_LOOK_STEP } from "./first-look-text.js";
