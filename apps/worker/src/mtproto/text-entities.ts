import { Api } from "telegram";
import type { Entity, EntityType } from "@tgstats/engine";

/** The model's entity type of each MTProto entity class that the model keeps. */
const ENTITY_TYPES: Readonly<Record<string, EntityType>> = {
  MessageEntityUrl: "link",
  MessageEntityTextUrl: "text_link",
  MessageEntityMention: "mention",
  MessageEntityMentionName: "mention_name",
  MessageEntityHashtag: "hashtag",
  MessageEntityCashtag: "cashtag",
  MessageEntityBotCommand: "bot_command",
  MessageEntityEmail: "email",
  MessageEntityPhone: "phone",
  MessageEntityCustomEmoji: "custom_emoji",
};

/**
 * The semantic entities of a text, as the export reader finds them in an
 * export of the same message. tdesktop flattens entities (`ParseText`): one
 * that starts inside an earlier kept one (nested or overlapping, formatting
 * included), is empty or runs past the text is dropped. Offsets are UTF-16
 * code units, like JS string indices.
 *
 * @example
 * modelEntities("see #news", [new Api.MessageEntityHashtag({ offset: 4, length: 5 })])
 * // [{ type: "hashtag", value: "#news" }]
 */
export function modelEntities(
  text: string,
  entities: readonly Api.TypeMessageEntity[] | undefined,
): Entity[] {
  const result: Entity[] = [];
  if (entities == null) return result;
  let offset = 0;
  for (const entity of entities) {
    const start = entity.offset;
    const end = start + entity.length;
    if (start < offset || entity.length <= 0 || end > text.length) continue;
    offset = end;
    const type = ENTITY_TYPES[entity.className];
    if (type === undefined) continue;
    const modelEntity: Entity = { type, value: entityValue(type, entity, text.slice(start, end)) };
    // The export writes the target as `user_id`; the report counts mentions by it.
    if (entity instanceof Api.MessageEntityMentionName)
      modelEntity.userId = entity.userId.toJSNumber();
    result.push(modelEntity);
  }
  return result;
}

function entityValue(type: EntityType, entity: Api.TypeMessageEntity, covered: string): string {
  if (type === "text_link" && entity instanceof Api.MessageEntityTextUrl) return entity.url;
  if (type === "custom_emoji" && entity instanceof Api.MessageEntityCustomEmoji)
    return entity.documentId.toString();
  return covered;
}
