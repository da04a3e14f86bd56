/** Exit code for wrong input (bad arguments, a broken export): the user can fix it. */
export const EXIT_USAGE = 2;
/** Exit code for a failure of tgstats itself. */
export const EXIT_FAILURE = 1;

/** A mistake in how the command was called; printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
