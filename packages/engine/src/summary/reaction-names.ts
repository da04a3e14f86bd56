/**
 * How a reaction key of the report (`👍`, `custom:<id>`, `paid`) is named to
 * a reader: summaries write {@link reactionText}; the charts draw
 * {@link reactionName}'s parts, the emoji at emoji size and the words at text size.
 */
import { sharedTexts } from "../i18n/shared-texts.js";
import { textsPerLanguage } from "../i18n/fluent-texts.js";
import type { ReportLanguage } from "./summary-strings.js";

/** Star drawn before the word for a paid reaction. */
export const STAR = "⭐";
/** Digits of a custom emoji's document id a label shows when its emoji is unknown. */
const CUSTOM_ID_DIGITS = 4;

/** A reaction key as a reader sees it. */
export type ReactionName =
  /** A Unicode emoji, as counted (U+FE0F removed). */
  | { kind: "emoji"; emoji: string }
  /** Telegram Stars: drawn as ⭐ then `word` ("Stars"). */
  | { kind: "paid"; word: string }
  /** A custom emoji whose emoji is known: `text` is "👍 (custom)", `alt` the emoji alone. */
  | { kind: "custom"; alt: string; text: string }
  /** A custom emoji whose emoji is unknown: "custom emoji …2286". */
  | { kind: "custom-unknown"; text: string };

interface ReactionTexts {
  paid: string;
  custom: (alt: string) => string;
  customUnknown: string;
}

const reactionTexts = textsPerLanguage((language: ReportLanguage): ReactionTexts => {
  const fluent = sharedTexts(language);
  const custom = fluent.format("reaction-custom");
  return {
    paid: fluent.text("reaction-paid"),
    custom: (alt) => custom({ alt }),
    customUnknown: fluent.text("reaction-custom-unknown"),
  };
});

/**
 * What tells one unknown custom emoji from another: the end of its document
 * id (MTProto), or its file's name without the extension (an export writes
 * the downloaded file's path); "" where there is neither.
 *
 * @example customEmojiTail("5368324170671202286") // "…2286"
 * @example customEmojiTail("chats/chat_004/stickers/sticker (62).webp") // "sticker (62)"
 */
export function customEmojiTail(documentId: string): string {
  if (/^\d+$/.test(documentId))
    return documentId.length > CUSTOM_ID_DIGITS
      ? `…${documentId.slice(-CUSTOM_ID_DIGITS)}`
      : documentId;
  if (documentId === "" || documentId.startsWith("(")) return "";
  const file = documentId.slice(documentId.lastIndexOf("/") + 1);
  const dot = file.lastIndexOf(".");
  return dot > 0 ? file.slice(0, dot) : file;
}

/**
 * A reaction key named for a reader: a custom emoji by the emoji it stands
 * for (from the report's `customEmoji`) or, unknown, by the end of its id.
 *
 * @example reactionName("custom:5368324170671202286", "en", { "5368324170671202286": "👍" })
 * // { kind: "custom", alt: "👍", text: "👍 (custom)" }
 */
export function reactionName(
  key: string,
  language: ReportLanguage,
  customEmoji: Readonly<Record<string, string>> = {},
): ReactionName {
  const texts = reactionTexts(language);
  if (key === "paid") return { kind: "paid", word: texts.paid };
  if (!key.startsWith("custom:")) return { kind: "emoji", emoji: key };
  const documentId = key.slice("custom:".length);
  const alt = Object.hasOwn(customEmoji, documentId) ? customEmoji[documentId] : undefined;
  if (alt !== undefined && alt !== "") return { kind: "custom", alt, text: texts.custom(alt) };
  const tail = customEmojiTail(documentId);
  return {
    kind: "custom-unknown",
    text: tail === "" ? texts.customUnknown : `${texts.customUnknown} ${tail}`,
  };
}

/**
 * A reaction key as summaries write it: "👍", "⭐ Stars", "👍 (custom)",
 * "custom emoji …2286".
 */
export function reactionText(
  key: string,
  language: ReportLanguage,
  customEmoji?: Readonly<Record<string, string>>,
): string {
  const name = reactionName(key, language, customEmoji);
  switch (name.kind) {
    case "emoji":
      return name.emoji;
    case "paid":
      return `${STAR} ${name.word}`;
    case "custom":
    case "custom-unknown":
      return name.text;
  }
}
