/**
 * Reading a group's member list over MTProto (channels.GetParticipants,
 * messages.GetFullChat) from the Telegram emulator's real TL answers.
 */
import { describe, expect, it } from "vitest";
import type { ChatInfo } from "@tgstats/engine";
import {
  FloodWaitDelayError,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
  type TelegramClientOptions,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  VirtualClock,
  createEmulatedClient,
  type EmulatedChat,
  type EmulatedMember,
  type TelegramEmulatorOptions,
} from "@tgstats/sandbox/telegram-emulator";
import { makeMessage } from "./helpers/messages.js";

const ACCOUNT = { id: 4242, username: "stats_reader", firstName: "Stats Reader" };
const BOT: EmulatedMember = { id: 9001, name: "HelperBot", bot: true };
const DELETED: EmulatedMember = { id: 9002, name: null };

function people(count: number, firstId = 10_001): EmulatedMember[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, name: `Member ${i + 1}` }));
}

function chat(info: ChatInfo, fields: Partial<EmulatedChat> = {}): EmulatedChat {
  return {
    info,
    username: null,
    accessHash: BigInt(info.id) * 31n,
    accountIsMember: true,
    messages: [
      makeMessage({
        id: 1,
        dateUnix: 1_700_000_000,
        sender: { kind: "user", id: 10_001, name: "Member 1" },
        text: "hi",
      }),
    ],
    ...fields,
  };
}

function supergroup(id: number, name: string): ChatInfo {
  return { kind: "channel", id, name, type: "private_supergroup" };
}

const BIG = supergroup(1_800_000_001, "Big");
const HIDDEN = supergroup(1_800_000_002, "Hidden");
const HIDDEN_TO_ADMIN = supergroup(1_800_000_003, "Hidden, read by an admin");
const UNLISTED = supergroup(1_800_000_004, "Unlisted");
const NEWS: ChatInfo = {
  kind: "channel",
  id: 1_800_000_005,
  name: "News",
  type: "private_channel",
};
const FAMILY: ChatInfo = { kind: "chat", id: 900_001, name: "Family", type: "private_group" };
const FORBIDDEN_GROUP: ChatInfo = {
  kind: "chat",
  id: 900_002,
  name: "Closed",
  type: "private_group",
};

function chats(): EmulatedChat[] {
  return [
    // 450 people, a bot and a deleted account; the account itself is listed too: 453.
    chat(BIG, { members: [BOT, DELETED, ...people(450)] }),
    chat(HIDDEN, { members: people(5), participantsHidden: true }),
    chat(HIDDEN_TO_ADMIN, { members: people(5), participantsHidden: true, accountIsAdmin: true }),
    chat(UNLISTED),
    chat(NEWS, { members: people(3) }),
    chat(FAMILY, { members: [BOT, ...people(3)] }),
    chat(FORBIDDEN_GROUP),
  ];
}

async function connect(
  options: Partial<TelegramEmulatorOptions> = {},
  client: Omit<TelegramClientOptions, "accessHashes"> = {},
) {
  const emulator = new TelegramEmulator({ account: ACCOUNT, chats: chats(), ...options });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
    ...client,
  });
  const resolve = (info: ChatInfo) =>
    account.resolveChat({
      kind: "bot-chat",
      chatId: info.kind === "chat" ? -info.id : -(1_000_000_000_000 + info.id),
    });
  return { emulator, account, resolve };
}

