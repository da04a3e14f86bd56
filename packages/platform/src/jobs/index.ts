export * from "./queue-names.js";
export * from "./stats-job.js";
export * from "./split-part-job.js";
export * from "./find-queue-names.js";
export * from "./queue-registry.js";
