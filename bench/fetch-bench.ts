/**
 * `npm run bench:fetch`: fetching a 100k-message supergroup through the MTProto
 * adapter from the Telegram emulator with 50 ms latency and a flood policy of
 * 30 GetHistory per 30 s, the way the worker does it (pages of 100; a long
 * FLOOD_WAIT becomes a job delay, then the walk continues from its offset).
 *
 * Time runs on a virtual clock (latency, flood waits and delays advance it at
 * once), so 17 virtual minutes take seconds; CPU figures are real.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Api } from "telegram";
import { writeSyntheticExport } from "@tgstats/sandbox";
import type { Message } from "@tgstats/engine";
import { PeerDirectory } from "@tgstats/worker/mtproto";
import { toLong } from "@tgstats/worker/mtproto";
import { toModelMessage } from "@tgstats/worker/mtproto";
import {
  FloodWaitDelayError,
  botApiIdOf,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
  type ResolvedChat,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  VirtualClock,
  createEmulatedClient,
  emulatedChatsFromExport,
} from "@tgstats/sandbox/telegram-emulator";

const MESSAGES = 100_000;
const LATENCY_MS = 50;
const POLICY = { requests: 30, perSeconds: 30 };
const PAGE = 100;
const FLOOD_SLEEP_THRESHOLD_S = 10;
const TARGET_SHARE = 0.9;

interface WalkResult {
  messages: number;
  highestId: number;
  delays: number;
  delayedSeconds: number;
  virtualMs: number;
  cpuMs: number;
  pages: number;
}

/** The worker's walk: count, then pages of 100; a FloodWaitDelayError delays the job and it resumes at the same offset. */
async function walk(
  account: TelegramAccount,
  chat: ResolvedChat,
  clock: VirtualClock,
  minId: number,
): Promise<WalkResult> {
  const started = clock.now();
  const cpu = process.cpuUsage();
  const result = { messages: 0, highestId: minId, delays: 0, delayedSeconds: 0, pages: 0 };
  const retry = async <T>(call: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof FloodWaitDelayError)) throw error;
        result.delays++;
        result.delayedSeconds += error.seconds;
        clock.advance(error.seconds * 1000);
      }
    }
  };
  await retry(() => account.countMessages(chat, { minId }));
  for (let offsetId: number | null = 0; offsetId !== null;) {
    const current: number = offsetId;
    const page = await retry(() =>
      account.fetchHistoryPage(chat, { offsetId: current, minId, limit: PAGE }),
    );
    result.pages++;
    result.messages += page.messages.length;
    for (const message of page.messages) result.highestId = Math.max(result.highestId, message.id);
    offsetId = page.nextOffsetId;
  }
  const used = process.cpuUsage(cpu);
  return { ...result, virtualMs: clock.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** Real CPU time of the adapter's mapping alone (TL objects → model), on decoded pages. */
async function mappingCost(
  emulator: TelegramEmulator,
  chat: ResolvedChat,
): Promise<{ msPerPage: number; usPerMessage: number }> {
  const pages: Api.messages.ChannelMessages[] = [];
  for (let offsetId = 0, i = 0; i < 50; i++) {
    const request = new Api.messages.GetHistory({
      peer: chat.peer,
      offsetId,
      offsetDate: 0,
      addOffset: 0,
      limit: PAGE,
      maxId: 0,
      minId: 0,
      hash: toLong(0),
    });
    const page = (await emulator.invoke(request)) as Api.messages.ChannelMessages;
    pages.push(page);
    offsetId = page.messages.at(-1)!.id;
  }
  const context = { chat: chat.info, me: { kind: "user" as const, id: 1 } };
  const rounds = 10;
  let mapped = 0;
  const sink: Message[] = [];
  const cpu = process.cpuUsage();
  for (let round = 0; round < rounds; round++)
    for (const page of pages) {
      const directory = new PeerDirectory(page.users, page.chats);
      for (const raw of page.messages) {
        const message = toModelMessage(raw, { ...context, directory });
        if (message !== null) sink.push(message);
        mapped++;
      }
      sink.length = 0;
    }
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  return { msPerPage: ms / (rounds * pages.length), usPerMessage: (ms * 1000) / mapped };
}

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "tgstats-fetch-bench-"));
  try {
    const file = path.join(directory, "result.json");
    process.stderr.write(`generating a ${MESSAGES}-message synthetic supergroup…\n`);
    await writeSyntheticExport(file, { messages: MESSAGES, seed: 7 });
    const chats = await emulatedChatsFromExport(file, {});
    const clock = new VirtualClock();
    const emulator = new TelegramEmulator({
      account: { id: 1, username: "bench_reader", firstName: "Bench" },
      chats,
      latencyMs: LATENCY_MS,
      floodPolicy: { "messages.GetHistory": POLICY },
      now: clock.now,
      sleep: clock.sleep,
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
      floodSleepThresholdSeconds: FLOOD_SLEEP_THRESHOLD_S,
      sleep: clock.sleep,
    });
    const chat = await account.resolveChat({
      kind: "bot-chat",
      chatId: botApiIdOf(chats[0]!.info),
    });

    const before = account.requestCounts.get("messages.GetHistory") ?? 0;
    const full = await walk(account, chat, clock, 0);
    const historyRequests = (account.requestCounts.get("messages.GetHistory") ?? 0) - before;
    const refused = account.floodWaitCounts.get("messages.GetHistory") ?? 0;
    const minimum = Math.ceil(full.messages / PAGE) + 1;
    const ceiling = (POLICY.requests * PAGE) / POLICY.perSeconds;
    const rate = full.messages / (full.virtualMs / 1000);

    // A later /stats on the unchanged chat, once the flood window has passed.
    clock.advance(POLICY.perSeconds * 1000);
    const beforeRepeat = account.requestCounts.get("messages.GetHistory") ?? 0;
    const repeat = await walk(account, chat, clock, full.highestId);
    const repeatRequests = (account.requestCounts.get("messages.GetHistory") ?? 0) - beforeRepeat;

    // Pages for the mapping measurement come from an unlimited emulator over the same chat.
    const mapping = await mappingCost(
      new TelegramEmulator({ account: { id: 1, username: null, firstName: "Bench" }, chats }),
      chat,
    );

    console.log(
      `fetch bench: ${MESSAGES} messages, ${LATENCY_MS} ms latency, flood policy ${POLICY.requests} GetHistory / ${POLICY.perSeconds} s, ` +
        `flood-sleep threshold ${FLOOD_SLEEP_THRESHOLD_S} s; node ${process.version}, ${os.cpus().length} cores`,
    );
    console.log(
      "time is VIRTUAL (emulator clock: latency, FLOOD_WAITs and job delays advance it instantly); CPU times are real",
    );
    console.log(
      `full fetch: ${full.messages} messages in ${(full.virtualMs / 1000).toFixed(1)} s virtual → ${rate.toFixed(1)} msgs/s; ` +
        `policy ceiling ${ceiling.toFixed(0)} msgs/s → ${((rate / ceiling) * 100).toFixed(1)} % (target ≥ ${TARGET_SHARE * 100} %)`,
    );
    console.log(
      `requests: ${historyRequests} GetHistory (${historyRequests - refused} answered + ${refused} refused with FLOOD_WAIT) ` +
        `vs minimum ${minimum} (messages/100 + 1); ${full.delays} job delays totalling ${full.delayedSeconds} s`,
    );
    console.log(
      `repeat fetch (unchanged chat, minId = ${full.highestId}): ${repeatRequests} GetHistory, ${repeat.messages} messages, ` +
        `${(repeat.virtualMs / 1000).toFixed(2)} s virtual`,
    );
    console.log(
      `real CPU: whole fetch ${(full.cpuMs / 1000).toFixed(1)} s = ${(full.cpuMs / full.pages).toFixed(2)} ms/page ` +
        `(emulator encoding + MTProto serialise/parse + adapter); adapter mapping alone ${mapping.msPerPage.toFixed(2)} ms/page ` +
        `(${mapping.usPerMessage.toFixed(1)} µs/message)`,
    );
    const ok = rate / ceiling >= TARGET_SHARE && repeatRequests <= 2;
    console.log(ok ? "targets met" : "TARGETS MISSED");
    await account.destroy();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
