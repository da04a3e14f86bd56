import { Api, Logger, TelegramClient, sessions, utils } from "telegram";
import { _handleUpdate } from "telegram/client/updates.js";
import { LogLevel } from "telegram/extensions/Logger.js";
import { UpdateConnectionState } from "telegram/network/index.js";
import type { TelegramEmulator } from "./telegram-emulator.js";

/** What GramJS's invoke throws once the client is disconnected. */
const DISCONNECTED = "Cannot send requests while disconnected. Please reconnect.";

/**
 * A real TelegramClient whose requests go to the emulator. Only what touches
 * the network is replaced: `connect()` opens an emulated connection,
 * `invoke()` resolves the request like GramJS does and hands it to the
 * emulator. Network faults behave as GramJS's sender does: a lost connection
 * leaves the request waiting; a forgotten auth key (-404) is reported as the
 * "broken" connection state, and the request waits as well.
 */
class EmulatedTelegramClient extends TelegramClient {
  private connection: number | null = null;

  constructor(private readonly emulator: TelegramEmulator) {
    super(new sessions.StringSession(""), 1, "emulator", {
      connectionRetries: 1,
      baseLogger: new Logger(LogLevel.NONE),
    });
  }

  override connect(): Promise<boolean> {
    const connection = this.emulator.connect();
    if (connection !== null) this.connection = connection;
    return Promise.resolve(connection !== null);
  }

  override disconnect(): Promise<void> {
    this.connection = null;
    return Promise.resolve();
  }

  /** `dcId`, as GramJS's exported senders take it, tells the emulator which data centre was asked. */
  override async invoke<R extends Api.AnyRequest>(
    request: R,
    dcId?: number,
  ): Promise<R["__response"]> {
    if (this.connection === null) throw new Error(DISCONNECTED);
    await request.resolve(this, utils);
    const result = this.emulator.deliver(request, this.connection, dcId);
    if (result.delivery === "answer") return await result.answer;
    if (result.delivery === "auth-key-unknown") _handleUpdate(this, UpdateConnectionState.broken);
    return await new Promise<never>(() => undefined);
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
