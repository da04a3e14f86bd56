/**
 * The bot's fast answer under load: 200 concurrent `/stats` updates, each from
 * another user in another group, through the real bot (createBot) into a real
 * Redis (throwaway redis-server) and BullMQ, answering through the fake Bot
 * API server over loopback HTTP. Prints p50/p99 from update to the "Queued"
 * status message (target p99 ≤ 100 ms) and jobs enqueued per second.
 *
 * Modes:
 * - `handle` (default): the 200 updates go to `bot.handleUpdate` at once — the
 *   bot's own per-update path under concurrency. Latency runs from the
 *   handleUpdate call to the bot receiving the answer to its status message's
 *   sendMessage.
 * - `polling`: the bot long-polls the fake server the way production does
 *   (grammY runner with BOT_RUNNER_OPTIONS), the 200 updates are pushed at
 *   once; latency runs from the push to the same point.
 * - `floor`: what is physically possible here — a bare grammY bot whose
 *   `/stats` only sends the status message (same undici fetch, same fake
 *   server thread, no Redis, no job), fed like `handle`. Whatever the real bot
 *   adds on top of this is ours to cut.
 *
 * The fake server runs in a worker thread, like Telegram on other machines:
 * its HTTP and validation work does not share the bot's event loop.
 *
 * The bot thread's cost per request is printed too: event-loop busy time, its
 * on-CPU time (which leaves out waiting for a core, so it holds best on a shared
 * machine), its GC pauses and what it allocated; and the fake server thread's on-CPU time, the
 * part of the burst that is Telegram's, not ours.
 *
 * `--profile <dir>` writes a CPU profile (`bot.cpuprofile`) and a sampling
 * heap profile of what was allocated (`bot.heapprofile`) of the bot thread
 * over the counted rounds only, for Chrome DevTools or `node --cpu-prof`'s tools.
 *
 * Run: node --conditions=source --import tsx bench/bot-bench.ts [--mode handle|polling|floor] [--updates 200] [--rounds 5] [--profile dir]
 */
import { once } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { GCProfiler, getHeapStatistics } from "node:v8";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { run } from "@grammyjs/runner";
import { Queue } from "bullmq";
import { Bot } from "grammy";
import { Redis } from "ioredis";
import { pino } from "pino";
import {
  ChatCache,
  redisKeys,
  STATS_QUEUE,
  type StatsJobInput,
  type StatsJobResult,
} from "@tgstats/platform";
import { startFakeBotApi } from "@tgstats/sandbox";
import { loadBotConfig } from "@tgstats/bot";
import {
  BOT_RUNNER_OPTIONS,
  PRODUCER_REDIS_OPTIONS,
  createBot,
  createBotApiFetch,
} from "@tgstats/bot";
import { startTestRedis } from "../test/helpers/redis-server.js";
import { threadCpuMs } from "./helpers/bench-processes.js";

const TOKEN = "7000:bench";
const P99_TARGET_MS = 100;
/** Rounds run first and not counted: JIT, Lua scripts, HTTP keep-alive sockets. */
const WARM_UP_ROUNDS = 3;
const FIRST_GROUP_ID = -1_005_000_000_000;
const FIRST_USER_ID = 10_000;

interface BenchSettings {
  updatesPerRound: number;
  rounds: number;
  /** Folder for the bot thread's CPU and allocation profiles of the counted rounds, if any. */
  profileDir?: string;
}

/** Messages between the bench and the server thread. */
type ToServer = { kind: "push"; update: object } | { kind: "cpu" } | { kind: "close" };
type FromServer =
  { kind: "ready"; apiRoot: string } | { kind: "cpu"; ms: number | null } | { kind: "closed" };

function chatIdOf(round: number, index: number): number {
  return FIRST_GROUP_ID - round * 10_000 - index;
}

/** A `/stats` message from user `index` in group `index`: no two requests share a job or a limit. */
function statsUpdate(round: number, index: number): { message: Record<string, unknown> } {
  return {
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatIdOf(round, index), type: "supergroup", title: `Group ${index}` },
      from: {
        id: FIRST_USER_ID + index,
        is_bot: false,
        first_name: `User ${index}`,
        language_code: "en",
      },
      text: "/stats 30d",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
}

