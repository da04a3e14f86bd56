/**
 * The worker as a real process, configured with real-looking secrets (token,
 * session pool, api_hash, a Redis password): a job whose Bot API calls fail on
 * the network and a job whose MTProto read is refused leave none of them in a
 * log line, in Redis (job data, failedReason, stacktrace, returnvalue, events)
 * or in a chat.
 */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { FakeBotApi } from "@tgstats/sandbox";
import { freePort, startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { SECRETS, leakedSecrets } from "./helpers/secrets.js";
import {
  openStatsQueue,
  startSeedBotApi,
  statsJob,
  writeSeedExport,
  type SeedExport,
  type StatsQueue,
} from "./helpers/worker-harness.js";
import {
  killWorkers,
  logLines,
  startWorkerProcess,
  type WorkerProcess,
} from "./helpers/worker-process.js";

let redis: TestRedis;
/** The server's URL with the password, as the worker gets it. */
let redisUrl: string;
let seed: SeedExport;
let botApi: FakeBotApi;
let stats: StatsQueue;
let queue: StatsQueue["queue"];
let events: StatsQueue["events"];
let admin: Redis;
const workers: WorkerProcess[] = [];

function spawnWorker(extra: Record<string, string>): WorkerProcess {
  const worker = startWorkerProcess({
    REDIS_URL: redisUrl,
    BOT_TOKEN: SECRETS.BOT_TOKEN,
    BOT_API_ROOT: botApi.apiRoot,
    TG_API_ID: "123456",
    TG_API_HASH: SECRETS.TG_API_HASH,
    TG_SESSIONS: `${SECRETS.SESSION_A},${SECRETS.SESSION_B}`,
    TG_EMULATOR_EXPORT: seed.path,
    ...extra,
  });
  workers.push(worker);
  return worker;
}

/** Every key and value in Redis as text: strings, hashes, lists, sets, sorted sets and streams. */
async function redisDump(): Promise<string> {
  const parts: string[] = [];
  for (const key of await admin.keys("*")) {
    const type = await admin.type(key);
    const value =
      type === "string"
        ? await admin.get(key)
        : type === "hash"
          ? await admin.hgetall(key)
          : type === "list"
            ? await admin.lrange(key, 0, -1)
            : type === "set"
              ? await admin.smembers(key)
              : type === "zset"
                ? await admin.zrange(key, "0", "-1")
                : type === "stream"
                  ? await admin.xrange(key, "-", "+")
                  : null;
    parts.push(key, JSON.stringify(value));
  }
  return parts.join("\n");
}

beforeAll(async () => {
  redis = await startTestRedis();
  const connection = { host: redis.host, port: redis.port, maxRetriesPerRequest: null };
  // A password on the throwaway server (unless REDIS_URL names a shared one, which keeps its own).
  if (process.env.REDIS_URL === undefined || process.env.REDIS_URL === "") {
    const setup = new Redis(redis.url);
    await setup.config("SET", "requirepass", SECRETS.REDIS_PASSWORD);
    setup.disconnect();
    redisUrl = `redis://:${encodeURIComponent(SECRETS.REDIS_PASSWORD)}@${redis.host}:${redis.port}`;
    Object.assign(connection, { password: SECRETS.REDIS_PASSWORD });
  } else redisUrl = redis.url;
  seed = await writeSeedExport({ messages: 400, spanDays: 30, people: 6 });
  botApi = await startSeedBotApi(seed, SECRETS.BOT_TOKEN);
  stats = await openStatsQueue(connection);
  ({ queue, events } = stats);
  admin = new Redis(redisUrl);
}, 60_000);

afterEach(async () => {
  await killWorkers(workers);
  await queue.obliterate({ force: true });
});

afterAll(async () => {
  await stats.close();
  admin.disconnect();
  await botApi.close();
  await redis.stop();
});

describe("secrets of a worker process", () => {
  it("a job whose Bot API calls fail on the network leaks no secret to the log or the job", async () => {
    // Nothing listens there: every delivery call fails with grammY's network error.
    const worker = spawnWorker({ BOT_API_ROOT: `http://127.0.0.1:${await freePort()}` });
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    await expect(job.waitUntilFinished(events, 120_000)).rejects.toThrow(
      /^Network request for '\w+' failed!$/,
    );
    await failureLogged(worker);
    expect(leakedSecrets(worker.output())).toEqual([]);
    // The nested fetch error is logged, URL and all, with the token cut out.
    const lines = logLines(worker).filter((line) => line.msg === "job failed" && "err" in line);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).toMatch(
      /request to http:\/\/127\.0\.0\.1:\d+\/bot\[redacted\]\/\w+ failed/,
    );
    const failed = await queue.getJob(job.id!);
    expect(await failed!.getState()).toBe("failed");
    expect(leakedSecrets(await redisDump())).toEqual([]);
  }, 180_000);

  it("a job whose MTProto read is refused tells the user, and leaks no secret anywhere", async () => {
    // The account is in no chat: Telegram refuses to read it.
    const worker = spawnWorker({ TG_EMULATOR_MEMBER_OF: "-1" });
    const job = await queue.add("stats", statsJob(seed) as StatsJobData);
    await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(/@tgstats_reader/);
    await failureLogged(worker);
    const told = botApi.chatMessages(seed.botApiChatId).map((m) => m.text ?? "");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/Add @tgstats_reader to the group/);
    expect(leakedSecrets(told.join("\n"))).toEqual([]);
    expect(leakedSecrets(worker.output())).toEqual([]);
    expect(leakedSecrets(await redisDump())).toEqual([]);
    expect(leakedSecrets(JSON.stringify(botApi.calls))).toEqual([]);
  }, 120_000);
});

/** Resolves once the worker logged that BullMQ recorded the job's failure (its last word on it). */
async function failureLogged(worker: WorkerProcess): Promise<void> {
  const logged = (): boolean =>
    logLines(worker).some((line) => line.msg === "job failed" && "reason" in line);
  while (!logged()) await new Promise((resolve) => worker.child.stdout!.once("data", resolve));
}
