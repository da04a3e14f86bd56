/**
 * `npm run bench:scale`: a 60k-message private supergroup read from scratch by
 * one worker, then by three (one Telegram account each), each account on the
 * emulator with its own flood policy and latency — what `docker compose up
 * --scale worker=3` with three sessions does. Prints both times, the speed-up
 * (target ≥ 2.5×), how the parts were shared, and whether both runs cached
 * the same report (apart from word figures: each part cuts the rare words of
 * its partial months at rest, within the bound the report states).
 *
 * Real processes (apps/worker), a throwaway Redis, the fake Bot API; real
 * time. The job goes to the first account's queue, as the bot routes a chat
 * it reads; that worker coordinates and the others read their parts.
 *
 * Run: node --conditions=source --import tsx bench/scale-bench.ts [--messages 60000] [--accounts 3]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { Redis } from "ioredis";
import { STATS_JOB_SCHEMA_VERSION, type StatsJobInput } from "@tgstats/platform";
import { writeSyntheticExport } from "@tgstats/sandbox";
import type { ChatInfo } from "@tgstats/engine";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { startTestRedis } from "../test/helpers/redis-server.js";
import {
  runStatsJobOnFleet,
  withoutWordFigures,
  type FleetRun,
} from "../test/helpers/worker-fleet.js";

const BOT_TOKEN = "123456:BENCH-token-for-the-fake-bot-api";
const PREFIX = "tgstats-bench-scale";
const CHAT_ID = 1_650_000_777;
const BOT_API_CHAT_ID = Number(`-100${CHAT_ID}`);
/** Per account: Telegram's limits are per account, so each emulated account gets its own budget. */
const FLOOD_POLICY = { "messages.GetHistory": { requests: 20, perSeconds: 1 } };
const LATENCY_MS = 20;
const TARGET_SPEEDUP = 2.5;

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "60000" },
    accounts: { type: "string", default: "3" },
  },
});
const messages = Number(values.messages);
const accountCount = Number(values.accounts);

function statsJob(): StatsJobInput {
  return {
    schemaVersion: STATS_JOB_SCHEMA_VERSION,
    requester: { userId: 42, languageCode: "en" },
    target: { kind: "bot-chat", chatId: BOT_API_CHAT_ID },
    reply: { chatId: BOT_API_CHAT_ID, statusMessageId: null, language: "en" },
    options: { timeZone: "UTC", fromDate: null, toDate: null, sender: null },
  };
}

async function run(
  redis: Redis,
  redisUrl: string,
  botApi: FakeBotApi,
  exportPath: string,
  chat: ChatInfo,
  accounts: number,
): Promise<FleetRun> {
  await redis.flushall();
  return runStatsJobOnFleet({
    redisUrl,
    botApi,
    botToken: BOT_TOKEN,
    keyPrefix: PREFIX,
    exportPath,
    accounts: Array.from({ length: accounts }, (_, index) => ({ id: 3001 + index })),
    env: {
      TG_EMULATOR_FLOOD: JSON.stringify(FLOOD_POLICY),
      TG_EMULATOR_LATENCY_MS: String(LATENCY_MS),
      SPLIT_MIN_MESSAGES: "20000",
      LOG_LEVEL: "warn",
    },
    job: statsJob(),
    chat,
    jobTimeoutMs: 600_000,
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "tgstats-scale-bench-"));
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url);
  const botApi = await startFakeBotApi({ token: BOT_TOKEN });
  try {
    const exportPath = path.join(directory, "result.json");
    await writeSyntheticExport(exportPath, {
      seed: 7,
      chatType: "private_supergroup",
      chatId: CHAT_ID,
      messages,
      spanDays: 540,
      people: 60,
    });
    botApi.addChat({ id: BOT_API_CHAT_ID, type: "supergroup", title: "Scale" });
    const chat: ChatInfo = { kind: "channel", id: CHAT_ID, name: null, type: "private_supergroup" };
    console.log(
      `${messages.toLocaleString("en")} messages; per account: GetHistory ${FLOOD_POLICY["messages.GetHistory"].requests}/s, ${LATENCY_MS} ms latency; ${os.availableParallelism()} CPUs`,
    );
    const single = await run(redis, redisServer.url, botApi, exportPath, chat, 1);
    console.log(
      `1 account:  ${seconds(single.elapsedMs)}  (${Math.round((messages * 1000) / single.elapsedMs)} msg/s, ${single.result.historyRequests} requests, split: ${single.parts.length > 0 ? "yes" : "no"})`,
    );
    const split = await run(redis, redisServer.url, botApi, exportPath, chat, accountCount);
    console.log(
      `${accountCount} accounts: ${seconds(split.elapsedMs)}  (${Math.round((messages * 1000) / split.elapsedMs)} msg/s)`,
    );
    for (const part of split.parts)
      console.log(
        `  part ${part.part}: account ${part.accountId}, ${part.fetchedMessages} messages, ${part.historyRequests} requests`,
      );
    const speedup = single.elapsedMs / split.elapsedMs;
    const same =
      isDeepStrictEqual(
        withoutWordFigures(split.cachedReport),
        withoutWordFigures(single.cachedReport),
      ) && split.summary === single.summary;
    console.log(
      `speed-up ${speedup.toFixed(2)}× (target ≥ ${TARGET_SPEEDUP}×: ${speedup >= TARGET_SPEEDUP ? "met" : "MISSED"}); same report as 1 account: ${same ? "yes" : "NO"}`,
    );
    if (!same) process.exitCode = 1;
  } finally {
    await botApi.close();
    redis.disconnect();
    await redisServer.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
