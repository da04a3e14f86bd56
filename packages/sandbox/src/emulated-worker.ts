import { z } from "zod";
import { envNumber, parseEnvConfig, renamedPrefixProblems, runService } from "@tgstats/platform";
import {
  startWorker,
  workerConfigSchema,
  workerKnownFailure,
  type AccountConnector,
} from "@tgstats/worker";
import { botApiIdOf, connectTelegramAccountWithClient } from "@tgstats/worker/mtproto";
import { createEmulatedClient } from "./telegram-emulator/emulated-client.js";
import { emulatedChatsFromExport } from "./telegram-emulator/from-export.js";
import { lifeStoryChats } from "./telegram-emulator/life-stories.js";
import { TelegramEmulator } from "./telegram-emulator/telegram-emulator.js";

/** The emulated account's id when none is set; it keeps the sandbox's old name. */
const DEFAULT_EMULATED_ACCOUNT_ID = 777_000_001;

const floodPolicySchema = z.record(
  z.string(),
  z.object({ requests: z.number().int().min(1), perSeconds: z.number().positive() }),
);

/** The emulator's settings: which export it serves, as whom, how fast, with which faults. */
export const emulatorSettingsSchema = z.object({
  TG_EMULATOR_EXPORT: z.string({ error: "set it to the result.json the emulator serves" }).min(1),
  TG_EMULATOR_LATENCY_MS: envNumber(z.number().int().nonnegative()).default(0),
  /** A flood policy as JSON: `{"messages.GetHistory":{"requests":30,"perSeconds":30}}`. */
  TG_EMULATOR_FLOOD: z
    .string()
    .transform((text, context) => {
      const parsed = floodPolicySchema.safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      context.addIssue({
        code: "custom",
        message: 'must be JSON such as {"messages.GetHistory":{"requests":30,"perSeconds":30}}',
      });
      return z.NEVER;
    })
    .optional(),
  /** "1" gives broadcast channels' posts views and forwards (exports have none): see emulatedPostCounters. */
  TG_EMULATOR_POST_VIEWS: z.enum(["0", "1"]).default("0"),
  /**
   * "1" adds chats with different life stories to the account (one that grew,
   * faded, died, stayed steady, just started, went silent): the owner's pulse
   * then has every trend to show.
   */
  TG_EMULATOR_LIFE_STORIES: z.enum(["0", "1"]).default("0"),
  /** "1" makes the emulator reject the session, as a revoked one would be. */
  TG_EMULATOR_UNAUTHORIZED: z.enum(["0", "1"]).default("0"),
  /** The emulated account's user id, so several emulated workers are distinct accounts. */
  TG_EMULATOR_ACCOUNT_ID: envNumber(z.number().int().positive()).default(
    DEFAULT_EMULATED_ACCOUNT_ID,
  ),
  /** Bot API ids (comma-separated) of the only chats the emulated account is in; default all. */
  TG_EMULATOR_MEMBER_OF: z
    .string()
    .regex(/^-?\d+(\s*,\s*-?\d+)*$/, "comma-separated Bot API chat ids, e.g. -1001234567890,-42")
    .optional(),
});

/** The emulated worker's settings: the worker's own, without Telegram credentials, plus the emulator's. */
export const emulatedWorkerConfigSchema = workerConfigSchema.extend(emulatorSettingsSchema.shape);

/** The emulated worker's checked configuration. */
export type EmulatedWorkerConfig = z.infer<typeof emulatedWorkerConfigSchema>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The emulator playing the configured account over the configured export. */
export async function createConfiguredEmulator(
  config: EmulatedWorkerConfig,
): Promise<TelegramEmulator> {
  const memberOf =
    config.TG_EMULATOR_MEMBER_OF === undefined
      ? null
      : new Set(config.TG_EMULATOR_MEMBER_OF.split(",").map((id) => Number(id.trim())));
  const chats = (
    await emulatedChatsFromExport(config.TG_EMULATOR_EXPORT, {
      accountIsMember: true,
      postViews: config.TG_EMULATOR_POST_VIEWS === "1",
    })
  ).map((chat) =>
    memberOf === null ? chat : { ...chat, accountIsMember: memberOf.has(botApiIdOf(chat.info)) },
  );
  const id = config.TG_EMULATOR_ACCOUNT_ID;
  const account = {
    id,
    username: id === DEFAULT_EMULATED_ACCOUNT_ID ? "tgstats_reader" : `tgstats_reader_${id}`,
    firstName: "Stats Reader",
  };
  const stories =
    config.TG_EMULATOR_LIFE_STORIES === "1"
      ? lifeStoryChats(account, Math.floor(Date.now() / 1000))
      : [];
  return new TelegramEmulator({
    account,
    chats: [...chats, ...stories],
    latencyMs: config.TG_EMULATOR_LATENCY_MS,
    floodPolicy: config.TG_EMULATOR_FLOOD,
    authorized: config.TG_EMULATOR_UNAUTHORIZED !== "1",
  });
}

/** Connects the worker to the emulator instead of Telegram (the lease, if any, is still taken). */
function emulatorConnector(emulator: TelegramEmulator): AccountConnector {
  return (options) => connectTelegramAccountWithClient(createEmulatedClient(emulator), options);
}

/**
 * Runs the production worker against the Telegram emulator: the sandbox's and
 * the process tests' worker. Production config schemas know nothing of it.
 */
export async function runEmulatedWorker(): Promise<never> {
  return runService({
    name: "worker",
    loadConfig: (env) =>
      parseEnvConfig(
        "tgstats emulated worker",
        emulatedWorkerConfigSchema,
        env,
        renamedPrefixProblems,
      ),
    start: async (config, context) =>
      startWorker(config, context, emulatorConnector(await createConfiguredEmulator(config))),
    knownFailure: workerKnownFailure,
  });
}