describe("the member list over MTProto", () => {
  it("pages a supergroup's recent members 200 at a time and keeps people only", async () => {
    const { emulator, account, resolve } = await connect();
    const list = await account.memberList(await resolve(BIG));
    // 453 listed → pages of 200, 200 and 53; the bot, the deleted account and the reader left out.
    expect(emulator.requestCount("channels.GetParticipants")).toBe(3);
    const offsets = emulator.requestLog
      .filter((request) => request.method === "channels.GetParticipants")
      .map((request) => [request.params.offset, request.params.limit, request.params.filter]);
    expect(offsets).toEqual([
      [0, 200, "ChannelParticipantsRecent"],
      [200, 200, "ChannelParticipantsRecent"],
      [400, 200, "ChannelParticipantsRecent"],
    ]);
    expect(list?.complete).toBe(true);
    expect(list?.members).toHaveLength(450);
    expect(list?.members[0]).toEqual({ id: 10_001, name: "Member 1" });
    expect(list?.members.at(-1)).toEqual({ id: 10_450, name: "Member 450" });
  });

  it("reads a basic group's participants with one GetFullChat", async () => {
    const { emulator, account, resolve } = await connect();
    const list = await account.memberList(await resolve(FAMILY));
    expect(emulator.requestCount("messages.GetFullChat")).toBe(1);
    // The account and the bot are listed; the three people are kept.
    expect(list).toEqual({
      members: [
        { id: 10_001, name: "Member 1" },
        { id: 10_002, name: "Member 2" },
        { id: 10_003, name: "Member 3" },
      ],
      complete: true,
    });
  });

  it("gives no list when the chat hides it, shows none, or is a channel", async () => {
    const { emulator, account, resolve } = await connect();
    expect(await account.memberList(await resolve(HIDDEN))).toBeNull();
    expect(await account.memberList(await resolve(UNLISTED))).toBeNull();
    expect(await account.memberList(await resolve(NEWS))).toBeNull();
    expect(await account.memberList(await resolve(FORBIDDEN_GROUP))).toBeNull();
    // can_view_participants said no: not one GetParticipants was spent on them.
    expect(emulator.requestCount("channels.GetParticipants")).toBe(0);
    const admin = await account.memberList(await resolve(HIDDEN_TO_ADMIN));
    expect(admin?.members).toHaveLength(5);
  });

  it("turns CHAT_ADMIN_REQUIRED into no list", async () => {
    const { emulator, account, resolve } = await connect();
    const chatRef = await resolve(BIG);
    emulator.refuse({ method: "channels.GetParticipants", error: "CHAT_ADMIN_REQUIRED" });
    expect(await account.memberList(chatRef)).toBeNull();
  });

  it("stops at Telegram's 10,000 listed members and says the list is partial", async () => {
    const big = supergroup(1_800_000_010, "Huge");
    const emulator = new TelegramEmulator({
      account: ACCOUNT,
      chats: [chat(big, { members: people(10_050) })],
      wireFormat: false,
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
    });
    const list = await account.memberList(
      await account.resolveChat({ kind: "bot-chat", chatId: -(1_000_000_000_000 + big.id) }),
    );
    // 10,051 listed (with the account); 10,000 shown in 50 pages; the account among them.
    expect(emulator.requestCount("channels.GetParticipants")).toBe(50);
    expect(list?.members).toHaveLength(9_999);
    expect(list?.complete).toBe(false);
  });

  it("sleeps short flood waits, throws long ones, and stops when aborted", async () => {
    const clock = new VirtualClock(1_000_000);
    const { account, resolve } = await connect(
      {
        floodPolicy: { "channels.GetParticipants": { requests: 1, perSeconds: 2 } },
        now: clock.now,
        sleep: clock.sleep,
      },
      { sleep: clock.sleep, floodSleepThresholdSeconds: 5 },
    );
    const chatRef = await resolve(BIG);
    const list = await account.memberList(chatRef);
    // Three pages, one every 2 s: two waits of 2 s.
    expect(list?.members).toHaveLength(450);
    expect(clock.sleptMs).toBe(4_000);
    expect(account.floodWaitCounts.get("channels.GetParticipants")).toBe(2);

    const strict = await connect(
      {
        floodPolicy: { "channels.GetParticipants": { requests: 1, perSeconds: 600 } },
        now: clock.now,
        sleep: clock.sleep,
      },
      { sleep: clock.sleep, floodSleepThresholdSeconds: 5 },
    );
    await expect(strict.account.memberList(await strict.resolve(BIG))).rejects.toBeInstanceOf(
      FloodWaitDelayError,
    );

    const aborted = AbortSignal.abort(new Error("shutdown"));
    await expect(account.memberList(chatRef, aborted)).rejects.toThrow("shutdown");
  });
});
