import type { MessageFacts } from "../message-facts.js";
import { TermCounter, type TermCounterJson, type TermCounterOptions } from "../text/index.js";

/**
 * A word or two-word phrase is stored (cache, checkpoints, split parts) only
 * once it occurs in at least this many distinct messages of what is stored:
 * the words of a one-off message never reach Redis, so chaining stored
 * phrases cannot rebuild it.
 */
export const MIN_MESSAGES_AT_REST = 3;

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
    this.words.addMessage(text.terms);
    this.bigrams.addMessage(text.bigrams);
  }

  /** A new part with both inputs merged (exact while the union stays under the exact limit). */
  merge(other: WordsPart): WordsPart {
    return new WordsPart(this.words.merge(other.words), this.bigrams.merge(other.bigrams));
  }

  /** {@link merge} into this part, for one only the caller holds (see {@link TermCounter.absorb}). */
  absorb(other: WordsPart): void {
    this.words.absorb(other.words);
    this.bigrams.absorb(other.bigrams);
  }

  /**
   * What may be stored: words and phrases seen in fewer than
   * {@link MIN_MESSAGES_AT_REST} distinct messages dropped, their largest
   * count added to each counter's `rareErrorBound`.
   */
  forRest(): WordsPart {
    return new WordsPart(
      this.words.withoutRare(MIN_MESSAGES_AT_REST),
      this.bigrams.withoutRare(MIN_MESSAGES_AT_REST),
    );
  }

  toJSON(): WordsJson {
    return { words: this.words.toJSON(), bigrams: this.bigrams.toJSON() };
  }

  /** {@link toJSON} for another thread (see {@link TermCounter.toUnsortedJSON}). */
  toUnsortedJSON(): WordsJson {
    return { words: this.words.toUnsortedJSON(), bigrams: this.bigrams.toUnsortedJSON() };
  }

  static fromJSON(json: WordsJson): WordsPart {
    return new WordsPart(TermCounter.fromJSON(json.words), TermCounter.fromJSON(json.bigrams));
  }
}
