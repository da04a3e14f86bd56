/**
 * Names of message kinds (text, photo, voice…) from the shared Fluent files,
 * read when this module loads: the kinds chart and both summaries name them alike.
 */
import type { MessageKind } from "../model/message.js";
import { textsPerLanguage, type TextLanguage } from "./fluent-texts.js";
import { sharedTexts } from "./shared-texts.js";

/** Kinds of regular messages (service and unsupported records are counted apart). */
const NAMED_KINDS: readonly MessageKind[] = [
  "text",
  "photo",
  "video",
  "animation",
  "sticker",
  "voice",
  "video_note",
  "audio",
  "file",
  "poll",
  "location",
  "venue",
  "contact",
  "game",
  "invoice",
  "todo",
  "giveaway",
  "dice",
  "story",
];

function loadKindNames(language: TextLanguage): (kind: string) => string {
  const fluent = sharedTexts(language);
  const names = new Map<string, string>(
    NAMED_KINDS.map((kind) => [kind, fluent.text(`message-kind-${kind.replace("_", "-")}`)]),
  );
  const other = fluent.text("message-kind-other");
  return (kind) => names.get(kind) ?? other;
}

/**
 * The name of a message kind in a language; "Other" for a kind a newer
 * report has and this version does not.
 *
 * @example messageKindName("ru")("video_note") // "Видеосообщение"
 */
export const messageKindName = textsPerLanguage(loadKindNames);
