import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Telegram account a worker holds, as other processes see it. */
export interface ReaderAccount {
  id: number;
  /** @username, to tell people whom to add to a chat; null when the account has none. */
  username: string | null;
}

/** Who can read one chat, and which accounts are live at all. */
export interface ChatReaders {
  /** Live accounts that have the chat in their dialogs, ordered by id. */
  readers: ReaderAccount[];
  /** Every live account (publishing within its TTL), ordered by id. */
  accounts: ReaderAccount[];
}

/**
 * The three reads of {@link ChatDirectory.readersOf} as one command: the bot
 * routes every /stats with it, and under a burst each command's client-side
 * cost counts. KEYS: the chat's set, `accounts`, `names`; ARGV: now (ms).
 */
const READERS_OF_LUA = `
return {
  redis.call("ZRANGEBYSCORE", KEYS[1], ARGV[1], "+inf"),
  redis.call("ZRANGEBYSCORE", KEYS[2], ARGV[1], "+inf"),
  redis.call("HGETALL", KEYS[3]),
}`;
const READERS_OF_COMMAND = "tgstatsReadersOf";

/** The connection with the readers-of script defined on it (ioredis `defineCommand`). */
type ReadersOfClient = Redis & {
  [READERS_OF_COMMAND](
    chatKey: string,
    accountsKey: string,
    namesKey: string,
    nowMs: number,
  ): Promise<[string[], string[], string[]]>;
};

/** Chats in one Redis write; keeps one MULTI of a big account from blocking Redis for long. */
const WRITE_CHUNK = 500;

/**
 * Which account can read which chat, published by the workers from their
 * dialogs and read by the bot to route jobs (and by coordinators to split
 * fetches). Entries expire unless refreshed, so a stopped account drops out.
 *
 * Keys (under `prefix`, `redisKeys(…).readers`): `chat:<botApiId>` sorted set
 * account → expiry (ms), `accounts` sorted set account → expiry, `names` hash
 * account → username, `account:<id>` set of its chats (to withdraw
 * the chats it left). One sorted set per chat makes a lookup one round trip.
 *
 * @example
 * await directory.publish({ id: 7, username: "reader" }, [-1001234567890], 1_800_000);
 * const { readers } = await directory.readersOf(-1001234567890);
 */
export class ChatDirectory {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!(READERS_OF_COMMAND in redis))
      redis.defineCommand(READERS_OF_COMMAND, { numberOfKeys: 3, lua: READERS_OF_LUA });
  }

  /**
   * Replaces what `account` can read with `botApiChatIds`, valid for `ttlMs`.
   * Chats it published before and no longer lists are withdrawn at once.
   */
  async publish(
    account: ReaderAccount,
    botApiChatIds: readonly number[],
    ttlMs: number,
  ): Promise<void> {
    const expiresAtMs = this.now() + ttlMs;
    const listKey = this.key(`account:${account.id}`);
    const member = String(account.id);
    const chats = [...new Set(botApiChatIds.map(String))];
    const before = new Set(await this.redis.smembers(listKey));
    for (let start = 0; start < chats.length; start += WRITE_CHUNK) {
      const write = this.redis.multi();
      for (const chat of chats.slice(start, start + WRITE_CHUNK)) {
        write.zadd(this.chatKey(chat), expiresAtMs, member);
        write.pexpire(this.chatKey(chat), ttlMs);
      }
      await write.exec();
    }
    const listed = new Set(chats);
    const left = [...before].filter((chat) => !listed.has(chat));
    const finish = this.redis.multi();
    for (const chat of left) finish.zrem(this.chatKey(chat), member);
    finish.del(listKey);
    if (chats.length > 0) finish.sadd(listKey, ...chats).pexpire(listKey, ttlMs);
    finish.zadd(this.key("accounts"), expiresAtMs, member);
    finish.zremrangebyscore(this.key("accounts"), "-inf", this.now());
    if (account.username === null) finish.hdel(this.key("names"), member);
    else finish.hset(this.key("names"), member, account.username);
    await finish.exec();
  }

  /** Withdraws everything `accountId` published (the account was logged out). */
  async withdraw(accountId: number): Promise<void> {
    const listKey = this.key(`account:${accountId}`);
    const member = String(accountId);
    const chats = await this.redis.smembers(listKey);
    const write = this.redis.multi();
    for (const chat of chats) write.zrem(this.chatKey(chat), member);
    write.del(listKey).zrem(this.key("accounts"), member).hdel(this.key("names"), member);
    await write.exec();
  }

  /** Live accounts that can read `botApiChatId`, and all live accounts (one command). */
  async readersOf(botApiChatId: number): Promise<ChatReaders> {
    const [readerIds, accountIds, flatNames] = await (this.redis as ReadersOfClient)[
      READERS_OF_COMMAND
    ](this.chatKey(String(botApiChatId)), this.key("accounts"), this.key("names"), this.now());
    const names = new Map<string, string>();
    for (let index = 0; index + 1 < flatNames.length; index += 2)
      names.set(flatNames[index]!, flatNames[index + 1]!);
    const toAccount = (id: string): ReaderAccount => ({
      id: Number(id),
      username: names.get(id) ?? null,
    });
    const byId = (a: ReaderAccount, b: ReaderAccount): number => a.id - b.id;
    return {
      readers: readerIds.map(toAccount).sort(byId),
      accounts: accountIds.map(toAccount).sort(byId),
    };
  }

  private chatKey(botApiChatId: string): string {
    return this.key(`chat:${botApiChatId}`);
  }

  private key(suffix: string): string {
    return `${this.prefix}:${suffix}`;
  }
}

/**
 * Whether any account can read `chat`, member or not: a public chat (one
 * with an @username) is read through its name. The one statement of that rule.
 */
export function readableByAnyAccount(chat: {
  username?: string | null | undefined;
}): chat is { username: string } {
  return typeof chat.username === "string" && chat.username !== "";
}

/**
 * The accounts that can read `chat`: every live account when it is public
 * ({@link readableByAnyAccount}), else those that have it in their dialogs.
 */
export function accountsAbleToRead(
  chat: { username?: string | null | undefined },
  found: ChatReaders,
): ReaderAccount[] {
  return readableByAnyAccount(chat) ? found.accounts : found.readers;
}

/**
 * The account that should run jobs of `botApiChatId` among `readers`:
 * rendezvous hashing, so a chat keeps its account (and that account's cache
 * of the chat) while others come and go. Null when there are no readers.
 */
export function pickReader<Account extends ReaderAccount>(
  readers: readonly Account[],
  botApiChatId: number,
): Account | null {
  let best: Account | null = null;
  let bestScore = "";
  for (const reader of readers) {
    const score = createHash("sha1").update(`${reader.id}:${botApiChatId}`).digest("hex");
    if (best === null || score > bestScore) {
      best = reader;
      bestScore = score;
    }
  }
  return best;
}
