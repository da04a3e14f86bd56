/**
 * Telegram's own statistics of an emulated supergroup or channel
 * (`stats.megagroupStats`, `stats.broadcastStats`, `stats.loadAsyncGraph`),
 * derived from its history so tests can compute every figure by hand. The
 * period is the 7 UTC days ending with the last message's day; the previous
 * period the 7 days before.
 */
import { Api } from "telegram";
import { peerKey, type Message } from "@tgstats/engine";
import type { ChatState, EmulatedStatsGraph } from "./emulated-chat.js";

const DAY_SECONDS = 86_400;
/** Days in Telegram's period here. */
export const STATS_PERIOD_DAYS = 7;
/** The megagroup graph the emulator sends as `statsGraphAsync`, to be loaded by its token. */
const ASYNC_GRAPH: EmulatedStatsGraph = "newBySource";

/** A series of a graph: its name and one value per day of the period. */
type Series = { name: string; values: number[] };

/** The chat's period: its days (UTC day numbers), oldest first. */
function periodDays(state: ChatState): number[] {
  const last = state.messages.at(-1);
  const lastDay = last === undefined ? 0 : Math.floor(last.dateUnix / DAY_SECONDS);
  return Array.from({ length: STATS_PERIOD_DAYS }, (_, index) => lastDay - 6 + index);
}

const dayOf = (message: Message): number => Math.floor(message.dateUnix / DAY_SECONDS);

function inDays(messages: readonly Message[], first: number, last: number): Message[] {
  return messages.filter((message) => dayOf(message) >= first && dayOf(message) <= last);
}

/** Telegram's chart JSON of `series` over `days`. */
function chartJson(days: readonly number[], series: readonly Series[], type: string): string {
  const keys = series.map((_, index) => `y${index}`);
  return JSON.stringify({
    columns: [
      ["x", ...days.map((day) => day * DAY_SECONDS * 1000)],
      ...series.map((entry, index) => [`y${index}`, ...entry.values]),
    ],
    types: { x: "x", ...Object.fromEntries(keys.map((key) => [key, type])) },
    names: Object.fromEntries(series.map((entry, index) => [`y${index}`, entry.name])),
    colors: Object.fromEntries(keys.map((key) => [key, "#3497ED"])),
  });
}

function graph(state: ChatState, name: EmulatedStatsGraph, json: () => string): Api.TypeStatsGraph {
  if (state.chat.statsGraphErrors?.includes(name) === true)
    return new Api.StatsGraphError({ error: "Not enough data to display." });
  return new Api.StatsGraph({ json: new Api.DataJSON({ data: json() }) });
}

/** A graph the emulator does not derive: Telegram's answer for one with too little data. */
const unused = (): Api.StatsGraphError =>
  new Api.StatsGraphError({ error: "Not enough data to display." });

/** Senders (any kind) by the day of their first message. */
function firstDays(state: ChatState): Map<string, { id: number; day: number }> {
  const first = new Map<string, { id: number; day: number }>();
  for (const message of state.messages) {
    const { sender } = message;
    if (sender === null) continue;
    const key = peerKey(sender);
    if (!first.has(key)) first.set(key, { id: sender.id, day: dayOf(message) });
  }
  return first;
}

/** The megagroup graphs by name (see {@link megagroupStats}). */
function megagroupGraph(state: ChatState, name: EmulatedStatsGraph): string {
  const days = periodDays(state);
  const senders = [...firstDays(state).values()];
  const membersAt = (day: number, parity?: 0 | 1) =>
    senders.filter(
      (sender) => sender.day <= day && (parity === undefined || sender.id % 2 === parity),
    ).length;
  const newOn = (day: number, parity: 0 | 1) =>
    senders.filter((sender) => sender.day === day && sender.id % 2 === parity).length;
  if (name === "growth")
    return chartJson(
      days,
      [{ name: "Members", values: days.map((day) => membersAt(day)) }],
      "line",
    );
  if (name === "newBySource")
    return chartJson(
      days,
      [
        { name: "URL", values: days.map((day) => newOn(day, 0)) },
        { name: "Search", values: days.map((day) => newOn(day, 1)) },
      ],
      "bar",
    );
  return chartJson(
    days,
    [
      { name: "English", values: days.map((day) => membersAt(day, 0)) },
      { name: "Russian", values: days.map((day) => membersAt(day, 1)) },
    ],
    "area",
  );
}

