/**
 * `npm run bench:first-look`: the first look at an emulated 1M-message
 * supergroup against its full read, through the MTProto adapter and the
 * Telegram emulator with 50 ms latency and a flood policy of 30 requests per
 * 30 s for every method the two use. Time runs on a virtual clock (latency
 * and flood waits advance it at once); the figures are virtual seconds and
 * request counts by method.
 *
 * The chat is built cheaply: messages carry an id, a date and a sender only
 * (every other field shares one empty value), ~150 bytes each.
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import type { ChatInfo, Message, Sender } from "@tgstats/engine";
import { countFirstLook, fullReadSeconds } from "@tgstats/worker";
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
  type EmulatedChat,
  type FloodPolicy,
} from "@tgstats/sandbox/telegram-emulator";

const LATENCY_MS = 50;
const RULE = { requests: 30, perSeconds: 30 };
const FLOOD_SLEEP_THRESHOLD_S = 10;
const PAGE = 100;
const METHODS = [
  "messages.GetHistory",
  "messages.Search",
  "channels.GetParticipants",
  "channels.GetFullChannel",
  "channels.GetChannels",
  "messages.GetDialogs",
];
const POLICY: FloodPolicy = Object.fromEntries(METHODS.map((method) => [method, RULE]));
const SECONDS_PER_DAY = 86_400;
const CHAT: ChatInfo = {
  kind: "channel",
  id: 1_777_000_001,
  name: "Million",
  type: "private_supergroup",
};

/** What {@link runFirstLookBench} measures. */
export interface FirstLookBenchResult {
  messages: number;
  /** Requests of the first look (the decision's count included) by method. */
  firstLookRequests: Record<string, number>;
  /** Virtual seconds from the first request to the first look's figures. */
  firstLookSeconds: number;
  /** True when a long flood wait stopped the first look (the worker then skips it). */
  firstLookSkipped: boolean;
  /** Virtual seconds of the full read (count and pages of 100), job delays for long flood waits included. */
  fullReadSeconds: number;
  fullReadRequests: number;
  /** The worker's estimate of the full read at 60 pages a minute. */
  estimatedReadSeconds: number;
  heapUsedMb: number;
  /** Resident memory after the first look and after the full read. */
  rssAfterLookMb: number;
  rssAfterReadMb: number;
}

/**
 * A supergroup of `messages` messages over three years, one every
 * `3 years / messages`, from 2,000 senders (sender i writes about 1/(i+1) of
 * them, as chats go); every 100th is a join (a service record); 5,000 members.
 */
function millionChat(messages: number, lastUnix: number): EmulatedChat {
  const senders: Sender[] = Array.from({ length: 2_000 }, (_, index) => ({
    kind: "user",
    id: 10_000 + index,
    name: `Person ${index}`,
  }));
  // Cumulative weights 1/(i+1): a sender drawn by a fixed sequence, no randomness.
  const weights = senders.map((_, index) => 1 / (index + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const weight of weights) cumulative.push((running += weight / total));
  const pick = (fraction: number) => {
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! >= fraction) high = middle;
      else low = middle + 1;
    }
    return senders[low]!;
  };
  const spanSeconds = 3 * 365 * SECONDS_PER_DAY;
  const firstUnix = lastUnix - spanSeconds;
  const none: never[] = [];
  const history: Message[] = new Array<Message>(messages);
  for (let index = 0; index < messages; index++) {
    const service = index % 100 === 99;
    history[index] = {
      id: index + 1,
      dateUnix: firstUnix + Math.floor((index * spanSeconds) / messages),
      // The golden ratio's fractional steps spread the draws evenly over (0, 1).
      sender: pick((index * 0.6180339887498949) % 1),
      authorSignature: null,
      kind: service ? "service" : "text",
      text: "",
      entities: none,
      replyToId: null,
      forwardedFrom: null,
      viaBot: null,
      editedDateUnix: null,
      reactions: none,
      stickerEmoji: null,
      views: null,
      forwards: null,
      serviceAction: service ? "join_group_by_link" : null,
      service: service ? { type: "joined_by_link", inviter: null } : null,
    };
  }
  return {
    info: CHAT,
    username: null,
    accessHash: 1_777n,
    accountIsMember: true,
    messages: history,
    members: senders
      .concat(
        Array.from({ length: 3_000 }, (_, index) => ({
          kind: "user" as const,
          id: 50_000 + index,
          name: `Reader ${index}`,
        })),
      )
      .reverse()
      .map((sender) => ({ id: sender.id, name: sender.name })),
  };
}

function countsSince(
  account: TelegramAccount,
  before: ReadonlyMap<string, number>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [method, count] of account.requestCounts) {
    const added = count - (before.get(method) ?? 0);
    if (added > 0) counts[method] = added;
  }
  return counts;
}

async function connect(chat: EmulatedChat, clock: VirtualClock, wireFormat: boolean) {
  const emulator = new TelegramEmulator({
    account: { id: 1, username: "bench_reader", firstName: "Bench" },
    chats: [chat],
    latencyMs: LATENCY_MS,
    floodPolicy: POLICY,
    now: clock.now,
    sleep: clock.sleep,
    wireFormat,
  });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
    floodSleepThresholdSeconds: FLOOD_SLEEP_THRESHOLD_S,
    sleep: clock.sleep,
  });
  const resolved = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(CHAT) });
  return { account, chat: resolved };
}

