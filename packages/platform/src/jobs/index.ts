export * from "./queue-names.js";
export * from "./stats-job.js";
export * from "./history-range-job.js";
export * from "./find-queue-names.js";
export * from "./queue-registry.js";
