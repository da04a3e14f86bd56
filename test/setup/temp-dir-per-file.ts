/**
 * Each test file gets a temp folder of its own as TMPDIR (os.tmpdir() reads
 * it on every call, and the processes a test starts inherit it), inside the
 * run's folder (temp-root.ts): no test sees another file's or another run's
 * temp files, and the run leaves nothing behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const root = process.env.TGSTATS_TEST_TMP_ROOT ?? os.tmpdir();
const fileTmp = mkdtempSync(path.join(root, "file-"));
process.env.TMPDIR = fileTmp;

afterAll(() => {
  process.env.TMPDIR = root;
  rmSync(fileTmp, { recursive: true, force: true });
});
