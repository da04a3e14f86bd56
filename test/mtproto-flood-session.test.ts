/**
 * Limits and failures: FLOOD_WAIT from the emulator's token buckets (on a
 * virtual clock), invalid sessions, and that no secret reaches an error.
 */
import { describe, expect, it } from "vitest";
import { skipping } from "./helpers/skip-reason.js";
import { connect as connectSocket } from "node:net";
import { Api, errors, sessions } from "telegram";
import { AuthKey } from "telegram/crypto/AuthKey.js";
import type { ChatInfo, Message } from "@tgstats/engine";
import { FloodLimiter } from "../packages/sandbox/src/telegram-emulator/flood-limiter.js";
import {
  FloodWaitDelayError,
  SessionInvalidError,
  TelegramConnectionError,
  botApiIdOf,
  connectTelegramAccount,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  VirtualClock,
  createEmulatedClient,
  type FloodPolicy,
} from "@tgstats/sandbox/telegram-emulator";
import { makeMessage } from "./helpers/messages.js";

const GROUP: ChatInfo = { kind: "channel", id: 31_337, name: "Group", type: "private_supergroup" };
const HISTORY: Message[] = Array.from({ length: 1000 }, (_, i) =>
  makeMessage({
    id: i + 1,
    dateUnix: 10_000 + i,
    sender: { kind: "user", id: 9, name: "Ann" },
    text: "hi",
  }),
);

describe("FloodLimiter", () => {
  it("grants N requests per window; the next waits until the oldest token returns, rounded up", () => {
    const limiter = new FloodLimiter({ "messages.GetHistory": { requests: 3, perSeconds: 10 } });
    expect(limiter.take("messages.GetHistory", 0)).toBe(0);
    expect(limiter.take("messages.GetHistory", 1_000)).toBe(0);
    expect(limiter.take("messages.GetHistory", 2_500)).toBe(0);
    // The token taken at 0 returns at 10 000: 7.5 s from 2 500 → 8.
    expect(limiter.take("messages.GetHistory", 2_500)).toBe(8);
    expect(limiter.take("messages.GetHistory", 9_999)).toBe(1);
    expect(limiter.take("messages.GetHistory", 10_000)).toBe(0);
    // Methods without a rule are never limited.
    expect(limiter.take("messages.GetDialogs", 10_000)).toBe(0);
  });

  it("rejects a policy that can never grant", () => {
    expect(() => new FloodLimiter({ x: { requests: 0, perSeconds: 1 } })).toThrow(/requests ≥ 1/);
  });
});

async function connect(floodPolicy: FloodPolicy, thresholdSeconds: number, clock: VirtualClock) {
  const emulator = new TelegramEmulator({
    account: { id: 42, username: "reader", firstName: "Reader" },
    chats: [
      { info: GROUP, username: null, accessHash: 5n, accountIsMember: true, messages: HISTORY },
    ],
    floodPolicy,
    now: clock.now,
    sleep: clock.sleep,
  });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
    floodSleepThresholdSeconds: thresholdSeconds,
    sleep: clock.sleep,
  });
  const chat = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
  return { emulator, account, chat };
}

