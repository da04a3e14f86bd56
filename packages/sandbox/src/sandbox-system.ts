import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ZoneClock, readExportChats, type ChatInfo } from "@tgstats/engine";
import { SERVICE_NODE_FLAGS, launcherPath } from "@tgstats/platform/launchers";
import { startFakeBotApi, type BotApiUser, type FakeBotApi } from "./fake-bot-api/index.js";

/** A fake token: the fake Bot API accepts only this one. */
export const SANDBOX_TOKEN = "100000001:sandbox-token-for-the-fake-bot-api";
/** Start of the sandbox's key prefix: it never shares a deployment's (`tgstats`). */
export const SANDBOX_KEY_PREFIX = "tgstats-sandbox";
/** The chat member who sends commands. */
export const SANDBOX_MEMBER: BotApiUser = {
  id: 500_000_001,
  is_bot: false,
  first_name: "Sandbox",
  username: "sandbox_user",
  language_code: "en",
};

/** The export given to the sandbox cannot be used: the message says why. */
export class SandboxExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxExportError";
  }
}

/** Options of {@link startSandboxSystem}. */
export interface SandboxSystemOptions {
  exportPath: string;
  redisUrl: string;
  /**
   * REDIS_KEY_PREFIX of this run's bot and worker; default `tgstats-sandbox-<pid>`,
   * so neither a deployment nor another sandbox on the same Redis sees its keys.
   */
  keyPrefix?: string;
  /** Extra environment for the bot and worker processes. */
  env?: Record<string, string>;
  /** Where the services' log lines go. */
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** A running service process. */
export interface SandboxService {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Bot API, chat and processes of a sandbox run. */
export interface SandboxSystem {
  botApi: FakeBotApi;
  /** The key prefix the bot and worker use. */
  keyPrefix: string;
  /** The export's first chat, which the emulator serves. */
  chat: ChatInfo;
  /** Its Bot API id (`-100…` for supergroups). */
  botChatId: number;
  startBot(): SandboxService;
  startWorker(): SandboxService;
  /** Sends `text` as a message from `user` (the member by default) in `chatId` (the chat by default). */
  send(text: string, options?: { user?: BotApiUser; chatId?: number }): void;
  /** Stops every process started and the fake Bot API. */
  stop(): Promise<void>;
}

/**
 * Starts the pieces of the whole system on one machine: a fake Bot API server
 * seeded with the export's chat and its member, and on request the real bot
 * and worker processes (the worker reads history from the Telegram emulator).
 */
export async function startSandboxSystem(options: SandboxSystemOptions): Promise<SandboxSystem> {
  const chat = await firstChat(options.exportPath, options.signal);
  const botApi = await startFakeBotApi({ token: SANDBOX_TOKEN });
  const botChatId = botApiChatId(chat);
  const isGroup = chat.kind !== "user";
  if (isGroup) {
    botApi.addChat({
      id: botChatId,
      type: chat.kind === "chat" ? "group" : "supergroup",
      title: chat.name ?? "Sandbox chat",
    });
    botApi.setChatMember(botChatId, SANDBOX_MEMBER.id, "member");
  }
  botApi.addUser(SANDBOX_MEMBER);
  const keyPrefix = options.keyPrefix ?? `${SANDBOX_KEY_PREFIX}-${process.pid}`;
  const env = {
    REDIS_URL: options.redisUrl,
    BOT_TOKEN: SANDBOX_TOKEN,
    BOT_API_ROOT: botApi.apiRoot,
    REDIS_KEY_PREFIX: keyPrefix,
    TG_EMULATOR_EXPORT: path.resolve(options.exportPath),
    READER_ACCOUNT: "tgstats_reader",
    // A sandbox channel's posts get views, as over MTProto, so its post figures show.
    TG_EMULATOR_POST_VIEWS: "1",
    LOG_LEVEL: "warn",
    // Free ports for /metrics, so a sandbox never collides with a running tgstats.
    OPS_PORT: "0",
    ...options.env,
  };
  const services: SandboxService[] = [];
  const start = (name: string, bin: string): SandboxService => {
    const service = spawnService(name, bin, env, options.log);
    services.push(service);
    return service;
  };
  let updateId = 0;
  return {
    botApi,
    keyPrefix,
    chat,
    botChatId,
    startBot: () => start("bot", launcherPath("bot")),
    startWorker: () => start("worker", launcherPath("emulated-worker")),
    send(text, sendOptions = {}) {
      const user = sendOptions.user ?? SANDBOX_MEMBER;
      const chatId = sendOptions.chatId ?? (isGroup ? botChatId : user.id);
      const inGroup = chatId < 0;
      const command = /^\/\w+/.exec(text)?.[0];
      botApi.pushUpdate({
        message: {
          message_id: 1000 + ++updateId,
          date: Math.floor(Date.now() / 1000),
          from: user,
          chat: inGroup
            ? {
                id: chatId,
                type: chat.kind === "chat" ? "group" : "supergroup",
                title: chat.name ?? "Sandbox chat",
              }
            : { id: chatId, type: "private", first_name: user.first_name },
          text,
          entities:
            command === undefined
              ? []
              : [{ type: "bot_command", offset: 0, length: command.length }],
        },
      });
    },
    async stop() {
      await Promise.all(services.map((service) => service.stop()));
      await botApi.close();
    },
  };
}

async function firstChat(exportPath: string, signal?: AbortSignal): Promise<ChatInfo> {
  for await (const chat of readExportChats(exportPath, {
    assumedTimeZone: new ZoneClock("UTC"),
    signal,
  }))
    return chat.info;
  throw new SandboxExportError(`${exportPath} has no chat to run the sandbox on.`);
}

/** The Bot API's id of a chat: `-100<id>` for supergroups and channels, `-<id>` for basic groups. */
export function botApiChatId(chat: Pick<ChatInfo, "kind" | "id">): number {
  if (chat.kind === "channel") return Number(`-100${chat.id}`);
  return chat.kind === "chat" ? -chat.id : chat.id;
}

function spawnService(
  name: string,
  bin: string,
  env: Record<string, string>,
  log: (line: string) => void,
): SandboxService {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, bin], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString("utf8").split("\n"))
      if (line.trim() !== "") log(`[${name}] ${line}`);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
