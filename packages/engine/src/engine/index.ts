export * from "./report-json.js";
export * from "./report-options.js";
export * from "./report-state.js";
export * from "./report-state-schema.js";
export * from "./report-builder.js";
export * from "./to-report-json.js";
export * from "./member-card.js";
export { concentrationOf, QUIET_LOOKBACK_MONTHS } from "./people-stats.js";
export { WEEKS_KEPT } from "./parts/people-part.js";
export { DaysPart, startsHistory, type DayWindow, type WindowFigures } from "./parts/days-part.js";
export { memberChanges } from "./parts/membership-part.js";
export { comparedWindows, periodComparison, RECENT_DAYS } from "./period-comparison.js";
export * from "./member-list.js";
export * from "./telegram-stats.js";
export type { MessageFacts } from "./message-facts.js";
export { DEFAULT_REPLY_WINDOW_IDS } from "./parts/replies-part.js";
export { ANSWER_WINDOW_SECONDS, isQuestion } from "./parts/questions-part.js";
export { MIN_MESSAGES_AT_REST } from "./parts/words-part.js";
export { DELAY_PRECISION } from "./delay-histogram.js";
export * from "./text/index.js";
export {
  BEST_HOUR_MIN_POSTS,
  emptyChannelPostsJson,
  postLink,
  type PostLinkChat,
} from "./channel-posts-json.js";
export {
  ChannelPostsPart,
  POST_KINDS,
  POST_LENGTHS,
  POST_LIST_SIZE,
  POST_METRICS,
  YOUNG_POST_DAYS,
  lengthBucketOf,
  postKindOf,
  type PostKind,
  type PostLength,
  type PostMetric,
  type PostRecord,
} from "./parts/channel-posts-part.js";
