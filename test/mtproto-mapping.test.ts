/**
 * MTProto → model mapping, checked two ways: hand-built GramJS objects against
 * what tdesktop's exporter would write for them, and model messages of every
 * kind and action sent through the emulator and read back.
 */
import { describe, expect, it } from "vitest";
import { Api } from "telegram";
import type { ChatInfo, Message, MessageKind, ServiceDetails } from "@tgstats/engine";
import { PeerDirectory } from "@tgstats/worker/mtproto";
import { toLong } from "@tgstats/worker/mtproto";
import { toModelMessage, type MessageContext } from "@tgstats/worker/mtproto";
import { serviceActionName } from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import {
  botApiIdOf,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import { documentIdOf } from "../packages/sandbox/src/telegram-emulator/stable-ids.js";
import { makeMessage } from "./helpers/messages.js";

const GROUP: ChatInfo = {
  kind: "channel",
  id: 1_500_000_001,
  name: "Group",
  type: "private_supergroup",
};
const ALICE = { kind: "user" as const, id: 1001, name: "Alice Smith" };
const ME = { kind: "user" as const, id: 42 };

function user(id: number, fields: Partial<Api.User> = {}): Api.User {
  return new Api.User({ id: toLong(id), accessHash: toLong(7), ...fields });
}

function context(
  chat: ChatInfo,
  users: Api.TypeUser[] = [],
  chats: Api.TypeChat[] = [],
): MessageContext {
  return { chat, me: ME, directory: new PeerDirectory(users, chats) };
}

function groupMessage(fields: Partial<ConstructorParameters<typeof Api.Message>[0]>): Api.Message {
  return new Api.Message({
    id: 10,
    peerId: new Api.PeerChannel({ channelId: toLong(GROUP.id) }),
    fromId: new Api.PeerUser({ userId: toLong(ALICE.id) }),
    date: 1_700_000_000,
    message: "",
    ...fields,
  });
}

function document(attributes: Api.TypeDocumentAttribute[]): Api.MessageMediaDocument {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: toLong(1),
      accessHash: toLong(1),
      fileReference: Buffer.alloc(0),
      date: 0,
      mimeType: "video/mp4",
      size: toLong(1),
      dcId: 2,
      attributes,
    }),
  });
}

