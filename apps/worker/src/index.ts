/**
 * The worker: reads chat history over MTProto, folds it into reports and
 * delivers them through the Bot API. `main.ts` runs it with a real session;
 * the sandbox runs {@link startWorker} over the Telegram emulator. The
 * MTProto adapter is `@tgstats/worker/mtproto`.
 */
export { loadWorkerConfig, sessionPool, workerConfigSchema, type WorkerConfig } from "./config.js";
export {
  connectWithSession,
  startWorker,
  workerKnownFailure,
  type AccountConnector,
} from "./worker-service.js";
export {
  NoFreeSessionError,
  acquireSessionLease,
  sessionFingerprint,
  type SessionLease,
} from "./accounts/session-lease.js";
export * from "./delivery/index.js";
export { deliveryTexts, pluralForm, workerTexts } from "./delivery/delivery-texts.js";
export { CheckpointStore } from "./jobs/checkpoint-store.js";
export { jobTexts } from "./jobs/job-texts.js";
export { formatOverviewText } from "./jobs/overview-text.js";
export { withScrubbedFailures } from "./jobs/scrubbed-failures.js";
export { createSplitPartProcessor } from "./jobs/split/split-part-processor.js";
export { SplitPartStore } from "./jobs/split/split-part-store.js";
export { customEmojiIds } from "./jobs/targets/chat-target.js";
export { planSplit } from "./jobs/split/split-plan.js";
export { countDialog } from "./jobs/pulse/dialog-months.js";
export {
  countAccountPulse,
  pulseMonths,
  type CountedDialog,
  type PulseMonths,
} from "./jobs/pulse/pulse-counter.js";
export { createStatsProcessor, type StatsProcessorDeps } from "./jobs/stats-processor.js";
export {
  countFirstLook,
  fullReadSeconds,
  offerFirstLook,
  FIRST_LOOK_MAX_PEOPLE,
  FIRST_LOOK_MEMBERS,
  type FirstLookCandidate,
  type FirstLookRequest,
  type FirstLookSettings,
} from "./jobs/first-look/first-look.js";