/** The server thread: the fake Bot API with every group of every round registered. */
async function serveFakeBotApi(settings: BenchSettings): Promise<void> {
  const port = parentPort!;
  const server = await startFakeBotApi({ token: TOKEN });
  for (let round = 0; round < WARM_UP_ROUNDS + settings.rounds; round++)
    for (let index = 0; index < settings.updatesPerRound; index++)
      server.addChat({ id: chatIdOf(round, index), type: "supergroup", title: `Group ${index}` });
  port.on("message", (message: ToServer) => {
    if (message.kind === "push") server.pushUpdate(message.update);
    else if (message.kind === "cpu")
      port.postMessage({ kind: "cpu", ms: threadCpuMs() } satisfies FromServer);
    else
      void server.close().then(() => {
        port.postMessage({ kind: "closed" } satisfies FromServer);
        port.close();
      });
  });
  port.postMessage({ kind: "ready", apiRoot: server.apiRoot } satisfies FromServer);
}

/** Starts the CPU profiler (0.1 ms samples) and the sampling heap profiler on this thread. */
async function startProfiles(session: Session): Promise<void> {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  await session.post("HeapProfiler.enable");
  // Every allocation counts, also what the next GC frees: that is the garbage a request costs.
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

/** Stops both profilers and writes `bot.cpuprofile` and `bot.heapprofile` to `dir`. */
async function writeProfiles(session: Session, dir: string): Promise<void> {
  const { profile } = await session.post("Profiler.stop");
  const { profile: heap } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "bot.cpuprofile"), JSON.stringify(profile));
  await writeFile(path.join(dir, "bot.heapprofile"), JSON.stringify(heap));
  console.log(`profiles of the counted rounds: ${dir}/bot.{cpuprofile,heapprofile}`);
}

/** The floor: a bare bot that answers `/stats` with the status message alone. */
function floorBot(apiRoot: string): Bot {
  const bot = new Bot(TOKEN, { client: { apiRoot, fetch: createBotApiFetch() } });
  bot.command("stats", async (ctx) => {
    await ctx.reply("Queued, 0 ahead", {
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
    });
  });
  return bot;
}

function percentile(sorted: readonly number[], fraction: number): number {
  // Nearest rank: the smallest value with at least `fraction` of the values at or below it.
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mode: { type: "string", default: "handle" },
      updates: { type: "string", default: "200" },
      rounds: { type: "string", default: "5" },
      profile: { type: "string" },
    },
  });
  const mode = values.mode === "polling" || values.mode === "floor" ? values.mode : "handle";
  const settings: BenchSettings = {
    updatesPerRound: Number(values.updates),
    rounds: Number(values.rounds),
    ...(values.profile === undefined ? {} : { profileDir: path.resolve(values.profile) }),
  };
  // A worker thread does not inherit the main thread's tsx loader: register it first.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const serverThread = new Worker(bootstrap, { eval: true, workerData: settings });
  const [ready] = (await once(serverThread, "message")) as [FromServer];
  if (ready.kind !== "ready") throw new Error("the server thread did not start");

  const redis = await startTestRedis();
  try {
    await benchmark(settings, mode, redis.url, ready.apiRoot, serverThread);
  } finally {
    serverThread.postMessage({ kind: "close" } satisfies ToServer);
    await once(serverThread, "message");
    await redis.stop();
  }
}

