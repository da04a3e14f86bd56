import type { PeerKind } from "../../model/message.js";
import type { MessageFacts } from "../message-facts.js";

/** Media kinds: anything but text, stickers, service and unsupported records. */
const NON_MEDIA_KINDS = new Set(["text", "sticker", "service", "unsupported"]);

/** Per-sender counters, serialisable as they are. */
export interface SenderAggregate {
  kind: PeerKind;
  id: number;
  /** Latest non-null display name seen, and the date it was seen (names change). */
  name: string | null;
  nameDateUnix: number;
  messages: number;
  words: number;
  characters: number;
  media: number;
  stickers: number;
  repliesGiven: number;
}

/** Serialised {@link SendersPart}: sender key → aggregate. */
export type SendersJson = Record<string, SenderAggregate>;

/** Who writes how much: messages, words, media and stickers per sender. */
export class SendersPart {
  readonly bySender = new Map<string, SenderAggregate>();

  /** Folds one regular message in (the engine passes no service messages). */
  add({ message, senderKey, text }: MessageFacts): void {
    const sender = message.sender;
    if (senderKey === null || sender === null) return;
    let aggregate = this.bySender.get(senderKey);
    if (aggregate === undefined) {
      aggregate = emptyAggregate(sender.kind, sender.id);
      this.bySender.set(senderKey, aggregate);
    }
    adoptName(aggregate, sender.name, message.dateUnix);
    aggregate.messages++;
    aggregate.words += text.wordCount;
    aggregate.characters += text.characters;
    if (message.kind === "sticker") aggregate.stickers++;
    else if (!NON_MEDIA_KINDS.has(message.kind)) aggregate.media++;
    if (message.replyToId !== null) aggregate.repliesGiven++;
  }

  /** A new part with both inputs' senders; counts add up, the latest name wins. */
  merge(other: SendersPart): SendersPart {
    const merged = new SendersPart();
    for (const part of [this, other]) {
      for (const [key, aggregate] of part.bySender) {
        const existing = merged.bySender.get(key);
        if (existing === undefined) merged.bySender.set(key, { ...aggregate });
        else addAggregate(existing, aggregate);
      }
    }
    return merged;
  }

  toJSON(): SendersJson {
    return Object.fromEntries(this.bySender);
  }

  static fromJSON(json: SendersJson): SendersPart {
    const part = new SendersPart();
    for (const [key, aggregate] of Object.entries(json)) part.bySender.set(key, { ...aggregate });
    return part;
  }
}

function emptyAggregate(kind: PeerKind, id: number): SenderAggregate {
  return {
    kind,
    id,
    name: null,
    nameDateUnix: 0,
    messages: 0,
    words: 0,
    characters: 0,
    media: 0,
    stickers: 0,
    repliesGiven: 0,
  };
}

/** Keeps the name with the greatest (date, name): a total order, so merging in any grouping agrees. */
function adoptName(aggregate: SenderAggregate, name: string | null, dateUnix: number): void {
  if (name === null) return;
  const newer =
    aggregate.name === null ||
    dateUnix > aggregate.nameDateUnix ||
    (dateUnix === aggregate.nameDateUnix && name > aggregate.name);
  if (newer) {
    aggregate.name = name;
    aggregate.nameDateUnix = dateUnix;
  }
}

function addAggregate(target: SenderAggregate, source: SenderAggregate): void {
  adoptName(target, source.name, source.nameDateUnix);
  target.messages += source.messages;
  target.words += source.words;
  target.characters += source.characters;
  target.media += source.media;
  target.stickers += source.stickers;
  target.repliesGiven += source.repliesGiven;
}
