import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("tgstats start", () => {
  it("runs bot and worker together and stops both with the failing one's exit code", () => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && !/^(BOT_|TG_|REDIS_URL|OWNER_IDS|READER_ACCOUNT)/.test(key))
        env[key] = value;
    const run = spawnSync(process.execPath, [path.resolve("apps/cli/bin/tgstats.js"), "start"], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    // The first service to stop takes the other down with it; its exit code is kept.
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/tgstats (bot|worker) cannot start/);
    expect(run.stderr).toContain("BOT_TOKEN is missing");
  });
});
