import { dayIndexToIso, isoToDayIndex } from "@tgstats/engine/primitives";
import { zoneClock } from "../zone-clocks.js";

/**
 * Where `/stats` was sent: in a group the chat is implied and `@name` is a
 * member; in private chat the first `@name` (or a link or id) is the chat;
 * an export's caption may name neither a chat nor a link.
 */
export type StatsPlace = "group" | "private" | "export";

/** A chat named in the arguments. */
export type StatsChatRef =
  | { kind: "username"; username: string }
  /** A Bot API chat id (`-100…` for supergroups and channels, `-…` for basic groups). */
  | { kind: "chat-id"; chatId: number };

/** What `/stats` asks for, checked and with the period resolved to local dates. */
export interface StatsArguments {
  /** First local day included (`YYYY-MM-DD`), or null for "from the beginning". */
  fromDate: string | null;
  /** Last local day included, or null for "up to now". */
  toDate: string | null;
  /** The zone the dates are in: the one given (as typed, up to letter case) or the default. */
  timeZone: string;
  /** True when the arguments named the zone. */
  timeZoneGiven: boolean;
  /** The chat to report on; null means "this chat" (group) or "none" (private). */
  chat: StatsChatRef | null;
  /** A member's @username (without the @) to report on alone, or null for everyone. */
  user: string | null;
}

/** Why the arguments were refused; each code has its own answer in the locale files. */
export type StatsArgumentErrorCode =
  | "unknown-argument"
  | "unknown-time-zone"
  | "bad-date"
  | "bad-duration"
  | "reversed-range"
  | "future-period"
  | "repeated-period"
  | "repeated-time-zone"
  | "repeated-chat"
  | "repeated-user"
  | "chat-not-here"
  | "invite-link";

/** A refused argument: what was wrong and the token it was about. */
export interface StatsArgumentError {
  code: StatsArgumentErrorCode;
  /** The argument as typed. */
  token: string;
}

/** Either the parsed arguments or the first thing wrong with them. */
export type StatsArgumentsResult =
  { ok: true; value: StatsArguments } | { ok: false; error: StatsArgumentError };

/** What the parser needs besides the text. */
export interface StatsArgumentsContext {
  /** The current instant: relative periods (`7d`) end on its local day. */
  now: Date;
  /** The zone to use unless the arguments name one (the chat's zone). */
  timeZone: string;
  /** Default `group`. */
  place?: StatsPlace;
}

/** Longest relative period per unit, so `99999d` is an error rather than year −270. */
const MAX_RELATIVE: Record<string, number> = { d: 36_500, w: 5_200, m: 1_200, y: 100 };

/** A period before it is placed in a zone: inclusive local day indexes, or "all". */
type PeriodSpec =
  | { kind: "all" }
  | { kind: "relative"; amount: number; unit: "d" | "w" | "m" | "y" }
  | { kind: "days"; fromDay: number; toDay: number };

type Classified =
  | { kind: "period"; spec: PeriodSpec }
  | { kind: "zone"; zone: string }
  | { kind: "mention"; username: string }
  | { kind: "chat"; chat: StatsChatRef }
  | { kind: "error"; code: StatsArgumentErrorCode };

class ArgumentError extends Error {
  constructor(
    readonly code: StatsArgumentErrorCode,
    readonly token: string,
  ) {
    super(`${code}: ${token}`);
  }
}

/**
 * Parses the arguments of `/stats [period] [@user] [time zone]` (and, in
 * private chat, a chat: `@channel`, a t.me link or a `-100…` id), in any order.
 * A leading `/stats` or `/stats@bot` token is skipped, so the whole message
 * text can be passed.
 *
 * Periods: `all` (default); `7d`, `4w`, `6m`, `1y` — the last N days, weeks,
 * months or years ending today, today included (`7d` on 2024-03-10 is
 * 2024-03-04..2024-03-10, `1m` on 2024-03-31 is 2024-03-01..2024-03-31);
 * `2024`; `2024-03`; `2024-03-05`; ranges of those with `..`
 * (`2024-01..2024-03-15`). "Today" is the local day of `now` in the zone
 * given in the arguments, or else in `context.timeZone`.
 *
 * @example
 * parseStatsArguments("/stats 7d", { now: new Date("2024-03-10T12:00:00Z"), timeZone: "Europe/Moscow" })
 * // { ok: true, value: { fromDate: "2024-03-04", toDate: "2024-03-10", timeZone: "Europe/Moscow", … } }
 */
