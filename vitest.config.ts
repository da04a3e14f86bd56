import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    globalSetup: ["test/setup/temp-root.ts"],
    setupFiles: ["test/setup/temp-dir-per-file.ts"],
    // Most files wait on processes, Redis and sockets rather than compute; Vitest's default
    // (one file at a time on a 2-core machine) leaves the CPU idle for most of a run.
    maxWorkers: 3,
  },
});
