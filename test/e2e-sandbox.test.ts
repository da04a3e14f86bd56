import { readFileSync } from "node:fs";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATS_QUEUE, accountQueueName } from "@tgstats/platform";
import type { ReportJson } from "@tgstats/engine";
import { planReportCharts } from "@tgstats/charts";
import { expectedBatches } from "./helpers/album-batches.js";
import { waitForResults } from "@tgstats/sandbox";
import { SANDBOX_MEMBER, startSandboxSystem, type SandboxSystem } from "@tgstats/sandbox";
import type { BotApiUser, FakeBotApiCall } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { reportFromExport, writeSeedExport, type SeedExport } from "./helpers/worker-harness.js";
import { waitUntil } from "./helpers/worker-process.js";

const PREFIX = "tgstats-e2e";
const second: BotApiUser = {
  id: 500_000_002,
  is_bot: false,
  first_name: "Second",
  language_code: "en",
};
const outsider: BotApiUser = {
  id: 500_000_099,
  is_bot: false,
  first_name: "Outsider",
  language_code: "en",
};

let redis: TestRedis;
let seed: SeedExport;
let reference: ReportJson;
let system: SandboxSystem;
let queue: Queue;
/** The sandbox account's own queue: jobs for the group it reads are routed there. */
let accountQueue: Queue;
const logs: string[] = [];

/** Calls in `chatId` after the first `from` calls. */
function callsSince(from: number, chatId: number): FakeBotApiCall[] {
  return system.botApi.calls.slice(from).filter((call) => call.chatId === chatId);
}

/** Jobs in the shared and the account queue, whatever their state. */
async function jobCount(): Promise<number> {
  let total = 0;
  for (const candidate of [queue, accountQueue]) {
    const counts = await candidate.getJobCounts(
      "waiting",
      "active",
      "delayed",
      "completed",
      "failed",
    );
    total += Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
  return total;
}

/** Waits until the bot has answered in `chatId` since call `from`, returning the answer texts. */
async function answers(from: number, chatId: number, count = 1): Promise<string[]> {
  return waitUntil(
    () => {
      const texts = callsSince(from, chatId)
        .filter((call) => call.ok && call.method === "sendMessage")
        .map((call) => call.text ?? "");
      return texts.length >= count ? texts : undefined;
    },
    20_000,
    `${count} answer(s) in chat ${chatId}`,
  );
}

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 1500, spanDays: 90, people: 10 });
  reference = await reportFromExport(seed.path, { timeZone: "UTC" });
  system = await startSandboxSystem({
    exportPath: seed.path,
    redisUrl: redis.url,
    keyPrefix: PREFIX,
    // Slow enough that the fetch outlasts one 3 s progress interval.
    env: { TG_EMULATOR_LATENCY_MS: "250", LOG_LEVEL: "warn" },
    log: (line) => logs.push(line),
  });
  system.botApi.setChatMember(system.botChatId, second.id, "member");
  system.botApi.addUser(second);
  system.botApi.addUser(outsider);
  queue = new Queue(STATS_QUEUE, { connection: { url: redis.url }, prefix: PREFIX });
  accountQueue = new Queue(accountQueueName(777_000_001), {
    connection: { url: redis.url },
    prefix: PREFIX,
  });
  system.startBot();
  await system.botApi.waitFor((call) => call.method === "deleteWebhook", 30_000);
}, 60_000);

afterAll(async () => {
  await queue.close();
  await accountQueue.close();
  await system.stop();
  await redis.stop();
});

