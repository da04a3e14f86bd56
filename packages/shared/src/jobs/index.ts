export * from "./queue-names.js";
export * from "./stats-job.js";
