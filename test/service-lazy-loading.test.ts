/**
 * The bot and the worker load what they need when they need it: the bot never
 * loads the report engine (only `@tgstats/engine/primitives`) nor the charts;
 * the worker starts without ECharts, Skia or the fonts and loads them for its
 * first report. Checked on the modules the real processes resolve.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import type { FakeBotApi } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { modulesMatching, recordImports } from "./helpers/imported-modules.js";
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

const CHART_DRAWING = [
  /\/echarts\//,
  /\/zrender\//,
  /@napi-rs\/canvas/,
  /\/packages\/charts\/src\/render-chart\.ts$/,
];

/** The interactive page's maker, loaded with the first report as the charts are. */
const PAGE_MAKING = [/\/packages\/report-html\/src\/report-html\.ts$/];

let redis: TestRedis;
let seed: SeedExport;
let botApi: FakeBotApi;
const processes: WorkerProcess[] = [];

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
    const record = recordImports();
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
      .map((url) => url.replace(/^.*\/packages\/engine\/src\//, ""));
    expect(engine.length).toBeGreaterThan(0);
    expect(new Set(engine)).toEqual(
      new Set(["primitives.ts", "model/message.ts", "time/zone-clock.ts", "text/cut-text.ts"]),
    );
    expect(
      modulesMatching(modules, [/\/packages\/charts\//, /\/node_modules\/stopword\//]),
    ).toEqual([]);
  });

  it("the worker starts without the chart renderer and the page maker and loads them for its first report", async () => {
    const record = recordImports();
    const worker = startWorkerProcess({
      ...record.env,
      REDIS_URL: redis.url,
      BOT_TOKEN,
      BOT_API_ROOT: botApi.apiRoot,
      TG_EMULATOR_EXPORT: seed.path,
    });
    processes.push(worker);
    await readyLine(worker, "worker ready");
    expect(modulesMatching(record.modules(), CHART_DRAWING)).toEqual([]);
    expect(modulesMatching(record.modules(), PAGE_MAKING)).toEqual([]);

    const stats = await openStatsQueue({ url: redis.url, maxRetriesPerRequest: null });
    const job = await stats.queue.add("stats", statsJob(seed) as StatsJobData);
    await job.waitUntilFinished(stats.events, 60_000);
    await stats.close();
    const drawing = modulesMatching(record.modules(), CHART_DRAWING);
    expect(drawing.some((url) => url.endsWith("/packages/charts/src/render-chart.ts"))).toBe(true);
    expect(drawing.some((url) => url.includes("/echarts/"))).toBe(true);
    expect(modulesMatching(record.modules(), PAGE_MAKING)).toHaveLength(1);
  });
});
