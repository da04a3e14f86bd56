import { defineConfig } from "vitest/config";

/**
 * Workspace packages export their TypeScript sources under the `source`
 * condition (and their compiled `dist/` otherwise): in-process tests run the
 * sources, so a change is tested without a build.
 */
const SOURCE_CONDITIONS = ["source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions: SOURCE_CONDITIONS },
  ssr: { resolve: { conditions: SOURCE_CONDITIONS } },
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: a test that waits on processes and Redis legitimately takes several
    // times longer on a loaded machine (two suites and two CPU hogs on 2 cores).
    testTimeout: 90_000,
    hookTimeout: 90_000,
    globalSetup: ["test/setup/build-dist.ts", "test/setup/temp-root.ts"],
    setupFiles: ["test/setup/temp-dir-per-file.ts"],
    // Most files wait on processes, Redis and sockets rather than compute; Vitest's default
    // (one file at a time on a 2-core machine) leaves the CPU idle for most of a run. At 4 the
    // run was slower (the files that do compute fought for the 2 cores).
    maxWorkers: 3,
  },
});
