import { compareCountEntries } from "../count-map.js";
import type { MessageFacts } from "../message-facts.js";
import { peerKey, type PeerRef } from "../../model/message.js";
import { reactionKey } from "./emoji-part.js";

/** Most reacted messages a part keeps: per stored month, and after any merge. */
export const TOP_REACTED_MESSAGES = 10;

/** Reactions a person (a sender key) received on their messages. */
export interface Karma {
  /** Sum of the reaction counts on their messages. */
  received: number;
  /** Their messages with at least one reaction. */
  messages: number;
}

/** A message among the most reacted: ids and counts only, never its text. */
export interface ReactedMessage {
  id: number;
  /** `user123`…; null for a message without a sender. */
  senderKey: string | null;
  dateUnix: number;
  /** Sum of its reaction counts. */
  count: number;
  /** Its most given reaction as {@link reactionKey} spells it (ties: the smaller key). */
  topReaction: string;
  /** The chat it is in, once states of several chats are combined; absent in a one-chat state. */
  chat?: PeerRef;
}

/** Serialised {@link ReactionsPart}. */
export interface ReactionsJson {
  /** Reactions on all messages: sum of the counts. */
  total: number;
  /** Messages with at least one reaction. */
  messages: number;
  /** Per sender key: `[received, messages]`. */
  karma: Record<string, [number, number]>;
  top: ReactedMessage[];
}

/**
 * Reactions received: per person the reactions on their messages (a
 * "karma"), and the {@link TOP_REACTED_MESSAGES} most reacted messages, most
 * first, ties to the smaller id (then the chat), so the list is one total
 * order and merging keeps exactly the top of the whole.
 */
export class ReactionsPart {
  total = 0;
  messages = 0;
  karma = new Map<string, Karma>();
  top: ReactedMessage[] = [];

  /** Folds one regular message in; messages without reactions change nothing. */
  add({ message, senderKey }: MessageFacts): void {
    let count = 0;
    const byKey = new Map<string, number>();
    for (const reaction of message.reactions) {
      if (reaction.count <= 0) continue;
      count += reaction.count;
      const key = reactionKey(reaction);
      byKey.set(key, (byKey.get(key) ?? 0) + reaction.count);
    }
    if (count === 0) return;
    this.total += count;
    this.messages++;
    if (senderKey !== null) {
      const karma = this.karma.get(senderKey) ?? { received: 0, messages: 0 };
      this.karma.set(senderKey, { received: karma.received + count, messages: karma.messages + 1 });
    }
    const entry = { id: message.id, senderKey, dateUnix: message.dateUnix, count, topReaction: "" };
    const last = this.top[TOP_REACTED_MESSAGES - 1];
    if (last !== undefined && compareReacted(entry, last) >= 0) return;
    entry.topReaction = [...byKey].sort(compareCountEntries)[0]![0];
    this.top = topOf([...this.top, entry]);
  }

  /** A new part with both inputs' karma added and the top of both lists. */
  merge(other: ReactionsPart): ReactionsPart {
    const merged = this.sumWith(other);
    merged.top = topOf([...this.top, ...other.top]);
    return merged;
  }

  /**
   * Two chats' parts together: karma added; of the messages, only those
   * tagged with their chat ({@link inChat}) are kept, since ids of two chats
   * cannot be told apart otherwise.
   */
  combineChats(other: ReactionsPart): ReactionsPart {
    const merged = this.sumWith(other);
    merged.top = topOf([...this.top, ...other.top].filter((entry) => entry.chat !== undefined));
    return merged;
  }

  /** This part with its untagged messages tagged as being in `chat` (before {@link combineChats}). */
  inChat(chat: PeerRef): ReactionsPart {
    const tagged = this.sumWith(new ReactionsPart());
    tagged.top = this.top.map((entry) =>
      entry.chat === undefined ? { ...entry, chat: { kind: chat.kind, id: chat.id } } : entry,
    );
    return tagged;
  }

  toJSON(): ReactionsJson {
    const karma: Record<string, [number, number]> = {};
    for (const [key, { received, messages }] of this.karma) karma[key] = [received, messages];
    return {
      total: this.total,
      messages: this.messages,
      karma,
      top: this.top.map((entry) => ({ ...entry })),
    };
  }

  static fromJSON(json: ReactionsJson): ReactionsPart {
    const part = new ReactionsPart();
    part.total = json.total;
    part.messages = json.messages;
    for (const [key, [received, messages]] of Object.entries(json.karma))
      part.karma.set(key, { received, messages });
    part.top = topOf(json.top.map((entry) => ({ ...entry })));
    return part;
  }

  /** A new part with both inputs' sums and karma, and no messages listed. */
  private sumWith(other: ReactionsPart): ReactionsPart {
    const sum = new ReactionsPart();
    sum.total = this.total + other.total;
    sum.messages = this.messages + other.messages;
    sum.karma = mergeKarma(this.karma, other.karma);
    return sum;
  }
}

function mergeKarma(
  a: ReadonlyMap<string, Karma>,
  b: ReadonlyMap<string, Karma>,
): Map<string, Karma> {
  const merged = new Map(a);
  for (const [key, karma] of b) {
    const mine = merged.get(key);
    merged.set(
      key,
      mine === undefined
        ? karma
        : { received: mine.received + karma.received, messages: mine.messages + karma.messages },
    );
  }
  return merged;
}

/** Most reactions first, then the smaller id, then the chat: a total order over distinct messages. */
export function compareReacted(a: ReactedMessage, b: ReactedMessage): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.id !== b.id) return a.id - b.id;
  const chatA = a.chat === undefined ? "" : peerKey(a.chat);
  const chatB = b.chat === undefined ? "" : peerKey(b.chat);
  return chatA < chatB ? -1 : chatA > chatB ? 1 : 0;
}

function topOf(entries: ReactedMessage[]): ReactedMessage[] {
  return entries.sort(compareReacted).slice(0, TOP_REACTED_MESSAGES);
}
