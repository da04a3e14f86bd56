/**
 * Resolving stats targets to chats (access hashes in a real Redis), and the
 * count-only account overview.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { ChatInfo, Message } from "@tgstats/shared";
import {
  ChatNotAccessibleError,
  TelegramEmulator,
  connectTelegramAccountWithClient,
  createEmulatedClient,
  createRedisAccessHashStore,
  type AccessHashStore,
  type EmulatedChat,
} from "../apps/worker/src/mtproto/index.js";
import { makeMessage } from "./helpers/messages.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";

const ACCOUNT = { id: 4242, username: "stats_reader", firstName: "Stats Reader" };

function history(count: number, startUnix: number): Message[] {
  return Array.from({ length: count }, (_, i) =>
    makeMessage({
      id: i + 1,
      dateUnix: startUnix + i * 60,
      sender: { kind: "user", id: 7, name: "Ann" },
      text: `m${i}`,
    }),
  );
}

function chat(
  info: ChatInfo,
  fields: Partial<EmulatedChat> & { count: number; startUnix: number },
): EmulatedChat {
  const { count, startUnix, ...rest } = fields;
  return {
    info,
    username: null,
    accessHash: BigInt(info.id) * 31n,
    accountIsMember: true,
    messages: history(count, startUnix),
    ...rest,
  };
}

const TEAM: ChatInfo = {
  kind: "channel",
  id: 1_800_000_001,
  name: "Team",
  type: "private_supergroup",
};
const NEWS: ChatInfo = { kind: "channel", id: 1_800_000_002, name: "News", type: "public_channel" };
const SECRET: ChatInfo = {
  kind: "channel",
  id: 1_800_000_003,
  name: "Secret",
  type: "private_supergroup",
};
const FAMILY: ChatInfo = { kind: "chat", id: 900_001, name: "Family", type: "private_group" };
const FRIEND: ChatInfo = { kind: "user", id: 700_001, name: "Friend", type: "personal_chat" };

/** 130 filler chats push TEAM (the oldest activity) onto the second page of dialogs. */
const FILLERS: EmulatedChat[] = Array.from({ length: 130 }, (_, i) =>
  chat(
    { kind: "channel", id: 1_700_000_000 + i, name: `Filler ${i}`, type: "private_supergroup" },
    { count: 1 + (i % 3), startUnix: 2_000_000 + i * 1000 },
  ),
);

function emulator(): TelegramEmulator {
  return new TelegramEmulator({
    account: ACCOUNT,
    chats: [
      chat(TEAM, { count: 40, startUnix: 1_000_000 }),
      chat(NEWS, { count: 25, startUnix: 3_000_000, username: "newsroom", accountIsMember: false }),
      chat(SECRET, { count: 5, startUnix: 3_100_000, accountIsMember: false }),
      chat(FAMILY, { count: 12, startUnix: 3_200_000 }),
      chat(FRIEND, { count: 3, startUnix: 3_300_000 }),
      ...FILLERS,
    ],
  });
}

let redis: TestRedis;
let client: Redis;
beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

async function connect(target: TelegramEmulator, store: AccessHashStore) {
  return connectTelegramAccountWithClient(createEmulatedClient(target), { accessHashes: store });
}

