import { cutText } from "@tgstats/engine/primitives";

/** Telegram's limit on a message's text; counted here in UTF-16 code units, never fewer than Telegram counts. */
export const MESSAGE_MAX_CHARS = 4096;

/**
 * How much of a user's input an answer quotes back: enough to recognise it,
 * small enough that every answer stays far below {@link MESSAGE_MAX_CHARS}.
 */
export const ECHO_MAX_CHARS = 64;
/** A bound on the echo's code units too: one cluster can hold thousands (combining marks). */
const ECHO_MAX_UTF16_UNITS = 4 * ECHO_MAX_CHARS;

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
