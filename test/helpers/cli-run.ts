import { expect } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The built CLI's launcher, as a user runs it. */
export const CLI = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../apps/cli/bin/tgstats.js",
);

/** What a finished CLI run printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tgstats <args>` to its end (at most 120 s: a report with charts and the page on a loaded machine). */
export function tgstats(...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Checks a run ended as every CLI error does: exit code 2, one line on
 * stderr starting `tgstats:`, no stack trace. Returns that line.
 */
export function oneLineError(run: CliRun): string {
  expect(run.status).toBe(2);
  const lines = run.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^tgstats: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}
