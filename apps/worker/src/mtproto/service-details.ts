import { Api } from "telegram";
import type { MemberRef, ServiceDetails } from "@tgstats/engine";
import type { PeerDirectory } from "./chat-info.js";
import { longToNumber, type Long } from "./long.js";

/**
 * The {@link ServiceDetails} of an MTProto service message, the same shape
 * the export reader gives for the same record; members come with their ids
 * (exports name most of them only) and the names the page's users carry.
 */
export function serviceDetailsOf(
  message: Api.MessageService,
  directory: PeerDirectory,
): ServiceDetails | null {
  const action = message.action;
  const member = (id: Long): MemberRef => {
    const peer = { kind: "user" as const, id: longToNumber(id) };
    return { peer, name: directory.name(peer) };
  };
  if (action instanceof Api.MessageActionChatCreate)
    return { type: "chat_created", title: action.title, members: action.users.map(member) };
  if (action instanceof Api.MessageActionChannelCreate)
    return { type: "chat_created", title: action.title, members: [] };
  if (action instanceof Api.MessageActionChatAddUser)
    return { type: "members_added", members: action.users.map(member) };
  if (action instanceof Api.MessageActionChatDeleteUser)
    return { type: "members_removed", members: [member(action.userId)] };
  if (action instanceof Api.MessageActionChatJoinedByLink)
    return { type: "joined_by_link", inviter: member(action.inviterId) };
  if (action instanceof Api.MessageActionChatJoinedByRequest) return { type: "joined_by_request" };
  if (action instanceof Api.MessageActionChatEditTitle)
    return { type: "title_changed", title: action.title };
  if (action instanceof Api.MessageActionPinMessage) {
    const replyTo = message.replyTo;
    const messageId = replyTo instanceof Api.MessageReplyHeader ? replyTo.replyToMsgId : undefined;
    return { type: "message_pinned", messageId: messageId ?? null };
  }
  if (action instanceof Api.MessageActionChatMigrateTo) return { type: "migrated_to_supergroup" };
  if (action instanceof Api.MessageActionChannelMigrateFrom)
    return { type: "migrated_from_group", title: action.title };
  return null;
}