/** The worker's full read: a count, then pages of 100; a long flood wait delays the job (the clock moves on). */
async function fullRead(
  account: TelegramAccount,
  chat: ResolvedChat,
  clock: VirtualClock,
): Promise<void> {
  const retry = async <T>(call: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof FloodWaitDelayError)) throw error;
        clock.advance(error.seconds * 1000);
      }
    }
  };
  await retry(() => account.countMessages(chat, {}));
  for (let offsetId: number | null = 0; offsetId !== null;) {
    const current: number = offsetId;
    const page = await retry(() =>
      account.fetchHistoryPage(chat, { offsetId: current, limit: PAGE }),
    );
    offsetId = page.nextOffsetId;
  }
}

/**
 * Runs the bench: the first look as the worker makes it (its decision's
 * count, then {@link countFirstLook}), then, on a fresh connection and flood
 * window, the full read. Prints with `log` (default console.log).
 */
export async function runFirstLookBench(
  options: { messages?: number; log?: (line: string) => void } = {},
): Promise<FirstLookBenchResult> {
  const messages = options.messages ?? 1_000_000;
  const log = options.log ?? console.log;
  const lastUnix = Date.UTC(2026, 11, 1) / 1000;
  const chat = millionChat(messages, lastUnix);
  const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;

  const lookClock = new VirtualClock();
  const look = await connect(chat, lookClock, true);
  const before = new Map(look.account.requestCounts);
  const startedMs = lookClock.now();
  let skipped = false;
  const toRead = await look.account.countMessages(look.chat, {});
  const estimate = fullReadSeconds(toRead, 60);
  try {
    const json = await countFirstLook(
      {
        account: look.account,
        chat: look.chat,
        options: { timeZone: "UTC", fromDate: null, toDate: null },
        knownSenders: [],
        toRead: { messages: toRead, minutes: Math.ceil(estimate / 60) },
        nowUnix: lastUnix + 3600,
      },
      new AbortController().signal,
    );
    log(
      `first look figures: ${json?.messages ?? 0} messages in ${json?.months.length ?? 0} months, ` +
        `top writer ${json?.topWriters[0]?.name ?? "none"} (${json?.topWriters[0]?.messages ?? 0}), ${json?.peopleAsked ?? 0} people asked`,
    );
  } catch (error) {
    if (!(error instanceof FloodWaitDelayError)) throw error;
    skipped = true;
  }
  const firstLookSeconds = (lookClock.now() - startedMs) / 1000;
  const firstLookRequests = countsSince(look.account, before);
  await look.account.destroy();
  const rssAfterLookMb = process.memoryUsage().rss / 2 ** 20;

  // The read's own connection and flood window; answers are not serialised (CPU only, same virtual time).
  const readClock = new VirtualClock();
  const read = await connect(chat, readClock, false);
  const readBefore = new Map(read.account.requestCounts);
  const readStartMs = readClock.now();
  await fullRead(read.account, read.chat, readClock);
  const fullReadVirtualSeconds = (readClock.now() - readStartMs) / 1000;
  const fullReadRequests = Object.values(countsSince(read.account, readBefore)).reduce(
    (sum, count) => sum + count,
    0,
  );
  await read.account.destroy();
  const rssAfterReadMb = process.memoryUsage().rss / 2 ** 20;

  const result: FirstLookBenchResult = {
    messages,
    firstLookRequests,
    firstLookSeconds,
    firstLookSkipped: skipped,
    fullReadSeconds: fullReadVirtualSeconds,
    fullReadRequests,
    estimatedReadSeconds: estimate,
    heapUsedMb,
    rssAfterLookMb,
    rssAfterReadMb,
  };
  log(
    `first-look bench: ${messages} messages, ${LATENCY_MS} ms latency, flood policy ${RULE.requests} requests / ${RULE.perSeconds} s per method, ` +
      `flood-sleep threshold ${FLOOD_SLEEP_THRESHOLD_S} s; node ${process.version}, ${os.cpus().length} cores; heap with the chat ${heapUsedMb.toFixed(0)} MB, ` +
      `RSS after the first look ${rssAfterLookMb.toFixed(0)} MB, after the full read ${rssAfterReadMb.toFixed(0)} MB`,
  );
  log("time is VIRTUAL (emulator clock: latency and flood waits advance it instantly)");
  const total = Object.values(firstLookRequests).reduce((sum, count) => sum + count, 0);
  log(
    `first look: ${skipped ? "SKIPPED (long flood wait)" : "ready"} after ${firstLookSeconds.toFixed(1)} s virtual, ${total} requests: ` +
      Object.entries(firstLookRequests)
        .map(([method, count]) => `${count} ${method}`)
        .join(", "),
  );
  log(
    `full read: ${fullReadRequests} requests in ${fullReadVirtualSeconds.toFixed(0)} s virtual (${(fullReadVirtualSeconds / 3600).toFixed(2)} h); ` +
      `the worker's estimate at 60 pages/min: ${(estimate / 3600).toFixed(2)} h; first look / full read = 1 : ${(fullReadVirtualSeconds / Math.max(firstLookSeconds, 0.001)).toFixed(0)}`,
  );
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runFirstLookBench();
