import type { Job } from "bullmq";
import type { Api } from "grammy";
import type { Logger } from "pino";
import { SPLIT_PART_JOB_NAME, statsJobDataSchema } from "@tgstats/platform";
import { deliverFailure } from "../delivery/index.js";
import { jobTexts } from "./job-texts.js";

/** BullMQ's reason for a job that stalled more often than `maxStalledCount` allows. */
const STALLED_OUT_REASON = "job stalled more than allowable limit";

/** Longest the apology may take (it runs outside any job). */
const TELL_TIMEOUT_MS = 30_000;

/**
 * A listener for the worker's `failed` event that tells the requester when a
 * job was failed for stalling too often (its workers kept dying mid-job).
 * BullMQ fails such a job in its stalled-job check, outside any processor, so
 * without this the chat would keep showing "Queued…" forever.
 *
 * @example worker.on("failed", tellWhenStalledOut({ api, logger }));
 */
export function tellWhenStalledOut(deps: {
  api: Api;
  logger: Logger;
}): (job: Job | undefined, error: Error) => void {
  const tell = async (job: Job): Promise<void> => {
    const parsed = statsJobDataSchema.safeParse(job.data);
    if (!parsed.success) return;
    const { reply } = parsed.data;
    deps.logger.error(
      { jobId: job.id, step: "stalled-out" },
      "job failed after stalling too often",
    );
    await deliverFailure(
      deps.api,
      {
        chatId: reply.chatId,
        statusMessageId: reply.statusMessageId,
        text: jobTexts(reply.language).failed,
      },
      AbortSignal.timeout(TELL_TIMEOUT_MS),
    );
  };
  return (job, error) => {
    // Parts of a split read have no requester: their coordinator reads a failed part itself.
    if (job === undefined || job.name === SPLIT_PART_JOB_NAME) return;
    if (error.message !== STALLED_OUT_REASON) return;
    tell(job).catch((failure: unknown) =>
      deps.logger.warn(
        { err: failure, jobId: job.id },
        "could not tell the requester of a stalled-out job",
      ),
    );
  };
}