describe("the whole system on loopback (bot, worker, fake Bot API, emulator, Redis)", () => {
  it("answers /stats at once, waits without a worker, then delivers progress, an album and a summary once one starts", async () => {
    const from = system.botApi.calls.length;
    system.send("/stats");
    const [status] = await answers(from, system.botChatId);
    expect(status).toBe("Queued, you are next. The results will appear in this chat.");
    // The status message goes out first (the job carries its id), the job right after it.
    await waitUntil(async () => ((await jobCount()) > 0 ? true : undefined), 30_000, "the job");
    expect(await jobCount()).toBe(1);
    system.startWorker();
    const mine = await waitForResults(system.botApi, system.botChatId, 120_000, { fromCall: from });
    expect(mine.filter((call) => call.method === "editMessageText").length).toBeGreaterThanOrEqual(
      1,
    );
    const album = mine.find((call) => call.method === "sendMediaGroup");
    expect(album?.files.length).toBeGreaterThanOrEqual(4);
    for (const file of album!.files)
      expect(file.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    const summary = mine.filter((call) => call.method === "sendMessage").at(-1)?.text ?? "";
    expect(summary).toContain(new Intl.NumberFormat("en").format(reference.totals.messages));
  }, 180_000);

  it("gives two people asking at once one job, and answers both", async () => {
    await waitUntil(
      async () =>
        (await queue.getActiveCount()) + (await accountQueue.getActiveCount()) === 0
          ? true
          : undefined,
      60_000,
      "an idle queue",
    );
    const jobsBefore = await jobCount();
    const from = system.botApi.calls.length;
    system.send("/stats 2022");
    system.send("/stats 2022", { user: second });
    const texts = await answers(from, system.botChatId, 2);
    expect(texts).toContain(
      "This is already being computed; the results will appear in this chat.",
    );
    await waitForResults(system.botApi, system.botChatId, 120_000, { fromCall: from });
    expect((await jobCount()) - jobsBefore).toBe(1);
    const albums = callsSince(from, system.botChatId).filter(
      (call) => call.ok && call.method === "sendMediaGroup",
    );
    // One report: as many media groups as its album needs.
    expect(albums).toHaveLength(expectedBatches(planReportCharts(reference).length).albums.length);
  }, 180_000);

  it("refuses a non-member asking for the private group in private chat, and enqueues nothing", async () => {
    const jobsBefore = await jobCount();
    const from = system.botApi.calls.length;
    system.send(`/stats ${system.botChatId}`, { user: outsider, chatId: outsider.id });
    const [answer] = await answers(from, outsider.id);
    expect(answer).toBe(
      "You can see the statistics of this chat only if you are a member of it. Ask inside the group, or ask one of its members.",
    );
    expect(await jobCount()).toBe(jobsBefore);
  });

  it("answers malformed arguments with what was wrong and the usage, and enqueues nothing", async () => {
    const jobsBefore = await jobCount();
    const from = system.botApi.calls.length;
    system.send("/stats 2024-02-30");
    const [answer] = await answers(from, system.botChatId);
    expect(answer).toMatch(
      /^"2024-02-30" is not a date\. Write dates as 2024, 2024-03 or 2024-03-31\.\n/,
    );
    expect(answer).toContain("Usage: /stats [period] [@user] [time zone]");
    expect(await jobCount()).toBe(jobsBefore);
  });

  it("makes a report of a result.json sent as a document in private chat", async () => {
    const fileId = system.botApi.addFile("e2e-export", readFileSync(seed.path), "result.json");
    const from = system.botApi.calls.length;
    system.botApi.pushUpdate({
      message: {
        message_id: 9001,
        date: Math.floor(Date.now() / 1000),
        from: SANDBOX_MEMBER,
        chat: { id: SANDBOX_MEMBER.id, type: "private", first_name: SANDBOX_MEMBER.first_name },
        document: {
          file_id: fileId,
          file_unique_id: "e2e-export-u",
          file_name: "result.json",
          mime_type: "application/json",
          file_size: readFileSync(seed.path).length,
        },
      },
    });
    await waitForResults(system.botApi, SANDBOX_MEMBER.id, 120_000, { fromCall: from });
    const summary =
      callsSince(from, SANDBOX_MEMBER.id)
        .filter((call) => call.method === "sendMessage")
        .at(-1)?.text ?? "";
    expect(summary).toContain(new Intl.NumberFormat("en").format(reference.totals.messages));
  }, 180_000);

  it("answers 'temporarily unavailable' within 2 s when Redis is down", async () => {
    await redis.kill!();
    const from = system.botApi.calls.length;
    const sentAt = Date.now();
    system.send("/stats 7d");
    const [answer] = await answers(from, system.botChatId);
    expect(Date.now() - sentAt).toBeLessThan(2000);
    expect(answer).toBe("The bot is temporarily unavailable, try again in a minute.");
    await redis.restart!();
  });
});
