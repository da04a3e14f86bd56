import { Api } from "telegram";
import { toLong } from "@tgstats/worker/mtproto";
import type { ChatState } from "./emulated-chat.js";
import type { PeerBook } from "./peer-book.js";

/** Telegram's most members per channels.GetParticipants page. */
const PAGE_LIMIT = 200;
/** Telegram lists at most this many members by "recent", whatever the group's size. */
export const RECENT_MEMBERS_CAP = 10_000;

/** What GetParticipants and GetFullChat answer with: the chat and the people in the answer. */
interface MembersContext {
  state: ChatState;
  book: PeerBook;
  accountId: number;
}

/** The user ids in the chat's member list, the account first when it is a member. */
export function listedIds(state: ChatState, accountId: number): number[] {
  const ids = (state.chat.members ?? []).map((member) => member.id);
  if (state.chat.accountIsMember && !ids.includes(accountId)) ids.unshift(accountId);
  return ids;
}

/**
 * A page of `channels.getParticipants` with the "recent" filter: `limit` (at
 * most 200) members from `offset`, none past {@link RECENT_MEMBERS_CAP};
 * `count` is the whole list.
 */
export function participantsPage(
  context: MembersContext,
  request: Api.channels.GetParticipants,
): Api.channels.ChannelParticipants {
  const { state, book, accountId } = context;
  const ids = listedIds(state, accountId);
  const limit = Math.min(Math.max(request.limit, 0), PAGE_LIMIT);
  const end = Math.min(request.offset + limit, RECENT_MEMBERS_CAP);
  const page = request.offset >= end ? [] : ids.slice(request.offset, end);
  const participants = page.map((id): Api.TypeChannelParticipant => {
    if (id !== accountId) return new Api.ChannelParticipant({ userId: toLong(id), date: 0 });
    if (state.chat.accountIsAdmin === true)
      return new Api.ChannelParticipantCreator({
        userId: toLong(id),
        adminRights: new Api.ChatAdminRights({}),
      });
    return new Api.ChannelParticipantSelf({ userId: toLong(id), inviterId: toLong(0), date: 0 });
  });
  return new Api.channels.ChannelParticipants({
    count: ids.length,
    participants,
    chats: [],
    users: page.map((id) => book.user(id)),
  });
}

/** `messages.getFullChat` of a basic group: its participants, or forbidden when the chat shows none. */
export function basicGroupFull(context: MembersContext): Api.messages.ChatFull {
  const { state, book, accountId } = context;
  const chatId = toLong(state.info.id);
  const ids = state.chat.members == null ? [] : listedIds(state, accountId);
  const participants =
    state.chat.members == null
      ? new Api.ChatParticipantsForbidden({ chatId })
      : new Api.ChatParticipants({
          chatId,
          participants: ids.map(
            (id) => new Api.ChatParticipant({ userId: toLong(id), inviterId: toLong(0), date: 0 }),
          ),
          version: 1,
        });
  return new Api.messages.ChatFull({
    fullChat: new Api.ChatFull({
      id: chatId,
      about: "",
      participants,
      notifySettings: new Api.PeerNotifySettings({}),
    }),
    chats: [book.chatObject(state.info)],
    users: ids.map((id) => book.user(id)),
  });
}

/** Whether the account is shown the member list (`channelFull.can_view_participants`). */
export function canViewParticipants(state: ChatState): boolean {
  const { members, participantsHidden, accountIsAdmin } = state.chat;
  return members != null && (participantsHidden !== true || accountIsAdmin === true);
}
