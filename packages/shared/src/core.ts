/**
 * Everything shared except charts, the export reader and the synthetic
 * generator: what a light process (the bot) needs. Importing the full index
 * loads ECharts, Skia and fonts, which cost a bot ~100 MB it never uses.
 */
export * from "./model/message.js";
export * from "./time/zone-clock.js";
export * from "./text/cut-text.js";
export * from "./engine/index.js";
export * from "./summary/summary-markdown.js";
export * from "./summary/summary-strings.js";
export * from "./i18n/fluent-texts.js";
export * from "./jobs/index.js";
export * from "./logging/create-logger.js";
export * from "./logging/secret-scrubber.js";
export * from "./config/config-error.js";
export * from "./config/config-secrets.js";
export * from "./config/owner-ids.js";
export * from "./cache/chat-cache.js";
export * from "./cache/month-buckets.js";
export * from "./ops/index.js";
export * from "./routing/chat-directory.js";
export * from "./routing/bot-api-ids.js";
export * from "./redis/redis-keys.js";
export * from "./redis/gzip-json.js";
export * from "./forget/chat-fence.js";
export * from "./forget/job-events.js";
