import * as chars from "./char-flags.js";
import { normalizeWord, STOPWORDS } from "./stopwords.js";
import { TokenSink } from "./token-sink.js";

// Module-local copies: an imported binding is re-read (with a TDZ check) at
// every use, which costs ~10 % in the per-character loops.
const {
  astralFlags,
  CHAR_FLAGS,
  DIGIT,
  EMOJI_HINT,
  HIGH_SURROGATE,
  LETTER,
  NO_SPACE,
  NORMALISED,
  SIGIL,
  SPACE,
  UPPER,
  WORD_PART,
  WORD_START,
} = chars;

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;
const COLON = 0x3a;
const SLASH = 0x2f;
const AT = 0x40;
const HASH = 0x23;
const UNDERSCORE = 0x5f;
const PLUS = 0x2b;
const PERCENT = 0x25;

// URLs (any scheme, www.), emails and bare domains with a common TLD; tried only where a word meets . : @ _ + %.
const TLDS =
  "com|net|org|info|io|me|ru|su|ua|by|kz|uz|de|fr|es|it|pl|eu|us|uk|co|tv|gg|ly|app|dev|xyz|ai";
const LINK = new RegExp(
  String.raw`[a-z][a-z0-9+.-]*:\/\/\S*|www\.\S+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|(?:[a-z0-9-]+\.)+(?:${TLDS})(?![\p{L}\p{N}_-])(?:\/\S*)?`,
  "iuy",
);

/**
 * The tokenizer: one pass over character flags (see `char-flags.ts`).
 * Hand-written because a tokenizing regular expression with Unicode
 * properties took ~4 µs per 60-character message, against a budget of 1.5 µs
 * for the whole analysis; the hot loops read the flag table directly and
 * leave rare cases (surrogates, sigils, no-space scripts) to other methods.
 */
export class Scanner {
  readonly sink: TokenSink;
  /** Index of the first character that may belong to an emoji; -1 for none. */
  firstEmojiHint = -1;
  /** Passed a surrogate pair. */
  hasSurrogates = false;
  private index = 0;
  private segments: Intl.Segments | undefined;
  /** OR of the flags of the characters of the last scanned word. */
  private seen = 0;

  constructor(private readonly text: string) {
    this.sink = new TokenSink(text);
  }

  run(): void {
    const { text } = this;
    const length = text.length;
    while (this.index < length) {
      const code = text.charCodeAt(this.index);
      const flags = CHAR_FLAGS[code]!;
      if (flags & WORD_START) this.word(this.index);
      else if (flags & (NO_SPACE | HIGH_SURROGATE | EMOJI_HINT | SIGIL)) this.rare(code, flags);
      else this.index++;
    }
  }

  private rare(code: number, flags: number): void {
    if (flags & EMOJI_HINT && this.firstEmojiHint < 0) this.firstEmojiHint = this.index;
    if (flags & HIGH_SURROGATE) {
      this.hasSurrogates = true;
      const astral = this.flagsAt(this.index);
      if (astral & WORD_START) this.word(this.index);
      else if (astral & NO_SPACE) this.noSpaceRun();
      else this.index += astral === 0 ? 1 : 2;
    } else if (flags & NO_SPACE) this.noSpaceRun();
    else if (code === AT) this.mention();
    else if (code === HASH) this.hashtag();
    else if (code === SLASH) this.botCommand();
    else this.index++;
  }

  /** A word, or a URL/email that starts like one. */
  private word(start: number): void {
    const end = this.wordEnd(start);
    if (end < this.text.length && this.mayContinueAsLink(end)) {
      const linkEnd = matchLink(this.text, start);
      if (linkEnd > 0) {
        this.noteRange(end, linkEnd);
        this.index = linkEnd;
        this.sink.skip();
        return;
      }
    }
    this.index = end;
    this.emit(start, end, this.seen);
  }

