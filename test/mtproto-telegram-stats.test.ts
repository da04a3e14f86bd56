/**
 * Telegram's own statistics over MTProto (stats.getMegagroupStats,
 * stats.getBroadcastStats, stats.loadAsyncGraph) from the Telegram
 * emulator's real TL answers, through the engine's parser.
 */
import { describe, expect, it } from "vitest";
import { telegramStatsJson, type ChatInfo, type Message, type Sender } from "@tgstats/engine";
import {
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import { makeMessage, unix } from "./helpers/messages.js";

const ACCOUNT = { id: 4242, username: "stats_reader", firstName: "Stats Reader" };

const CLUB: ChatInfo = {
  kind: "channel",
  id: 1_810_000_001,
  name: "Club",
  type: "private_supergroup",
};
const NEWS: ChatInfo = {
  kind: "channel",
  id: 1_810_000_002,
  name: "News",
  type: "private_channel",
};
const FAMILY: ChatInfo = { kind: "chat", id: 910_001, name: "Family", type: "private_group" };

const user = (id: number): Sender => ({ kind: "user", id, name: `User ${id}` });

// Even ids count as "URL" newcomers and "English", odd ones as "Search" and "Russian".
const clubPosts: readonly (readonly [id: number, iso: string])[] = [
  [10, "2024-06-01T10:00:00Z"],
  [11, "2024-06-05T12:00:00Z"],
  [10, "2024-06-08T09:00:00Z"],
  [12, "2024-06-09T08:00:00Z"],
  [13, "2024-06-10T07:00:00Z"],
  [12, "2024-06-10T20:00:00Z"],
];
const clubHistory: Message[] = clubPosts.map(([id, iso], index) =>
  makeMessage({ id: index + 1, dateUnix: unix(iso), sender: user(id), text: "hi" }),
);

const newsSender: Sender = { kind: "channel", id: NEWS.id, name: "News" };
const newsHistory: Message[] = [
  makeMessage({
    id: 1,
    dateUnix: unix("2024-06-02T10:00:00Z"),
    sender: newsSender,
    text: "one",
    views: 100,
    forwards: 5,
    reactions: [{ type: "emoji", emoji: "👍", count: 3 }],
  }),
  makeMessage({
    id: 2,
    dateUnix: unix("2024-06-06T10:00:00Z"),
    sender: newsSender,
    text: "two",
    views: 300,
    forwards: 10,
    reactions: [
      { type: "emoji", emoji: "👍", count: 4 },
      { type: "emoji", emoji: "❤", count: 2 },
    ],
  }),
  makeMessage({
    id: 3,
    dateUnix: unix("2024-06-10T10:00:00Z"),
    sender: newsSender,
    text: "three",
    views: 200,
    forwards: 20,
  }),
];

function chat(
  info: ChatInfo,
  messages: Message[],
  fields: Partial<EmulatedChat> = {},
): EmulatedChat {
  return {
    info,
    username: null,
    accessHash: BigInt(info.id) * 7n,
    accountIsMember: true,
    messages,
    accountIsAdmin: true,
    statsVisible: true,
    ...fields,
  };
}

async function connect(
  fields: { club?: Partial<EmulatedChat>; news?: Partial<EmulatedChat> } = {},
) {
  const emulator = new TelegramEmulator({
    account: ACCOUNT,
    chats: [
      chat(CLUB, clubHistory, fields.club),
      chat(NEWS, newsHistory, fields.news),
      chat(FAMILY, clubHistory),
    ],
  });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
  });
  const resolve = (info: ChatInfo) =>
    account.resolveChat({
      kind: "bot-chat",
      chatId: info.kind === "chat" ? -info.id : -(1_000_000_000_000 + info.id),
    });
  return { emulator, account, resolve };
}

const statsMethods = (emulator: TelegramEmulator) =>
  emulator.requestLog
    .filter((request) => request.method.startsWith("stats."))
    .map((request) => [request.method, request.dcId]);

