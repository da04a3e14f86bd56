/**
 * Resolving stats targets to chats (access hashes in a real Redis), and the
 * count-only account overview.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { redisKeys } from "@tgstats/platform";
import type { ChatInfo, Message } from "@tgstats/engine";
import {
  ChatNotAccessibleError,
  ChatNotReportableError,
  UsernameLookupLimitError,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
  createRedisAccessHashStore,
  createRedisUsernameCache,
  createRedisUsernameLookupLimiter,
  type AccessHashStore,
  type TelegramClientOptions,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
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
const HELPER_BOT: ChatInfo = { kind: "user", id: 700_002, name: "Some Bot", type: "bot_chat" };

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
      chat(FRIEND, { count: 3, startUnix: 3_300_000, username: "alice" }),
      // Not in the dialogs: the account never talked to it.
      chat(HELPER_BOT, {
        count: 2,
        startUnix: 3_400_000,
        username: "somebot",
        accountIsMember: false,
      }),
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

async function connect(
  target: TelegramEmulator,
  store: AccessHashStore,
  options: Omit<TelegramClientOptions, "accessHashes"> = {},
) {
  return connectTelegramAccountWithClient(createEmulatedClient(target), {
    accessHashes: store,
    ...options,
  });
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

  it("resolves basic groups by their Bot API ids", async () => {
    const account = await connect(
      emulator(),
      createRedisAccessHashStore(client, `test:${Date.now()}:b`),
    );
    expect((await account.resolveChat({ kind: "bot-chat", chatId: -900_001 })).info).toEqual(
      FAMILY,
    );
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

describe("readableChatIds", () => {
  it("lists the groups and channels the account reads, never its chats with people", async () => {
    const account = await connect(emulator(), createMemoryAccessHashStore());
    const ids = await account.readableChatIds();
    // Dialogs: Team, Family, the 130 fillers and the chat with Friend (alice); News and Secret are no dialogs.
    expect(ids.filter((id) => id > -1_001_700_000_000 || id < -1_001_700_000_200).sort()).toEqual(
      [-1_001_800_000_001, -900_001].sort(),
    );
    expect(ids).toHaveLength(2 + FILLERS.length);
    expect(ids).not.toContain(700_001);
  });
});

describe("only groups and channels are reported", () => {
  it.each([
    [
      "the account itself by @username",
      { kind: "username", username: "Stats_Reader" },
      "@Stats_Reader",
      "saved_messages",
    ],
    ["a person by @username", { kind: "username", username: "alice" }, "@alice", "personal_chat"],
    ["a bot by @username", { kind: "username", username: "somebot" }, "@somebot", "bot_chat"],
    ["a person by id", { kind: "bot-chat", chatId: 700_001 }, "700001", "personal_chat"],
    [
      "the account's Saved Messages by id",
      { kind: "bot-chat", chatId: 4242 },
      "4242",
      "saved_messages",
    ],
  ] as const)("refuses %s and reads no history", async (_what, target, label, chatType) => {
    const telegram = emulator();
    const account = await connect(
      telegram,
      createRedisAccessHashStore(client, `test:${Date.now()}:self`),
    );
    const refusal = await account.resolveChat(target).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ChatNotReportableError);
    expect(refusal).toMatchObject({ target: label, chatType });
    expect((refusal as Error).message).toBe(
      `${label} is not a group or a channel (${chatType}); only groups, supergroups and channels are reported. Ask for a group or channel instead.`,
    );
    expect(telegram.requestCount("messages.GetHistory")).toBe(0);
    // A user id is refused before Telegram is asked anything.
    if (target.kind === "bot-chat")
      expect(telegram.requestCount()).toBe(telegram.requestCount("updates.GetState") + 1);
  });
});

describe("username cache and lookup budget", () => {
  const HOUR_S = 3600;

  function memory(prefix: string, lookupsPerHour: number) {
    return {
      usernames: createRedisUsernameCache(client, {
        keyBase: redisKeys(prefix).username,
        ttlSeconds: 2 * HOUR_S,
        notFoundTtlSeconds: HOUR_S,
      }),
      usernameLookups: createRedisUsernameLookupLimiter(client, {
        keyBase: redisKeys(prefix).usernameLookups,
        points: lookupsPerHour,
        durationSeconds: HOUR_S,
      }),
    };
  }

  it("resolves a username once: later requests, by any account process, come from the cache", async () => {
    const prefix = `test:${Date.now()}:cache`;
    const store = createRedisAccessHashStore(client, `${prefix}:hashes`);
    const first = emulator();
    const account = await connect(first, store, memory(prefix, 10));
    const news = await account.resolveChat({ kind: "username", username: "NewsRoom" });
    expect(news.info).toEqual(NEWS);
    await expect(account.resolveChat({ kind: "username", username: "alice" })).rejects.toThrow(
      ChatNotReportableError,
    );
    await expect(
      account.resolveChat({ kind: "username", username: "nobody_here" }),
    ).rejects.toMatchObject({ reason: "not-found" });
    expect(first.requestCount("contacts.ResolveUsername")).toBe(3);
    expect(JSON.parse((await client.get(`${prefix}:username:newsroom`))!)).toEqual({
      kind: "peer",
      peer: { kind: "channel", id: NEWS.id },
      type: "public_channel",
    });
    const ttl = await client.ttl(`${prefix}:username:newsroom`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2 * HOUR_S);
    const notFoundTtl = await client.ttl(`${prefix}:username:nobody_here`);
    expect(notFoundTtl).toBeGreaterThan(0);
    expect(notFoundTtl).toBeLessThanOrEqual(HOUR_S);

    // A restarted worker: the cache and the stored hash answer without ResolveUsername.
    const second = emulator();
    const again = await connect(second, store, memory(prefix, 10));
    const cached = await again.resolveChat({ kind: "username", username: "newsroom" });
    expect(cached).toMatchObject({ info: NEWS, botApiId: -1_001_800_000_002 });
    await expect(again.resolveChat({ kind: "username", username: "ALICE" })).rejects.toMatchObject({
      name: "ChatNotReportableError",
      chatType: "personal_chat",
    });
    await expect(
      again.resolveChat({ kind: "username", username: "nobody_here" }),
    ).rejects.toMatchObject({ reason: "not-found" });
    expect(second.requestCount("contacts.ResolveUsername")).toBe(0);
    expect(second.requestCount("channels.GetChannels")).toBe(1);
  });

  it("a name that moved to another chat is looked up again, and a job checked for one chat never reports another", async () => {
    const prefix = `test:${Date.now()}:moved`;
    const store = createRedisAccessHashStore(client, `${prefix}:hashes`);
    const telegram = emulator();
    const account = await connect(telegram, store, memory(prefix, 10));
    // Team (private, a member's chat) once had the name; it now belongs to News.
    await account.resolveChat({ kind: "bot-chat", chatId: -1_001_800_000_001 });
    await client.set(
      `${prefix}:username:newsroom`,
      JSON.stringify({
        kind: "peer",
        peer: { kind: "channel", id: TEAM.id },
        type: "public_supergroup",
      }),
    );
    const resolved = await account.resolveChat({ kind: "username", username: "newsroom" });
    expect(resolved.info).toEqual(NEWS);
    expect(telegram.requestCount("contacts.ResolveUsername")).toBe(1);
    // The bot checked @newsroom when it named Team: the worker refuses News under that name.
    await expect(
      account.resolveChat({ kind: "username", username: "newsroom", chatId: -1_001_800_000_001 }),
    ).rejects.toMatchObject({ name: "ChatNotAccessibleError", reason: "not-found" });
    const checked = await account.resolveChat({
      kind: "username",
      username: "newsroom",
      chatId: -1_001_800_000_002,
    });
    expect(checked.info).toEqual(NEWS);
  });

  it("a stranger asking for random names spends the account's budget, not its flood limits", async () => {
    const prefix = `test:${Date.now()}:spam`;
    const telegram = emulator();
    const account = await connect(
      telegram,
      createRedisAccessHashStore(client, `${prefix}:hashes`),
      memory(prefix, 3),
    );
    const outcomes: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const error = await account
        .resolveChat({ kind: "username", username: `random_name_${i}` })
        .catch((e: unknown) => e);
      outcomes.push((error as Error).name);
    }
    expect(outcomes).toEqual([
      ...Array<string>(3).fill("ChatNotAccessibleError"),
      ...Array<string>(7).fill("UsernameLookupLimitError"),
    ]);
    expect(telegram.requestCount("contacts.ResolveUsername")).toBe(3);
    const limited = await account
      .resolveChat({ kind: "username", username: "newsroom" })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(UsernameLookupLimitError);
    expect((limited as UsernameLookupLimitError).seconds).toBeGreaterThan(0);
    expect((limited as UsernameLookupLimitError).seconds).toBeLessThanOrEqual(HOUR_S);
    // Names already resolved are still answered, from the cache.
    await expect(
      account.resolveChat({ kind: "username", username: "random_name_2" }),
    ).rejects.toMatchObject({ reason: "not-found" });
    expect(telegram.requestCount("contacts.ResolveUsername")).toBe(3);
    // The budget is the account's: another account has its own.
    const other = new TelegramEmulator({
      account: { id: 4343, username: "other_reader", firstName: "Other" },
      chats: [chat(NEWS, { count: 25, startUnix: 3_000_000, username: "newsroom" })],
    });
    const otherAccount = await connect(
      other,
      createRedisAccessHashStore(client, `${prefix}:hashes`),
      memory(prefix, 3),
    );
    expect(
      (await otherAccount.resolveChat({ kind: "username", username: "newsroom" })).info,
    ).toEqual(NEWS);
  });
});
