import {
  ZoneClock,
  firstLookJson,
  firstLookPlan,
  firstLookPositionDays,
  isBroadcastChannel,
  isoToDayIndex,
  type DateRangeUnix,
  type FirstLookJson,
  type FirstLookWriter,
} from "@tgstats/engine";
import { GrammyError, HttpError } from "grammy";
import { chatCacheScope, type ChatCache, type StatsJobData } from "@tgstats/platform";
import { FloodWaitDelayError, SessionInvalidError } from "../../mtproto/errors.js";
import type { ChatCheckpoint } from "../checkpoint.js";
import type { HistoryAccount, HistoryChat } from "../history-account.js";
import type { JobAttempt } from "../job-attempt.js";
import type { StatsReply } from "../stats-reply.js";

/** When a chat gets a first look: the account's reading pace and the wait worth avoiding. */
export interface FirstLookSettings {
  /** History pages (100 messages) the account reads per minute (HISTORY_PAGES_PER_MINUTE). */
  historyPagesPerMinute: number;
  /** A full read longer than this gets a first look (FIRST_LOOK_AFTER_SECONDS); 0: never. */
  afterSeconds: number;
}

/**
 * People counted at most (one messages.search each): Telegram's flood limits
 * are per method, and 30 fit the emulated window of 30 searches per 30 s, so
 * the first look never waits for one.
 */
export const FIRST_LOOK_MAX_PEOPLE = 30;
/** Recent members read as candidates (one GetParticipants page). */
export const FIRST_LOOK_MEMBERS = 50;
/** Messages per history page of the full read. */
const PAGE_MESSAGES = 100;

/** Seconds the full read of `messages` takes at `pagesPerMinute`. */
export function fullReadSeconds(messages: number, pagesPerMinute: number): number {
  return (Math.ceil(messages / PAGE_MESSAGES) / pagesPerMinute) * 60;
}

/** A person who may be a top writer, with the name to show. */
export interface FirstLookCandidate {
  id: number;
  name: string;
}

/** What {@link countFirstLook} counts. */
export interface FirstLookRequest<Chat extends HistoryChat> {
  account: Pick<
    HistoryAccount<Chat>,
    "countMessagesAt" | "fetchHistoryPage" | "memberList" | "countMessagesFrom"
  >;
  chat: Chat;
  options: Pick<StatsJobData["options"], "timeZone" | "fromDate" | "toDate">;
  /** People the chat's cache knows wrote, most messages first (asked before anyone else). */
  knownSenders: readonly FirstLookCandidate[];
  toRead: { messages: number; minutes: number };
  /** Now (default the clock): the period ends today, and no position after now is asked. */
  nowUnix?: number;
}

/**
 * The first look's figures, asked of Telegram without reading the history:
 * one `getHistory` position per month bar start, the period's start and end
 * (an end after now needs none: everything is before it); the newest history
 * page and the most recent {@link FIRST_LOOK_MEMBERS} members (which also let
 * the account address those people); then one search per candidate — the
 * cache's known senders, the newest page's senders, the members, in that
 * order, at most {@link FIRST_LOOK_MAX_PEOPLE} asked. Null when the period
 * lies after today.
 */
export async function countFirstLook<Chat extends HistoryChat>(
  request: FirstLookRequest<Chat>,
  signal: AbortSignal,
): Promise<FirstLookJson | null> {
  const { account, chat, options } = request;
  const clock = new ZoneClock(options.timeZone);
  const nowUnix = request.nowUnix ?? Math.floor(Date.now() / 1000);
  const plan = firstLookPlan(
    {
      fromDay: options.fromDate === null ? null : isoToDayIndex(options.fromDate),
      toDay: options.toDate === null ? null : isoToDayIndex(options.toDate),
    },
    clock.dayIndex(nowUnix),
  );
  if (plan === null) return null;
  const days = firstLookPositionDays(plan);
  const asked = new Map<number, number>();
  let total: number | null = null;
  for (const day of days) {
    const startUnix = clock.dayStartUnix(day);
    if (startUnix > nowUnix) continue;
    const at = await account.countMessagesAt(chat, startUnix, signal);
    total = at.total;
    asked.set(day, at.before);
  }
  const before = new Map(days.map((day) => [day, asked.get(day) ?? total ?? 0]));
  const endUnix = clock.dayStartUnix(plan.toDay + 1);
  const range = {
    fromUnix: clock.dayStartUnix(plan.fromDay),
    toUnix: endUnix > nowUnix ? null : endUnix,
  };
  const writers = await countWriters(request, range, signal);
  return firstLookJson({
    chat: { name: chat.info.name },
    timeZone: options.timeZone,
    plan,
    before,
    writers,
    toRead: request.toRead,
  });
}

