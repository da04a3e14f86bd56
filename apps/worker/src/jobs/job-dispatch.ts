import type { Job } from "bullmq";
import {
  SPLIT_PART_JOB_NAME,
  type SplitPartJobData,
  type SplitPartJobResult,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import type { SplitPartProcessor } from "./split/split-part-processor.js";
import type { StatsProcessor } from "./stats-processor.js";

/** Data of any job a worker's queues carry. */
export type WorkerJobData = StatsJobData | SplitPartJobData;
/** Result of any job a worker's queues carry. */
export type WorkerJobResult = StatsJobResult | SplitPartJobResult;

/**
 * One processor for a worker's queues: split parts by their job
 * name, everything else as stats jobs (whose data is checked by its schema).
 */
export function dispatchByJobName(
  stats: StatsProcessor,
  splitPart: SplitPartProcessor,
): (
  job: Job<WorkerJobData, WorkerJobResult>,
  token?: string,
  signal?: AbortSignal,
) => Promise<WorkerJobResult> {
  // Three declared parameters: BullMQ passes the abort signal only to processors whose length is 3.
  return (job, token, signal) =>
    job.name === SPLIT_PART_JOB_NAME
      ? splitPart(job as Job<SplitPartJobData, SplitPartJobResult>, token, signal)
      : stats(job as Job<StatsJobData, StatsJobResult>, token, signal);
}
