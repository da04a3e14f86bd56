/**
 * Lost connections and forgotten auth keys. GramJS left to itself waits
 * forever for an answer on a lost connection and only reports a "broken"
 * state for a key the server forgot (transport error -404). First through
 * GramJS's real sender over a stand-in transport, then through the emulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { sessions } from "telegram";
import { AuthKey } from "telegram/crypto/AuthKey.js";
import { Connection } from "telegram/network/index.js";
import type { ChatInfo, Message } from "@tgstats/engine";
import {
  SessionInvalidError,
  TelegramConnectionError,
  TelegramNoAnswerError,
  botApiIdOf,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import { TelegramEmulator, createEmulatedClient } from "@tgstats/sandbox/telegram-emulator";
import { createTelegramClient } from "@tgstats/worker/mtproto";
import { makeMessage } from "./helpers/messages.js";

const GROUP: ChatInfo = { kind: "channel", id: 31_337, name: "Group", type: "private_supergroup" };
const HISTORY: Message[] = Array.from({ length: 350 }, (_, i) =>
  makeMessage({
    id: i + 1,
    dateUnix: 10_000 + i,
    sender: { kind: "user", id: 9, name: "Ann" },
    text: "hi",
  }),
);
/** Short, so the tests do not wait; an answer of the emulator takes a few ms. */
const TIMEOUT_MS = 400;

/** What the stand-in transport does with what the client sends. */
type ServerBehaviour = "silent" | "forgotten-key";

/**
 * A transport without a network: the server never answers ("silent"), or
 * answers every packet with the 4-byte transport error -404, as Telegram does
 * for an auth key it no longer knows.
 */
function standInTransport(
  behaviour: ServerBehaviour,
  opened: { count: number },
): typeof Connection {
  return class StandInConnection extends Connection {
    private readonly inbox: Buffer[] = [];
    private wake: (() => void) | null = null;

    override connect(): Promise<void> {
      opened.count++;
      this._connected = true;
      return Promise.resolve();
    }

    override disconnect(): Promise<void> {
      this._connected = false;
      this.wake?.();
      return Promise.resolve();
    }

    override send(): Promise<void> {
      if (behaviour === "forgotten-key") {
        const packet = Buffer.alloc(4);
        packet.writeInt32LE(-404);
        this.inbox.push(packet);
        this.wake?.();
      }
      return Promise.resolve();
    }

    override async recv(): Promise<Buffer> {
      while (this._connected) {
        const packet = this.inbox.shift();
        if (packet !== undefined) return packet;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
      throw new Error("Not connected");
    }
  };
}

/** A session with a whole (made-up) auth key, so GramJS skips the key exchange. */
async function sessionWithKey(): Promise<sessions.StringSession> {
  const session = new sessions.StringSession("");
  session.setDC(2, "127.0.0.1", 80);
  const key = new AuthKey();
  await key.setKey(Buffer.alloc(256, 7));
  session.setAuthKey(key);
  return session;
}

describe("GramJS's own sender (stand-in transport)", () => {
  it("bounds every retry: reconnectRetries is set, not left unbounded", async () => {
    const client = createTelegramClient(await sessionWithKey(), {
      apiId: 1,
      apiHash: "0123456789abcdef0123456789abcdef",
      connectionRetries: 4,
    });
    expect(client._reconnectRetries).toBe(4);
    expect(client._requestRetries).toBe(4);
    await client.destroy();
  });

  it("fails with TelegramNoAnswerError instead of waiting forever when the server never answers", async () => {
    const opened = { count: 0 };
    const client = createTelegramClient(await sessionWithKey(), {
      apiId: 1,
      apiHash: "0123456789abcdef0123456789abcdef",
      connectionRetries: 1,
      connection: standInTransport("silent", opened),
    });
    const error = await connectTelegramAccountWithClient(client, {
      accessHashes: createMemoryAccessHashStore(),
      requestTimeoutMs: TIMEOUT_MS,
    }).catch((e: unknown) => e);
    await client.destroy();
    expect(error).toBeInstanceOf(TelegramNoAnswerError);
    expect((error as Error).message).toContain("MTPROTO_REQUEST_TIMEOUT_MS");
    expect(opened.count).toBe(1);
  });

  it("turns a transport -404 (forgotten auth key) into SessionInvalidError instead of waiting", async () => {
    const opened = { count: 0 };
    const client = createTelegramClient(await sessionWithKey(), {
      apiId: 1,
      apiHash: "0123456789abcdef0123456789abcdef",
      connectionRetries: 1,
      connection: standInTransport("forgotten-key", opened),
    });
    // A deadline far beyond the test's own: only the broken state can end the wait in time.
    const error = await connectTelegramAccountWithClient(client, {
      accessHashes: createMemoryAccessHashStore(),
      requestTimeoutMs: 600_000,
    }).catch((e: unknown) => e);
    await client.destroy();
    expect(error).toBeInstanceOf(SessionInvalidError);
    expect(error).toMatchObject({ reason: "AUTH_KEY_NOT_FOUND" });
    expect((error as Error).message).toContain("tgstats login");
    expect(opened.count).toBe(1);
  });
});

describe("network faults on the emulator", () => {
  let account: TelegramAccount | null = null;
  afterEach(async () => {
    await account?.destroy();
    account = null;
  });

  async function connect(): Promise<{ emulator: TelegramEmulator; account: TelegramAccount }> {
    const emulator = new TelegramEmulator({
      account: { id: 42, username: "reader", firstName: "Reader" },
      chats: [
        { info: GROUP, username: null, accessHash: 5n, accountIsMember: true, messages: HISTORY },
      ],
    });
    account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
      requestTimeoutMs: TIMEOUT_MS,
    });
    return { emulator, account };
  }

  it("sends a request that got no answer again on a fresh connection", async () => {
    const { emulator, account } = await connect();
    const chat = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
    const first = await account.fetchHistoryPage(chat, { offsetId: 0 });
    emulator.network.dropConnection();
    const second = await account.fetchHistoryPage(chat, { offsetId: first.nextOffsetId! });
    expect(second.messages.map((m) => m.id)).toEqual(
      Array.from({ length: 100 }, (_, i) => 250 - i),
    );
    expect(emulator.network.connections).toBe(2);
    expect(emulator.network.unanswered).toBe(1);
  });

  it("fails with TelegramConnectionError when no new connection can be opened", async () => {
    const { emulator, account } = await connect();
    const chat = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
    emulator.network.dropConnection({ permanent: true });
    await expect(account.fetchHistoryPage(chat, { offsetId: 0 })).rejects.toBeInstanceOf(
      TelegramConnectionError,
    );
    expect(emulator.network.connections).toBe(1);
  });

  it("fails at once with SessionInvalidError when the server forgets the auth key, and sends nothing more", async () => {
    const { emulator, account } = await connect();
    const chat = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
    emulator.network.forgetAuthKey({ afterRequests: 1 });
    await account.fetchHistoryPage(chat, { offsetId: 0 });
    await expect(account.fetchHistoryPage(chat, { offsetId: 250 })).rejects.toMatchObject({
      name: "SessionInvalidError",
      reason: "AUTH_KEY_NOT_FOUND",
    });
    const sent = emulator.requestCount();
    await expect(account.countMessages(chat)).rejects.toBeInstanceOf(SessionInvalidError);
    expect(emulator.requestCount()).toBe(sent);
  });
});