export function parseStatsArguments(
  text: string,
  context: StatsArgumentsContext,
): StatsArgumentsResult {
  try {
    return { ok: true, value: parse(text, context) };
  } catch (error) {
    if (error instanceof ArgumentError)
      return { ok: false, error: { code: error.code, token: error.token } };
    throw error;
  }
}

function parse(text: string, context: StatsArgumentsContext): StatsArguments {
  const place = context.place ?? "group";
  const tokens = text.split(/\s+/).filter((token) => token !== "");
  if (tokens[0]?.startsWith("/") === true) tokens.shift();
  let period: { spec: PeriodSpec; token: string } | null = null;
  let zone: string | null = null;
  let chat: StatsChatRef | null = null;
  const mentions: { username: string; token: string }[] = [];
  for (const token of tokens) {
    const item = classify(token);
    switch (item.kind) {
      case "error":
        throw new ArgumentError(item.code, token);
      case "period":
        if (period !== null) throw new ArgumentError("repeated-period", token);
        period = { spec: item.spec, token };
        break;
      case "zone":
        if (zone !== null) throw new ArgumentError("repeated-time-zone", token);
        zone = item.zone;
        break;
      case "chat":
        if (place !== "private") throw new ArgumentError("chat-not-here", token);
        if (chat !== null) throw new ArgumentError("repeated-chat", token);
        chat = item.chat;
        break;
      case "mention":
        mentions.push({ username: item.username, token });
        break;
    }
  }
  // In private chat without a link or id, the first @name is the chat and a second one the member.
  if (place === "private" && chat === null && mentions.length > 0) {
    chat = { kind: "username", username: mentions.shift()!.username };
  }
  if (mentions.length > 1) throw new ArgumentError("repeated-user", mentions[1]!.token);
  const timeZone = zone ?? context.timeZone;
  const dates =
    period === null
      ? { fromDate: null, toDate: null }
      : resolvePeriod(period, timeZone, context.now);
  return {
    ...dates,
    timeZone,
    timeZoneGiven: zone !== null,
    chat,
    user: mentions[0]?.username ?? null,
  };
}

function classify(token: string): Classified {
  const lower = token.toLowerCase();
  if (lower === "all") return { kind: "period", spec: { kind: "all" } };
  const relative = /^(\d{1,6})([dwmy])$/.exec(lower);
  if (relative !== null) {
    const amount = Number(relative[1]);
    const unit = relative[2] as "d" | "w" | "m" | "y";
    if (amount < 1 || amount > MAX_RELATIVE[unit]!) return { kind: "error", code: "bad-duration" };
    return { kind: "period", spec: { kind: "relative", amount, unit } };
  }
  if (/^\d{4}(-\d{1,2}){0,2}$/.test(token) || /(\.\.|…)/.test(token)) return calendarPeriod(token);
  if (token.startsWith("@")) {
    const username = usernameOf(token.slice(1));
    return username === null
      ? { kind: "error", code: "unknown-argument" }
      : { kind: "mention", username };
  }
  const link = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/(.*)$/i.exec(
    token,
  );
  if (link !== null) return chatLink(link[1]!);
  if (/^-\d{1,16}$/.test(token)) {
    const chatId = Number(token);
    return Number.isSafeInteger(chatId)
      ? { kind: "chat", chat: { kind: "chat-id", chatId } }
      : { kind: "error", code: "unknown-argument" };
  }
  const clock = zoneClock(token);
  if (clock !== null) return { kind: "zone", zone: clock.name };
  // Something shaped like a tz database name ("Europe/Moskow") gets the zone answer, not the generic one.
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(token))
    return { kind: "error", code: "unknown-time-zone" };
  return { kind: "error", code: "unknown-argument" };
}

