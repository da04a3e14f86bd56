/**
 * Development only: what tests, benchmarks, the demo and the sandbox run on
 * instead of Telegram and real chats. The Telegram emulator (GramJS) is
 * `@tgstats/sandbox/telegram-emulator`; the emulated worker runs from
 * `bin/tgstats-emulated-worker.js`.
 */
export * from "./synthetic/index.js";
export { sampleReport, type SampleReportOptions } from "./sample-report.js";
export * from "./fake-bot-api/index.js";
export * from "./redis-process.js";
export * from "./sandbox-system.js";
export * from "./run-sandbox.js";
export {
  emptyConversations,
  emptyQuestions,
  emptyReplies,
  emptyReport,
  senderStats,
} from "./empty-report.js";
