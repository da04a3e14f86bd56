/**
 * `npm run bench:pulse`: the owner's pulse of an account with 200 dialogs ×
 * 24 months, counted over the MTProto adapter from the Telegram emulator with
 * 50 ms latency and a flood policy of 30 requests per 30 s per method (a
 * long FLOOD_WAIT delays the job, which resumes from the cache): the first
 * run, a repeat in the same month with new messages in a fifth of the
 * chats, and a repeat after the month ended. Also writes the pulse charts of
 * the sandbox's life-story chats to out/bench-pulse/ to look at, and ends
 * with `bench:first-look` (a 1M-message supergroup's first look).
 *
 * Time runs on a virtual clock (latency, flood waits and delays advance it
 * at once); CPU figures are real. Redis is a throwaway redis-server.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { ChatTally, toPulseJson, ZoneClock, type ChatInfo } from "@tgstats/engine";
import { PulseCountCache } from "@tgstats/platform";
import { startRedisProcess } from "@tgstats/sandbox";
import {
  LIFE_STORIES,
  TelegramEmulator,
  VirtualClock,
  createEmulatedClient,
  lifeStoryChat,
  lifeStoryChats,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import {
  countAccountPulse,
  pulseMonths,
  type CountedDialog,
  type PulseMonths,
} from "@tgstats/worker";
import {
  FloodWaitDelayError,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import { createMessage } from "@tgstats/engine";
import { runFirstLookBench } from "./first-look-bench.js";

const DIALOGS = 200;
const MONTHS = 24;
const LATENCY_MS = 50;
const POLICY = { requests: 30, perSeconds: 30 };
const FLOOD_SLEEP_THRESHOLD_S = 10;
const ACCOUNT = { id: 4242, username: "bench_reader", firstName: "Bench" };
const NOW_UNIX = Date.parse("2026-12-07T12:00:00Z") / 1000;
const OUT_DIR = "out/bench-pulse";

interface RunFigures {
  requests: Map<string, number>;
  delays: number;
  virtualMs: number;
  cpuMs: number;
}

/** 200 dialogs: every life story, every kind, from a few messages a month to a few hundred. */
function benchDialogs(): EmulatedChat[] {
  const kinds: Omit<ChatInfo, "id" | "name">[] = [
    { kind: "channel", type: "private_supergroup" },
    { kind: "chat", type: "private_group" },
    { kind: "channel", type: "private_channel" },
    { kind: "user", type: "personal_chat" },
  ];
  return Array.from({ length: DIALOGS }, (_, index) => {
    const kind = kinds[index % kinds.length]!;
    const id = kind.kind === "channel" ? 1_800_000_000 + index : 800_000 + index;
    const info = { ...kind, id, name: `Chat ${index}` } as ChatInfo;
    return lifeStoryChat({
      info,
      story: LIFE_STORIES[index % LIFE_STORIES.length]!,
      account: ACCOUNT,
      months: MONTHS,
      // One chat in twenty is big (up to 2,000 messages a month): positions beat pages there.
      peakPerMonth: index % 20 === 7 ? 2000 : 5 + ((index * 37) % 300),
      nowUnix: NOW_UNIX,
      seed: index,
    });
  });
}

/** One count as the job does it: a long flood wait delays the job, which then runs again. */
async function run(
  account: TelegramAccount,
  clock: VirtualClock,
  cache: PulseCountCache,
  months: PulseMonths,
): Promise<{ figures: RunFigures; dialogs: CountedDialog[] }> {
  const before = new Map(account.requestCounts);
  const startedMs = clock.now();
  const cpu = process.cpuUsage();
  let delays = 0;
  for (;;) {
    try {
      const dialogs = await countAccountPulse(
        { account, cache, timeZone: "UTC", sleep: clock.sleep },
        months,
        new AbortController().signal,
      );
      const used = process.cpuUsage(cpu);
      const requests = new Map<string, number>();
      for (const [method, count] of account.requestCounts)
        requests.set(method, count - (before.get(method) ?? 0));
      return {
        figures: {
          requests,
          delays,
          virtualMs: clock.now() - startedMs,
          cpuMs: (used.user + used.system) / 1000,
        },
        dialogs,
      };
    } catch (error) {
      if (!(error instanceof FloodWaitDelayError)) throw error;
      delays++;
      clock.advance(error.seconds * 1000);
    }
  }
}

function line(label: string, figures: RunFigures): string {
  const history = figures.requests.get("messages.GetHistory") ?? 0;
  const search = figures.requests.get("messages.Search") ?? 0;
  const dialogs = figures.requests.get("messages.GetDialogs") ?? 0;
  return (
    `${label.padEnd(34)} ${String(history).padStart(5)} GetHistory ${String(search).padStart(5)} Search ` +
    `${String(dialogs).padStart(2)} GetDialogs | ${(figures.virtualMs / 60_000).toFixed(1).padStart(6)} min virtual, ` +
    `${figures.delays} job delays, ${(figures.cpuMs / 1000).toFixed(1)} s CPU`
  );
}

