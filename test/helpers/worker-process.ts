import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const WORKER_BIN = path.resolve("apps/worker/bin/tgstats-worker.js");
const EMULATED_WORKER_BIN = path.resolve("packages/sandbox/bin/tgstats-emulated-worker.js");
const BOT_BIN = path.resolve("apps/bot/bin/tgstats-bot.js");

/** A service (worker or bot) running as a real child process, with its output collected. */
export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal name) once the process ends. */
  exited: Promise<number | string>;
}

/**
 * Starts the worker as a child process with `env` added to this process's
 * environment: the production entry point, or the sandbox's emulated worker
 * when `env` names an export for the Telegram emulator (`TG_EMULATOR_EXPORT`).
 */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const emulated = (env.TG_EMULATOR_EXPORT ?? "") !== "";
  return startServiceProcess(emulated ? EMULATED_WORKER_BIN : WORKER_BIN, env);
}

/** Starts `apps/bot` as a child process with `env` added to this process's environment. */
export function startBotProcess(env: Record<string, string>): WorkerProcess {
  return startServiceProcess(BOT_BIN, env);
}

function startServiceProcess(bin: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [bin], {
    // OPS_PORT 0: a free port each, so parallel test files never compete for 9101 or 9102.
    env: { ...process.env, LOG_LEVEL: "info", OPS_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return { child, output: () => output, exited };
}

/** Kills (SIGKILL) the processes in `workers`, empties the list and waits until each has exited. */
export async function killWorkers(workers: WorkerProcess[]): Promise<void> {
  for (const worker of workers.splice(0)) {
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The process's JSON log lines so far (pino writes one object a line; anything else is skipped). */
export function logLines(worker: WorkerProcess): Record<string, unknown>[] {
  return worker
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
