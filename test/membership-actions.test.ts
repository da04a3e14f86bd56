/**
 * Membership, title, pin and migration actions carry their details in the
 * model, the same shape from a tdesktop export and from MTProto.
 */
import { describe, expect, it } from "vitest";
import { Api } from "telegram";
import type { ChatInfo, Message, ServiceDetails } from "@tgstats/engine";
import { PeerDirectory, toLong, toModelMessage } from "@tgstats/worker/mtproto";
import { exportFixture, readAll } from "./helpers/read-export.js";

const ALICE = { kind: "user" as const, id: 1 };
const BOB = { kind: "user" as const, id: 2 };
const DAN = { kind: "user" as const, id: 4 };
const CLUB = { kind: "channel" as const, id: 1_234_567_890 };

describe("membership actions from a tdesktop export", () => {
  it("reads members, inviters, titles, pins and migrations; names only where tdesktop writes names", async () => {
    const [chat] = await readAll(exportFixture("membership-actions.json"));
    const byId = new Map(chat!.messages.map((message) => [message.id, message]));
    const details = (id: number): ServiceDetails | null => byId.get(id)!.service;
    expect(details(-999_999_990)).toEqual({ type: "migrated_to_supergroup" });
    expect(details(1)).toEqual({ type: "migrated_from_group", title: "Old Club" });
    // The inviter is written as a name only.
    expect(details(2)).toEqual({
      type: "joined_by_link",
      inviter: { peer: null, name: "Alice A" },
    });
    expect(byId.get(2)!.sender).toEqual({ ...BOB, name: "Bob B" });
    // Added by Alice: names only, and null for a deleted account.
    expect(details(3)).toEqual({
      type: "members_added",
      members: [
        { peer: null, name: "Carol C" },
        { peer: null, name: null },
      ],
    });
    // A member named as the actor is the actor: Dan joined on his own.
    expect(details(4)).toEqual({ type: "members_added", members: [{ peer: DAN, name: "Dan D" }] });
    expect(details(5)).toEqual({
      type: "members_removed",
      members: [{ peer: BOB, name: "Bob B" }],
    });
    expect(details(7)).toEqual({
      type: "members_removed",
      members: [{ peer: null, name: "Carol C" }],
    });
    expect(details(8)).toEqual({ type: "joined_by_request" });
    expect(details(9)).toEqual({ type: "title_changed", title: "New Club" });
    expect(details(10)).toEqual({ type: "message_pinned", messageId: 6 });
    expect(byId.get(11)!.sender).toEqual({ ...CLUB, name: "New Club" });
    expect(details(11)).toEqual({
      type: "members_added",
      members: [{ peer: null, name: "Eve E" }],
    });
    // Other actions and regular messages carry no details.
    expect(details(12)).toBeNull();
    expect(details(6)).toBeNull();
  });
});

describe("membership actions from MTProto", () => {
  const GROUP: ChatInfo = {
    kind: "channel",
    id: CLUB.id,
    name: "New Club",
    type: "private_supergroup",
  };
  const users = [
    new Api.User({ id: toLong(1), accessHash: toLong(7), firstName: "Alice", lastName: "A" }),
    new Api.User({ id: toLong(2), accessHash: toLong(7), firstName: "Bob B" }),
    new Api.User({ id: toLong(3), accessHash: toLong(7), firstName: "Carol C" }),
  ];
  const context = {
    chat: GROUP,
    me: { kind: "user" as const, id: 42 },
    directory: new PeerDirectory(users, []),
  };
  const service = (
    action: Api.TypeMessageAction,
    fromUserId: number,
    extra: Partial<ConstructorParameters<typeof Api.MessageService>[0]> = {},
  ): Message =>
    toModelMessage(
      new Api.MessageService({
        id: 20,
        peerId: new Api.PeerChannel({ channelId: toLong(CLUB.id) }),
        fromId: new Api.PeerUser({ userId: toLong(fromUserId) }),
        date: 1_709_287_200,
        action,
        ...extra,
      }),
      context,
    )!;

  it("maps each action to the export's shape, with ids and the page's names", () => {
    expect(
      service(new Api.MessageActionChatAddUser({ users: [toLong(3), toLong(5)] }), 1).service,
    ).toEqual({
      type: "members_added",
      // User 5 did not come with the page: its id is known, its name is not.
      members: [
        { peer: { kind: "user", id: 3 }, name: "Carol C" },
        { peer: { kind: "user", id: 5 }, name: null },
      ],
    });
    const link = service(new Api.MessageActionChatJoinedByLink({ inviterId: toLong(1) }), 2);
    expect(link.sender).toEqual({ ...BOB, name: "Bob B" });
    expect(link.service).toEqual({
      type: "joined_by_link",
      inviter: { peer: ALICE, name: "Alice A" },
    });
    expect(service(new Api.MessageActionChatJoinedByRequest(), 2).service).toEqual({
      type: "joined_by_request",
    });
    // ChatDeleteUser with user_id = the actor is a leave.
    const leave = service(new Api.MessageActionChatDeleteUser({ userId: toLong(2) }), 2);
    expect(leave.sender).toEqual({ ...BOB, name: "Bob B" });
    expect(leave.service).toEqual({
      type: "members_removed",
      members: [{ peer: BOB, name: "Bob B" }],
    });
    expect(service(new Api.MessageActionChatEditTitle({ title: "New Club" }), 1).service).toEqual({
      type: "title_changed",
      title: "New Club",
    });
    expect(
      service(new Api.MessageActionPinMessage(), 1, {
        replyTo: new Api.MessageReplyHeader({ replyToMsgId: 6 }),
      }),
    ).toMatchObject({ replyToId: null, service: { type: "message_pinned", messageId: 6 } });
    expect(
      service(new Api.MessageActionChatMigrateTo({ channelId: toLong(CLUB.id) }), 1).service,
    ).toEqual({ type: "migrated_to_supergroup" });
    expect(
      service(new Api.MessageActionChannelMigrateFrom({ title: "Old Club", chatId: toLong(77) }), 1)
        .service,
    ).toEqual({ type: "migrated_from_group", title: "Old Club" });
    expect(
      service(new Api.MessageActionChatCreate({ title: "Club", users: [toLong(1), toLong(2)] }), 1)
        .service,
    ).toEqual({
      type: "chat_created",
      title: "Club",
      members: [
        { peer: ALICE, name: "Alice A" },
        { peer: BOB, name: "Bob B" },
      ],
    });
    expect(service(new Api.MessageActionHistoryClear(), 1).service).toBeNull();
  });
});