/** The sandbox's life-story chats counted the same way, drawn as the owner gets them. */
async function writeDemoCharts(cache: PulseCountCache): Promise<string[]> {
  const clock = new VirtualClock(NOW_UNIX * 1000);
  const emulator = new TelegramEmulator({
    account: ACCOUNT,
    chats: lifeStoryChats(ACCOUNT, NOW_UNIX),
  });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
    sleep: clock.sleep,
  });
  const months = pulseMonths(new ZoneClock("UTC"), NOW_UNIX, MONTHS);
  const { dialogs } = await run(account, clock, cache, months);
  await account.destroy();
  const tallies = dialogs.map((dialog) => {
    const tally = new ChatTally(dialog.info);
    for (const [month, count] of dialog.months) tally.count(month, count.messages, count.own);
    tally.total = dialog.total;
    return tally;
  });
  const pulse = toPulseJson(tallies, {
    timeZoneName: "UTC",
    ownerId: ACCOUNT.id,
    lastMonth: months.indexes.at(-1)!,
  });
  const { renderPulseCharts } = await import("@tgstats/charts");
  const charts = await renderPulseCharts(pulse, { language: "en" });
  await mkdir(OUT_DIR, { recursive: true });
  const written: string[] = [];
  for (const chart of charts) {
    const file = path.join(OUT_DIR, chart.name);
    await writeFile(file, chart.png);
    written.push(file);
  }
  await writeFile(path.join(OUT_DIR, "pulse.json"), `${JSON.stringify(pulse, null, 2)}\n`);
  return written;
}

async function main(): Promise<void> {
  const redisServer = await startRedisProcess();
  const redis = new Redis(redisServer.url);
  try {
    const chats = benchDialogs();
    const messages = chats.reduce((sum, chat) => sum + chat.messages.length, 0);
    const clock = new VirtualClock(NOW_UNIX * 1000);
    const emulator = new TelegramEmulator({
      account: ACCOUNT,
      chats,
      latencyMs: LATENCY_MS,
      floodPolicy: {
        "messages.GetHistory": POLICY,
        "messages.Search": POLICY,
        "messages.GetDialogs": POLICY,
      },
      now: clock.now,
      sleep: clock.sleep,
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
      floodSleepThresholdSeconds: FLOOD_SLEEP_THRESHOLD_S,
      sleep: clock.sleep,
    });
    const cache = new PulseCountCache(redis, { ttlSeconds: 86_400, prefix: "bench:cache" });
    const december = pulseMonths(new ZoneClock("UTC"), NOW_UNIX, MONTHS);

    const first = await run(account, clock, cache, december);
    // A fifth of the chats get one message today.
    clock.advance(3600_000);
    for (const chat of chats.filter((_, index) => index % 5 === 0))
      emulator.addMessages(chat.info.id, [
        createMessage({
          id: chat.messages.length + 1_000_000,
          dateUnix: NOW_UNIX + 60,
          text: "new",
        }),
      ]);
    const repeat = await run(account, clock, cache, december);
    // January: December has ended; a tenth of the chats wrote in January.
    const januaryNow = Date.parse("2027-01-05T12:00:00Z") / 1000;
    for (const chat of chats.filter((_, index) => index % 10 === 1))
      emulator.addMessages(chat.info.id, [
        createMessage({ id: chat.messages.length + 2_000_000, dateUnix: januaryNow, text: "new" }),
      ]);
    const january = pulseMonths(new ZoneClock("UTC"), januaryNow, MONTHS);
    const rollover = await run(account, clock, cache, january);
    await account.destroy();

    const withMessages = first.dialogs.filter((dialog) => dialog.total > 0).length;
    const oldWay = DIALOGS * (MONTHS + 1);
    const readAll = Math.ceil(messages / 100) + DIALOGS;
    const paceMs = (POLICY.perSeconds * 1000) / POLICY.requests;
    console.log(
      `pulse bench: ${DIALOGS} dialogs (${withMessages} with messages, ${messages} messages in all) × ${MONTHS} months; ` +
        `${LATENCY_MS} ms latency, ${POLICY.requests} requests / ${POLICY.perSeconds} s per method, ` +
        `flood-sleep threshold ${FLOOD_SLEEP_THRESHOLD_S} s; node ${process.version}, ${os.cpus().length} cores`,
    );
    console.log("time is VIRTUAL (emulator clock); CPU times are real");
    console.log(line("first run", first.figures));
    console.log(line("repeat, 40 chats with a new message", repeat.figures));
    console.log(line("next month, 20 chats wrote in it", rollover.figures));
    const firstRequests = sum(first.figures.requests);
    console.log(
      `for comparison: 25 positions a dialog every time (before the cache) = ${oldWay} GetHistory ≈ ${((oldWay * paceMs) / 60_000).toFixed(0)} min; ` +
        `reading every message = ${readAll} GetHistory ≈ ${((readAll * paceMs) / 60_000).toFixed(0)} min`,
    );
    console.log(
      `ratios: first run ${(firstRequests / oldWay).toFixed(2)}× the old requests (with the owner's share added); ` +
        `repeat ${(sum(repeat.figures.requests) / firstRequests).toFixed(3)}× the first run`,
    );
    const charts = await writeDemoCharts(
      new PulseCountCache(redis, { ttlSeconds: 600, prefix: "demo:cache" }),
    );
    console.log(`life-story demo charts: ${charts.join(", ")}`);
  } finally {
    redis.disconnect();
    await redisServer.stop();
  }
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

await main();
// The first look of a 1M-message supergroup, against its full read.
console.log("");
await runFirstLookBench();
