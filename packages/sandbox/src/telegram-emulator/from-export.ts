import { ZoneClock, peerKey, readExportChats, type ChatType, type Message } from "@tgstats/engine";
import type { EmulatedChat } from "./emulated-chat.js";
import { stableLong } from "./stable-ids.js";

/** How to seed emulated chats from an export. */
export interface EmulatedChatsFromExportOptions {
  /** Whether the account is in the chats (default: yes, except the export's `left_chats`). */
  accountIsMember?: boolean;
  /**
   * Username of the first chat. Default: `chat<id>` for public chats (the
   * export has no usernames, and a public chat has one), none for private ones.
   */
  username?: string | null;
  /** Zone for exports older than `date_unixtime` (default UTC). */
  timeZone?: string;
  /**
   * Gives a broadcast channel's posts the view and forward counts Telegram
   * serves over MTProto and exports leave out (see {@link emulatedPostCounters}),
   * so a sandbox channel has post figures. Off by default: the round-trip
   * tests compare the emulator's reports with the export's.
   */
  postViews?: boolean;
  signal?: AbortSignal;
}

const PUBLIC_TYPES: ReadonlySet<ChatType> = new Set(["public_supergroup", "public_channel"]);
const BROADCAST_TYPES: ReadonlySet<ChatType> = new Set(["private_channel", "public_channel"]);

/**
 * Views and forwards for a post whose source has none: stable per id, and
 * varied as a channel's are: morning and evening posts and videos read
 * better, night posts and long texts worse, with ±30 % noise. A post that has
 * counts, and a service message, keeps its own.
 *
 * @example emulatedPostCounters(post, new ZoneClock("UTC")) // { views: 1432, forwards: 12 }
 */
export function emulatedPostCounters(
  message: Message,
  clock: ZoneClock,
): Pick<Message, "views" | "forwards"> {
  if (message.views !== null || message.kind === "service" || message.kind === "unsupported")
    return { views: message.views, forwards: message.forwards };
  const { hour } = clock.localTime(message.dateUnix);
  const peak = Math.exp(-((hour - 9) ** 2) / 8) + 1.3 * Math.exp(-((hour - 20) ** 2) / 10);
  const kind = message.kind === "video" ? 1.5 : message.kind === "photo" ? 1.15 : 1;
  const length = message.text.length > 1000 ? 0.7 : 1;
  const noise = Number(stableLong(`views:${message.id}`) % 1000n) / 1000;
  const views = Math.round(800 * (0.35 + peak) * kind * length * (0.7 + 0.6 * noise));
  return { views, forwards: Math.round((views * noise) / 150) };
}

/**
 * The chats of a tdesktop export (single-chat or full-account) as emulated
 * chats, read through the export reader, so the emulator serves the same
 * messages the offline report reads. Access hashes are stable per chat.
 *
 * @example new TelegramEmulator({ account, chats: await emulatedChatsFromExport("result.json", {}) })
 */
export async function emulatedChatsFromExport(
  path: string,
  options: EmulatedChatsFromExportOptions = {},
): Promise<EmulatedChat[]> {
  const clock = new ZoneClock(options.timeZone ?? "UTC");
  const chats: EmulatedChat[] = [];
  for await (const chat of readExportChats(path, {
    assumedTimeZone: clock,
    signal: options.signal,
  })) {
    const messages: Message[] = [];
    const { info } = chat;
    const counted = options.postViews === true && BROADCAST_TYPES.has(info.type);
    for await (const batch of chat.batches())
      for (const message of batch)
        messages.push(counted ? { ...message, ...emulatedPostCounters(message, clock) } : message);
    const derived = PUBLIC_TYPES.has(info.type) ? `chat${info.id}` : null;
    const accountIsMember = options.accountIsMember ?? chat.section !== "left_chats";
    const { own, migrated } = splitMigrated(messages);
    const oldGroup =
      info.kind === "channel" && migrated.length > 0
        ? { chatId: migratedGroupId(info.id), maxId: migrated.at(-1)!.id }
        : null;
    chats.push({
      info,
      username: chats.length === 0 && options.username !== undefined ? options.username : derived,
      accessHash: stableLong(`chat:${peerKey(info)}`),
      accountIsMember,
      messages: oldGroup === null ? messages : own,
      migratedFrom: oldGroup,
    });
    if (oldGroup !== null)
      chats.push({
        info: { kind: "chat", id: oldGroup.chatId, name: info.name, type: "private_group" },
        username: null,
        accessHash: 0n,
        accountIsMember,
        messages: migrated,
      });
  }
  return chats;
}

/** tdesktop lists a supergroup's old basic-group messages first, their ids shifted by −10⁹. */
const MIGRATED_ID_SHIFT = 1_000_000_000;

/** The supergroup's own messages, and the old basic group's with their ids as that group had them. */
function splitMigrated(messages: readonly Message[]): { own: Message[]; migrated: Message[] } {
  const own: Message[] = [];
  const migrated: Message[] = [];
  for (const message of messages) {
    if (message.id > 0) {
      own.push(message);
      continue;
    }
    const replyToId = message.replyToId === null ? null : message.replyToId + MIGRATED_ID_SHIFT;
    migrated.push({ ...message, id: message.id + MIGRATED_ID_SHIFT, replyToId });
  }
  return { own, migrated };
}

/** A made-up but stable id for the old basic group (the export does not name it). */
function migratedGroupId(channelId: number): number {
  const hash = stableLong(`migrated-from:${channelId}`);
  return 1 + Number((hash < 0n ? -hash : hash) % 999_999_999n);
}
