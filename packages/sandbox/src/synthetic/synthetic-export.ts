/**
 * A deterministic synthetic Telegram Desktop export (`result.json` of "Export
 * chat history"), for the demo sample, tests and benchmarks.
 *
 * The output copies tdesktop ≥5.11 byte for byte in shape: one-space pretty
 * print, the exporter's key order, `date_unixtime` as a string, text as a
 * string or an array of parts plus `text_entities`, `from_id` like
 * `"user123"`, reactions in the ≥5.6 shape, `\xHH` control-character escapes.
 *
 * `date` is the exporting PC's local time: this generator writes it in
 * `timeZone` (default Europe/Moscow, i.e. `date_unixtime` + 3 h since 2014).
 */

import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { isValidTimeZone, ZoneClock } from "@tgstats/engine";
import { planDailyCounts, scheduleDay } from "./activity.js";
import { CHAT_NAMES } from "./corpus.js";
import {
  MessageFactory,
  type ChatFamily,
  type ChatProfile,
  type SyntheticChatType,
} from "./message-factory.js";
import { createPeople, type Person } from "./people.js";
import { Prng } from "./prng.js";
import {
  LocalDateFormatter,
  serializeMessage,
  tdesktopString,
  type SerializeContext,
} from "./tdesktop-json.js";

export type { SyntheticChatType } from "./message-factory.js";

/** What to generate. Only `messages` and `seed` are required. */
export interface SyntheticExportOptions {
  /** Number of messages (regular + service) in total. */
  messages: number;
  /** Same seed and options → byte-identical output (the whole part of the number is used). */
  seed: number;
  /** Chat title; default: one of a few built-in titles, chosen by the seed. */
  chatName?: string;
  /** Bare chat id; default: drawn from the seed. */
  chatId?: number;
  /** Default `private_supergroup`. `personal_chat` always has 2 people. */
  chatType?: SyntheticChatType;
  /** No message is earlier than this; default 2022-01-01T00:00:00+03:00. */
  startDateUnix?: number;
  /** History length in days; default `messages / 120`, clamped to 14…1095. */
  spanDays?: number;
  /** Distinct human senders (Zipf-like activity); default 40, or 4 signing admins in a channel. */
  people?: number;
  /** IANA zone the `date` strings are written in; default `Europe/Moscow`. */
  timeZone?: string;
  /** Write control characters as tdesktop does (`\x01`, invalid JSON); default true. */
  tdesktopEscapes?: boolean;
}

/** Thrown for an option the generator cannot honour; the message says what to pass instead. */
export class SyntheticExportOptionsError extends Error {
  constructor(
    readonly option: keyof SyntheticExportOptions,
    readonly value: unknown,
    expectation: string,
  ) {
    super(`Synthetic export option "${option}" is ${String(value)}; ${expectation}.`);
    this.name = "SyntheticExportOptionsError";
  }
}

/** Default first moment of the history: 2022-01-01 00:00 in Moscow. */
export const DEFAULT_START_DATE_UNIX = 1_640_984_400;
/** Default zone of the `date` strings. */
export const DEFAULT_TIME_ZONE = "Europe/Moscow";

const CHUNK_CHARS = 64 * 1024;

const FAMILIES: Record<SyntheticChatType, ChatFamily> = {
  private_supergroup: "supergroup",
  public_supergroup: "supergroup",
  private_group: "group",
  private_channel: "channel",
  public_channel: "channel",
  personal_chat: "personal",
};

interface ResolvedOptions {
  messages: number;
  seed: number;
  chatType: SyntheticChatType;
  startDateUnix: number;
  spanDays: number;
  people: number;
  timeZone: string;
  tdesktopEscapes: boolean;
}

/**
 * Streams a synthetic export as text chunks of about 64 KiB; memory stays
 * bounded whatever `messages` is (1M messages ≈ 300+ MB of output).
 *
 * @throws SyntheticExportOptionsError at call time for invalid options.
 * @example
 * let json = "";
 * for (const chunk of generateSyntheticExport({ messages: 100, seed: 1 })) json += chunk;
 */
export function generateSyntheticExport(options: SyntheticExportOptions): Generator<string, void> {
  const resolved = resolveOptions(options);
  return generate(resolved, options);
}

/**
 * Writes a synthetic export to `path` with backpressure. A failed or aborted
 * write removes the partial file.
 *
 * @returns the number of bytes written.
 * @example await writeSyntheticExport("/tmp/result.json", { messages: 200_000, seed: 7 }, signal)
 */
