import { messageLink, type LinkableChat } from "../model/message-link.js";
import type { ChatType, PeerKind } from "../model/message.js";
import { formatLocalIso, type ZoneClock } from "../time/zone-clock.js";
import { compareText } from "./count-map.js";
import type { ReactionsPart } from "./parts/reactions-part.js";
import type { ReportJson, SenderStats } from "./report-json.js";

/** The report's chat as far as links to its messages need it; null for a report of several chats. */
export interface ReportChat {
  id: number | null;
  type: string;
  /** Taken from the chat info where given; else told by `type`. */
  kind?: PeerKind;
  /** The public username, where the source knows it (MTProto). */
  username?: string | null;
}

/** Export chat types whose chat is a channel peer (supergroups and channels have message links). */
const CHANNEL_TYPES: ReadonlySet<string> = new Set<ChatType>([
  "private_supergroup",
  "public_supergroup",
  "private_channel",
  "public_channel",
]);

/** The linkable form of the report's own chat; null for a combined report. */
function reportChatLink(chat: ReportChat): LinkableChat | null {
  if (chat.id === null) return null;
  const kind = chat.kind ?? (CHANNEL_TYPES.has(chat.type) ? "channel" : "chat");
  return { kind, id: chat.id, username: chat.username ?? null };
}

/**
 * `reactionsReceived` of the report: karma of people (users), most received
 * first (ties: more per message, then id), and the most reacted messages with
 * their links.
 */
export function reactionsReport(
  part: ReactionsPart,
  context: {
    chat: ReportChat;
    clock: ZoneClock;
    people: readonly SenderStats[];
    nameOf: (id: string) => string | null;
    limit: number;
  },
): ReportJson["reactionsReceived"] {
  const { chat, clock, people, nameOf, limit } = context;
  const sent = new Map(people.map((person) => [person.id, person.messages]));
  const karma = [...part.karma]
    .filter(([id]) => sent.has(id))
    .map(([id, { received, messages }]) => ({
      id,
      name: nameOf(id),
      received,
      messages,
      perMessage: Math.round((received / Math.max(1, sent.get(id) ?? 0)) * 100) / 100,
    }))
    .sort(
      (a, b) => b.received - a.received || b.perMessage - a.perMessage || compareText(a.id, b.id),
    )
    .slice(0, limit);
  const own = reportChatLink(chat);
  const topMessages = part.top.map((entry) => {
    const tagged = entry.chat;
    const where: LinkableChat | null =
      tagged === undefined || (own !== null && tagged.kind === own.kind && tagged.id === own.id)
        ? own
        : tagged;
    return {
      id: entry.id,
      chatId: where?.id ?? null,
      senderId: entry.senderKey,
      senderName: entry.senderKey === null ? null : nameOf(entry.senderKey),
      date: formatLocalIso(entry.dateUnix, clock),
      reactions: entry.count,
      topReaction: entry.topReaction,
      link: where === null ? null : messageLink(where, entry.id),
    };
  });
  return { total: part.total, messages: part.messages, karma, topMessages };
}
