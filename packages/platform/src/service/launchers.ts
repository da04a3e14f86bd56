/**
 * Where the service launchers are, for `tgstats start` and the sandbox, which
 * start them as processes. Found by walking up from this module: it runs from
 * its source, its per-file build or inside a bundle's chunk, each at another
 * depth below the project folder.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The launchers by service, relative to the project folder. */
const LAUNCHERS = {
  bot: "apps/bot/bin/tgstats-bot.js",
  worker: "apps/worker/bin/tgstats-worker.js",
  "emulated-worker": "packages/sandbox/bin/tgstats-emulated-worker.js",
} as const;

/**
 * Node flags every service process starts with (`tgstats start`, the sandbox;
 * the image sets them in NODE_OPTIONS). A 4 MB young generation instead of
 * V8's 16 MB keeps ~8 MB less resident in each idle bot and worker; the CLI
 * runs with the same size at no measurable cost in speed (bench/report-bench.ts).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4"];

/** A service that has a launcher. */
export type LaunchedService = keyof typeof LAUNCHERS;

/** No folder above this module holds the launcher: a copy of the code without its project. */
export class LauncherNotFoundError extends Error {
  constructor(
    readonly launcher: string,
    readonly searchedFrom: string,
  ) {
    super(
      `${launcher} is not in any folder above ${searchedFrom}; run tgstats from its project folder (the repository or the image's /app)`,
    );
    this.name = "LauncherNotFoundError";
  }
}

/**
 * The absolute path of a service's launcher.
 *
 * @example spawn(process.execPath, [...SERVICE_NODE_FLAGS, launcherPath("bot")])
 */
export function launcherPath(service: LaunchedService): string {
  const relative = LAUNCHERS[service];
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new LauncherNotFoundError(relative, start);
  }
}