export async function writeSyntheticExport(
  path: string,
  options: SyntheticExportOptions,
  signal?: AbortSignal,
): Promise<{ bytes: number }> {
  const chunks = generateSyntheticExport(options);
  signal?.throwIfAborted();
  const file = createWriteStream(path);
  try {
    await pipeline(Readable.from(chunks), file, signal ? { signal } : {});
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { bytes: file.bytesWritten };
}

function resolveOptions(options: SyntheticExportOptions): ResolvedOptions {
  const { messages, seed } = options;
  if (!Number.isSafeInteger(messages) || messages < 0) {
    throw new SyntheticExportOptionsError("messages", messages, "pass a whole number ≥ 0");
  }
  if (!Number.isFinite(seed)) {
    throw new SyntheticExportOptionsError("seed", seed, "pass any finite number");
  }
  const chatType = options.chatType ?? "private_supergroup";
  if (!(chatType in FAMILIES)) {
    const known = Object.keys(FAMILIES).join(", ");
    throw new SyntheticExportOptionsError("chatType", chatType, `use one of ${known}`);
  }
  const family = FAMILIES[chatType];
  const spanDays = options.spanDays ?? Math.min(1095, Math.max(14, Math.round(messages / 120)));
  if (!Number.isSafeInteger(spanDays) || spanDays < 1) {
    throw new SyntheticExportOptionsError("spanDays", spanDays, "pass a whole number of days ≥ 1");
  }
  const people = family === "personal" ? 2 : (options.people ?? (family === "channel" ? 4 : 40));
  if (!Number.isSafeInteger(people) || people < 1) {
    throw new SyntheticExportOptionsError("people", people, "pass a whole number ≥ 1");
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    throw new SyntheticExportOptionsError(
      "timeZone",
      timeZone,
      'use an IANA name such as "Europe/Moscow"',
    );
  }
  const startDateUnix = options.startDateUnix ?? DEFAULT_START_DATE_UNIX;
  if (!Number.isSafeInteger(startDateUnix)) {
    throw new SyntheticExportOptionsError(
      "startDateUnix",
      startDateUnix,
      "pass whole unix seconds",
    );
  }
  return {
    messages,
    seed,
    chatType,
    startDateUnix,
    spanDays,
    people,
    timeZone,
    tdesktopEscapes: options.tdesktopEscapes ?? true,
  };
}

function* generate(options: ResolvedOptions, raw: SyntheticExportOptions): Generator<string, void> {
  const prng = new Prng(options.seed);
  const family = FAMILIES[options.chatType];
  const identity = drawIdentity(prng, family);
  const people = createPeople(options.people, prng);
  const chat = chatProfile(options.chatType, raw, identity, people);
  const dates = new LocalDateFormatter(options.timeZone);
  const context: SerializeContext = { tdesktopEscapes: options.tdesktopEscapes, dates };
  const head = chatHeader(chat, people, context);
  if (options.messages === 0) {
    yield `${head}\n ]\n}`;
    return;
  }
  const factory = new MessageFactory(prng, chat, people, options.messages, dates);
  const clock = new ZoneClock(options.timeZone);
  const firstDay = clock.dayIndex(options.startDateUnix);
  const counts = planDailyCounts(options.messages, firstDay, options.spanDays, prng);
  let parts: string[] = [head];
  let partsChars = head.length;
  let position = 0;
  let previousUnix = options.startDateUnix;
  for (let day = 0; day < options.spanDays; day++) {
    const count = counts[day]!;
    if (count === 0) continue;
    const dayIndex = firstDay + day;
    const weekday = (((dayIndex + 3) % 7) + 7) % 7;
    const schedule = scheduleDay(count, clock.dayStartUnix(dayIndex), weekday, previousUnix, prng);
    factory.beginDay(
      options.spanDays === 1 ? 0.5 : day / (options.spanDays - 1),
      schedule.sessionCount,
    );
    for (let i = 0; i < count; i++) {
      const draft = factory.create(position, schedule.times[i]!, schedule.sessions[i]!);
      const text = (position === 0 ? "\n  " : ",\n  ") + serializeMessage(draft, context);
      parts.push(text);
      partsChars += text.length;
      position += 1;
      if (partsChars >= CHUNK_CHARS) {
        yield parts.join("");
        parts = [];
        partsChars = 0;
      }
    }
    previousUnix = schedule.times[count - 1]!;
  }
  parts.push("\n ]\n}");
  yield parts.join("");
}

interface Identity {
  chatId: number;
  linkedChannelId: number;
  name: string;
  signatures: boolean;
}

/** Draws every identity value up front, so overriding one option never shifts the rest. */
function drawIdentity(prng: Prng, family: ChatFamily): Identity {
  const chatId =
    family === "group"
      ? prng.int(100_000_000, 999_999_999)
      : prng.int(1_100_000_000, 2_400_000_000);
  return {
    chatId,
    linkedChannelId: prng.int(1_100_000_000, 2_400_000_000),
    name: prng.pick(CHAT_NAMES),
    signatures: prng.chance(0.5),
  };
}

function chatProfile(
  type: SyntheticChatType,
  raw: SyntheticExportOptions,
  identity: Identity,
  people: readonly Person[],
): ChatProfile {
  const family = FAMILIES[type];
  const contact = people[1] ?? people[0]!;
  const id = raw.chatId ?? (family === "personal" ? contact.userId : identity.chatId);
  const name = raw.chatName ?? (family === "personal" ? (contact.peer.name ?? "") : identity.name);
  const kind = family === "group" ? "chat" : family === "personal" ? "user" : "channel";
  return {
    type,
    family,
    id,
    name,
    peer: { name, id: `${kind}${id}` },
    linkedChannel: { name: `${name} | канал`, id: `channel${identity.linkedChannelId}` },
    signatures: identity.signatures,
  };
}

function chatHeader(
  chat: ChatProfile,
  people: readonly Person[],
  context: SerializeContext,
): string {
  const name =
    chat.family === "personal" && people[1]?.peer.name === null
      ? "null"
      : chat.name === ""
        ? "null"
        : tdesktopString(chat.name, context.tdesktopEscapes);
  return `{\n "name": ${name},\n "type": "${chat.type}",\n "id": ${chat.id},\n "messages": [`;
}
