/**
 * Imports a workspace's compiled entry module, or, when it has not been built,
 * says so and how to fix it in one line (instead of Node's stack trace).
 *
 * @param {URL} entry the `dist/` module to import, e.g. `new URL("../dist/main.js", import.meta.url)`
 * @returns {Promise<unknown>} the module's namespace
 */
export async function importBuilt(entry) {
  try {
    return await import(entry.href);
  } catch (error) {
    const missing =
      error instanceof Error &&
      "code" in error &&
      error.code === "ERR_MODULE_NOT_FOUND" &&
      error.message.includes(entry.pathname);
    if (!missing) throw error;
    console.error(
      `tgstats is not built (${entry.pathname} is missing): run \`npm run build\` in the project folder (\`npm ci\` builds too).`,
    );
    process.exit(1);
  }
}
