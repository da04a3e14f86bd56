import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { writeSeedExport, type SeedExport } from "./helpers/worker-harness.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const CLI = path.resolve("apps/cli/bin/tgstats.js");
let redis: TestRedis;
let seed: SeedExport;

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 800, spanDays: 40, people: 6 });
}, 60_000);

afterAll(async () => {
  await redis.stop();
});

describe("tgstats sandbox", () => {
  it("runs bot and worker against the fake Telegram and writes the transcript and the charts", () => {
    const out = makeTempDir("tgstats-sandbox-");
    const run = spawnSync(
      process.execPath,
      [CLI, "sandbox", "--export", seed.path, "--out", out, "--redis", redis.url],
      {
        encoding: "utf8",
        timeout: 150_000,
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Transcript: ${path.join(out, "transcript.jsonl")}`);
    const lines = readFileSync(path.join(out, "transcript.jsonl"), "utf8").trim().split("\n");
    const methods = lines.map((line) => (JSON.parse(line) as { method: string }).method);
    expect(methods).toContain("sendMediaGroup");
    expect(methods.indexOf("sendMessage")).toBeLessThan(methods.indexOf("sendMediaGroup"));
    const pngs = readdirSync(out).filter((name) => name.endsWith(".png"));
    expect(pngs.length).toBeGreaterThanOrEqual(4);
  }, 180_000);

  it("exits non-zero with the reason when no results come in time", async () => {
    const deadPort = await freePort();
    const out = makeTempDir("tgstats-sandbox-");
    const run = spawnSync(
      process.execPath,
      [
        CLI,
        "sandbox",
        "--export",
        seed.path,
        "--out",
        out,
        "--redis",
        `redis://127.0.0.1:${deadPort}`,
        "--timeout",
        "8",
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /tgstats: No results within 8 s\. The bot and worker made: .*sendMessage.*Check that Redis is running/,
    );
  }, 180_000);
});
