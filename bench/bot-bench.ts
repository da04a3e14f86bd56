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
 * - `polling`: the bot long-polls the fake server (`bot.start()`), the 200
 *   updates are pushed at once; latency runs from the push to the same point.
 *   grammY's built-in polling handles one update at a time, so this shows the
 *   queueing a single poller adds.
 *
 * The fake server runs in a worker thread, like Telegram on other machines:
 * its HTTP and validation work does not share the bot's event loop.
 *
 * The bot thread's cost per request is printed too: event-loop busy time, its
 * on-CPU time (which leaves out waiting for a core, so it holds best on a shared
 * machine), its GC pauses and what it allocated; and the fake server thread's on-CPU time, the
 * part of the burst that is Telegram's, not ours.
 *
 * Run: node --conditions=source --import tsx bench/bot-bench.ts [--mode handle|polling] [--updates 200] [--rounds 5]
 */
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { GCProfiler, getHeapStatistics } from "node:v8";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { Queue } from "bullmq";
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
import { PRODUCER_REDIS_OPTIONS, createBot } from "@tgstats/bot";
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
    },
  });
  const mode = values.mode === "polling" ? "polling" : "handle";
  const settings: BenchSettings = {
    updatesPerRound: Number(values.updates),
    rounds: Number(values.rounds),
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
  mode: "handle" | "polling",
  redisUrl: string,
  apiRoot: string,
  serverThread: Worker,
): Promise<void> {
  const connection = new Redis(redisUrl, PRODUCER_REDIS_OPTIONS);
  await once(connection, "ready");
  const prefix = "tgstats-bench";
  const queue = new Queue<StatsJobInput, StatsJobResult>(STATS_QUEUE, { connection, prefix });
  const bot = createBot({
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
  });
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
  const polling = mode === "polling" ? bot.start({ drop_pending_updates: true }) : null;

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
  for (let round = 0; round < WARM_UP_ROUNDS + settings.rounds; round++) {
    await queue.obliterate({ force: true });
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
    for (let tries = 0; tries < 100 && jobs < settings.updatesPerRound; tries++) {
      jobs = (await queue.getJobCounts("wait")).wait ?? 0;
      if (jobs < settings.updatesPerRound) await new Promise((resolve) => setTimeout(resolve, 5));
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
    if (jobs !== settings.updatesPerRound)
      throw new Error(`round ${round}: ${jobs} jobs, expected ${settings.updatesPerRound}`);
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

  if (polling !== null) {
    await bot.stop();
    await polling;
  }
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
}

if (isMainThread) await main();
else await serveFakeBotApi(workerData as BenchSettings);
