import { runService } from "@tgstats/platform";
import { loadWorkerConfig } from "./config.js";
import { connectWithSession, startWorker, workerKnownFailure } from "./worker-service.js";

await runService({
  name: "worker",
  loadConfig: loadWorkerConfig,
  start: (config, context) => startWorker(config, context, connectWithSession(config)),
  knownFailure: workerKnownFailure,
});
