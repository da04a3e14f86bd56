import type { SecretScrubber } from "@tgstats/platform";

/** A BullMQ processor that takes the abort signal (three declared parameters). */
type Processor<J, R> = (job: J, token?: string, signal?: AbortSignal) => Promise<R>;

/**
 * The processor with every error it throws scrubbed of secrets first: BullMQ
 * stores a failure's message and stack in the job (`failedReason`,
 * `stacktrace`), where the dashboard and anyone reading Redis sees them.
 * The error keeps its class, so BullMQ's own (`DelayedError`,
 * `UnrecoverableError`…) still steer the job.
 */
export function withScrubbedFailures<J, R>(
  processor: Processor<J, R>,
  scrubber: SecretScrubber,
): Processor<J, R> {
  if (scrubber.isEmpty) return processor;
  // Three declared parameters: BullMQ passes the abort signal only to processors whose length is 3.
  return async (job, token, signal) => {
    try {
      return await processor(job, token, signal);
    } catch (error) {
      throw scrubber.scrubError(error);
    }
  };
}
