import type { MemberRef, Sender, ServiceDetails } from "../model/message.js";

type RawRecord = Record<string, unknown>;

/**
 * The {@link ServiceDetails} of an exported service record. tdesktop writes
 * members and a link's inviter as display names only; a name equal to the
 * actor's is the actor (joining or leaving on their own), so it gets the
 * actor's id. Other actions give null.
 */
export function serviceDetailsOf(value: RawRecord, actor: Sender | null): ServiceDetails | null {
  switch (value.action) {
    case "create_group":
    case "create_channel":
      return {
        type: "chat_created",
        title: stringOr(value.title, ""),
        members: membersOf(value.members, actor),
      };
    case "invite_members":
      return { type: "members_added", members: membersOf(value.members, actor) };
    case "remove_members":
      return { type: "members_removed", members: membersOf(value.members, actor) };
    case "join_group_by_link":
      return {
        type: "joined_by_link",
        inviter: typeof value.inviter === "string" ? { peer: null, name: value.inviter } : null,
      };
    case "join_group_by_request":
      return { type: "joined_by_request" };
    case "edit_group_title":
      return { type: "title_changed", title: stringOr(value.title, "") };
    case "pin_message":
      return {
        type: "message_pinned",
        messageId: Number.isSafeInteger(value.message_id) ? (value.message_id as number) : null,
      };
    case "migrate_to_supergroup":
      return { type: "migrated_to_supergroup" };
    case "migrate_from_group":
      return { type: "migrated_from_group", title: stringOr(value.title, "") };
    default:
      return null;
  }
}

/** `members` is an array of names, which may hold null (deleted accounts). */
function membersOf(value: unknown, actor: Sender | null): MemberRef[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).map((item) => {
    const name = typeof item === "string" ? item : null;
    const isActor = actor !== null && name !== null && name === actor.name;
    return { peer: isActor ? { kind: actor.kind, id: actor.id } : null, name };
  });
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