describe("resolveChat", () => {
  it("finds a -100 id through the dialogs, stores its hash in Redis, and a new account reuses it without GetDialogs", async () => {
    const prefix = `test:${Date.now()}:hashes`;
    const store = createRedisAccessHashStore(client, prefix);
    const first = emulator();
    const account = await connect(first, store);
    const resolved = await account.resolveChat({ kind: "bot-chat", chatId: -1_001_800_000_001 });
    expect(resolved.info).toEqual(TEAM);
    expect(resolved.botApiId).toBe(-1_001_800_000_001);
    // 133 dialogs: TEAM, the least recent, is on the second page of 100.
    expect(first.requestCount("messages.GetDialogs")).toBe(2);
    expect(await client.hget(`${prefix}:${ACCOUNT.id}`, `channel${TEAM.id}`)).toBe(
      String(BigInt(TEAM.id) * 31n),
    );

    const second = emulator();
    const again = await connect(second, createRedisAccessHashStore(client, prefix));
    const reused = await again.resolveChat({ kind: "bot-chat", chatId: -1_001_800_000_001 });
    expect(reused.info).toEqual(TEAM);
    expect(second.requestCount("messages.GetDialogs")).toBe(0);
    expect(second.requestCount("channels.GetChannels")).toBe(1);
    expect(Object.fromEntries(again.requestCounts)).toEqual({
      "updates.GetState": 1,
      "users.GetUsers": 1,
      "channels.GetChannels": 1,
    });
    expect(
      (await again.fetchHistoryPage(reused, { offsetId: 0, limit: 5 })).messages.map((m) => m.id),
    ).toEqual([40, 39, 38, 37, 36]);
  });

  it("uses the default key layout, one HASH per account", async () => {
    const store = createRedisAccessHashStore(client, "tgstats:access-hash");
    await store.set(1, "user5", 123n);
    expect(await client.hgetall("tgstats:access-hash:1")).toEqual({ user5: "123" });
    expect(await store.get(1, "user5")).toBe(123n);
    expect(await store.get(2, "user5")).toBeNull();
  });

  it("resolves public chats by username, readable without joining", async () => {
    const account = await connect(
      emulator(),
      createRedisAccessHashStore(client, `test:${Date.now()}:u`),
    );
    const news = await account.resolveChat({ kind: "username", username: "NewsRoom" });
    expect(news).toMatchObject({ info: NEWS, username: "newsroom", botApiId: -1_001_800_000_002 });
    expect(await account.countMessages(news)).toBe(25);
  });

  it("resolves basic groups and private chats by their Bot API ids", async () => {
    const account = await connect(
      emulator(),
      createRedisAccessHashStore(client, `test:${Date.now()}:b`),
    );
    expect((await account.resolveChat({ kind: "bot-chat", chatId: -900_001 })).info).toEqual(
      FAMILY,
    );
    expect((await account.resolveChat({ kind: "bot-chat", chatId: 700_001 })).info).toEqual(FRIEND);
  });

  it("names the account when it is not in a private chat, and says when a username does not exist", async () => {
    const account = await connect(
      emulator(),
      createRedisAccessHashStore(client, `test:${Date.now()}:n`),
    );
    const secret = await account
      .resolveChat({ kind: "bot-chat", chatId: -1_001_800_000_003 })
      .catch((e: unknown) => e);
    expect(secret).toBeInstanceOf(ChatNotAccessibleError);
    expect(secret).toMatchObject({ accountUsername: "stats_reader", reason: "not-member" });
    expect((secret as Error).message).toBe(
      "The account @stats_reader cannot read this chat (-1001800000003): add @stats_reader to the group, then ask again.",
    );
    const missing = await account
      .resolveChat({ kind: "username", username: "nobody_here" })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "ChatNotAccessibleError", reason: "not-found" });
    expect((missing as Error).message).toContain("@nobody_here");
  });

  it("refuses a private chat even with a stored hash once the account is out of it", async () => {
    const prefix = `test:${Date.now()}:left`;
    const store = createRedisAccessHashStore(client, prefix);
    await store.set(ACCOUNT.id, `channel${SECRET.id}`, BigInt(SECRET.id) * 31n);
    const target = emulator();
    const account = await connect(target, store);
    await expect(
      account.resolveChat({ kind: "bot-chat", chatId: -1_001_800_000_003 }),
    ).rejects.toMatchObject({
      reason: "not-member",
    });
    expect(target.requestCount("messages.GetDialogs")).toBe(0);
  });
});

describe("accountOverview", () => {
  it("counts each dialog with one GetHistory and downloads no pages", async () => {
    const target = emulator();
    const account = await connect(
      target,
      createRedisAccessHashStore(client, `test:${Date.now()}:o`),
    );
    const overview = await account.accountOverview();
    // Member chats only: TEAM, FAMILY, FRIEND and the 130 fillers (NEWS and SECRET are not joined).
    expect(overview).toHaveLength(133);
    expect(overview.slice(0, 2)).toEqual([
      {
        id: TEAM.id,
        name: "Team",
        type: "private_supergroup",
        messages: 40,
        botApiId: -1_001_800_000_001,
      },
      { id: FAMILY.id, name: "Family", type: "private_group", messages: 12, botApiId: -900_001 },
    ]);
    expect(overview.find((entry) => entry.id === FRIEND.id)).toMatchObject({
      type: "personal_chat",
      messages: 3,
    });
    const total = overview.reduce((sum, entry) => sum + entry.messages, 0);
    // Fillers hold 1, 2, 3, 1, 2, 3… messages: 43 × (1 + 2 + 3) + 1 = 259.
    expect(total).toBe(40 + 12 + 3 + 259);
    const histories = target.requestLog.filter((entry) => entry.method === "messages.GetHistory");
    expect(histories).toHaveLength(133);
    expect(histories.every((entry) => entry.params.limit === 1)).toBe(true);
  });
});
