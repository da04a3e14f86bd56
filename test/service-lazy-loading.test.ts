/**
 * The bot and the worker load what they need when they need it: the bot never
 * loads the report engine (only `@tgstats/engine/primitives`) nor the charts;
 * the worker starts without ECharts, Skia or the fonts and loads them for its
 * first report. Checked on the modules the real processes resolve.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { FakeBotApi } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { makeTempDir } from "./helpers/temp-dir.js";
import {
  BOT_TOKEN,
  openStatsQueue,
  startSeedBotApi,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";
import {
  killWorkers,
  logLines,
  startBotProcess,
  startWorkerProcess,
  waitUntil,
  type WorkerProcess,
} from "./helpers/worker-process.js";

const RECORDER = path.resolve("test/helpers/import-recorder.js");
const CHART_DRAWING = [
  /\/echarts\//,
  /\/zrender\//,
  /@napi-rs\/canvas/,
  /\/packages\/charts\/dist\/render-chart\.js$/,
];

let redis: TestRedis;
let seed: SeedExport;
let botApi: FakeBotApi;
const processes: WorkerProcess[] = [];

/** Environment that makes a process write every module URL it resolves to the returned file. */
function recording(): { env: Record<string, string>; modules: () => string[] } {
  const file = path.join(makeTempDir("tgstats-service-imports-"), "modules.txt");
  return {
    env: { NODE_OPTIONS: `--import=${RECORDER}`, RECORD_IMPORTS_TO: file },
    modules: () => readFileSync(file, "utf8").trim().split("\n"),
  };
}

function matching(modules: string[], patterns: RegExp[]): string[] {
  return modules.filter((url) => patterns.some((pattern) => pattern.test(url)));
}

async function readyLine(service: WorkerProcess, message: string): Promise<void> {
  await waitUntil(
    () => logLines(service).find((line) => line.msg === message),
    60_000,
    `the "${message}" log line`,
  );
}

beforeAll(async () => {
  redis = await startTestRedis();
  seed = await writeSeedExport({ messages: 300, spanDays: 40, people: 4 });
  botApi = await startSeedBotApi(seed);
}, 60_000);

afterAll(async () => {
  await killWorkers(processes);
  await botApi.close();
  await redis.stop();
});

describe("services load what they need", () => {
  it("the bot, polling, has loaded only the engine's primitives and nothing of the charts", async () => {
    const record = recording();
    const bot = startBotProcess({
      ...record.env,
      REDIS_URL: redis.url,
      BOT_TOKEN,
      BOT_API_ROOT: botApi.apiRoot,
      REDIS_KEY_PREFIX: "tgstats-test-lazy-bot",
    });
    processes.push(bot);
    await readyLine(bot, "bot polling");
    const modules = record.modules();
    const engine = modules
      .filter((url) => url.includes("/packages/engine/"))
      .map((url) => url.replace(/^.*\/packages\/engine\/dist\//, ""));
    expect(engine.length).toBeGreaterThan(0);
    expect(new Set(engine)).toEqual(
      new Set(["primitives.js", "model/message.js", "time/zone-clock.js", "text/cut-text.js"]),
    );
    expect(matching(modules, [/\/packages\/charts\//, /\/node_modules\/stopword\//])).toEqual([]);
  });

  it("the worker starts without the chart renderer and loads it for its first report", async () => {
    const record = recording();
    const worker = startWorkerProcess({
      ...record.env,
      REDIS_URL: redis.url,
      BOT_TOKEN,
      BOT_API_ROOT: botApi.apiRoot,
      TG_EMULATOR_EXPORT: seed.path,
    });
    processes.push(worker);
    await readyLine(worker, "worker ready");
    expect(matching(record.modules(), CHART_DRAWING)).toEqual([]);

    const stats = await openStatsQueue({ url: redis.url, maxRetriesPerRequest: null });
    const job = await stats.queue.add("stats", statsJob(seed) as StatsJobData);
    await job.waitUntilFinished(stats.events, 60_000);
    await stats.close();
    const drawing = matching(record.modules(), CHART_DRAWING);
    expect(drawing.some((url) => url.endsWith("/packages/charts/dist/render-chart.js"))).toBe(true);
    expect(drawing.some((url) => url.includes("/echarts/"))).toBe(true);
  });
});
