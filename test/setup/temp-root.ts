/**
 * Vitest's global setup: one temp folder for the whole run, under which each
 * test file makes its own (see temp-dir-per-file.ts), deleted when the run
 * ends, whatever its files did (a file whose tests are all skipped runs no
 * afterAll of its own).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "tgstats-test-run-"));
  process.env.TGSTATS_TEST_TMP_ROOT = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
  };
}