/** Candidates in order, each once, searched until {@link FIRST_LOOK_MAX_PEOPLE} are counted. */
async function countWriters<Chat extends HistoryChat>(
  request: FirstLookRequest<Chat>,
  range: DateRangeUnix,
  signal: AbortSignal,
): Promise<FirstLookWriter[]> {
  const { account, chat } = request;
  // A channel's posts are the channel's own: no person to rank.
  if (account.countMessagesFrom === undefined || isBroadcastChannel(chat.info.type)) return [];
  const newest = await account.fetchHistoryPage(
    chat,
    { offsetId: 0, limit: PAGE_MESSAGES },
    signal,
  );
  const members = (await account.memberList?.(chat, signal, { maxMembers: FIRST_LOOK_MEMBERS }))
    ?.members;
  const candidates = new Map<number, string>();
  const add = (id: number, name: string | null) => {
    if (!candidates.has(id)) candidates.set(id, name ?? String(id));
  };
  for (const sender of request.knownSenders) add(sender.id, sender.name);
  for (const message of newest.messages)
    if (message.sender?.kind === "user" && message.kind !== "service")
      add(message.sender.id, message.sender.name);
  for (const member of (members ?? []).slice(0, FIRST_LOOK_MEMBERS)) add(member.id, member.name);
  const writers: FirstLookWriter[] = [];
  for (const [id, name] of candidates) {
    if (writers.length >= FIRST_LOOK_MAX_PEOPLE) break;
    const messages = await account.countMessagesFrom(chat, id, range, signal);
    // Null: the account cannot address them (never shown to it); they are not counted.
    if (messages !== null) writers.push({ id, name, messages });
  }
  return writers;
}

/** What {@link offerFirstLook} works with. */
export interface FirstLookDeps<Chat extends HistoryChat> {
  account: HistoryAccount<Chat>;
  cache: ChatCache;
  /** Without them no first look is offered (tests of other things, the split parts). */
  settings?: FirstLookSettings;
}

/** The job a first look is offered in. */
export interface FirstLookJob<Chat extends HistoryChat> {
  attempt: JobAttempt<StatsJobData>;
  reply: StatsReply;
  chat: Chat;
  /** The checkpoint the attempt resumes from: a read under way gets no first look. */
  checkpoint: ChatCheckpoint | null;
}

/**
 * Sends a first look when the chat's full read would take longer than the
 * settings allow: not with a sender filter (/me, /stats @user: the figures
 * are the chat's), not twice in a job (the delivery journal's step), not when
 * the cache leaves little to read. Goes where the report goes. An extra: a
 * long flood wait or any failure while counting, or a Bot API failure while
 * sending, is logged and the job reads on; a shutdown, a dead session, a lost
 * lock or a forgotten chat still stop it.
 */
