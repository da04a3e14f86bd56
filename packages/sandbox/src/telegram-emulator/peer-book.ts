import { Api } from "telegram";
import { peerKey, type MemberRef, type Message, type PeerRef } from "@tgstats/engine";
import { toLong } from "@tgstats/worker/mtproto";
import {
  derivedAccessHash,
  type ChatState,
  type EmulatedAccount,
  type EmulatedMember,
} from "./emulated-chat.js";
import { stableLong } from "./stable-ids.js";

/** Ids given to inline bots named by `via_bot` (exports keep only their username). */
const BOT_ID_BASE = 8_000_000_000;
/** Ids given to members that exports name only (members added or removed by someone else). */
const MEMBER_ID_BASE = 7_000_000_000;

/**
 * Everyone the emulated chats mention: names of senders and forward origins
 * (the latest one wins), inline bots, the account; builds the User and Chat
 * objects that come with each answer.
 */
export class PeerBook {
  private readonly names = new Map<string, string | null>();
  private readonly chatsByKey = new Map<string, ChatState>();
  private readonly botIds = new Map<string, number>();
  private readonly botNames = new Map<number, string>();
  private readonly userIdsByName = new Map<string, number>();

  constructor(
    private readonly account: EmulatedAccount,
    chats: readonly ChatState[],
  ) {
    for (const chat of chats) {
      this.chatsByKey.set(chat.key, chat);
      this.learn(chat.messages);
    }
    for (const chat of chats)
      for (const member of chat.chat.members ?? []) this.learnMember(member);
  }

  /** Learns a listed member: their current name (null: a deleted account), or that they are a bot. */
  learnMember(member: EmulatedMember): void {
    if (member.bot === true && member.name !== null) {
      this.botNames.set(member.id, member.name);
      this.botIds.set(member.name, member.id);
    } else this.remember({ kind: "user", id: member.id }, member.name);
  }

  /** Learns names and bots from messages (call again for added messages). */
  learn(messages: readonly Message[]): void {
    for (const message of messages) {
      if (message.sender !== null) this.remember(message.sender, message.sender.name);
      const origin = message.forwardedFrom;
      if (origin?.peer != null) this.remember(origin.peer, origin.name);
      if (message.viaBot !== null) this.botId(message.viaBot);
      for (const member of membersOf(message))
        if (member.peer !== null) this.remember(member.peer, member.name);
    }
  }

  /** The emulated chat of a peer, if it is one. */
  chat(ref: PeerRef): ChatState | undefined {
    return this.chatsByKey.get(peerKey(ref));
  }

  /** The id of the inline bot `@username` (made up, stable). */
  botId(viaBot: string): number {
    const username = viaBot.replace(/^@/, "");
    let id = this.botIds.get(username);
    if (id === undefined) {
      id = BOT_ID_BASE + Number(stableLong(`bot:${username}`) % 1_000_000_000n);
      this.botIds.set(username, id);
      this.botNames.set(id, username);
    }
    return id;
  }

  /** A user id whose display name is `name`, for `mention_name` entities (0 when none). */
  userIdByName(name: string): number {
    return this.userIdsByName.get(name) ?? 0;
  }

  /**
   * The user id of a member that exports name only: the id of a user known by
   * that name, else a made-up stable one that reads back with the name (on
   * Telegram every member has an id).
   */
  memberIdByName(name: string): number {
    const known = this.userIdsByName.get(name);
    if (known !== undefined) return known;
    const id = MEMBER_ID_BASE + Number(stableLong(`member:${name}`) % 1_000_000_000n);
    this.remember({ kind: "user", id }, name);
    return id;
  }

  /** The access hash of a peer: the chat's own for emulated chats, a stable made-up one otherwise. */
  accessHash(ref: PeerRef): bigint {
    return this.chat(ref)?.chat.accessHash ?? derivedAccessHash(ref);
  }

  /** The User object for a user id. */
  user(id: number): Api.User {
    const hash = toLong(this.accessHash({ kind: "user", id }));
    if (id === this.account.id)
      return new Api.User({
        id: toLong(id),
        self: true,
        accessHash: hash,
        firstName: this.account.firstName,
        ...(this.account.username === null ? {} : { username: this.account.username }),
      });
    const bot = this.botNames.get(id);
    if (bot !== undefined)
      // `bot` and `botInfoVersion` share one flag bit: a bot without the version does not serialise.
      return new Api.User({
        id: toLong(id),
        bot: true,
        botInfoVersion: 1,
        accessHash: hash,
        firstName: bot,
        username: bot,
      });
    const chat = this.chat({ kind: "user", id });
    const name =
      chat === undefined ? (this.names.get(peerKey({ kind: "user", id })) ?? null) : chat.info.name;
    // The whole display name goes in firstName, so that "First Last" reads back unchanged.
    if (name === null) return new Api.User({ id: toLong(id), accessHash: hash, deleted: true });
    return new Api.User({
      id: toLong(id),
      accessHash: hash,
      firstName: name,
      ...(chat?.info.type === "bot_chat" ? { bot: true, botInfoVersion: 1 } : {}),
      ...(chat?.chat.username != null ? { username: chat.chat.username } : {}),
    });
  }

  /** The Chat or Channel object for a basic group or channel peer. */
  chatObject(ref: PeerRef): Api.TypeChat {
    const state = this.chat(ref);
    const id = toLong(ref.id);
    const title = (state === undefined ? this.names.get(peerKey(ref)) : state.info.name) ?? "";
    const photo = new Api.ChatPhotoEmpty();
    if (ref.kind === "chat") {
      if (state !== undefined && !state.chat.accountIsMember)
        return new Api.ChatForbidden({ id, title });
      const participants = state?.senderCount ?? 0;
      return new Api.Chat({
        id,
        title,
        photo,
        participantsCount: participants,
        date: 0,
        version: 1,
      });
    }
    const accessHash = toLong(this.accessHash(ref));
    if (state === undefined)
      return new Api.Channel({ id, title, photo, date: 0, accessHash, broadcast: true });
    const broadcast = state.isBroadcast;
    if (!state.readable)
      return new Api.ChannelForbidden({
        id,
        accessHash,
        title,
        ...(broadcast ? { broadcast } : { megagroup: true }),
      });
    return new Api.Channel({
      id,
      title,
      photo,
      date: state.messages[0]?.dateUnix ?? 0,
      accessHash,
      ...(broadcast ? { broadcast: true } : { megagroup: true }),
      ...(state.chat.username === null ? {} : { username: state.chat.username }),
      ...(state.chat.accountIsMember ? {} : { left: true }),
      ...(state.chat.accountIsAdmin === true ? { creator: true } : {}),
      participantsCount: state.senderCount,
    });
  }

  private remember(ref: PeerRef, name: string | null): void {
    this.names.set(peerKey(ref), name);
    if (ref.kind === "user" && name !== null) this.userIdsByName.set(name, ref.id);
  }
}

/** Members and the link inviter a service message names. */
function membersOf(message: Message): MemberRef[] {
  const details = message.service;
  if (details === null) return [];
  if ("members" in details) return details.members;
  return details.type === "joined_by_link" && details.inviter !== null ? [details.inviter] : [];
}