  /** End of the word at `start`; {@link seen} gets its flags. */
  private wordEnd(start: number): number {
    const { text } = this;
    const length = text.length;
    let index = start;
    let seen = 0;
    for (;;) {
      while (index < length) {
        let flags = CHAR_FLAGS[text.charCodeAt(index)]!;
        if (flags & HIGH_SURROGATE) flags = this.flagsAt(index);
        if (!(flags & WORD_PART)) break;
        seen |= flags;
        index += flags & HIGH_SURROGATE ? 2 : 1;
      }
      if (index + 1 >= length) break;
      const code = text.charCodeAt(index);
      if (code === APOSTROPHE || code === RIGHT_QUOTE || code === HYPHEN) {
        if (!(this.flagsAt(index + 1) & WORD_START)) break;
        if (code === RIGHT_QUOTE) seen |= NORMALISED;
      } else if (code === DOT || code === COMMA || code === COLON) {
        const between =
          CHAR_FLAGS[text.charCodeAt(index - 1)]! & CHAR_FLAGS[text.charCodeAt(index + 1)]!;
        if (!(between & DIGIT)) break;
      } else break;
      index++;
    }
    this.seen = seen;
    if (seen & (EMOJI_HINT | HIGH_SURROGATE)) this.noteRare(start, index, seen);
    return index;
  }

  /** Counts the word [start, end) with flags `seen`: a term unless a number, one letter or a stopword. */
  private emit(start: number, end: number, seen: number): void {
    const { sink } = this;
    const oneCodePoint = end - start === 1 || (end - start === 2 && seen & HIGH_SURROGATE);
    if (!(seen & LETTER) || oneCodePoint) {
      sink.nonTerm();
      return;
    }
    let word = this.text.slice(start, end);
    if (seen & UPPER) word = word.toLowerCase();
    if (seen & NORMALISED) word = normalizeWord(word);
    if (seen & EMOJI_HINT) word = withoutPresentationMarks(word);
    if (STOPWORDS.has(word) || isUnderTwoCodePoints(word)) sink.nonTerm();
    else sink.term(word, start, end, false);
  }

  /** Notes surrogates and emoji hints in [start, end) of a skipped URL or email (emoji may stick to it). */
  private noteRange(start: number, end: number): void {
    let seen = 0;
    for (let index = start; index < end; index++) seen |= CHAR_FLAGS[this.text.charCodeAt(index)]!;
    if (seen & (EMOJI_HINT | HIGH_SURROGATE)) this.noteRare(start, end, seen);
  }

  /** A token [start, end) held a surrogate pair or a possible emoji part (a keycap's U+FE0F and U+20E3 are marks). */
  private noteRare(start: number, end: number, seen: number): void {
    if (seen & HIGH_SURROGATE) this.hasSurrogates = true;
    if (!(seen & EMOJI_HINT) || this.firstEmojiHint >= 0) return;
    let index = start;
    while (index < end && !(CHAR_FLAGS[this.text.charCodeAt(index)]! & EMOJI_HINT)) index++;
    this.firstEmojiHint = index;
  }

  /** After a word: :// . @ followed by a letter or digit, or _ + % may make it a URL or an email. */
  private mayContinueAsLink(end: number): boolean {
    const { text } = this;
    const code = text.charCodeAt(end);
    if (code === DOT || code === AT) return isAsciiAlphanumeric(text.charCodeAt(end + 1));
    if (code === COLON) return text.startsWith("//", end + 1);
    return code === UNDERSCORE || code === PLUS || code === PERCENT;
  }

  /** Han, Kana, Thai…: words by `Intl.Segmenter`, ~10× slower than the scan, so only here. */
  private noSpaceRun(): void {
    const start = this.index;
    const end = this.runEnd(start, NO_SPACE, false);
    this.index = end;
    // One `segment()` call per text, not per run: each call costs ~5 µs of set-up.
    wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
    this.segments ??= wordSegmenter.segment(this.text);
    for (let index = start; index < end;) {
      const { segment, index: segmentStart, isWordLike } = this.segments.containing(index)!;
      const wordEnd = Math.min(segmentStart + segment.length, end);
      if (isWordLike === true) {
        const whole = segmentStart >= index && wordEnd === segmentStart + segment.length;
        this.sink.word(whole ? segment : this.text.slice(index, wordEnd), index, wordEnd, true);
      }
      index = wordEnd;
    }
  }

