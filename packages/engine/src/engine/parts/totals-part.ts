import { increment, mergeCounts } from "../count-map.js";
import type { MessageFacts } from "../message-facts.js";
import { maxOrNull, minOrNull } from "../nullable-math.js";

/** Serialised {@link TotalsPart}. */
export interface TotalsJson {
  messages: number;
  serviceMessages: number;
  unsupportedMessages: number;
  assumedDates: number;
  words: number;
  characters: number;
  /** Characters of messages of kind `text` only (no captions); absent in states of older versions. */
  textCharacters?: number;
  firstDateUnix: number | null;
  lastDateUnix: number | null;
  byKind: Record<string, number>;
}

/** Chat-wide counts: messages by kind, words, characters, first and last date. */
export class TotalsPart {
  messages = 0;
  serviceMessages = 0;
  unsupportedMessages = 0;
  /** Messages whose date was read from a local-time string in an assumed zone. */
  assumedDates = 0;
  words = 0;
  characters = 0;
  /** Characters of messages of kind `text` (captions of media left out): for average lengths. */
  textCharacters = 0;
  firstDateUnix: number | null = null;
  lastDateUnix: number | null = null;
  byKind = new Map<string, number>();

  /** Folds one message in. */
  add({ message, text }: MessageFacts): void {
    if (message.dateAssumed === true) this.assumedDates++;
    if (message.kind === "service") {
      this.serviceMessages++;
      return;
    }
    if (message.kind === "unsupported") {
      this.unsupportedMessages++;
      return;
    }
    this.messages++;
    increment(this.byKind, message.kind);
    this.words += text.wordCount;
    this.characters += text.characters;
    if (message.kind === "text") this.textCharacters += text.characters;
    if (this.firstDateUnix === null || message.dateUnix < this.firstDateUnix)
      this.firstDateUnix = message.dateUnix;
    if (this.lastDateUnix === null || message.dateUnix > this.lastDateUnix)
      this.lastDateUnix = message.dateUnix;
  }

  /** A new part counting both inputs. */
  merge(other: TotalsPart): TotalsPart {
    const merged = new TotalsPart();
    merged.messages = this.messages + other.messages;
    merged.serviceMessages = this.serviceMessages + other.serviceMessages;
    merged.unsupportedMessages = this.unsupportedMessages + other.unsupportedMessages;
    merged.assumedDates = this.assumedDates + other.assumedDates;
    merged.words = this.words + other.words;
    merged.characters = this.characters + other.characters;
    merged.textCharacters = this.textCharacters + other.textCharacters;
    merged.firstDateUnix = minOrNull(this.firstDateUnix, other.firstDateUnix);
    merged.lastDateUnix = maxOrNull(this.lastDateUnix, other.lastDateUnix);
    merged.byKind = mergeCounts(this.byKind, other.byKind);
    return merged;
  }

  toJSON(): TotalsJson {
    return {
      messages: this.messages,
      serviceMessages: this.serviceMessages,
      unsupportedMessages: this.unsupportedMessages,
      assumedDates: this.assumedDates,
      words: this.words,
      characters: this.characters,
      textCharacters: this.textCharacters,
      firstDateUnix: this.firstDateUnix,
      lastDateUnix: this.lastDateUnix,
      byKind: Object.fromEntries(this.byKind),
    };
  }

  static fromJSON(json: TotalsJson): TotalsPart {
    const part = new TotalsPart();
    Object.assign(part, json, { byKind: new Map(Object.entries(json.byKind)) });
    return part;
  }
}