describe("Telegram's own statistics over MTProto", () => {
  it("reads a supergroup's statistics and loads its async graph", async () => {
    const { emulator, account, resolve } = await connect();
    const input = await account.telegramStats(await resolve(CLUB));
    expect(input).not.toBeNull();
    // Period: the 7 days to the last message's day, 2024-06-04 … 06-10; previous 05-28 … 06-03.
    // First messages: 10 on 06-01, 11 on 06-05, 12 on 06-09, 13 on 06-10.
    expect(telegramStatsJson(input!)).toEqual({
      kind: "supergroup",
      period: { from: "2024-06-04", to: "2024-06-10" },
      // Members by day 06-04 … 06-10: 10 | +11 | … | +12 | +13.
      growth: {
        dates: [
          "2024-06-04",
          "2024-06-05",
          "2024-06-06",
          "2024-06-07",
          "2024-06-08",
          "2024-06-09",
          "2024-06-10",
        ],
        values: [1, 2, 2, 2, 2, 3, 4],
      },
      // New on the period's days: 11 and 13 (odd: Search) = 2, 12 (even: URL) = 1; of 3.
      newBySource: [
        { name: "Search", total: 2, share: 0.6667 },
        { name: "URL", total: 1, share: 0.3333 },
      ],
      // Members per day summed: even 10 on 7 days + 12 on 2 = 9; odd 11 on 6 days + 13 on 1 = 7; of 16.
      languages: [
        { name: "English", total: 9, share: 0.5625 },
        { name: "Russian", total: 7, share: 0.4375 },
      ],
      members: { current: 4, previous: 1 },
      // Messages 2–6 in the period, message 1 before it.
      messages: { current: 5, previous: 1 },
      viewers: { current: 4, previous: 1 },
      posters: { current: 4, previous: 1 },
    });
    expect(statsMethods(emulator)).toEqual([
      ["stats.GetMegagroupStats", undefined],
      ["stats.LoadAsyncGraph", undefined],
    ]);
    expect(
      emulator.requestLog.find((request) => request.method === "stats.LoadAsyncGraph")?.params
        .token,
    ).toBe(`channel${CLUB.id}:newBySource`);
  });

  it("reads a channel's statistics with its mute rate", async () => {
    const { emulator, account, resolve } = await connect();
    const input = await account.telegramStats(await resolve(NEWS));
    // Followers: the most views so far: 100 up to 06-05, 300 from 06-06; before the period 100.
    expect(telegramStatsJson(input!)).toEqual({
      kind: "channel",
      period: { from: "2024-06-04", to: "2024-06-10" },
      growth: {
        dates: [
          "2024-06-04",
          "2024-06-05",
          "2024-06-06",
          "2024-06-07",
          "2024-06-08",
          "2024-06-09",
          "2024-06-10",
        ],
        values: [100, 100, 300, 300, 300, 300, 300],
      },
      // Growth by day: 0, 0, 200, 0, 0, 0, 0.
      newBySource: [{ name: "URL", total: 200, share: 1 }],
      // ⌈f/2⌉ and ⌊f/2⌋ of 100, 100, 300 × 5: 50 + 50 + 150 × 5 = 850 each.
      languages: [
        { name: "English", total: 850, share: 0.5 },
        { name: "Russian", total: 850, share: 0.5 },
      ],
      followers: { current: 300, previous: 100 },
      // Posts 2 and 3 in the period: views (300 + 200) / 2, forwards (10 + 20) / 2, reactions 6 / 2;
      // post 1 before it.
      viewsPerPost: { current: 250, previous: 100 },
      sharesPerPost: { current: 15, previous: 5 },
      reactionsPerPost: { current: 3, previous: 3 },
      // ⌊300 / 4⌋ = 75 of 300 with notifications on: 0.25; muted 0.75.
      notifications: { enabled: 75, total: 300, enabledShare: 0.25, muteRate: 0.75 },
      // Forwards 10 + 20 = 30 "Channels"; other views 290 + 180 = 470; of 500.
      viewsBySource: [
        { name: "Other", total: 470, share: 0.94 },
        { name: "Channels", total: 30, share: 0.06 },
      ],
    });
    expect(statsMethods(emulator)).toEqual([["stats.GetBroadcastStats", undefined]]);
  });

  it("gives null without asking when the account is not shown the statistics, or for a basic group", async () => {
    const { emulator, account, resolve } = await connect({
      club: { statsVisible: false, accountIsAdmin: false },
    });
    expect(await account.telegramStats(await resolve(CLUB))).toBeNull();
    expect(await account.telegramStats(await resolve(FAMILY))).toBeNull();
    expect(statsMethods(emulator)).toEqual([]);
  });

  it("gives null when Telegram refuses the statistics as to a non-admin", async () => {
    const { emulator, account, resolve } = await connect();
    emulator.refuse({ method: "stats.GetBroadcastStats", error: "CHAT_ADMIN_REQUIRED" });
    expect(await account.telegramStats(await resolve(NEWS))).toBeNull();
  });

  it("drops a graph Telegram answers with an error, and an async graph whose loading fails", async () => {
    const { emulator, account, resolve } = await connect({
      club: { statsGraphErrors: ["languages"] },
    });
    const club = await resolve(CLUB);
    const withoutLanguages = telegramStatsJson((await account.telegramStats(club))!);
    expect(withoutLanguages.languages).toEqual([]);
    expect(withoutLanguages.newBySource).toHaveLength(2);
    expect(withoutLanguages.growth?.values).toEqual([1, 2, 2, 2, 2, 3, 4]);
    emulator.refuse({ method: "stats.LoadAsyncGraph", error: "GRAPH_EXPIRED_RELOAD" });
    const withoutSources = telegramStatsJson((await account.telegramStats(club))!);
    expect(withoutSources.newBySource).toEqual([]);
    expect(withoutSources.growth?.values).toEqual([1, 2, 2, 2, 2, 3, 4]);
  });

  it("asks the chat's stats_dc, and follows STATS_MIGRATE_X when Telegram names none", async () => {
    const named = await connect({ club: { statsDc: 4 } });
    expect(await named.account.telegramStats(await named.resolve(CLUB))).not.toBeNull();
    expect(statsMethods(named.emulator)).toEqual([
      ["stats.GetMegagroupStats", 4],
      ["stats.LoadAsyncGraph", 4],
    ]);
    const hidden = await connect({ club: { statsDc: 4, statsDcHidden: true } });
    const input = await hidden.account.telegramStats(await hidden.resolve(CLUB));
    expect(input?.kind).toBe("supergroup");
    expect(statsMethods(hidden.emulator)).toEqual([
      ["stats.GetMegagroupStats", undefined],
      ["stats.GetMegagroupStats", 4],
      ["stats.LoadAsyncGraph", 4],
    ]);
  });
});
