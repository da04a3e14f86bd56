import { Api } from "telegram";
import type { Entity } from "@tgstats/engine";
import { toLong } from "@tgstats/worker/mtproto";
import { documentIdOf } from "./stable-ids.js";

/** Entity types whose model value is the text they cover (text links keep the href, custom emoji the id). */
function coversValue(entity: Entity): boolean {
  return entity.type !== "text_link" && entity.type !== "custom_emoji";
}

/**
 * MTProto entities for a model text. The model keeps each entity's value but
 * not its offset, so offsets are found again: an entity that covers its value
 * is searched for after the previous one; a text link or custom emoji (whose
 * covered text is unknown) takes one character of the gap before the next
 * placed entity. Offsets are UTF-16 code units, as JS indices are. An entity
 * that cannot be placed (value not in the text, no gap left) is left out.
 */
export function apiEntities(
  text: string,
  entities: readonly Entity[],
  userIdByName: (name: string) => number,
): Api.TypeMessageEntity[] {
  const starts = findCovered(text, entities);
  const result: Api.TypeMessageEntity[] = [];
  let cursor = 0;
  entities.forEach((entity, index) => {
    let start = starts[index]!;
    let length = entity.value.length;
    if (!coversValue(entity)) {
      const limit = nextStart(starts, index + 1, text.length);
      if (cursor >= limit) return;
      start = cursor;
      length = Math.min(codePointLength(text, cursor), limit - cursor);
    }
    if (start < 0) return;
    cursor = start + length;
    result.push(apiEntity(entity, start, length, userIdByName));
  });
  return result;
}

/** Start of each value-covering entity, searched in order; -1 for others and for values not found. */
function findCovered(text: string, entities: readonly Entity[]): number[] {
  let cursor = 0;
  return entities.map((entity) => {
    if (!coversValue(entity) || entity.value === "") return -1;
    const start = text.indexOf(entity.value, cursor);
    if (start >= 0) cursor = start + entity.value.length;
    return start;
  });
}

function nextStart(starts: readonly number[], from: number, fallback: number): number {
  for (let index = from; index < starts.length; index++)
    if (starts[index]! >= 0) return starts[index]!;
  return fallback;
}

function codePointLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

function apiEntity(
  entity: Entity,
  offset: number,
  length: number,
  userIdByName: (name: string) => number,
): Api.TypeMessageEntity {
  const span = { offset, length };
  switch (entity.type) {
    case "link":
      return new Api.MessageEntityUrl(span);
    case "text_link":
      return new Api.MessageEntityTextUrl({ ...span, url: entity.value });
    case "mention":
      return new Api.MessageEntityMention(span);
    case "mention_name":
      return new Api.MessageEntityMentionName({
        ...span,
        userId: toLong(entity.userId ?? userIdByName(entity.value)),
      });
    case "hashtag":
      return new Api.MessageEntityHashtag(span);
    case "cashtag":
      return new Api.MessageEntityCashtag(span);
    case "bot_command":
      return new Api.MessageEntityBotCommand(span);
    case "email":
      return new Api.MessageEntityEmail(span);
    case "phone":
      return new Api.MessageEntityPhone(span);
    case "custom_emoji":
      return new Api.MessageEntityCustomEmoji({
        ...span,
        documentId: toLong(documentIdOf(entity.value)),
      });
  }
}
