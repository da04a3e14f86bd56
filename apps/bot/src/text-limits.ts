/** Telegram's limit on a message's text; counted here in UTF-16 code units, never fewer than Telegram counts. */
export const MESSAGE_MAX_CHARS = 4096;

/**
 * How much of a user's input an answer quotes back: enough to recognise it,
 * small enough that every answer stays far below {@link MESSAGE_MAX_CHARS}.
 */
export const ECHO_MAX_CHARS = 64;
/** A bound on the echo's code units too: one cluster can hold thousands (combining marks). */
const ECHO_MAX_UTF16_UNITS = 4 * ECHO_MAX_CHARS;

const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });

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
  for (const { segment, index } of graphemes.segment(text)) {
    const end = index + segment.length;
    chars += 1;
    if (chars > limits.maxChars || end > limits.maxUtf16Units)
      return `${text.slice(0, keptEnd).trimEnd()}${ELLIPSIS}`;
    if (chars < limits.maxChars && end < limits.maxUtf16Units) keptEnd = end;
  }
  return text;
}

/**
 * A user's input as an answer quotes it: at most {@link ECHO_MAX_CHARS}
 * characters (and 256 code units), cut with "…".
 *
 * @example ctx.t("tz-unknown", { token: echoInput(ctx.match) })
 */
export function echoInput(input: string): string {
  return cutText(input, { maxChars: ECHO_MAX_CHARS, maxUtf16Units: ECHO_MAX_UTF16_UNITS });
}

/**
 * A message text cut to Telegram's {@link MESSAGE_MAX_CHARS}, so sending it
 * never fails for its length.
 *
 * @example await ctx.reply(fitMessageText(text));
 */
export function fitMessageText(text: string): string {
  return cutText(text, { maxChars: MESSAGE_MAX_CHARS, maxUtf16Units: MESSAGE_MAX_CHARS });
}
