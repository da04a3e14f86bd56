import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Redis } from "ioredis";
import type { FakeBotApi, FakeBotApiCall } from "./fake-bot-api/index.js";
import { startRedisProcess, type RedisProcess } from "./redis-process.js";
import { startSandboxSystem, type SandboxSystem } from "./sandbox-system.js";

/** Options of `tgstats sandbox`. */
export interface SandboxOptions {
  exportPath: string;
  out: string;
  command: string;
  /** A running Redis to use; null starts a throwaway redis-server for the run. */
  redisUrl: string | null;
  timeoutMs: number;
  /** Where progress lines go. */
  log: (line: string) => void;
}

/** What the sandbox run delivered. */
export interface SandboxResult {
  transcriptPath: string;
  pngs: string[];
  /** The interactive pages (report.html) sent as documents, as written to `out`. */
  pages: string[];
  calls: FakeBotApiCall[];
}

/** The sandbox did not see the results in time; the message says what it saw. */
export class SandboxTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxTimeoutError";
  }
}

/**
 * Runs the whole system without Telegram: a fake Bot API server, the real bot
 * and worker as separate processes (the worker's history comes from the
 * Telegram emulator seeded with the export), and a throwaway redis-server
 * (or the Redis given). Sends the command as a member of the export's chat
 * and waits for the results. A given Redis is left as it was found: the run's
 * keys, all under its own prefix, are deleted at the end.
 */
export async function runSandbox(
  options: SandboxOptions,
  signal: AbortSignal,
): Promise<SandboxResult> {
  let server: RedisProcess | null = null;
  let redisUrl = options.redisUrl;
  if (redisUrl === null) {
    server = await startRedisProcess();
    redisUrl = server.url;
    options.log(`started a throwaway redis-server at ${redisUrl}`);
  }
  try {
    const system = await startSandboxSystem({
      exportPath: options.exportPath,
      redisUrl,
      log: options.log,
      signal,
    });
    try {
      return await driveSandbox(system, options, signal);
    } finally {
      await system.stop();
      if (server === null) await deleteKeysUnder(redisUrl, system.keyPrefix);
    }
  } finally {
    await server?.stop();
  }
}

async function driveSandbox(
  system: SandboxSystem,
  options: SandboxOptions,
  signal: AbortSignal,
): Promise<SandboxResult> {
  system.startBot();
  system.startWorker();
  options.log(
    `fake Bot API at ${system.botApi.apiRoot}; bot and worker started; sending "${options.command}"`,
  );
  system.send(options.command);
  const chatId = system.chat.kind === "user" ? null : system.botChatId;
  await waitForResults(system.botApi, chatId, options.timeoutMs, { signal });
  return await writeOutputs(system.botApi, options.out);
}

/** Deletes every key under `prefix` (a sandbox run's); a Redis that is down is left alone. */
async function deleteKeysUnder(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }))
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
  } catch {
    // Nothing was written there either.
  } finally {
    redis.disconnect();
  }
}

/**
 * Resolves once photos and then a text message reached the chat (`null`: any
 * chat); rejects with what was seen on timeout.
 */
export async function waitForResults(
  botApi: FakeBotApi,
  chatId: number | null,
  timeoutMs: number,
  options: { signal?: AbortSignal; fromCall?: number } = {},
): Promise<FakeBotApiCall[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    const calls = botApi.calls
      .slice(options.fromCall ?? 0)
      .filter((call) => call.ok && (chatId === null || call.chatId === chatId));
    const photosAt = calls.findIndex(
      (call) => call.method === "sendMediaGroup" || call.method === "sendPhoto",
    );
    if (photosAt >= 0 && calls.slice(photosAt + 1).some((call) => call.method === "sendMessage"))
      return calls;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen =
    botApi.calls.map((call) => `${call.method}${call.ok ? "" : " (error)"}`).join(", ") ||
    "no Bot API calls";
  throw new SandboxTimeoutError(
    `No results within ${Math.round(timeoutMs / 1000)} s. The bot and worker made: ${seen}. Check that Redis is running (--redis) and see the logs above.`,
  );
}

async function writeOutputs(botApi: FakeBotApi, out: string): Promise<SandboxResult> {
  await mkdir(out, { recursive: true });
  const transcriptPath = path.join(out, "transcript.jsonl");
  await writeFile(transcriptPath, botApi.transcript());
  const pngs: string[] = [];
  const pages: string[] = [];
  for (const call of botApi.calls)
    for (const file of call.files) {
      const written = file.name.endsWith(".png")
        ? pngs
        : file.name.endsWith(".html")
          ? pages
          : null;
      if (written === null) continue;
      const target = path.join(out, path.basename(file.name));
      await writeFile(target, file.bytes);
      written.push(target);
    }
  return { transcriptPath, pngs, pages, calls: [...botApi.calls] };
}
