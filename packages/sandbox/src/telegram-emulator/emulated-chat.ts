import { Api } from "telegram";
import {
  isBroadcastChannel,
  peerKey,
  type ChatInfo,
  type Message,
  type PeerRef,
} from "@tgstats/engine";
import { toLong } from "@tgstats/worker/mtproto";
import { stableLong } from "./stable-ids.js";

/** A chat the emulator serves. */
export interface EmulatedChat {
  info: ChatInfo;
  /** Public username (without @); public chats can be read without being a member. */
  username: string | null;
  accessHash: bigint;
  /** Whether the emulated account is in the chat (it then appears in its dialogs). */
  accountIsMember: boolean;
  /** The history, ascending ids. */
  messages: Message[];
  /**
   * A supergroup upgraded from a basic group: the old group's bare id and its
   * last message id (`channelFull.migrated_from_*`); the old group is an
   * emulated chat of its own.
   */
  migratedFrom?: { chatId: number; maxId: number } | null;
  /**
   * The account joined with the pre-history hidden: it sees only messages
   * with higher ids (`channelFull.available_min_id`); 0 or unset sees all.
   */
  availableMinId?: number;
  /**
   * The chat's member list (the account is added when it is a member), as
   * `channels.getParticipants` and `messages.getFullChat` list it; unset:
   * the list is not shown (`can_view_participants` false, a basic group's
   * participants forbidden).
   */
  members?: EmulatedMember[] | null;
  /** `participants_hidden`: only admins are shown the list; others get CHAT_ADMIN_REQUIRED. */
  participantsHidden?: boolean;
  /** The account is the chat's creator (it then sees a hidden list). */
  accountIsAdmin?: boolean;
  /**
   * Telegram shows the account the chat's own statistics (`can_view_stats`:
   * an admin of a big enough supergroup or channel); unset, the stats
   * requests are refused with CHAT_ADMIN_REQUIRED.
   */
  statsVisible?: boolean;
  /** The data centre the statistics live on (`stats_dc`): asked elsewhere they answer STATS_MIGRATE_X. */
  statsDc?: number;
  /** `channelFull` names no `stats_dc`: the adapter learns it from STATS_MIGRATE_X. */
  statsDcHidden?: boolean;
  /** Graphs answered with `statsGraphError` (Telegram's "not enough data"). */
  statsGraphErrors?: EmulatedStatsGraph[];
}

/** The statistics graphs the emulator derives from a chat's history. */
export type EmulatedStatsGraph = "growth" | "newBySource" | "languages" | "viewsBySource";

/** Someone in an emulated chat's member list. */
export interface EmulatedMember {
  id: number;
  /** Display name; null for a deleted account. */
  name: string | null;
  /** A bot account. */
  bot?: boolean;
}

/** The logged-in account the emulator plays. */
export interface EmulatedAccount {
  id: number;
  username: string | null;
  firstName: string;
}

/** An emulated chat with its history kept sorted and unique by id. */
export class ChatState {
  readonly info: ChatInfo;
  readonly key: string;
  private history: Message[];
  private senders: number | null = null;

  constructor(readonly chat: EmulatedChat) {
    this.info = chat.info;
    this.key = peerKey(chat.info);
    this.history = uniqueAscending(chat.messages);
  }

  /** Messages, ascending ids. */
  get messages(): readonly Message[] {
    return this.history;
  }

  /** Adds messages (new ones, or replacements of the same ids). */
  add(messages: readonly Message[]): void {
    this.history = uniqueAscending([...this.history, ...messages]);
    this.senders = null;
  }

  /** Distinct senders, as the chat's member count. */
  get senderCount(): number {
    if (this.senders === null) {
      const keys = new Set<string>();
      for (const message of this.history)
        if (message.sender !== null) keys.add(peerKey(message.sender));
      this.senders = keys.size;
    }
    return this.senders;
  }

  /** Whether the account may read the history: a member, or a public channel or supergroup. */
  get readable(): boolean {
    return (
      this.chat.accountIsMember || (this.info.kind === "channel" && this.chat.username !== null)
    );
  }

  get isBroadcast(): boolean {
    return isBroadcastChannel(this.info.type);
  }

  /** The chat as a Peer. */
  peer(): Api.TypePeer {
    return peerOf(this.info);
  }
}

/** An MTProto Peer for a peer reference. */
export function peerOf(ref: PeerRef): Api.TypePeer {
  if (ref.kind === "channel") return new Api.PeerChannel({ channelId: toLong(ref.id) });
  if (ref.kind === "chat") return new Api.PeerChat({ chatId: toLong(ref.id) });
  return new Api.PeerUser({ userId: toLong(ref.id) });
}

/** The access hash the emulator gives a peer it has no explicit hash for. */
export function derivedAccessHash(ref: PeerRef): bigint {
  return stableLong(`access:${peerKey(ref)}`);
}

/** Sorted by id; a later message with the same id replaces an earlier one. */
function uniqueAscending(messages: readonly Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const message of messages) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
