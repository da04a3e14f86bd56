/**
 * Imports a workspace's compiled entry module or, when the compiled output is
 * missing (never built, or built before a file was added), says so and how to
 * fix it in one line instead of Node's stack trace. A build older than its
 * sources is not detected here: the npm scripts build first.
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

/**
 * A file of our own `dist/` not found: what a missing or partial build looks
 * like. Node sets `url` on the error only for a missing file (a missing
 * package has none), so a missing dependency is not taken for one.
 */
function isMissingBuildOutput(error) {
  if (!(error instanceof Error) || !("code" in error) || error.code !== "ERR_MODULE_NOT_FOUND")
    return false;
  const url = "url" in error && typeof error.url === "string" ? error.url : "";
  return /\/(apps|packages)\/[^/]+\/dist\//u.test(url) && !url.includes("/node_modules/");
}
