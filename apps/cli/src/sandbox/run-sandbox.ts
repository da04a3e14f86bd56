import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ZoneClock, readExportChats, type ChatInfo } from "@tgstats/shared";
import { UsageError } from "../cli-error.js";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiCall } from "./fake-bot-api/index.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const BOT_BIN = path.join(REPO_ROOT, "apps/bot/bin/tgstats-bot.js");
const WORKER_BIN = path.join(REPO_ROOT, "apps/worker/bin/tgstats-worker.js");
/** A fake token: the fake Bot API accepts only this one. */
const SANDBOX_TOKEN = "100000001:sandbox-token-for-the-fake-bot-api";
/** The member who sends the command. */
const SANDBOX_USER = {
  id: 500_000_001,
  is_bot: false,
  first_name: "Sandbox",
  username: "sandbox_user",
  language_code: "en",
};

/** Options of `tgstats sandbox`. */
export interface SandboxOptions {
  exportPath: string;
  out: string;
  command: string;
  redisUrl: string;
  timeoutMs: number;
  /** Where progress lines go. */
  log: (line: string) => void;
}

/** What the sandbox run delivered. */
export interface SandboxResult {
  transcriptPath: string;
  pngs: string[];
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
 * Telegram emulator seeded with the export), the local Redis. Sends the
 * command as a member of the export's chat and waits for the results.
 */
export async function runSandbox(
  options: SandboxOptions,
  signal: AbortSignal,
): Promise<SandboxResult> {
  const chat = await firstChat(options.exportPath, signal);
  const botApi = await startFakeBotApi({ token: SANDBOX_TOKEN });
  const botChatId = botApiChatId(chat);
  const isGroup = chat.kind !== "user";
  botApi.addChat(
    isGroup
      ? {
          id: botChatId,
          type: chat.kind === "chat" ? "group" : "supergroup",
          title: chat.name ?? "Sandbox chat",
        }
      : { id: SANDBOX_USER.id, type: "private", first_name: SANDBOX_USER.first_name },
  );
  if (isGroup) botApi.setChatMember(botChatId, SANDBOX_USER.id, "member");
  // Its own queue prefix, so that a real tgstats on the same Redis never takes sandbox jobs.
  const env = {
    REDIS_URL: options.redisUrl,
    BOT_TOKEN: SANDBOX_TOKEN,
    BOT_API_ROOT: botApi.apiRoot,
    QUEUE_PREFIX: `tgstats-sandbox-${process.pid}`,
    TG_EMULATOR_EXPORT: path.resolve(options.exportPath),
    READER_ACCOUNT: "tgstats_reader",
    LOG_LEVEL: "warn",
  };
  const children = [
    spawnService("bot", BOT_BIN, env, options.log),
    spawnService("worker", WORKER_BIN, env, options.log),
  ];
  try {
    options.log(
      `fake Bot API at ${botApi.apiRoot}; bot and worker started; sending "${options.command}"`,
    );
    const chatId = isGroup ? botChatId : SANDBOX_USER.id;
    botApi.pushUpdate(commandUpdate(chatId, chat, isGroup, options.command));
    await waitForResults(botApi, chatId, options.timeoutMs, signal);
    return await writeOutputs(botApi, options.out);
  } finally {
    await Promise.all(children.map(stopService));
    await botApi.close();
  }
}

async function firstChat(exportPath: string, signal: AbortSignal): Promise<ChatInfo> {
  for await (const chat of readExportChats(exportPath, {
    assumedTimeZone: new ZoneClock("UTC"),
    signal,
  }))
    return chat.info;
  throw new UsageError(`${exportPath} has no chat to run the sandbox on.`);
}

/** The Bot API's id of a chat: `-100<id>` for supergroups and channels, `-<id>` for basic groups. */
function botApiChatId(chat: ChatInfo): number {
  if (chat.kind === "channel") return Number(`-100${chat.id}`);
  return chat.kind === "chat" ? -chat.id : chat.id;
}

function commandUpdate(chatId: number, chat: ChatInfo, isGroup: boolean, command: string): object {
  const entityLength = command.split(" ")[0]?.length ?? command.length;
  return {
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      from: SANDBOX_USER,
      chat: isGroup
        ? {
            id: chatId,
            type: chat.kind === "chat" ? "group" : "supergroup",
            title: chat.name ?? "Sandbox chat",
          }
        : { id: chatId, type: "private", first_name: SANDBOX_USER.first_name },
      text: command,
      entities: command.startsWith("/")
        ? [{ type: "bot_command", offset: 0, length: entityLength }]
        : [],
    },
  };
}

/** Resolves once photos and a closing text message reached the chat; rejects with what was seen on timeout. */
async function waitForResults(
  botApi: FakeBotApi,
  chatId: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    const calls = botApi.calls.filter((call) => call.ok && call.chatId === chatId);
    const photosAt = calls.findIndex(
      (call) => call.method === "sendMediaGroup" || call.method === "sendPhoto",
    );
    if (photosAt >= 0 && calls.slice(photosAt + 1).some((call) => call.method === "sendMessage"))
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen =
    botApi.calls.map((call) => `${call.method}${call.ok ? "" : " (error)"}`).join(", ") ||
    "no Bot API calls";
  throw new SandboxTimeoutError(
    `No results within ${Math.round(timeoutMs / 1000)} s. The bot and worker made: ${seen}. Check that Redis is running (REDIS_URL) and see the logs above.`,
  );
}

async function writeOutputs(botApi: FakeBotApi, out: string): Promise<SandboxResult> {
  await mkdir(out, { recursive: true });
  const transcriptPath = path.join(out, "transcript.jsonl");
  await writeFile(transcriptPath, botApi.transcript());
  const pngs: string[] = [];
  for (const call of botApi.calls)
    for (const file of call.files) {
      if (!file.name.endsWith(".png")) continue;
      const target = path.join(out, path.basename(file.name));
      await writeFile(target, file.bytes);
      pngs.push(target);
    }
  return { transcriptPath, pngs, calls: [...botApi.calls] };
}

function spawnService(
  name: string,
  bin: string,
  env: Record<string, string>,
  log: (line: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, [bin], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString("utf8").split("\n"))
      if (line.trim() !== "") log(`[${name}] ${line}`);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  return child;
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}
