import { UnrecoverableError } from "bullmq";
import type { ChatForgottenError } from "@tgstats/platform";

/**
 * A job stopped because its chat was forgotten (/forget): never retried, and
 * the worker removes its record once BullMQ has failed it.
 */
export class ForgottenJobError extends UnrecoverableError {
  constructor(readonly forgotten: ChatForgottenError) {
    super(forgotten.message);
    this.name = "ForgottenJobError";
  }
}
