import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
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

/** Runs the CLI without blocking this process (Redis notifications keep arriving meanwhile). */
async function runCli(
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { status, stdout, stderr };
}

/** Every key written, deleted or expired in `redis` while `work` runs (keyspace notifications). */
async function keysTouchedDuring(work: () => Promise<void>): Promise<Set<string>> {
  const admin = new Redis(redis.url);
  const watcher = new Redis(redis.url);
  const touched = new Set<string>();
  try {
    await admin.config("SET", "notify-keyspace-events", "KA");
    await watcher.psubscribe("__keyspace@0__:*");
    watcher.on("pmessage", (_pattern: string, channel: string) => {
      touched.add(channel.slice(channel.indexOf(":") + 1));
    });
    await work();
    // A PING through the admin connection after the last write: its notifications are out.
    await admin.ping();
    await watcher.punsubscribe();
    return touched;
  } finally {
    watcher.disconnect();
    admin.disconnect();
  }
}

describe("tgstats sandbox", () => {
  it("runs bot and worker against the fake Telegram and writes the transcript and the charts, on its own Redis", async () => {
    const out = makeTempDir("tgstats-sandbox-");
    let run = { status: null as number | null, stdout: "", stderr: "" };
    // REDIS_URL of a deployment is not the sandbox's: without --redis it starts its own.
    const touched = await keysTouchedDuring(async () => {
      run = await runCli(["sandbox", "--export", seed.path, "--out", out]);
    });
    expect(run.status, run.stderr).toBe(0);
    expect(touched).toEqual(new Set());
    const started = /started a throwaway redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(
      run.stderr,
    );
    expect(Number(started?.[1])).not.toBe(redis.port);
    expect(Number(started?.[1])).not.toBe(6379);
    expect(run.stdout).toContain(`Transcript: ${path.join(out, "transcript.jsonl")}`);
    const lines = readFileSync(path.join(out, "transcript.jsonl"), "utf8").trim().split("\n");
    const methods = lines.map((line) => (JSON.parse(line) as { method: string }).method);
    expect(methods).toContain("sendMediaGroup");
    expect(methods.indexOf("sendMessage")).toBeLessThan(methods.indexOf("sendMediaGroup"));
    const pngs = readdirSync(out).filter((name) => name.endsWith(".png"));
    expect(pngs.length).toBeGreaterThanOrEqual(4);
    // The interactive page: sent once after the album, written beside the charts, named in the transcript.
    const pages = readdirSync(out).filter((name) => name.endsWith(".html"));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatch(/^tgstats-.+-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.html$/u);
    const documentAt = methods.indexOf("sendDocument");
    expect(documentAt).toBeGreaterThan(methods.lastIndexOf("sendMediaGroup"));
    expect(JSON.parse(lines[documentAt]!)).toMatchObject({ ok: true, files: [pages[0]] });
    expect(readFileSync(path.join(out, pages[0]!), "utf8")).toMatch(/^<!doctype html>/u);
    expect(run.stdout).toContain(`Interactive report: ${path.join(out, pages[0]!)}`);
  }, 180_000);

  it("on a given Redis keeps every key under its own prefix and leaves none behind", async () => {
    const admin = new Redis(redis.url);
    try {
      // A deployment's keys on the same Redis.
      await admin.hset("tgstats:bot:chat:-1001650000001", "timeZone", "Asia/Tokyo");
      await admin.hset("tgstats:cache:channel1650000001", "UTC|meta", "{}");
      const out = makeTempDir("tgstats-sandbox-");
      let run = { status: null as number | null, stdout: "", stderr: "" };
      const touched = await keysTouchedDuring(async () => {
        run = await runCli(["sandbox", "--export", seed.path, "--out", out, "--redis", redis.url]);
      });
      expect(run.status, run.stderr).toBe(0);
      expect(touched.size).toBeGreaterThan(10);
      expect([...touched].filter((key) => !/^tgstats-sandbox-\d+:/.test(key))).toEqual([]);
      expect((await admin.keys("*")).sort()).toEqual([
        "tgstats:bot:chat:-1001650000001",
        "tgstats:cache:channel1650000001",
      ]);
      expect(await admin.hget("tgstats:bot:chat:-1001650000001", "timeZone")).toBe("Asia/Tokyo");
    } finally {
      admin.disconnect();
    }
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
        // Long enough for the bot to start on a busy machine (it waits 5 s for Redis first).
        "30",
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /tgstats: No results within 30 s\. The bot and worker made: .*sendMessage.*Check that Redis is running/,
    );
  }, 180_000);
});
