import type { Redis } from "ioredis";

/**
 * A fence outlives every job that could have read the chat before /forget:
 * longer than a checkpoint lives (7 days), after which a job starts over.
 */
const FENCE_TTL_SECONDS = 8 * 86_400;

/** What a job holds of a chat's fence: the chat, the generation it began in, and itself. */
export interface FenceToken {
  /** The chat by its Bot API id (`-100…` for supergroups and channels). */
  botApiChatId: number;
  /** How many times the chat had been forgotten when the job first looked. */
  generation: number;
  /** The job as `<queue>:<id>`: /forget marks the jobs it cancels. */
  jobKey: string;
}

/** The chat was forgotten (/forget) after this job began: it must stop and write nothing. */
export class ChatForgottenError extends Error {
  constructor(readonly botApiChatId: number) {
    super(
      `Chat ${botApiChatId} was forgotten (/forget) while this job ran; it stops without writing anything. Send /stats again for a new report.`,
    );
    this.name = "ChatForgottenError";
  }
}

/** Writes that land only while the job's fence token is current. */
export interface FencedWriter {
  /** SET `key` `value` EX `ttlSeconds`. */
  set(key: string, value: Buffer | string, ttlSeconds: number): Promise<void>;
  /** HSET `key` `fields` (name, value, name, value…) and EXPIRE `ttlSeconds`, together. */
  hset(key: string, fields: (Buffer | string)[], ttlSeconds: number): Promise<void>;
}

// KEYS[1] fence, KEYS[2] target; ARGV: generation, job field, "set"|"hset", ttl, values….
const FENCED_WRITE = `
local generation = redis.call('HGET', KEYS[1], 'generation') or '0'
if generation ~= ARGV[1] or redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return 0 end
if ARGV[3] == 'set' then
  redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[4])
else
  redis.call('HSET', KEYS[2], unpack(ARGV, 5))
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
return 1`;

/**
 * Makes /forget hold against jobs already running: each chat has a
 * generation, raised by every /forget, and a mark per job /forget cancelled.
 * A job takes a {@link FenceToken} when it begins; its writes of the chat's
 * data go through {@link writer}, which checks the token and writes in one
 * Lua script, so nothing lands after the /forget that fenced it.
 *
 * Keys (under `prefix`): `chat:<botApiId>` hash with `generation` and
 * `job:<queue>:<id>` marks, expiring {@link FENCE_TTL_SECONDS} after the last /forget.
 */
export class ChatFence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** A token for `jobKey` in the chat's current generation. */
  async token(botApiChatId: number, jobKey: string): Promise<FenceToken> {
    const generation = await this.redis.hget(this.key(botApiChatId), "generation");
    return { botApiChatId, generation: Number(generation ?? 0), jobKey };
  }

  /** @throws {ChatForgottenError} when the chat was forgotten since the token was taken */
  async check(token: FenceToken): Promise<void> {
    const [generation, mark] = await this.redis.hmget(
      this.key(token.botApiChatId),
      "generation",
      jobField(token.jobKey),
    );
    if (Number(generation ?? 0) !== token.generation || mark !== null)
      throw new ChatForgottenError(token.botApiChatId);
  }

  /** Writes for the token's job; each throws {@link ChatForgottenError} instead of writing once fenced. */
  writer(token: FenceToken): FencedWriter {
    const write = async (
      mode: "set" | "hset",
      key: string,
      ttlSeconds: number,
      values: (Buffer | string)[],
    ) => {
      const written = await this.redis.eval(
        FENCED_WRITE,
        2,
        this.key(token.botApiChatId),
        key,
        String(token.generation),
        jobField(token.jobKey),
        mode,
        String(ttlSeconds),
        ...values,
      );
      if (written !== 1) throw new ChatForgottenError(token.botApiChatId);
    };
    return {
      set: (key, value, ttlSeconds) => write("set", key, ttlSeconds, [value]),
      hset: (key, fields, ttlSeconds) => write("hset", key, ttlSeconds, fields),
    };
  }

  /**
   * Fences the chat (for /forget): a new generation, and `jobKeys` marked, so
   * jobs that have not taken their token yet are stopped too.
   */
  async raise(botApiChatId: number, jobKeys: readonly string[]): Promise<void> {
    const key = this.key(botApiChatId);
    const write = this.redis.multi().hincrby(key, "generation", 1);
    for (const jobKey of jobKeys) write.hset(key, jobField(jobKey), "1");
    await write.expire(key, FENCE_TTL_SECONDS).exec();
  }

  private key(botApiChatId: number): string {
    return `${this.prefix}:chat:${botApiChatId}`;
  }
}

function jobField(jobKey: string): string {
  return `job:${jobKey}`;
}
