import emojiRegex from "emoji-regex";

/** Every RGI emoji sequence (ZWJ, flags, keycaps, tags, skin tones); `emoji-regex` keeps it current with Unicode. */
const EMOJI_SEQUENCE = emojiRegex();

/** Cheap gate: every emoji sequence holds one of these, and plain Latin/Cyrillic text holds none. */
const MAY_HOLD_EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u20E3]/u;

/**
 * One code point that Unicode shows as text unless U+FE0F follows it
 * (Emoji=Yes, Emoji_Presentation=No): ❤ ☺ © ™ 🖥 🖊 🏳. Counted by code point, not
 * UTF-16 length, so astral ones are caught too. V8 carries the property data.
 */
const TEXT_DEFAULT_ALONE = /^(?=\p{Emoji})\P{Emoji_Presentation}$/u;
const VARIATION_SELECTOR_16 = "\uFE0F";
const VARIATION_SELECTOR_15 = 0xfe0e;
/** A lone code point is 1 or 2 UTF-16 units; longer matches skip the regex. */
const MAX_CODE_POINT_UNITS = 2;

/**
 * The key an emoji is counted under: the sequence without U+FE0F, so ❤️ and a
 * reaction's or sticker's bare ❤ count together, as do 1️⃣ and 1⃣, while 👍🏽
 * stays apart from 👍.
 * @example emojiKey("❤️") === "❤"; emojiKey("1️⃣") === "1\u20E3"
 */
export function emojiKey(emoji: string): string {
  return emoji.includes(VARIATION_SELECTOR_16)
    ? emoji.replaceAll(VARIATION_SELECTOR_16, "")
    : emoji;
}

/**
 * Whether a sequence `emoji-regex` matched counts as an emoji, after Unicode's
 * presentation data (UTS #51): a lone code point with Emoji_Presentation=Yes
 * (😀 🫨) counts; one with Emoji_Presentation=No (❤ ☺ © 🖥) counts only with
 * U+FE0F after it (❤️ 🖥️), which makes the match two code points; keycap, ZWJ,
 * modifier, flag and tag sequences always count. U+FE0E (text presentation)
 * after anything means "not an emoji".
 */
function countsAsEmoji(sequence: string, text: string, end: number): boolean {
  if (text.charCodeAt(end) === VARIATION_SELECTOR_15) return false;
  return sequence.length > MAX_CODE_POINT_UNITS || !TEXT_DEFAULT_ALONE.test(sequence);
}

/**
 * Collects emoji keys (see {@link emojiKey}) into `keys`, in order, and
 * returns the text with each counted emoji replaced by a line break, so that
 * keycap digits never become words and emoji end phrases.
 * @param from where to start looking: no emoji starts before it.
 */
export function takeEmoji(text: string, keys: string[], from = 0): string {
  // Parts joined at the end give a flat string; `+=` would give a rope that slows the scan.
  const parts: string[] = [];
  let restStart = 0;
  EMOJI_SEQUENCE.lastIndex = from;
  for (let match = EMOJI_SEQUENCE.exec(text); match; match = EMOJI_SEQUENCE.exec(text)) {
    const sequence = match[0];
    const end = match.index + sequence.length;
    if (!countsAsEmoji(sequence, text, end)) continue;
    keys.push(emojiKey(sequence));
    parts.push(text.slice(restStart, match.index), "\n");
    restStart = end;
  }
  if (restStart === 0) return text;
  parts.push(text.slice(restStart));
  return parts.join("");
}

/**
 * Emoji keys in `text`, one per occurrence, in order; whole sequences
 * (👨‍👩‍👧‍👦, 🇷🇺, 1️⃣, 👍🏽) with U+FE0F removed.
 * @example extractEmojiKeys("ok ❤️👍🏽 © 1") → ["❤", "👍🏽"]
 */
export function extractEmojiKeys(text: string): string[] {
  const keys: string[] = [];
  if (MAY_HOLD_EMOJI.test(text)) takeEmoji(text, keys);
  return keys;
}
