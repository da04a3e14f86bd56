import type { Job } from "bullmq";
import {
  HISTORY_RANGE_JOB_NAME,
  type HistoryRangeJobData,
  type HistoryRangeJobResult,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import type { HistoryRangeProcessor } from "./history-range-processor.js";
import type { StatsProcessor } from "./stats-processor.js";

/** Data of any job a worker's queues carry. */
export type WorkerJobData = StatsJobData | HistoryRangeJobData;
/** Result of any job a worker's queues carry. */
export type WorkerJobResult = StatsJobResult | HistoryRangeJobResult;

/**
 * One processor for a worker's queues: parts of split reads by their job
 * name, everything else as stats jobs (whose data is checked by its schema).
 */
export function dispatchByJobName(
  stats: StatsProcessor,
  historyRange: HistoryRangeProcessor,
): (
  job: Job<WorkerJobData, WorkerJobResult>,
  token?: string,
  signal?: AbortSignal,
) => Promise<WorkerJobResult> {
  // Three declared parameters: BullMQ passes the abort signal only to processors whose length is 3.
  return (job, token, signal) =>
    job.name === HISTORY_RANGE_JOB_NAME
      ? historyRange(job as Job<HistoryRangeJobData, HistoryRangeJobResult>, token, signal)
      : stats(job as Job<StatsJobData, StatsJobResult>, token, signal);
}
