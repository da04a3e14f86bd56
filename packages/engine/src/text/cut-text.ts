/** The mark of a cut text. */
const ELLIPSIS = "…";
/** Made on first use: a segmenter loads ICU's break rules, ~10 ms no start-up should pay. */
let graphemes: Intl.Segmenter | undefined;

/** What {@link cutText} keeps at most. */
export interface TextLimits {
  /** Grapheme clusters (what a reader sees as one character: 👍🏽, 🇩🇪, é). */
  maxChars: number;
  /** UTF-16 code units (JavaScript string length). */
  maxUtf16Units: number;
}

/**
 * `text` unchanged when it fits both limits; otherwise its start ending with
 * "…", the whole within both limits, cut between grapheme clusters only (a
 * surrogate pair, a flag or an emoji with its modifiers is never split).
 *
 * @example cutText("a".repeat(100), { maxChars: 10, maxUtf16Units: 40 }) // "aaaaaaaaa…"
 */
export function cutText(text: string, limits: TextLimits): string {
  // Every cluster holds at least one code unit: a short string fits both limits.
  if (text.length <= Math.min(limits.maxChars, limits.maxUtf16Units)) return text;
  let chars = 0;
  // The longest start that leaves room for the ellipsis (one cluster, one code unit).
  let keptEnd = 0;
  graphemes ??= new Intl.Segmenter("und", { granularity: "grapheme" });
  for (const { segment, index } of graphemes.segment(text)) {
    const end = index + segment.length;
    chars += 1;
    if (chars > limits.maxChars || end > limits.maxUtf16Units)
      return `${text.slice(0, keptEnd).trimEnd()}${ELLIPSIS}`;
    if (chars < limits.maxChars && end < limits.maxUtf16Units) keptEnd = end;
  }
  return text;
}