async function benchmark(
  settings: BenchSettings,
  mode: "handle" | "polling" | "floor",
  redisUrl: string,
  apiRoot: string,
  serverThread: Worker,
): Promise<void> {
  const connection = new Redis(redisUrl, PRODUCER_REDIS_OPTIONS);
  await once(connection, "ready");
  const prefix = "tgstats-bench";
  const queue = new Queue<StatsJobInput, StatsJobResult>(STATS_QUEUE, { connection, prefix });
  const bot: Bot =
    mode === "floor"
      ? floorBot(apiRoot)
      : (createBot({
          config: loadBotConfig({
            BOT_TOKEN: TOKEN,
            REDIS_URL: redisUrl,
            BOT_API_ROOT: apiRoot,
            RATE_LIMIT_USER: "1000/1m",
            RATE_LIMIT_CHAT: "1000/1m",
          }),
          redis: connection,
          queue,
          cache: new ChatCache(connection, { ttlSeconds: 60, prefix: redisKeys(prefix).cache }),
          logger: pino({ level: "silent" }),
          keyPrefix: prefix,
        }) as unknown as Bot);
  await bot.init();
  // The status message is the first sendMessage of each chat; note when its answer arrives.
  const answeredAt = new Map<number, number>();
  let onAnswered: () => void = () => undefined;
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method === "sendMessage") {
      answeredAt.set((payload as { chat_id: number }).chat_id, performance.now());
      onAnswered();
    }
    return result;
  });

  console.log(
    `Bot benchmark (${mode}): ${settings.rounds} rounds of ${settings.updatesPerRound} concurrent /stats updates; ` +
      `${availableParallelism()} CPUs, Node ${process.version}`,
  );
  const polling = mode === "polling" ? run(bot, BOT_RUNNER_OPTIONS) : null;
  // The floor bot enqueues nothing: count its answers as its "jobs".
  const jobsExpected = mode === "floor" ? 0 : settings.updatesPerRound;

  const all: number[] = [];
  let totalJobs = 0;
  let totalElapsedMs = 0;
  let busyMs = 0;
  const cost = {
    botCpuMs: 0,
    gcMs: 0,
    gcCount: 0,
    allocatedBytes: 0,
    serverCpuMs: 0,
    leastRoundCpuMs: Infinity,
  };
  const serverCpuMs = async (): Promise<number | null> => {
    serverThread.postMessage({ kind: "cpu" } satisfies ToServer);
    const [answer] = (await once(serverThread, "message")) as [FromServer];
    return answer.kind === "cpu" ? answer.ms : null;
  };
  const profiler = settings.profileDir === undefined ? null : new Session();
  for (let round = 0; round < WARM_UP_ROUNDS + settings.rounds; round++) {
    await queue.obliterate({ force: true });
    if (profiler !== null && round === WARM_UP_ROUNDS) await startProfiles(profiler);
    answeredAt.clear();
    const startedAt = new Map<number, number>();
    const allAnswered = new Promise<void>((resolve) => {
      onAnswered = () => {
        if (answeredAt.size === settings.updatesPerRound) resolve();
      };
    });
    const serverCpuBeforeMs = await serverCpuMs();
    const gcProfiler = new GCProfiler();
    gcProfiler.start();
    const heapUsedBeforeBytes = getHeapStatistics().used_heap_size;
    const utilization = performance.eventLoopUtilization();
    const botCpuBeforeMs = threadCpuMs();
    const begin = performance.now();
    for (let index = 0; index < settings.updatesPerRound; index++) {
      const update = statsUpdate(round, index);
      startedAt.set(chatIdOf(round, index), performance.now());
      if (polling === null)
        void bot.handleUpdate({ update_id: round * 100_000 + index + 1, ...update } as never);
      else serverThread.postMessage({ kind: "push", update } satisfies ToServer);
    }
    await allAnswered;
    // Each job is added right after its status message; wait for the last ones.
    let jobs = 0;
    for (let tries = 0; tries < 100 && jobs < jobsExpected; tries++) {
      jobs = (await queue.getJobCounts("wait")).wait ?? 0;
      if (jobs < jobsExpected) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsedMs = performance.now() - begin;
    const roundBusyMs = performance.eventLoopUtilization(utilization).active;
    const botCpuAfterMs = threadCpuMs();
    const serverCpuAfterMs = await serverCpuMs();
    const heapUsedAfterBytes = getHeapStatistics().used_heap_size;
    const gcs = gcProfiler.stop().statistics;
    const roundGcMs = gcs.reduce((sum, gc) => sum + gc.cost / 1000, 0);
    const roundGcCount = gcs.length;
    // What the heap grew by between collections, plus what each collection found before it ran.
    let roundAllocatedBytes = heapUsedAfterBytes;
    let lastUsedBytes = heapUsedBeforeBytes;
    for (const gc of gcs) {
      roundAllocatedBytes += gc.beforeGC.heapStatistics.usedHeapSize - lastUsedBytes;
      lastUsedBytes = gc.afterGC.heapStatistics.usedHeapSize;
    }
    roundAllocatedBytes -= lastUsedBytes;
    if (jobs !== jobsExpected)
      throw new Error(`round ${round}: ${jobs} jobs, expected ${jobsExpected}`);
    if (mode === "floor") jobs = answeredAt.size;
    if (round < WARM_UP_ROUNDS) continue;
    const latencies = [...startedAt].map(([chatId, start]) => answeredAt.get(chatId)! - start);
    const sorted = latencies.sort((a, b) => a - b);
    console.log(
      `round ${round - WARM_UP_ROUNDS + 1}: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, ` +
        `${jobs} jobs in ${elapsedMs.toFixed(0)} ms, bot thread busy ${roundBusyMs.toFixed(0)} ms` +
        (botCpuBeforeMs === null || botCpuAfterMs === null
          ? ""
          : `, on CPU ${(botCpuAfterMs - botCpuBeforeMs).toFixed(0)} ms`) +
        `, GC ${roundGcMs.toFixed(0)} ms (${roundGcCount}), ${(roundAllocatedBytes / 1e6).toFixed(1)} MB allocated` +
        (serverCpuBeforeMs === null || serverCpuAfterMs === null
          ? ""
          : `; server thread on CPU ${(serverCpuAfterMs - serverCpuBeforeMs).toFixed(0)} ms`),
    );
    cost.botCpuMs += (botCpuAfterMs ?? 0) - (botCpuBeforeMs ?? 0);
    cost.leastRoundCpuMs = Math.min(
      cost.leastRoundCpuMs,
      (botCpuAfterMs ?? 0) - (botCpuBeforeMs ?? 0),
    );
    cost.serverCpuMs += (serverCpuAfterMs ?? 0) - (serverCpuBeforeMs ?? 0);
    cost.gcMs += roundGcMs;
    cost.gcCount += roundGcCount;
    cost.allocatedBytes += roundAllocatedBytes;
    all.push(...sorted);
    totalJobs += jobs;
    totalElapsedMs += elapsedMs;
    busyMs += roundBusyMs;
  }

  if (profiler !== null) await writeProfiles(profiler, settings.profileDir!);
  const sorted = all.sort((a, b) => a - b);
  const p99 = percentile(sorted, 0.99);
  console.log(
    `\nall rounds: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms ` +
      `(target ≤ ${P99_TARGET_MS} ms: ${p99 <= P99_TARGET_MS ? "ok" : "OVER"}), max ${sorted.at(-1)!.toFixed(1)} ms; ` +
      `${((totalJobs / totalElapsedMs) * 1000).toFixed(0)} jobs enqueued/s; ` +
      `bot thread CPU ${(busyMs / totalJobs).toFixed(2)} ms per request`,
  );
  const perRequest = (ms: number): string => (ms / totalJobs).toFixed(3);
  console.log(
    `per request: bot thread busy ${perRequest(busyMs)} ms, on CPU ${perRequest(cost.botCpuMs)} ms ` +
      `(least round ${(cost.leastRoundCpuMs / settings.updatesPerRound).toFixed(3)} ms), ` +
      `GC ${perRequest(cost.gcMs)} ms (${cost.gcCount} pauses in all), ` +
      `${(cost.allocatedBytes / totalJobs / 1000).toFixed(0)} kB allocated; ` +
      `fake server thread on CPU ${perRequest(cost.serverCpuMs)} ms`,
  );

  if (polling !== null) await polling.stop();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
}

if (isMainThread) await main();
else await serveFakeBotApi(workerData as BenchSettings);