/**
 * A supergroup's statistics: members = senders (any kind) whose first
 * message is on or before the period's last day (previous: the day before the
 * period); viewers the same; messages and posters (distinct senders) of each
 * 7-day period. Growth: members per day; new members by source (sent as
 * `statsGraphAsync`): new senders of the day with an even id as "URL", odd as
 * "Search"; languages: members with an even id as "English", odd as "Russian".
 */
export function megagroupStats(state: ChatState): Api.stats.MegagroupStats {
  const days = periodDays(state);
  const first = days[0]!;
  const last = days.at(-1)!;
  const senders = [...firstDays(state).values()];
  const membersAt = (day: number) => senders.filter((sender) => sender.day <= day).length;
  const current = inDays(state.messages, first, last);
  const previous = inDays(state.messages, first - STATS_PERIOD_DAYS, first - 1);
  const posters = (messages: readonly Message[]) =>
    new Set(
      messages.flatMap((message) => (message.sender === null ? [] : [peerKey(message.sender)])),
    ).size;
  const members = new Api.StatsAbsValueAndPrev({
    current: membersAt(last),
    previous: membersAt(first - 1),
  });
  const asyncGraph = new Api.StatsGraphAsync({ token: `${state.key}:${ASYNC_GRAPH}` });
  return new Api.stats.MegagroupStats({
    period: new Api.StatsDateRangeDays({
      minDate: first * DAY_SECONDS,
      maxDate: last * DAY_SECONDS,
    }),
    members,
    messages: new Api.StatsAbsValueAndPrev({ current: current.length, previous: previous.length }),
    viewers: members,
    posters: new Api.StatsAbsValueAndPrev({
      current: posters(current),
      previous: posters(previous),
    }),
    growthGraph: graph(state, "growth", () => megagroupGraph(state, "growth")),
    membersGraph: unused(),
    newMembersBySourceGraph: asyncGraph,
    languagesGraph: graph(state, "languages", () => megagroupGraph(state, "languages")),
    messagesGraph: unused(),
    actionsGraph: unused(),
    topHoursGraph: unused(),
    weekdaysGraph: unused(),
    topPosters: [],
    topAdmins: [],
    topInviters: [],
    users: [],
  });
}

/** Posts with views. */
const postsOf = (state: ChatState) => state.messages.filter((message) => message.views !== null);
const reactionsOf = (message: Message) =>
  message.reactions.reduce((sum, reaction) => sum + reaction.count, 0);

/** The broadcast graphs by name (see {@link broadcastStats}). */
function broadcastGraph(state: ChatState, name: EmulatedStatsGraph): string {
  const days = periodDays(state);
  const posts = postsOf(state);
  const followersAt = (day: number) =>
    Math.max(0, ...posts.filter((post) => dayOf(post) <= day).map((post) => post.views ?? 0));
  const ofDay = (day: number) => posts.filter((post) => dayOf(post) === day);
  if (name === "growth")
    return chartJson(days, [{ name: "Followers", values: days.map(followersAt) }], "line");
  if (name === "newBySource")
    return chartJson(
      days,
      [{ name: "URL", values: days.map((day) => followersAt(day) - followersAt(day - 1)) }],
      "bar",
    );
  if (name === "viewsBySource") {
    const forwards = (day: number) =>
      ofDay(day).reduce((sum, post) => sum + (post.forwards ?? 0), 0);
    const views = (day: number) => ofDay(day).reduce((sum, post) => sum + (post.views ?? 0), 0);
    return chartJson(
      days,
      [
        { name: "Channels", values: days.map(forwards) },
        { name: "Other", values: days.map((day) => Math.max(0, views(day) - forwards(day))) },
      ],
      "bar",
    );
  }
  return chartJson(
    days,
    [
      { name: "English", values: days.map((day) => Math.ceil(followersAt(day) / 2)) },
      { name: "Russian", values: days.map((day) => Math.floor(followersAt(day) / 2)) },
    ],
    "area",
  );
}

