/**
 * The worker: reads chat history over MTProto, folds it into reports and
 * delivers them through the Bot API. `main.ts` runs it with a real session;
 * the sandbox runs {@link startWorker} over the Telegram emulator.
 */
export { loadWorkerConfig, sessionPool, workerConfigSchema, type WorkerConfig } from "./config.js";
export {
  connectWithSession,
  startWorker,
  workerKnownFailure,
  type AccountConnector,
} from "./worker-service.js";
