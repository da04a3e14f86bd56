/**
 * runService, the entry point of the bot, the worker and the dashboard, in
 * real child processes: exit codes, one line per failure, and the config's
 * secrets masked in every line, whatever failed and wherever.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCRUBBED_TEXT } from "@tgstats/platform";

const TOKEN = "123456:AAE-run-service-secret-token";
const PLATFORM = pathToFileURL(path.resolve("packages/platform/src/index.ts")).href;

/** A service whose start() does what `FAILURE` says; its config holds the bot token. */
const SERVICE = `
import { ConfigError, runService } from ${JSON.stringify(PLATFORM)};

class TokenRefusedError extends Error {}
const failure = process.env.FAILURE;
await runService({
  name: "probe",
  loadConfig: (env) => {
    if ((env.BOT_TOKEN ?? "") === "") throw new ConfigError("probe", ["BOT_TOKEN is missing: set it"]);
    return { BOT_TOKEN: env.BOT_TOKEN, LOG_LEVEL: "info" };
  },
  start: async (config) => {
    if (failure === "known") throw new TokenRefusedError("token " + config.BOT_TOKEN + " refused");
    if (failure === "crash") throw new Error("start broke on " + config.BOT_TOKEN);
    if (failure === "timer") setTimeout(() => { throw new Error("a timer broke on " + config.BOT_TOKEN); }, 10);
    if (failure === "promise") void Promise.reject(new Error("a promise broke on " + config.BOT_TOKEN));
    if (failure === "none") return;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  },
  knownFailure: (error) => (error instanceof TokenRefusedError ? { exitCode: 78, step: "identify" } : undefined),
});
`;

let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tgstats-run-service-"));
  script = path.join(dir, "probe-service.mts");
  await writeFile(script, SERVICE);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the probe service to its end: exit code and everything it wrote. */
function runProbe(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, BOT_TOKEN: TOKEN, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

/** The fatal lines of the output. */
function fatalLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.level === 60);
}

describe("runService", () => {
  it("prints a bad config as its problems alone, no log line or stack, and exits with 78", async () => {
    const { code, output } = await runProbe({ BOT_TOKEN: "" });
    expect(code).toBe(78);
    expect(output).toBe(
      "probe cannot start, fix these settings (see .env.example):\n  - BOT_TOKEN is missing: set it\n",
    );
  }, 30_000);

  it("exits with 0 when start returns", async () => {
    const { code, output } = await runProbe({ FAILURE: "none" });
    expect(code).toBe(0);
    expect(fatalLines(output)).toEqual([]);
  }, 30_000);

  it("logs a known failure as one fatal line at its step, masked, with its exit code", async () => {
    const { code, output } = await runProbe({ FAILURE: "known" });
    expect(code).toBe(78);
    const [line, ...more] = fatalLines(output);
    expect(more).toEqual([]);
    expect(line).toMatchObject({ step: "identify", msg: `token ${SCRUBBED_TEXT} refused` });
    expect(output).not.toContain(TOKEN);
  }, 30_000);

  it.each(["crash", "timer", "promise"])(
    "logs a %s as one fatal line with the error, masked, and exits with 1",
    async (failure) => {
      const { code, output } = await runProbe({ FAILURE: failure });
      expect(code).toBe(1);
      const lines = fatalLines(output);
      expect(lines).toHaveLength(1);
      expect(JSON.stringify(lines[0]!.err)).toContain(SCRUBBED_TEXT);
      expect(output).not.toContain(TOKEN);
    },
    30_000,
  );
});
