/**
 * What the bot, the worker and the dashboard share to run: job contracts and
 * queue names, routing, the chat cache, forget fences, Redis keys, config,
 * logging and ops. Loads no charts and no report engine: the cache's month
 * buckets, which fold messages, are `@tgstats/platform/month-buckets`.
 */
export * from "./jobs/index.js";
export * from "./logging/create-logger.js";
export * from "./logging/secret-scrubber.js";
export * from "./config/config-error.js";
export * from "./config/config-secrets.js";
export * from "./config/owner-ids.js";
export * from "./cache/chat-cache.js";
export * from "./cache/pulse-count-cache.js";
export * from "./ops/index.js";
export * from "./routing/chat-directory.js";
export * from "./routing/bot-api-ids.js";
export * from "./redis/redis-keys.js";
export * from "./redis/gzip-json.js";
export * from "./forget/chat-fence.js";
export * from "./forget/job-events.js";
export * from "./config/env-settings.js";
export * from "./service/run-service.js";
export * from "./bot-api/api-signal.js";
