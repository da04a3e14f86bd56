import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatDirectory, redisKeys } from "@tgstats/platform";
import { planReportCharts } from "@tgstats/charts";
import { ReportBuilder, type ReportJson, type ReportState } from "@tgstats/engine";
import { expectedBatches } from "./helpers/album-batches.js";
import type { FakeBotApi } from "@tgstats/sandbox";
import { readAll } from "./helpers/read-export.js";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { expectWordsWithinBound, restReport } from "./helpers/rest-report.js";
import {
  BOT_TOKEN,
  reportFromExport,
  startSeedBotApi,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";
import {
  runStatsJobOnFleet,
  expectHashtagsAtRest,
  withoutWordFigures,
  type FleetAccount,
  type FleetRun,
} from "./helpers/worker-fleet.js";

const PREFIX = "tgstats-split-test";
const MESSAGES = 30_000;
const ACCOUNTS: FleetAccount[] = [{ id: 2001 }, { id: 2002 }, { id: 2003 }];

let redis: TestRedis;
let admin: Redis;
let seed: SeedExport;
let reference: ReportJson;
/** What a cache of the export's months answers: rare words cut per month. */
let cachedReference: ReportJson;
/** Every word and phrase of the export, counted exactly. */
let truth: ReportState;
let botApi: FakeBotApi;

/** Runs one stats job of the seed chat on `accounts` (worker processes) from an empty Redis. */
async function runWith(
  accounts: FleetAccount[],
  beforeJob?: () => Promise<void>,
): Promise<FleetRun> {
  await admin.flushall();
  return runStatsJobOnFleet({
    redisUrl: redis.url,
    botApi,
    botToken: BOT_TOKEN,
    keyPrefix: PREFIX,
    exportPath: seed.path,
    accounts,
    env: { SPLIT_MIN_MESSAGES: "10000", CHECKPOINT_EVERY_PAGES: "50", LOG_LEVEL: "info" },
    job: statsJob(seed),
    // 12 s on a quiet machine; ten times that beside other suites and CPU hogs.
    jobTimeoutMs: 300_000,
    chat: {
      kind: "channel",
      id: seed.chatId,
      name: reference.chat.name,
      type: "private_supergroup",
    },
    beforeJob,
  });
}

beforeAll(async () => {
  redis = await startTestRedis();
  admin = new Redis(redis.url);
  seed = await writeSeedExport({
    messages: MESSAGES,
    spanDays: 500,
    people: 40,
    chatId: 1_650_000_060,
  });
  reference = await reportFromExport(seed.path, { timeZone: "UTC" });
  const [chat] = await readAll(seed.path);
  cachedReference = restReport(chat!.messages, chat!.info);
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(chat!.messages);
  truth = builder.state;
  botApi = await startSeedBotApi(seed);
}, 120_000);

afterAll(async () => {
  await botApi.close();
  admin.disconnect();
  await redis.stop();
});

describe("a history read split across accounts", () => {
  let single: FleetRun;

  it("reads a 30k-message supergroup with one account, unsplit, into the export's report", async () => {
    single = await runWith(ACCOUNTS.slice(0, 1));
    expect(single.parts).toEqual([]);
    expect(single.result.fetchedMessages).toBe(MESSAGES);
    expect(single.cachedReport).toEqual(cachedReference);
    expect(withoutWordFigures(single.cachedReport)).toEqual(withoutWordFigures(reference));
    expectHashtagsAtRest(single.cachedReport, reference);
    expectWordsWithinBound(single.cachedReport, truth);
    expect(single.albums).toBe(expectedBatches(planReportCharts(reference).length).albums.length);
  }, 360_000);

  it("splits it across 3 accounts, one part each, and returns the same report as 1 account", async () => {
    const split = await runWith(ACCOUNTS);
    expect(split.parts.map((part) => part.accountId).sort()).toEqual([2001, 2002, 2003]);
    const partMessages = split.parts.reduce((sum, part) => sum + part.fetchedMessages, 0);
    expect(partMessages).toBe(single.result.fetchedMessages);
    // The parts cut the rare words of their partial months apart: only word figures
    // may differ, and within the bound the report states.
    expect(withoutWordFigures(split.cachedReport)).toEqual(withoutWordFigures(single.cachedReport));
    expectWordsWithinBound(split.cachedReport, truth);
    expect(split.summary).toBe(single.summary);
    expect(split.albums).toBe(expectedBatches(planReportCharts(reference).length).albums.length);
  }, 360_000);

  it("reads a part itself when the account it went to cannot read the chat", async () => {
    // Account 2003 is not in the chat, but the directory is told it is: its part fails for good.
    const accounts = [ACCOUNTS[0]!, ACCOUNTS[1]!, { id: 2003, memberOf: [-1] }];
    const outcome = await runWith(accounts, async () => {
      await new ChatDirectory(admin, redisKeys(PREFIX).readers).publish(
        { id: 2003, username: "tgstats_reader_2003" },
        [seed.botApiChatId],
        600_000,
      );
    });
    expect(outcome.parts.map((part) => part.accountId).sort()).toEqual([2001, 2002]);
    expect(withoutWordFigures(outcome.cachedReport)).toEqual(
      withoutWordFigures(single.cachedReport),
    );
    expectWordsWithinBound(outcome.cachedReport, truth);
    expect(outcome.summary).toBe(single.summary);
    expect(outcome.albums).toBe(expectedBatches(planReportCharts(reference).length).albums.length);
  }, 360_000);
});
