/**
 * The bot: takes /stats and the other commands, checks who may see what,
 * enqueues jobs and answers at once. `main.ts` runs it; these are its parts
 * for tests and benchmarks.
 */
export { createBotApiFetch } from "./bot-api-fetch.js";
export { registerCommands } from "./commands.js";
export { botConfigSchema, loadBotConfig, parseRateLimit } from "./config.js";
export type { BotContext } from "./context.js";
export { PRODUCER_REDIS_OPTIONS, createBot } from "./create-bot.js";
export { BOT_RUNNER_OPTIONS } from "./polling.js";
export { answer } from "./reply.js";
export { createAofRewrite } from "./services/aof-rewrite.js";
export { STATS_JOB_OPTIONS } from "./services/stats-producer.js";
export { type StatsArgumentsContext, parseStatsArguments } from "./stats/parse-stats-arguments.js";
export { echoInput, fitMessageText } from "./text-limits.js";
export { type BotConfig } from "./config.js";
