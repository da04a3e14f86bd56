/**
 * The launchers (`apps/<app>/bin/*.js`) run the compiled output; when a file
 * of it is missing (never built, or built before a file was added) they say so
 * in one line with the fix, and any other error, a missing dependency
 * included, still surfaces as itself.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "./helpers/temp-dir.js";

const NOT_BUILT =
  "tgstats is not built (a compiled file in dist/ is missing): run `npm run build` in the project folder (`npm ci` builds too).";

/** A copy of the CLI launcher and its loader in a fresh project folder, with `dist` files as given. */
function launcherWith(dist: Record<string, string>): string {
  const root = makeTempDir("tgstats-launcher-");
  mkdirSync(path.join(root, "apps/cli/bin"), { recursive: true });
  mkdirSync(path.join(root, "scripts"));
  copyFileSync("apps/cli/bin/tgstats.js", path.join(root, "apps/cli/bin/tgstats.js"));
  copyFileSync("scripts/import-built.js", path.join(root, "scripts/import-built.js"));
  writeFileSync(path.join(root, "package.json"), '{ "type": "module" }');
  for (const [file, text] of Object.entries(dist)) {
    mkdirSync(path.dirname(path.join(root, "apps/cli/dist", file)), { recursive: true });
    writeFileSync(path.join(root, "apps/cli/dist", file), text);
  }
  return path.join(root, "apps/cli/bin/tgstats.js");
}

function run(launcher: string): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [launcher, "--help"], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe("the tgstats launcher", () => {
  it("says in one line that the project is not built when dist/ is missing", () => {
    expect(run(launcherWith({}))).toEqual({ status: 1, stderr: `${NOT_BUILT}\n`, stdout: "" });
  });

  it("says the same when a compiled module imports one that is not there (a partial build)", () => {
    const launcher = launcherWith({ "main.js": 'import "./commands/added-later.js";\n' });
    expect(run(launcher)).toEqual({ status: 1, stderr: `${NOT_BUILT}\n`, stdout: "" });
  });

  it("runs the compiled entry, and lets its own errors through", () => {
    expect(
      run(launcherWith({ "main.js": 'console.log("compiled " + process.argv[2]);\n' })),
    ).toEqual({ status: 0, stderr: "", stdout: "compiled --help\n" });
    const failing = run(launcherWith({ "main.js": 'throw new Error("boom in main");\n' }));
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain("Error: boom in main");
    expect(failing.stderr).not.toContain(NOT_BUILT);
  });

  it("does not take a missing dependency for a missing build", () => {
    const missing = run(launcherWith({ "main.js": 'import "tgstats-no-such-package";\n' }));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Cannot find package 'tgstats-no-such-package'");
    expect(missing.stderr).not.toContain(NOT_BUILT);
  });
});
