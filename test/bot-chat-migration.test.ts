/**
 * A basic group upgraded to a supergroup gets a new chat id: the bot moves
 * the chat's settings when Telegram tells it (`migrate_to_chat_id` /
 * `migrate_from_chat_id`), so /tz, /lang and admins-only keep applying.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import type { BotApiChat } from "@tgstats/sandbox";
import { GROUP, alice, carol, sentTexts, useBotHarness } from "./helpers/bot-harness.js";

const harness = useBotHarness({ name: "bot-chat-migration" });
/** The basic group that GROUP was upgraded from. */
const OLD_GROUP: BotApiChat = { id: -424_242, type: "group", title: "Team" };

beforeEach(() => {
  harness.server.addChat(OLD_GROUP);
  harness.server.setChatMember(OLD_GROUP.id, alice.id, "administrator");
  harness.server.setChatMember(GROUP.id, alice.id, "administrator");
  harness.server.setChatMember(GROUP.id, carol.id, "member");
});

/** The service message Telegram sends in `chat` about the upgrade. */
function upgradeNotice(chat: BotApiChat, field: object): Omit<Update, "update_id"> {
  return {
    message: {
      message_id: 77,
      date: 1_710_000_000,
      chat,
      from: alice,
      ...field,
    } as Update["message"],
  };
}

const settingsOf = async (chat: BotApiChat) =>
  sentTexts(await harness.send(chat, carol, "/settings"))[0]!
    .split("\n")
    .slice(1, 4);

describe("a group upgraded to a supergroup", () => {
  it("moves time zone, language and admins-only to the new chat id on migrate_to_chat_id", async () => {
    await harness.send(OLD_GROUP, alice, "/tz Europe/Berlin");
    await harness.send(OLD_GROUP, alice, "/settings admins-only on");
    const calls = await harness.handle(upgradeNotice(OLD_GROUP, { migrate_to_chat_id: GROUP.id }));
    expect(calls).toEqual([]); // nothing to say in the chat
    expect(await settingsOf(GROUP)).toEqual([
      "Language: automatic (each user's Telegram language)",
      "Time zone: Europe/Berlin",
      "Statistics for admins only: on",
    ]);
    // The old id keeps nothing behind.
    expect(await harness.connection.keys("*:chat:-424242")).toEqual([]);
  });

  it("does the same on migrate_from_chat_id, and never overwrites settings the new chat already has", async () => {
    await harness.send(OLD_GROUP, alice, "/tz Europe/Berlin");
    await harness.handle(upgradeNotice(GROUP, { migrate_from_chat_id: OLD_GROUP.id }));
    expect((await settingsOf(GROUP))[1]).toBe("Time zone: Europe/Berlin");
    await harness.send(GROUP, alice, "/tz Asia/Tokyo");
    await harness.send(OLD_GROUP, alice, "/tz Europe/Paris");
    await harness.handle(upgradeNotice(OLD_GROUP, { migrate_to_chat_id: GROUP.id }));
    expect((await settingsOf(GROUP))[1]).toBe("Time zone: Asia/Tokyo");
  });
});
