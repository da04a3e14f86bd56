import { CHAR_FLAGS, PHRASE_BREAK, SPACE } from "./char-flags.js";
import { STOPWORDS } from "./stopwords.js";

/** Counts words and collects terms and bigrams, in token order. */
export class TokenSink {
  wordCount = 0;
  readonly terms: string[] = [];
  readonly bigrams: string[] = [];
  private previousTerm: string | null = null;
  private previousEnd = 0;
  private previousInRun = false;

  /** @param text the scanned text, for the gaps between words */
  constructor(private readonly text: string) {}

  /** A URL, email or mention: not a word, ends a phrase. */
  skip(): void {
    this.previousTerm = null;
  }

  /** A word that is never a term (number, bot command, stopword…): counted, ends a phrase. */
  nonTerm(): void {
    this.wordCount++;
    this.previousTerm = null;
  }

  /**
   * A term (lower-cased, normalised, not a stopword) spanning [start, end) of
   * the text. It pairs with the previous term into a bigram unless the gap
   * between them holds a phrase break (line break, . ! ? … ; :, or an emoji,
   * which the caller turned into a line break) or, when either term is of a
   * no-space script (`inRun`), a space: Thai writes one between phrases.
   */
  term(term: string, start: number, end: number, inRun: boolean): void {
    this.wordCount++;
    this.terms.push(term);
    const previous = this.previousTerm;
    if (previous !== null && this.joins(this.previousEnd, start, inRun || this.previousInRun)) {
      this.bigrams.push(`${previous} ${term}`);
    }
    this.previousTerm = term;
    this.previousEnd = end;
    this.previousInRun = inRun;
  }

  /** A lower-cased, normalised word of unknown kind (from `Intl.Segmenter`). */
  word(word: string, start: number, end: number, inRun: boolean): void {
    if (isTermShaped(word) && !STOPWORDS.has(word)) this.term(word, start, end, inRun);
    else this.nonTerm();
  }

  private joins(from: number, to: number, spaceBreaks: boolean): boolean {
    const breaks = spaceBreaks ? PHRASE_BREAK | SPACE : PHRASE_BREAK;
    for (let index = from; index < to; index++) {
      if (CHAR_FLAGS[this.text.charCodeAt(index)]! & breaks) return false;
    }
    return true;
  }
}

const HAS_LETTER = /\p{L}/u;

/** At least two code points and a letter (so not a number). */
function isTermShaped(word: string): boolean {
  if (word.length === 1) return false;
  if (word.length === 2 && word.charCodeAt(0) >= 0xd800 && word.charCodeAt(0) <= 0xdbff)
    return false;
  return HAS_LETTER.test(word);
}