export async function offerFirstLook<Chat extends HistoryChat>(
  deps: FirstLookDeps<Chat>,
  job: FirstLookJob<Chat>,
): Promise<void> {
  const { account, cache, settings } = deps;
  const { attempt, reply, chat } = job;
  const { data, signal, log } = attempt;
  const { options } = data;
  if (settings === undefined || settings.afterSeconds <= 0 || options.sender !== null) return;
  // An attempt that resumes a read under way (the first look skipped before it) sends none:
  // a first look hours into the read would come when the report is nearly there.
  if ((job.checkpoint?.fetchedMessages ?? 0) > 0) {
    log.info({ step: "first-look" }, "no first look: the read is under way");
    return;
  }
  if (await reply.firstLookBegun()) {
    log.info({ step: "first-look" }, "first look sent by an earlier attempt");
    return;
  }
  let json: FirstLookJson | null;
  let toRead: number;
  try {
    const scope = chatCacheScope(chat.info, account.me.id);
    const highId = await cache.cachedHighId(scope, options.timeZone);
    const unread = await messagesToRead(account, chat, options, highId, signal);
    toRead = unread;
    const seconds = fullReadSeconds(toRead, settings.historyPagesPerMinute);
    if (seconds <= settings.afterSeconds) {
      log.info({ step: "first-look", toRead, seconds }, "no first look: the read is short");
      return;
    }
    const knownSenders = highId === null ? [] : await cachedSenders(cache, scope, options.timeZone);
    json = await countFirstLook(
      {
        account,
        chat,
        options,
        knownSenders,
        toRead: { messages: toRead, minutes: Math.ceil(seconds / 60) },
      },
      signal,
    );
  } catch (error) {
    if (signal.aborted || error instanceof SessionInvalidError) throw error;
    if (error instanceof FloodWaitDelayError)
      log.info(
        { step: "first-look", seconds: error.seconds, method: error.method },
        "no first look: Telegram asked for a long wait; reading the history",
      );
    else log.warn({ step: "first-look", err: error }, "could not make the first look");
    return;
  }
  if (json === null) return;
  try {
    const id = await reply.deliverFirstLook(json);
    log.info(
      { step: "first-look", toRead, messageId: id, peopleAsked: json.peopleAsked },
      id === null ? "first look claimed by another attempt" : "first look sent",
    );
  } catch (error) {
    // The Bot API refused or did not answer: the report may still go. A lost lock or a
    // forgotten chat stop the job as anywhere else.
    if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
    log.warn({ step: "first-look", err: error }, "could not send the first look");
  }
}

/**
 * Messages the run will read: those above the cache's newest (all of them
 * when nothing is cached); with a range on an uncached chat, the run reads
 * from the newest message down to the previous period's start only.
 */
async function messagesToRead<Chat extends HistoryChat>(
  account: HistoryAccount<Chat>,
  chat: Chat,
  options: StatsJobData["options"],
  highId: number | null,
  signal: AbortSignal,
): Promise<number> {
  const fromDay = options.fromDate === null ? null : isoToDayIndex(options.fromDate);
  if (highId !== null || fromDay === null)
    return account.countMessages(chat, { minId: highId ?? 0 }, signal);
  const clock = new ZoneClock(options.timeZone);
  const today = clock.dayIndex(Math.floor(Date.now() / 1000));
  const toDay = (options.toDate === null ? null : isoToDayIndex(options.toDate)) ?? today;
  // As ChatReportRun's direct walk: down to the start of the period of the range's length before it.
  const stopDay = fromDay - (Math.max(toDay, fromDay) - fromDay + 1);
  const at = await account.countMessagesAt(chat, clock.dayStartUnix(stopDay), signal);
  return at.total - at.before;
}

/** The people the cache knows wrote in the chat, most messages first. */
async function cachedSenders(
  cache: ChatCache,
  scope: string,
  timeZone: string,
): Promise<FirstLookCandidate[]> {
  const history = await cache.load(scope, timeZone);
  const counts = new Map<number, { name: string | null; messages: number }>();
  for (const month of history?.months.values() ?? [])
    for (const sender of month.senders.bySender.values()) {
      if (sender.kind !== "user") continue;
      const known = counts.get(sender.id);
      counts.set(sender.id, {
        name: sender.name ?? known?.name ?? null,
        messages: (known?.messages ?? 0) + sender.messages,
      });
    }
  return [...counts]
    .sort(([idA, a], [idB, b]) => b.messages - a.messages || idA - idB)
    .map(([id, { name }]) => ({ id, name: name ?? String(id) }));
}
