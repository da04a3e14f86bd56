/**
 * The analytics engine: the message model, time zones, the Telegram Desktop
 * export reader, the mergeable report parts, summaries and texts.
 */
export * from "./model/message.js";
export * from "./model/message-link.js";
export * from "./time/zone-clock.js";
export type { DateRangeUnix } from "./time/date-range-unix.js";
export { monthIndexOfDay, monthIndexToIso } from "./time/calendar-index.js";
export * from "./text/cut-text.js";
export * from "./engine/index.js";
export * from "./summary/summary-channel-posts.js";
export * from "./summary/summary-figures.js";
export * from "./summary/summary-markdown.js";
export * from "./summary/pulse-markdown.js";
export * from "./summary/summary-card.js";
export * from "./summary/summary-members.js";
export * from "./summary/summary-telegram-stats.js";
export * from "./summary/summary-period.js";
export * from "./summary/summary-strings.js";
export * from "./summary/reaction-names.js";
export * from "./i18n/fluent-texts.js";
export * from "./i18n/shared-texts.js";
export * from "./i18n/note-texts.js";
export * from "./i18n/message-kind-texts.js";
export * from "./export-reader/index.js";
export * from "./offline/export-report.js";
export * from "./offline/export-pulse.js";
export * from "./pulse/account-pulse.js";
export * from "./pulse/chat-trend.js";
export { foldRanges, type FoldRangesOptions, type FoldedChat } from "./parallel/fold-ranges.js";
export * from "./first-look/first-look.js";