describe("flood waits through the adapter", () => {
  it("throws FloodWaitDelayError on the (N+1)-th request when the wait is above the threshold", async () => {
    const clock = new VirtualClock();
    const { account, chat } = await connect(
      { "messages.GetHistory": { requests: 5, perSeconds: 60 } },
      10,
      clock,
    );
    let offsetId = 0;
    for (let page = 0; page < 5; page++) {
      clock.advance(1_000);
      offsetId = (await account.fetchHistoryPage(chat, { offsetId })).nextOffsetId!;
    }
    const error = await account.fetchHistoryPage(chat, { offsetId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FloodWaitDelayError);
    // The first token was taken at 1 s and returns at 61 s; the clock is at 5 s: 56 s.
    expect(error).toMatchObject({ seconds: 56, method: "messages.GetHistory" });
    expect(account.floodWaitCounts.get("messages.GetHistory")).toBe(1);
    // Waiting what Telegram asked, the same page succeeds.
    clock.advance(56_000);
    const page = await account.fetchHistoryPage(chat, { offsetId });
    expect(page.messages[0]?.id).toBe(offsetId - 1);
  });

  it("sleeps a wait at or below the threshold inside the request and then succeeds", async () => {
    const clock = new VirtualClock();
    const { emulator, account, chat } = await connect(
      { "messages.GetHistory": { requests: 2, perSeconds: 3 } },
      10,
      clock,
    );
    await account.countMessages(chat);
    await account.countMessages(chat);
    const sleptBefore = clock.sleptMs;
    expect(await account.countMessages(chat)).toBe(1000);
    // FLOOD_WAIT_3, slept on the clock, then the retry is granted.
    expect(clock.sleptMs - sleptBefore).toBe(3_000);
    expect(emulator.requestCount("messages.GetHistory")).toBe(4);
    expect(account.requestCounts.get("messages.GetHistory")).toBe(4);
  });

  it("maps GramJS's own FloodWaitError the same way (threshold 0: every wait is thrown)", async () => {
    const clock = new VirtualClock();
    const { account, chat } = await connect(
      { "messages.GetHistory": { requests: 1, perSeconds: 2 } },
      0,
      clock,
    );
    await account.countMessages(chat);
    await expect(account.countMessages(chat)).rejects.toMatchObject({
      name: "FloodWaitDelayError",
      seconds: 2,
    });
    expect(
      new errors.FloodWaitError({ request: new Api.updates.GetState(), capture: 7 }).seconds,
    ).toBe(7);
  });
});

describe("invalid sessions", () => {
  it("fails fast with SessionInvalidError when Telegram answers AUTH_KEY_UNREGISTERED", async () => {
    const emulator = new TelegramEmulator({
      account: { id: 42, username: "reader", firstName: "Reader" },
      chats: [],
      authorized: false,
    });
    const error = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionInvalidError);
    expect(error).toMatchObject({ reason: "AUTH_KEY_UNREGISTERED" });
    expect((error as Error).message).toContain("tgstats login");
    expect((error as Error).message).toContain("TG_SESSION");
    // Only the authorization check was sent.
    expect(emulator.requestLog.map((entry) => entry.method)).toEqual(["updates.GetState"]);
  });

  it("rejects malformed session strings before connecting, without echoing them or the api hash", async () => {
    const apiHash = "0123456789abcdef0123456789abcdef";
    // A session whose key is cut short (it points at loopback, should anything connect).
    const partial = new sessions.StringSession("");
    partial.setDC(2, "127.0.0.1", 80);
    const shortKey = new AuthKey();
    await shortKey.setKey(Buffer.alloc(100, 7));
    partial.setAuthKey(shortKey);
    for (const session of ["not-a-session-string", partial.save(), "   "]) {
      const error = await connectTelegramAccount({
        apiId: 12345,
        apiHash,
        session,
        accessHashes: createMemoryAccessHashStore(),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionInvalidError);
      const text = `${(error as Error).message} ${(error as Error).stack ?? ""} ${JSON.stringify(error)}`;
      if (session.trim() !== "") expect(text).not.toContain(session);
      expect(text).not.toContain(apiHash);
      expect((error as Error).message).toBe(
        "TG_SESSION is not a valid GramJS session string. Run `tgstats login` and put the new session string in TG_SESSION.",
      );
    }
  });

  it("gives up after connectionRetries when Telegram cannot be reached (loopback, nothing listening)", async (context) => {
    // GramJS always dials port 80 of the session's address; skip if something listens there.
    const open = await new Promise<boolean>((resolve) => {
      const socket = connectSocket({ host: "127.0.0.1", port: 80 });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) {
      const reason = "something listens on 127.0.0.1:80, so no connection to it can be refused";
      skipping(true, reason);
      context.skip(reason);
    }
    const session = new sessions.StringSession("");
    session.setDC(2, "127.0.0.1", 80);
    const key = new AuthKey();
    await key.setKey(Buffer.alloc(256, 7));
    session.setAuthKey(key);
    const secret = session.save();
    const error = await connectTelegramAccount({
      apiId: 12345,
      apiHash: "0123456789abcdef0123456789abcdef",
      session: secret,
      connectionRetries: 2,
      accessHashes: createMemoryAccessHashStore(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramConnectionError);
    expect(error).toMatchObject({ attempts: 2 });
    expect((error as Error).message).not.toContain(secret);
  });

  it("turns a session revoked mid-job into SessionInvalidError on the next request", async () => {
    const emulator = new TelegramEmulator({
      account: { id: 42, username: "reader", firstName: "Reader" },
      chats: [
        { info: GROUP, username: null, accessHash: 5n, accountIsMember: true, messages: HISTORY },
      ],
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
    });
    const chat = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
    emulator.revokeSession();
    await expect(account.fetchHistoryPage(chat, { offsetId: 0 })).rejects.toBeInstanceOf(
      SessionInvalidError,
    );
    await account.destroy();
  });
});
