/**
 * PNG charts of a report: pure spec functions (report → ECharts option), a
 * renderer on Skia with bundled fonts, and the album the worker and CLI use.
 */
export { barLabel, chartPalette, CHART_WIDTH_PX, MAX_LABEL_CHARS } from "./chart-base.js";
export type { ChartPalette, ChartSpec, ChartSpecOptions, ChartTheme } from "./chart-base.js";
export { activePeopleSpec, MIN_PEOPLE_MONTHS } from "./active-people-spec.js";
export { channelMonths, channelSpec } from "./channel-spec.js";
export { bestTimeSpec, postViewsSpec } from "./channel-posts-spec.js";
export type { ChannelMonth } from "./channel-spec.js";
export { karmaSpec, MAX_KARMA_PEOPLE } from "./karma-spec.js";
export { emojiGlyph, emojiLabel, emojiSpec, MAX_EMOJI, reactionsSpec } from "./emoji-spec.js";
export type { EmojiLabel } from "./emoji-spec.js";
export {
  drawShapedText,
  measureShapedText,
  shapingPieces,
  withShapedText,
  withShapedTextCanvas,
} from "./emoji-shaping.js";
export { FontCoverage, FontFormatError, readFontCoverage } from "./font-cmap.js";
export {
  CHART_FONT_FAMILY,
  chartFontFiles,
  EMOJI_FONT_FAMILY,
  FontPackageError,
  LAZY_FONT_PACKAGES,
  lazyFontFiles,
  parseUnicodeRange,
  TEXT_FONT_FAMILY,
} from "./font-files.js";
export type { ChartFontFile, LazyFontFile } from "./font-files.js";
export { ChartFontError, chartFontFamilyFor, registerChartFonts } from "./fonts.js";
export {
  chartSubtitle,
  formatCompact,
  formatCount,
  formatLocalDate,
  formatPeriod,
  truncateLabel,
} from "./format.js";
export { canDrawText, drawableText, lazyFontFilesFor, MISSING_GLYPH } from "./glyph-coverage.js";
export { chartTexts } from "./i18n.js";
export type { ChartLanguage, ChartTexts } from "./i18n.js";
export { messageKindsSpec } from "./message-kinds-spec.js";
export { memberKindsSpec, memberPunchcardSpec } from "./member-card-spec.js";
export {
  cellTooltip,
  compactFormatter,
  countFormatter,
  portable,
  portableDescription,
} from "./portable-function.js";
export type { PortableFunction } from "./portable-function.js";
export { memberBuckets, membersSpec } from "./members-spec.js";
export type { MemberBucket } from "./members-spec.js";
export { MIN_PUNCHCARD_MESSAGES, punchcardSpec, weekdayNames } from "./punchcard-spec.js";
export {
  planPulseCharts,
  PULSE_CHART_CHATS,
  PULSE_STEPS,
  pulseChatsSpec,
  pulseHeatSpec,
  renderPulseCharts,
} from "./pulse-spec.js";
export { pulseTexts } from "./pulse-texts.js";
export type { PulseTexts } from "./pulse-texts.js";
export { ChartSizeError, renderChart } from "./render-chart.js";
export { MIN_MATRIX_REPLIES, replyMatrixSpec } from "./reply-matrix-spec.js";
export {
  MAX_COHORT_ROWS,
  MAX_MONTHS_AFTER,
  retentionSpec,
  shownCohorts,
} from "./retention-spec.js";
export type { RenderChartOptions } from "./render-chart.js";
export { notEnoughDataSpec, planReportCharts, renderReportCharts } from "./report-charts.js";
export type { PlannedChart, ReportChart, ReportChartsOptions } from "./report-charts.js";
export {
  AVERAGE_WINDOW,
  monthKeys,
  DAILY_MAX_SPAN_DAYS,
  rollingAverage,
  timelineAxisLabels,
  timelineBuckets,
  timelineGranularity,
  timelineSpec,
  WEEKLY_MAX_SPAN_DAYS,
} from "./timeline-spec.js";
export type { TimelineBucket, TimelineGranularity } from "./timeline-spec.js";
export {
  MAX_TELEGRAM_STATS_BARS,
  telegramGrowthSpec,
  telegramSourcesSpec,
} from "./telegram-stats-spec.js";
export { chartedSenderIds, MAX_SENDERS, topSendersSpec } from "./top-senders-spec.js";
export { MAX_PHRASES, MAX_WORDS, wordsSpec } from "./words-spec.js";
