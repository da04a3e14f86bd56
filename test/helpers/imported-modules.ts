import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { makeTempDir } from "./temp-dir.js";

const RECORDER = path.resolve("test/helpers/import-recorder.js");

/** Environment for a child process that records every module URL it resolves, and the reader of that record. */
export interface ImportRecording {
  /** Add to the child's environment (`NODE_OPTIONS` loads the recorder). */
  env: Record<string, string>;
  /**
   * The module URLs resolved so far, in order; a bundle's output file (see
   * scripts/build.mjs) stands for the source files in it, listed in its place.
   */
  modules(): string[];
}

/** The record scripts/build.mjs writes beside a bundle: the sources in each output file. */
interface BundleInputs {
  outputs: Record<string, string[]>;
}

/** `url` itself, or the sources of the bundle output it names, as file URLs. */
function sourcesOf(url: string, records: Map<string, BundleInputs | null>): string[] {
  const match = /^(file:\/\/.*\/(?:apps|packages)\/[^/]+\/dist)\/(.+)$/.exec(url);
  if (match === null) return [url];
  const [, distUrl, relative] = match as unknown as [string, string, string];
  if (!records.has(distUrl)) {
    const file = path.join(fileURLToPath(distUrl), "bundle-inputs.json");
    records.set(
      distUrl,
      existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as BundleInputs) : null,
    );
  }
  const inputs = records.get(distUrl)?.outputs[relative];
  // Inputs are relative to the project folder, three up from `<group>/<name>/dist`.
  const root = path.resolve(fileURLToPath(distUrl), "../../..");
  return inputs === undefined
    ? [url]
    : inputs.map((input) => pathToFileURL(path.join(root, input)).href);
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
    modules: () => {
      const records = new Map<string, BundleInputs | null>();
      return readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .flatMap((url) => sourcesOf(url, records));
    },
  };
}

/** The module URLs among `modules` that match any of `patterns`. */
export function modulesMatching(modules: readonly string[], patterns: readonly RegExp[]): string[] {
  return modules.filter((url) => patterns.some((pattern) => pattern.test(url)));
}