describe("hand-built MTProto messages", () => {
  const withAlice = context(GROUP, [user(ALICE.id, { firstName: "Alice", lastName: "Smith" })]);

  it("flattens entities as tdesktop does: nested, overlapping, empty and out-of-range ones are dropped", () => {
    const text = "read this link: https://a.io #tag 👍 @bob";
    const message = groupMessage({
      message: text,
      entities: [
        new Api.MessageEntityBold({ offset: 0, length: 15 }),
        new Api.MessageEntityItalic({ offset: 5, length: 4 }), // inside the bold part: dropped
        new Api.MessageEntityUrl({ offset: 16, length: 12 }),
        new Api.MessageEntityHashtag({ offset: 29, length: 4 }),
        new Api.MessageEntityHashtag({ offset: 30, length: 2 }), // overlaps #tag: dropped
        new Api.MessageEntityMention({ offset: 34, length: 0 }), // empty: dropped
        // "👍" is two UTF-16 units, so "@bob" starts at 37
        new Api.MessageEntityMention({ offset: 37, length: 4 }),
        new Api.MessageEntityMention({ offset: 40, length: 5 }), // past the end: dropped
      ],
    });
    expect(toModelMessage(message, withAlice)?.entities).toEqual([
      { type: "link", value: "https://a.io" },
      { type: "hashtag", value: "#tag" },
      { type: "mention", value: "@bob" },
    ]);
  });

  it("keeps the href of text links and the decimal id of custom emoji", () => {
    const message = groupMessage({
      message: "docs 😀",
      entities: [
        new Api.MessageEntityTextUrl({ offset: 0, length: 4, url: "https://example.org/docs" }),
        new Api.MessageEntityCustomEmoji({
          offset: 5,
          length: 2,
          documentId: toLong(5_368_324_170_671_202_286n),
        }),
      ],
    });
    expect(toModelMessage(message, withAlice)?.entities).toEqual([
      { type: "text_link", value: "https://example.org/docs" },
      { type: "custom_emoji", value: "5368324170671202286" },
    ]);
  });

  it("keeps the target of a mention by name as the export's user_id", () => {
    const message = groupMessage({
      message: "hi Alice",
      entities: [new Api.MessageEntityMentionName({ offset: 3, length: 5, userId: toLong(1001) })],
    });
    expect(toModelMessage(message, withAlice)?.entities).toEqual([
      { type: "mention_name", value: "Alice", userId: 1001 },
    ]);
  });

  it("names media the way tdesktop's exporter orders document attributes", () => {
    const kind = (media: Api.TypeMessageMedia) =>
      toModelMessage(groupMessage({ media }), withAlice)?.kind;
    const video = new Api.DocumentAttributeVideo({ duration: 3, w: 512, h: 512 });
    const sticker = new Api.DocumentAttributeSticker({
      alt: "🔥",
      stickerset: new Api.InputStickerSetEmpty(),
    });
    expect(kind(document([sticker, video]))).toBe("sticker"); // a video sticker
    expect(
      kind(
        document([
          new Api.DocumentAttributeVideo({ duration: 5, w: 400, h: 400, roundMessage: true }),
        ]),
      ),
    ).toBe("video_note");
    expect(kind(document([new Api.DocumentAttributeAnimated(), video]))).toBe("animation");
    expect(kind(document([video, new Api.DocumentAttributeFilename({ fileName: "a.mp4" })]))).toBe(
      "video",
    );
    expect(kind(document([new Api.DocumentAttributeAudio({ duration: 2, voice: true })]))).toBe(
      "voice",
    );
    expect(kind(document([new Api.DocumentAttributeAudio({ duration: 200, title: "t" })]))).toBe(
      "audio",
    );
    expect(kind(document([new Api.DocumentAttributeFilename({ fileName: "a.pdf" })]))).toBe("file");
    expect(
      kind(new Api.MessageMediaWebPage({ webpage: new Api.WebPageEmpty({ id: toLong(1) }) })),
    ).toBe("text");
    expect(kind(new Api.MessageMediaDice({ value: 6, emoticon: "🎲" }))).toBe("dice");
    const mapped = toModelMessage(groupMessage({ media: document([sticker]) }), withAlice);
    expect(mapped?.stickerEmoji).toBe("🔥");
  });

  it("uses a poll's question as the text of a poll without caption", () => {
    const poll = new Api.MessageMediaPoll({
      poll: new Api.Poll({
        id: toLong(1),
        question: new Api.TextWithEntities({ text: "Pizza or sushi?", entities: [] }),
        answers: [],
      }),
      results: new Api.PollResults({}),
    });
    expect(toModelMessage(groupMessage({ media: poll }), withAlice)).toMatchObject({
      kind: "poll",
      text: "Pizza or sushi?",
    });
  });

  it("takes the sender from from_id, else the chat; in private chats `out` says who wrote", () => {
    const channel: ChatInfo = { kind: "channel", id: 77, name: "News", type: "public_channel" };
    const news = new Api.Channel({
      id: toLong(77),
      title: "News",
      photo: new Api.ChatPhotoEmpty(),
      date: 0,
      broadcast: true,
    });
    const post = new Api.Message({
      id: 1,
      peerId: new Api.PeerChannel({ channelId: toLong(77) }),
      date: 5,
      message: "hi",
      post: true,
      postAuthor: "Ann",
    });
    expect(toModelMessage(post, context(channel, [], [news]))).toMatchObject({
      sender: { kind: "channel", id: 77, name: "News" },
      authorSignature: "Ann",
    });
    const dm: ChatInfo = { kind: "user", id: ALICE.id, name: "Alice Smith", type: "personal_chat" };
    const users = [
      user(ALICE.id, { firstName: "Alice Smith" }),
      user(ME.id, { self: true, firstName: "Me" }),
    ];
    const incoming = new Api.Message({
      id: 2,
      peerId: new Api.PeerUser({ userId: toLong(ALICE.id) }),
      date: 5,
      message: "hey",
    });
    const outgoing = new Api.Message({
      id: 3,
      peerId: new Api.PeerUser({ userId: toLong(ALICE.id) }),
      date: 6,
      message: "yo",
      out: true,
    });
    expect(toModelMessage(incoming, context(dm, users))?.sender).toEqual(ALICE);
    expect(toModelMessage(outgoing, context(dm, users))?.sender).toEqual({
      kind: "user",
      id: ME.id,
      name: "Me",
    });
  });

  it("keeps replies within the chat, and names forward origins and inline bots", () => {
    const bot = user(555, { bot: true, botInfoVersion: 1, username: "gif" });
    const bob = user(2002, { firstName: "Bob" });
    const directory = context(GROUP, [bot, bob]);
    const local = groupMessage({ replyTo: new Api.MessageReplyHeader({ replyToMsgId: 7 }) });
    const elsewhere = groupMessage({
      replyTo: new Api.MessageReplyHeader({
        replyToMsgId: 7,
        replyToPeerId: new Api.PeerChannel({ channelId: toLong(9) }),
      }),
    });
    expect(toModelMessage(local, directory)?.replyToId).toBe(7);
    expect(toModelMessage(elsewhere, directory)?.replyToId).toBeNull();
    const forwarded = groupMessage({
      fwdFrom: new Api.MessageFwdHeader({
        date: 1,
        fromId: new Api.PeerUser({ userId: toLong(2002) }),
      }),
      viaBotId: toLong(555),
    });
    expect(toModelMessage(forwarded, directory)).toMatchObject({
      forwardedFrom: { name: "Bob", peer: { kind: "user", id: 2002 } },
      viaBot: "@gif",
    });
    const hidden = groupMessage({
      fwdFrom: new Api.MessageFwdHeader({ date: 1, fromName: "Hidden Person" }),
    });
    expect(toModelMessage(hidden, directory)?.forwardedFrom).toEqual({
      name: "Hidden Person",
      peer: null,
    });
  });

  it("maps service messages: no reply id for pins, no actor for payments, tdesktop's action names", () => {
    const service = (action: Api.TypeMessageAction, extra: object = {}) =>
      toModelMessage(
        new Api.MessageService({
          id: 11,
          peerId: new Api.PeerChannel({ channelId: toLong(GROUP.id) }),
          fromId: new Api.PeerUser({ userId: toLong(ALICE.id) }),
          date: 5,
          action,
          ...extra,
        }),
        withAlice,
      );
    expect(
      service(new Api.MessageActionPinMessage(), {
        replyTo: new Api.MessageReplyHeader({ replyToMsgId: 3 }),
      }),
    ).toMatchObject({
      kind: "service",
      serviceAction: "pin_message",
      replyToId: null,
      sender: ALICE,
    });
    expect(
      service(new Api.MessageActionPaymentSent({ currency: "XTR", totalAmount: toLong(5) })),
    ).toMatchObject({
      serviceAction: "send_payment",
      sender: null,
    });
    expect(
      service(new Api.MessageActionChatJoinedByLink({ inviterId: toLong(1) }))?.serviceAction,
    ).toBe("join_group_by_link");
    expect(service(new Api.MessageActionBotAllowed({ attachMenu: true }))?.serviceAction).toBe(
      "attach_menu_bot_allowed",
    );
    expect(service(new Api.MessageActionContactSignUp())?.serviceAction).toBe("joined_telegram");
    // An action newer than the table keeps a readable name.
    expect(
      serviceActionName({
        className: "MessageActionSuggestBirthday",
      } as unknown as Api.TypeMessageAction),
    ).toBe("suggest_birthday");
  });

  it("reads media it cannot show as an unsupported record, like the exporter", () => {
    const mapped = toModelMessage(
      groupMessage({ message: "x", media: new Api.MessageMediaUnsupported() }),
      withAlice,
    );
    expect(mapped).toEqual(makeMessage({ id: 10, dateUnix: 1_700_000_000, kind: "unsupported" }));
  });
});

