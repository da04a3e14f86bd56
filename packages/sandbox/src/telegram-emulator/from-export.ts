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
  signal?: AbortSignal;
}

const PUBLIC_TYPES: ReadonlySet<ChatType> = new Set(["public_supergroup", "public_channel"]);

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
    for await (const batch of chat.batches()) for (const message of batch) messages.push(message);
    const { info } = chat;
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