/**
 * A channel's statistics: followers = the most views of a post up to the
 * period's last day (previous: up to the day before the period); views,
 * forwards and reactions per post = their means over each period's posts;
 * notifications on for ⌊followers / 4⌋. Growth: followers per day; new
 * followers ("URL"): the day's growth; views by source: the day's forwards as
 * "Channels", its other views as "Other"; languages: ⌈followers / 2⌉
 * "English", the rest "Russian".
 */
export function broadcastStats(state: ChatState): Api.stats.BroadcastStats {
  const days = periodDays(state);
  const first = days[0]!;
  const last = days.at(-1)!;
  const posts = postsOf(state);
  const followersAt = (day: number) =>
    Math.max(0, ...posts.filter((post) => dayOf(post) <= day).map((post) => post.views ?? 0));
  const current = inDays(posts, first, last);
  const previous = inDays(posts, first - STATS_PERIOD_DAYS, first - 1);
  const mean = (messages: readonly Message[], value: (message: Message) => number) =>
    messages.length === 0
      ? 0
      : messages.reduce((sum, message) => sum + value(message), 0) / messages.length;
  const perPost = (value: (message: Message) => number) =>
    new Api.StatsAbsValueAndPrev({
      current: mean(current, value),
      previous: mean(previous, value),
    });
  const followers = followersAt(last);
  const none = new Api.StatsAbsValueAndPrev({ current: 0, previous: 0 });
  return new Api.stats.BroadcastStats({
    period: new Api.StatsDateRangeDays({
      minDate: first * DAY_SECONDS,
      maxDate: last * DAY_SECONDS,
    }),
    followers: new Api.StatsAbsValueAndPrev({
      current: followers,
      previous: followersAt(first - 1),
    }),
    viewsPerPost: perPost((post) => post.views ?? 0),
    sharesPerPost: perPost((post) => post.forwards ?? 0),
    reactionsPerPost: perPost(reactionsOf),
    viewsPerStory: none,
    sharesPerStory: none,
    reactionsPerStory: none,
    enabledNotifications: new Api.StatsPercentValue({
      part: Math.floor(followers / 4),
      total: followers,
    }),
    growthGraph: graph(state, "growth", () => broadcastGraph(state, "growth")),
    followersGraph: unused(),
    muteGraph: unused(),
    topHoursGraph: unused(),
    interactionsGraph: unused(),
    ivInteractionsGraph: unused(),
    viewsBySourceGraph: graph(state, "viewsBySource", () => broadcastGraph(state, "viewsBySource")),
    newFollowersBySourceGraph: graph(state, "newBySource", () =>
      broadcastGraph(state, "newBySource"),
    ),
    languagesGraph: graph(state, "languages", () => broadcastGraph(state, "languages")),
    reactionsByEmotionGraph: unused(),
    storyInteractionsGraph: unused(),
    storyReactionsByEmotionGraph: unused(),
    recentPostsInteractions: [],
  });
}

/** The chat key and graph name an async graph's token names; null for a token the emulator never gave. */
export function asyncGraphToken(token: string): { key: string; name: EmulatedStatsGraph } | null {
  const [key, name] = token.split(":");
  if (key === undefined || name !== ASYNC_GRAPH) return null;
  return { key, name };
}

/** `stats.loadAsyncGraph`'s answer for an emulated chat's async graph. */
export function loadedGraph(state: ChatState, name: EmulatedStatsGraph): Api.TypeStatsGraph {
  return graph(state, name, () =>
    state.isBroadcast ? broadcastGraph(state, name) : megagroupGraph(state, name),
  );
}
