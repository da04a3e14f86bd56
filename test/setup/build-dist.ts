/**
 * Vitest's global setup: brings every workspace's `dist/` up to date before any
 * test runs. Tests import the sources in-process, but the processes they start
 * (the `tgstats` CLI, bot and worker bins) run the compiled output, as users do;
 * without this, a test would run yesterday's build of today's code.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve("scripts/build.mjs"), "--quiet"], {
    stdio: "inherit",
  });
}
