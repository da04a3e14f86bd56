import {
  createMessage,
  isBroadcastChannel,
  type ChatInfo,
  type Message,
  type Sender,
} from "@tgstats/engine";
import { Prng } from "../synthetic/prng.js";
import type { EmulatedAccount, EmulatedChat } from "./emulated-chat.js";
import { derivedAccessHash } from "./emulated-chat.js";

/**
 * How a chat's activity went over the months, and the trend class the pulse
 * gives it (the engine's `chatTrend`): grew (rising), faded (fading), died
 * (gone quiet), steady, started (new), long gone (silent).
 */
export type LifeStory = "grew" | "faded" | "died" | "steady" | "started" | "long-gone";

/** Every {@link LifeStory}, in a fixed order. */
export const LIFE_STORIES: readonly LifeStory[] = [
  "grew",
  "faded",
  "died",
  "steady",
  "started",
  "long-gone",
];

/** Options of {@link lifeStoryChat}. */
export interface LifeStoryOptions {
  info: ChatInfo;
  story: LifeStory;
  /** The emulated account: it writes some of the messages (the owner's share). */
  account: EmulatedAccount;
  /** Months of history, ending with the month of `nowUnix` (UTC months). */
  months: number;
  /** Messages in the chat's busiest month. */
  peakPerMonth: number;
  /** The present: no message is dated after it. */
  nowUnix: number;
  seed: number;
}

/** Messages per month of a story, oldest first, as shares of the busiest month. */
export function storyShape(story: LifeStory, months: number): number[] {
  return Array.from({ length: months }, (_, index) => {
    const age = months - 1 - index; // 0 = the running month
    switch (story) {
      case "grew":
        return ((index + 1) / months) ** 2;
      case "faded":
        // A quarter of its old pace in the last three months.
        return age >= 3 ? 0.9 : 0.2;
      case "died":
        // Busy until a year ago, then thinning out; nothing in the last three months.
        return age >= 12 ? 1 : age >= 3 ? (age - 2) / 10 : 0;
      case "steady":
        return 0.6 + 0.1 * Math.sin(index);
      case "started":
        return age < 3 ? 1 - age / 4 : 0;
      case "long-gone":
        return age >= 18 ? 0.8 : 0;
    }
  });
}

/**
 * An emulated chat whose history tells `story`: per month the share
 * {@link storyShape} gives of `peakPerMonth`, spread over the month, written
 * by four people and the account (a fifth of the messages). No text but a
 * word: the pulse reads counts only. Deterministic for a seed.
 */
export function lifeStoryChat(options: LifeStoryOptions): EmulatedChat {
  const { info, account, months, nowUnix } = options;
  const prng = new Prng(options.seed);
  const people = writers(info, account);
  const now = new Date(nowUnix * 1000);
  const messages: Message[] = [];
  let id = 1;
  for (const [index, share] of storyShape(options.story, months).entries()) {
    const age = months - 1 - index;
    const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - age, 1);
    const endMs = Math.min(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - age + 1, 1),
      nowUnix * 1000,
    );
    const count = Math.round(share * options.peakPerMonth);
    const dates = Array.from({ length: count }, () =>
      Math.floor((startMs + prng.next() * (endMs - startMs)) / 1000),
    ).sort((a, b) => a - b);
    for (const dateUnix of dates)
      messages.push(createMessage({ id: id++, dateUnix, sender: prng.pick(people), text: "hi" }));
  }
  return {
    info,
    username: null,
    accessHash: derivedAccessHash(info),
    accountIsMember: true,
    messages,
  };
}

/**
 * Who writes: a channel posts as itself; a private chat is the person and the
 * account; a group is four people and the account, the account once in five.
 */
function writers(info: ChatInfo, account: EmulatedAccount): Sender[] {
  if (isBroadcastChannel(info.type)) return [{ kind: "channel", id: info.id, name: info.name }];
  const me: Sender = { kind: "user", id: account.id, name: account.firstName };
  if (info.kind === "user") return [{ kind: "user", id: info.id, name: info.name }, me];
  const others = ["Ann", "Boris", "Chen", "Dana"].map((name, index): Sender => ({
    kind: "user",
    id: 600_000_000 + info.id * 8 + index,
    name,
  }));
  return [...others, me];
}

/**
 * The sandbox account's chats with different life stories: a supergroup that
 * grew, a group that faded, one that died, a steady channel, a group started
 * three months ago, one gone for 18 months — 24 months of history up to `nowUnix`.
 */
export function lifeStoryChats(account: EmulatedAccount, nowUnix: number): EmulatedChat[] {
  const chats: [ChatInfo, LifeStory, number][] = [
    [
      { kind: "channel", id: 1_700_000_101, name: "Growing club", type: "private_supergroup" },
      "grew",
      900,
    ],
    [{ kind: "chat", id: 700_106, name: "Book club", type: "private_group" }, "faded", 250],
    [{ kind: "chat", id: 700_102, name: "Old classmates", type: "private_group" }, "died", 400],
    [
      { kind: "channel", id: 1_700_000_103, name: "Steady news", type: "private_channel" },
      "steady",
      120,
    ],
    [{ kind: "chat", id: 700_104, name: "New project", type: "private_group" }, "started", 300],
    [{ kind: "chat", id: 700_105, name: "Trip 2024", type: "private_group" }, "long-gone", 200],
  ];
  return chats.map(([info, story, peakPerMonth], index) =>
    lifeStoryChat({ info, story, account, months: 24, peakPerMonth, nowUnix, seed: 101 + index }),
  );
}
