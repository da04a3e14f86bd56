import { takeEmoji } from "./emoji.js";
import { Scanner } from "./scanner.js";

/** What one message's text contributes to the report. */
export interface TextAnalysis {
  /** All word tokens in the text, stopwords, numbers and bot commands included, URLs/mentions/hashtags/emails excluded. */
  wordCount: number;
  /** User-perceived length: code points (surrogate pairs count once). Cheap; no Intl.Segmenter. */
  characters: number;
  /** Lower-cased words for "top words": no stopwords, numbers, URLs, mentions, hashtags, emails, bot commands or 1-letter tokens. */
  terms: string[];
  /** Two-word phrases "a b": adjacent terms with no other token, sentence punctuation, line break or emoji between them. */
  bigrams: string[];
  /** Emoji keys (U+FE0F removed), one per occurrence, in order. */
  emojis: string[];
}

const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Splits one message into what the report counts: words, terms, phrases,
 * emoji and length. Terms are lower-cased, ’ and ʼ become ', ё becomes е.
 * Words are letters, digits and marks joined by ' ’ - (don't, п'ять, кто-то)
 * or by . , : between digits (3.14, 12:30); text in Han, Kana, Thai, Lao,
 * Khmer or Myanmar is split by `Intl.Segmenter`.
 * @example
 * analyzeText("Кот и кошка спят 😴") →
 *   { wordCount: 4, characters: 18, terms: ["кот", "кошка", "спят"], bigrams: ["кошка спят"], emojis: ["😴"] }
 */
export function analyzeText(text: string): TextAnalysis {
  let scanner = new Scanner(text);
  scanner.run();
  const emojis: string[] = [];
  let characters = text.length;
  if (scanner.hasSurrogates) characters -= text.match(SURROGATE_PAIRS)?.length ?? 0;
  if (scanner.firstEmojiHint >= 0) {
    // Rare: find emoji, then scan again without them (keycap digits are not words).
    // A keycap's digit, # or * comes just before its hint (U+FE0F or U+20E3).
    const withoutEmoji = takeEmoji(text, emojis, Math.max(0, scanner.firstEmojiHint - 1));
    if (withoutEmoji !== text) {
      scanner = new Scanner(withoutEmoji);
      scanner.run();
    }
  }
  const { sink } = scanner;
  return {
    wordCount: sink.wordCount,
    characters,
    terms: sink.terms,
    bigrams: sink.bigrams,
    emojis,
  };
}