/** `2024`, `2024-03`, `2024-03-05` or a `..` range of those, as inclusive day indexes. */
function calendarPeriod(token: string): Classified {
  const sides = token.split(/\.\.|…/);
  if (sides.length > 2) return { kind: "error", code: "bad-date" };
  const from = calendarSpan(sides[0]!);
  const to = calendarSpan(sides[sides.length - 1]!);
  if (from === null || to === null) return { kind: "error", code: "bad-date" };
  if (to.toDay < from.fromDay) return { kind: "error", code: "reversed-range" };
  return { kind: "period", spec: { kind: "days", fromDay: from.fromDay, toDay: to.toDay } };
}

/** The days one calendar token covers, or null when it is not a real year, month or day. */
function calendarSpan(text: string): { fromDay: number; toDay: number } | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (match === null) return null;
  const year = match[1]!;
  if (match[3] !== undefined) {
    const day = isoToDayIndex(text);
    return day === null ? null : { fromDay: day, toDay: day };
  }
  if (match[2] !== undefined) {
    const first = isoToDayIndex(`${year}-${match[2]}-01`);
    if (first === null) return null;
    const month = Number(match[2]);
    const next =
      month === 12
        ? isoToDayIndex(`${Number(year) + 1}-01-01`)
        : isoToDayIndex(`${year}-${String(month + 1).padStart(2, "0")}-01`);
    return next === null ? null : { fromDay: first, toDay: next - 1 };
  }
  const first = isoToDayIndex(`${year}-01-01`);
  const last = isoToDayIndex(`${year}-12-31`);
  return first === null || last === null ? null : { fromDay: first, toDay: last };
}

/** The path of a t.me link: a public @name, a `c/<id>` link of a private chat, or an invite. */
function chatLink(path: string): Classified {
  const segments = path.split(/[/?#]/).filter((segment) => segment !== "");
  const first = segments[0] ?? "";
  if (first.startsWith("+") || first.toLowerCase() === "joinchat")
    return { kind: "error", code: "invite-link" };
  if (first === "c" && /^\d{1,13}$/.test(segments[1] ?? ""))
    return { kind: "chat", chat: { kind: "chat-id", chatId: Number(`-100${segments[1]!}`) } };
  const name = first === "s" ? segments[1] : first;
  const username = name === undefined ? null : usernameOf(name);
  return username === null
    ? { kind: "error", code: "unknown-argument" }
    : { kind: "chat", chat: { kind: "username", username } };
}

/** A Telegram username as given (case kept), or null when it cannot be one. */
function usernameOf(name: string): string | null {
  return /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name) ? name : null;
}

function resolvePeriod(
  period: { spec: PeriodSpec; token: string },
  timeZone: string,
  now: Date,
): { fromDate: string | null; toDate: string | null } {
  const { spec, token } = period;
  if (spec.kind === "all") return { fromDate: null, toDate: null };
  const clock = zoneClock(timeZone);
  if (clock === null) throw new ArgumentError("unknown-time-zone", timeZone);
  const today = clock.dayIndex(Math.floor(now.getTime() / 1000));
  const span = spec.kind === "days" ? spec : { fromDay: relativeStart(spec, today), toDay: today };
  if (span.fromDay > today) throw new ArgumentError("future-period", token);
  return { fromDate: dayIndexToIso(span.fromDay), toDate: dayIndexToIso(span.toDay) };
}

/** First day of "the last N units ending today": the day after today minus N units. */
function relativeStart(
  spec: { amount: number; unit: "d" | "w" | "m" | "y" },
  today: number,
): number {
  if (spec.unit === "d") return today - spec.amount + 1;
  if (spec.unit === "w") return today - spec.amount * 7 + 1;
  const months = spec.unit === "m" ? spec.amount : spec.amount * 12;
  const date = new Date(today * 86_400_000);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  // Clamp to the month's length: one month before March 31 is February 29 (or 28).
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return Date.UTC(year, month, day) / 86_400_000 + 1;
}
