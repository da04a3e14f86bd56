/**
 * Each test file gets a temp folder of its own as TMPDIR (os.tmpdir() reads
 * it on every call, and the processes a test starts inherit it), deleted
 * after the file: no test sees another file's or another run's temp files,
 * and nothing is left behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// A worker process runs several files one after another: each starts from the machine's own.
process.env.TGSTATS_MACHINE_TMPDIR ??= os.tmpdir();
const machineTmp = process.env.TGSTATS_MACHINE_TMPDIR;
const fileTmp = mkdtempSync(path.join(machineTmp, "tgstats-test-"));
process.env.TMPDIR = fileTmp;

afterAll(() => {
  process.env.TMPDIR = machineTmp;
  rmSync(fileTmp, { recursive: true, force: true });
});
