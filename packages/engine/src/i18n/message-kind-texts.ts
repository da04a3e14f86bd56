/**
 * Names of message kinds (text, photo, voice…) and of channel post kinds and
 * length groups from the shared Fluent files, read when this module loads:
 * the charts and both summaries name them alike.
 */
import {
  POST_KINDS,
  POST_LENGTHS,
  type PostKind,
  type PostLength,
} from "../engine/parts/channel-posts-part.js";
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

function loadPostKindNames(language: TextLanguage): (kind: PostKind) => string {
  const fluent = sharedTexts(language);
  const names = new Map(POST_KINDS.map((kind) => [kind, fluent.text(`post-kind-${kind}`)]));
  return (kind) => names.get(kind) ?? kind;
}

/**
 * The name of a channel post kind in a language.
 *
 * @example postKindName("en")("link") // "Text with a link"
 */
export const postKindName = textsPerLanguage(loadPostKindNames);

function loadPostLengthNames(language: TextLanguage): (length: PostLength) => string {
  const fluent = sharedTexts(language);
  const names = new Map(
    POST_LENGTHS.map((length) => [
      length,
      fluent.text(`post-length-${length.replace("+", "-plus")}`),
    ]),
  );
  return (length) => names.get(length) ?? length;
}

/**
 * The name of a channel post length group in a language.
 *
 * @example postLengthName("en")("1001+") // "Over 1,000"
 */
export const postLengthName = textsPerLanguage(loadPostLengthNames);