  /** @name: not a word. */
  private mention(): void {
    const end = this.runEnd(this.index + 1, WORD_PART, true);
    if (end === this.index + 1) {
      this.index++;
      return;
    }
    this.index = end;
    this.sink.skip();
  }

  /**
   * #word: a hashtag, not a word (like a mention). The report counts hashtags
   * apart, from Telegram's hashtag entities, so `#rust` never adds to `rust`.
   */
  private hashtag(): void {
    const start = this.index + 1;
    if (!(this.flagsAt(start) & (WORD_START | NO_SPACE))) {
      this.index++;
      return;
    }
    const end = this.runEnd(start, WORD_PART | NO_SPACE, true);
    this.index = end;
    this.sink.skip();
  }

  /** /command or /command@bot at the start of a chunk: a word, never a term. */
  private botCommand(): void {
    const { text } = this;
    const start = this.index;
    const afterSpace = start === 0 || CHAR_FLAGS[text.charCodeAt(start - 1)]! & SPACE;
    if (!afterSpace || !isAsciiLetter(text.charCodeAt(start + 1))) {
      this.index++;
      return;
    }
    let end = asciiNameEnd(text, start + 1);
    if (text.charCodeAt(end) === AT && asciiNameEnd(text, end + 1) > end + 1) {
      end = asciiNameEnd(text, end + 1);
    }
    this.index = end;
    this.sink.nonTerm();
  }

  /** End of a run of characters with any of `mask` (or _ if `underscore`); {@link seen} gets their flags. */
  private runEnd(start: number, mask: number, underscore: boolean): number {
    const { text } = this;
    let index = start;
    let seen = 0;
    while (index < text.length) {
      const flags = this.flagsAt(index);
      if (!(flags & mask) && !(underscore && text.charCodeAt(index) === UNDERSCORE)) break;
      seen |= flags;
      index += flags & HIGH_SURROGATE ? 2 : 1;
    }
    this.seen = seen;
    if (seen & (EMOJI_HINT | HIGH_SURROGATE)) this.noteRare(start, index, seen);
    return index;
  }

  /** Flags at `index` (0 past the end); for a surrogate pair, its code point's plus HIGH_SURROGATE. */
  private flagsAt(index: number): number {
    const { text } = this;
    if (index >= text.length) return 0;
    const flags = CHAR_FLAGS[text.charCodeAt(index)]!;
    if (!(flags & HIGH_SURROGATE)) return flags;
    const codePoint = text.codePointAt(index)!;
    return codePoint > 0xffff ? astralFlags(codePoint) | (flags & EMOJI_HINT) | HIGH_SURROGATE : 0;
  }
}

let wordSegmenter: Intl.Segmenter | undefined;

/** Variation selectors and the keycap mark left on a word that is no emoji ("1\uFE0Fж"). */
const PRESENTATION_MARKS = /[\uFE0E\uFE0F\u20E3]/g;

function isUnderTwoCodePoints(word: string): boolean {
  const { length } = word;
  return (
    length < 2 || (length === 2 && word.charCodeAt(0) >= 0xd800 && word.charCodeAt(0) <= 0xdbff)
  );
}

function withoutPresentationMarks(word: string): string {
  return word.replace(PRESENTATION_MARKS, "");
}

function matchLink(text: string, start: number): number {
  LINK.lastIndex = start;
  return LINK.test(text) ? LINK.lastIndex : -1;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39);
}

/** End of [A-Za-z0-9_]* from `start`. */
function asciiNameEnd(text: string, start: number): number {
  let index = start;
  for (let code = text.charCodeAt(index); isAsciiAlphanumeric(code) || code === UNDERSCORE;) {
    code = text.charCodeAt(++index);
  }
  return index;
}
