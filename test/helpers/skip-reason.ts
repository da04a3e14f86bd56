/**
 * Returns `condition`, first saying in the test output why the tests it
 * guards are skipped, so a skip is never silent.
 *
 * @example it.skipIf(skipping(missing, "the shared fixtures are not beside the repository"))(…)
 */
export function skipping(condition: boolean, reason: string): boolean {
  if (condition) process.stderr.write(`[skipped] ${reason}\n`);
  return condition;
}
