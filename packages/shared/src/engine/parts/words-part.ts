import type { MessageFacts } from "../message-facts.js";
import { TermCounter, type TermCounterJson, type TermCounterOptions } from "../text/index.js";

/** Serialised {@link WordsPart}. */
export interface WordsJson {
  words: TermCounterJson;
  bigrams: TermCounterJson;
}

/** Top words and two-word phrases: exact on small chats, a bounded sketch on large ones. */
export class WordsPart {
  constructor(
    public words = new TermCounter(),
    public bigrams = new TermCounter(),
  ) {}

  /** A part with explicit sketch sizes (tests use small ones to reach the sketch mode). */
  static withOptions(options: Partial<TermCounterOptions>): WordsPart {
    return new WordsPart(new TermCounter(options), new TermCounter(options));
  }

  /** Folds one regular message in. */
  add({ text }: MessageFacts): void {
    for (const term of text.terms) this.words.add(term);
    for (const bigram of text.bigrams) this.bigrams.add(bigram);
  }

  /** A new part with both inputs merged (exact while the union stays under the exact limit). */
  merge(other: WordsPart): WordsPart {
    return new WordsPart(this.words.merge(other.words), this.bigrams.merge(other.bigrams));
  }

  toJSON(): WordsJson {
    return { words: this.words.toJSON(), bigrams: this.bigrams.toJSON() };
  }

  static fromJSON(json: WordsJson): WordsPart {
    return new WordsPart(TermCounter.fromJSON(json.words), TermCounter.fromJSON(json.bigrams));
  }
}
