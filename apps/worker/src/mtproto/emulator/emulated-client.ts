import { Api, Logger, TelegramClient, sessions, utils } from "telegram";
import { LogLevel } from "telegram/extensions/Logger.js";
import type { TelegramEmulator } from "./telegram-emulator.js";

/**
 * A real TelegramClient whose requests go to the emulator. Only what touches
 * the network is replaced: `connect()` opens nothing, `invoke()` resolves the
 * request like GramJS does and hands it to the emulator.
 */
class EmulatedTelegramClient extends TelegramClient {
  constructor(private readonly emulator: TelegramEmulator) {
    super(new sessions.StringSession(""), 1, "emulator", {
      connectionRetries: 1,
      baseLogger: new Logger(LogLevel.NONE),
    });
  }

  override connect(): Promise<boolean> {
    return Promise.resolve(true);
  }

  override async invoke<R extends Api.AnyRequest>(request: R): Promise<R["__response"]> {
    await request.resolve(this, utils);
    return await this.emulator.invoke(request);
  }
}

/**
 * A TelegramClient (StringSession("")) backed by `emulator`, for
 * `connectTelegramAccountWithClient`: the adapter runs unchanged.
 *
 * @example
 * const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), { accessHashes });
 */
export function createEmulatedClient(emulator: TelegramEmulator): TelegramClient {
  return new EmulatedTelegramClient(emulator);
}