describe("model messages through the emulator and back", () => {
  const KINDS: MessageKind[] = [
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
    "giveaway",
    "dice",
    "story",
  ];
  /** Every action name tdesktop exports that GramJS's layer has a constructor for. */
  const ACTIONS = [
    "create_group",
    "edit_group_title",
    "edit_group_photo",
    "delete_group_photo",
    "invite_members",
    "remove_members",
    "join_group_by_link",
    "join_group_by_request",
    "create_channel",
    "migrate_to_supergroup",
    "migrate_from_group",
    "pin_message",
    "clear_history",
    "score_in_game",
    "phone_call",
    "take_screenshot",
    "custom",
    "allow_sending_messages",
    "attach_menu_bot_allowed",
    "web_app_bot_allowed",
    "joined_telegram",
    "group_call",
    "invite_to_group_call",
    "set_messages_ttl",
    "group_call_scheduled",
    "edit_chat_theme",
    "send_webview_data",
    "send_premium_gift",
    "topic_created",
    "topic_edit",
    "suggest_profile_photo",
    "requested_peer",
    "set_chat_wallpaper",
    "set_same_chat_wallpaper",
    "boost_apply",
    "send_stars_gift",
    "stars_prize",
    "send_star_gift",
    "unknown",
  ];
  const ACTORLESS = [
    "send_payment",
    "send_passport_values",
    "proximity_reached",
    "gift_code_prize",
    "giveaway_launch",
    "giveaway_results",
    "refunded_payment",
  ];

  async function roundTrip(messages: Message[]): Promise<Message[]> {
    const chat: EmulatedChat = {
      info: GROUP,
      username: null,
      accessHash: 99n,
      accountIsMember: true,
      messages,
    };
    const emulator = new TelegramEmulator({
      account: { id: ME.id, username: "me_reader", firstName: "Me" },
      chats: [chat],
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
      accessHashes: createMemoryAccessHashStore(),
    });
    const resolved = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
    const page = await account.fetchHistoryPage(resolved, { offsetId: 0 });
    return page.messages.reverse();
  }

  it("keeps every kind of regular message, with its fields", async () => {
    const messages = KINDS.map((kind, index) =>
      makeMessage({
        id: index + 1,
        dateUnix: 1_700_000_000 + index,
        sender: ALICE,
        kind,
        text: kind === "poll" ? "Which one?" : `caption ${kind} #t${index}`,
        entities: kind === "poll" ? [] : [{ type: "hashtag", value: `#t${index}` }],
        stickerEmoji: kind === "sticker" ? "😂" : null,
        replyToId: index > 0 ? index : null,
        editedDateUnix: index % 2 === 0 ? 1_700_000_100 : null,
        reactions: [
          { type: "emoji", emoji: "❤", count: 3 },
          { type: "custom_emoji", documentId: "5123456789012345678", count: 1 },
          { type: "paid", count: 2 },
        ],
        views: kind === "photo" ? 1200 : null,
        forwards: kind === "photo" ? 4 : null,
        authorSignature: kind === "text" ? "Admin" : null,
        forwardedFrom: kind === "video" ? { name: "Source Channel", peer: null } : null,
        viaBot: kind === "animation" ? "@gif" : null,
      }),
    );
    expect(await roundTrip(messages)).toEqual(messages);
  });

  it("keeps every service action that has a constructor, and drops the actor of actorless ones", async () => {
    const bob = { peer: { kind: "user" as const, id: 2002 }, name: "Bob Jones" };
    const alice = { peer: { kind: "user" as const, id: ALICE.id }, name: ALICE.name };
    /** The details each action carries in the model (ids, as MTProto gives them). */
    const DETAILS: Record<string, ServiceDetails> = {
      create_group: { type: "chat_created", title: "Founders", members: [alice, bob] },
      create_channel: { type: "chat_created", title: "News", members: [] },
      edit_group_title: { type: "title_changed", title: "Renamed" },
      invite_members: { type: "members_added", members: [bob] },
      remove_members: { type: "members_removed", members: [bob] },
      join_group_by_link: { type: "joined_by_link", inviter: bob },
      join_group_by_request: { type: "joined_by_request" },
      migrate_to_supergroup: { type: "migrated_to_supergroup" },
      migrate_from_group: { type: "migrated_from_group", title: "Old group" },
      pin_message: { type: "message_pinned", messageId: 3 },
    };
    const service = (name: string, index: number, sender: Message["sender"]) =>
      makeMessage({
        id: index + 1,
        dateUnix: 1_700_000_000,
        sender,
        kind: "service",
        serviceAction: name,
        service: DETAILS[name] ?? null,
      });
    const named = ACTIONS.map((name, index) => service(name, index, ALICE));
    const actorless = ACTORLESS.map((name, index) => service(name, ACTIONS.length + index, null));
    expect(await roundTrip([...named, ...actorless])).toEqual([...named, ...actorless]);
  });

  it("documents what cannot round-trip", async () => {
    const [todo, emoji, orphanViews, newerAction] = await roundTrip([
      // No to-do constructor in GramJS's layer: Telegram sends such media as unsupported.
      makeMessage({ id: 1, dateUnix: 1, sender: ALICE, kind: "todo", text: "Plan" }),
      // Exports write a file path for custom emoji; MTProto has the numeric id.
      makeMessage({
        id: 2,
        dateUnix: 2,
        sender: ALICE,
        text: "look 😀",
        entities: [{ type: "custom_emoji", value: "stickers/sticker (3).webp" }],
      }),
      // Views and forwards share one TL flag: a message carries both.
      makeMessage({ id: 3, dateUnix: 3, sender: ALICE, text: "post", views: 10 }),
      makeMessage({
        id: 4,
        dateUnix: 4,
        sender: ALICE,
        kind: "service",
        serviceAction: "todo_completions",
      }),
    ]);
    expect(todo).toMatchObject({ kind: "unsupported", sender: null, text: "" });
    expect(emoji?.entities).toEqual([
      { type: "custom_emoji", value: documentIdOf("stickers/sticker (3).webp").toString() },
    ]);
    expect(orphanViews).toMatchObject({ views: 10, forwards: 0 });
    expect(newerAction?.serviceAction).toBe("unknown");
  });
});
