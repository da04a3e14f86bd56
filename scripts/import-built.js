/**
 * Imports a workspace's compiled entry module or, when the compiled output is
 * missing (never built, or built before a file was added), says so and how to
 * fix it in one line instead of Node's stack trace.
 *
 * @param {URL} entry the `dist/` module to import, e.g. `new URL("../dist/main.js", import.meta.url)`
 * @returns {Promise<unknown>} the module's namespace
 */
export async function importBuilt(entry) {
  try {
    return await import(entry.href);
  } catch (error) {
    if (!isMissingBuildOutput(error)) throw error;
    console.error(
      "tgstats is not built (a compiled file in dist/ is missing): run `npm run build` in the project folder (`npm ci` builds too).",
    );
    process.exit(1);
  }
}

/** A module not found inside a `dist/` folder: what a missing or stale build looks like. */
function isMissingBuildOutput(error) {
  return (
    error instanceof Error &&
    "code" in error &&
    error.code === "ERR_MODULE_NOT_FOUND" &&
    /[\\/]dist[\\/]/u.test(error.message)
  );
}
