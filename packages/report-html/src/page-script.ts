/**
 * The page's script: `page/main.ts` with ECharts' used parts, bundled and
 * minified for the browser by scripts/build.mjs into `dist/page.js`.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** The built page script is missing: the package was not built. */
export class PageScriptMissingError extends Error {
  constructor(readonly file: string) {
    super(
      `The HTML report's page script ${file} is missing; run \`npm run build\` (npm ci does it too).`,
    );
    this.name = "PageScriptMissingError";
  }
}

let cached: Promise<string> | undefined;

/**
 * The page script's text, safe to inline in `<script>` (no `</script`).
 * Resolved through the package, so the sources, the per-file build and the
 * CLI bundle all find the same file.
 */
export function pageScript(): Promise<string> {
  cached ??= loadPageScript();
  return cached;
}

async function loadPageScript(): Promise<string> {
  const file = createRequire(import.meta.url).resolve("@tgstats/report-html/page.js");
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    cached = undefined;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new PageScriptMissingError(file);
    throw error;
  });
  // esbuild escapes it in strings; anything else would end the element early.
  return text.replace(/<\/script/giu, "<\\/script");
}
