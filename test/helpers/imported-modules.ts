import { readFileSync } from "node:fs";
import path from "node:path";
import { makeTempDir } from "./temp-dir.js";

const RECORDER = path.resolve("test/helpers/import-recorder.js");

/** Environment for a child process that records every module URL it resolves, and the reader of that record. */
export interface ImportRecording {
  /** Add to the child's environment (`NODE_OPTIONS` loads the recorder). */
  env: Record<string, string>;
  /** The module URLs resolved so far, in order. */
  modules(): string[];
}

/**
 * Makes a child process write every module URL it resolves to a file of its
 * own (test/helpers/import-recorder.js), for tests of what a process loads.
 *
 * @example const record = recordImports(); spawnSync(node, [cli], { env: { ...process.env, ...record.env } });
 */
export function recordImports(): ImportRecording {
  const file = path.join(makeTempDir("tgstats-imports-"), "modules.txt");
  return {
    env: { NODE_OPTIONS: `--import=${RECORDER}`, RECORD_IMPORTS_TO: file },
    modules: () => readFileSync(file, "utf8").trim().split("\n"),
  };
}

/** The module URLs among `modules` that match any of `patterns`. */
export function modulesMatching(modules: readonly string[], patterns: readonly RegExp[]): string[] {
  return modules.filter((url) => patterns.some((pattern) => pattern.test(url)));
}
