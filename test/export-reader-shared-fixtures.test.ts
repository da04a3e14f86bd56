import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ReportBuilder, ZoneClock, toReportJson, type Message } from "@tgstats/engine";
import { readAll, utc } from "./helpers/read-export.js";

/** Real-format exports, copies of the shared set (see SOURCES.md there). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = path.join(REPO_ROOT, "test/fixtures/export/real");

function shared(name: string): string {
  return path.join(SHARED, name);
}

function byId(messages: Message[], id: number): Message {
  const found = messages.find((message) => message.id === id);
  if (found === undefined) throw new Error(`no message ${id}`);
  return found;
}

describe("shared real-format fixtures", () => {
  const OLD = "01_full-export_2020-01_group-personal_old-format.json";

  // Its fake edit dates say 05:00 for the epoch, so the exporting PC was in UTC+5 (Tashkent has no DST).
  it("01: old full export with numeric ids", async () => {
    const chats = await readAll(shared(OLD), { assumedTimeZone: new ZoneClock("Asia/Tashkent") });
    // The anonymised chat ids are not consistent with their types; each is unshifted by its range.
    expect(chats.map((chat) => [chat.info, chat.messages.length])).toEqual([
      [
        { kind: "chat", id: 8123123123 - 2 ** 32, name: "ppppppp gggggg", type: "private_group" },
        31,
      ],
      [{ kind: "user", id: 9777777777 - 2 ** 33, name: "Vvvvv", type: "personal_chat" }, 12],
      [{ kind: "user", id: 4321012345 - 2 ** 32, name: null, type: "personal_chat" }, 5],
      [{ kind: "user", id: 9333333333 - 2 ** 33, name: "Ddddddd", type: "personal_chat" }, 2],
    ]);
    const [group, personal, nameless] = chats;
    expect(group!.stats).toMatchObject({ service: 5, assumedDates: 31, duplicates: 0, invalid: 0 });

    const tashkent = 5 * 3600;
    expect(byId(group!.messages, 4720)).toMatchObject({
      dateUnix: utc(2016, 11, 9, 0, 26, 24) - tashkent,
      dateAssumed: true,
      kind: "service",
      serviceAction: "create_group",
      sender: { kind: "user", id: 22222222, name: "Wwwwww Www" },
    });
    expect(byId(group!.messages, 10355)).toMatchObject({
      kind: "voice",
      viaBot: "@saytextbot",
      sender: { kind: "user", id: 44444444, name: "Eeeee Eeeeeeeeee" },
    });
    expect(byId(group!.messages, 10415)).toMatchObject({
      text: "девиз Вольво:\nhttp://cs5.pikabu.ru/post_img/big/2015/12/04/5/1449210847155432089.jpgгыгы",
      entities: [
        {
          type: "link",
          value: "http://cs5.pikabu.ru/post_img/big/2015/12/04/5/1449210847155432089.jpg",
        },
      ],
    });
    expect(byId(group!.messages, 62613).entities).toEqual([
      { type: "text_link", value: "https://telegra.ph/file/702d087b6dc3cb5aec7f2.jpg" },
      { type: "mention", value: "@samarkand100" },
    ]);
    expect(byId(group!.messages, 4744)).toMatchObject({ kind: "sticker", stickerEmoji: "😆" });
    expect(byId(group!.messages, 39125)).toMatchObject({
      kind: "photo",
      text: "Всех с наступающим!🐶🍾🎄",
      forwardedFrom: { name: "Hearthstone Channel", peer: null },
    });
    expect(byId(group!.messages, 39740).replyToId).toBe(39739);
    expect(byId(group!.messages, 74752).kind).toBe("contact");
    expect(byId(group!.messages, 129455).kind).toBe("location");

    // Only two messages were really edited; the rest carry the fake 1970 date.
    const edited = chats.flatMap((chat) => chat.messages).filter((m) => m.editedDateUnix !== null);
    expect(edited.map((m) => [m.id, m.editedDateUnix])).toEqual([
      [67346, utc(2018, 11, 17, 0, 58, 5) - tashkent],
      [129455, utc(2019, 9, 24, 20, 49, 31) - tashkent],
    ]);

    const raw = JSON.parse(readFileSync(shared(OLD), "utf8")) as {
      chats: { list: { messages: { id: number; poll?: { question: string } }[] }[] };
    };
    const question = raw.chats.list[0]!.messages.find((m) => m.id === 132894)!.poll!.question;
    expect(byId(group!.messages, 132894)).toMatchObject({ kind: "poll", text: question });

    expect(personal!.messages.map((m) => m.kind)).toEqual([
      "sticker",
      "photo",
      "animation",
      "text",
      "photo",
      "text",
      "service",
      "service",
      "photo",
      "text",
      "file",
      "sticker",
    ]);
    expect(
      nameless!.messages.every((m) => m.sender?.id === 32507588 && m.sender.name === null),
    ).toBe(true);
  });

  it("01: member figures of the old group, by hand from its service messages", async () => {
    const [group] = await readAll(shared(OLD), {
      assumedTimeZone: new ZoneClock("Asia/Tashkent"),
    });
    const builder = new ReportBuilder({ timeZone: "Asia/Tashkent" });
    builder.addBatch(group!.messages);
    const report = toReportJson(builder.state, { chat: group!.info });
    // 4720 create_group by Wwwwww with [Wwwwww, Nnnnnnn, Aaaaa, Eeeee]: 3 joins (the creator is none);
    // 4722 remove_members by Ddddddd of [Ddddddd]: a leave on his own;
    // 4756 invite_members by Wwwwww of [Vvvvv]: 1 join. 4740 is a pin.
    expect(report.members).toEqual({
      joins: 4,
      leaves: 1,
      net: 3,
      leftOnTheirOwn: 1,
      removed: 0,
      joinsBySource: { added: 4, self: 0, link: 0, request: 0, cameBack: 0 },
      monthly: { "2016-11": { joins: 4, leaves: 1, net: 3 } },
      // The group's messages span far more than 92 days.
      weekly: null,
      topInviters: [{ id: "user22222222", name: "Wwwwww Www", added: 4, byLink: 0 }],
      titles: [{ date: "2016-11-09T00:26:24+05:00", title: "ppppppp gggggg" }],
    });
  });

  it("02b: channel re-exported with prefixed ids, no unix dates", async () => {
    const [chat] = await readAll(shared("02b_private-channel_2021-07_prefixed-ids.json"));
    expect(chat!.info).toEqual({
      kind: "channel",
      id: 1292077344,
      name: "test",
      type: "private_channel",
    });
    expect(chat!.messages.map((m) => m.id)).toEqual([
      1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 14, 15, 21, 22, 23, 24, 25, 26,
    ]);
    expect(
      chat!.messages.every((m) => m.sender?.kind === "channel" && m.sender.id === 1292077344),
    ).toBe(true);
    expect(chat!.stats.assumedDates).toBe(19);
    expect(byId(chat!.messages, 14).entities).toEqual([
      { type: "text_link", value: "http://example.com/" },
      { type: "link", value: "example.com" },
      { type: "email", value: "example@example.com" },
    ]);
    expect([7, 8, 22, 23].map((id) => byId(chat!.messages, id).kind)).toEqual([
      "voice",
      "audio",
      "file",
      "photo",
    ]);
    expect(byId(chat!.messages, 21).text).toBe("тестирование utf-8.");
    expect(byId(chat!.messages, 5).editedDateUnix).toBe(utc(2020, 11, 12, 13, 3, 0));
  });

  it("04: supergroup with reactions and channel-sent posts", async () => {
    const [chat] = await readAll(shared("04_supergroup_cyrillic_reactions_channel-sender.json"));
    expect(chat!.info).toEqual({
      kind: "channel",
      id: 123456789,
      name: "ИМЯ ЧАТА",
      type: "private_supergroup",
    });
    expect(chat!.messages.map((m) => m.id)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    expect(chat!.stats).toMatchObject({ messages: 7, service: 2, assumedDates: 0 });
    expect(byId(chat!.messages, 3)).toMatchObject({
      dateUnix: 1728029465,
      sender: { kind: "channel", id: 123456789, name: "АДМИН" },
      forwardedFrom: { name: "АДМИН", peer: null },
      reactions: [{ type: "emoji", emoji: "👍", count: 6 }],
      editedDateUnix: 1728044993,
    });
    expect(byId(chat!.messages, 7).reactions).toEqual([
      { type: "emoji", emoji: "❤", count: 11 },
      { type: "emoji", emoji: "👍", count: 2 },
    ]);
    expect(byId(chat!.messages, 8)).toMatchObject({
      sender: { kind: "user", id: 281976542, name: "УЧАСТНИК3" },
      replyToId: 6,
      reactions: [{ type: "emoji", emoji: "👍", count: 8 }],
    });
    expect(byId(chat!.messages, 5).text).toBe("Сообщение с эмодзи 😅. В два предложения.");
  });

  it("05a: migrated group with a custom emoji", async () => {
    const [chat, ...rest] = await readAll(
      shared("05a_full-export_2023-01_migrated-group_custom-emoji.json"),
    );
    expect(rest).toEqual([]);
    expect(chat!.info).toEqual({
      kind: "chat",
      id: 123123123,
      name: "My Group",
      type: "private_group",
    });
    expect(chat!.messages.map((m) => [m.id, m.serviceAction])).toEqual([
      [-999999999, "migrate_to_supergroup"],
      [1, "migrate_from_group"],
      [111111, null],
      [111112, "invite_members"],
      [111113, "delete_group_photo"],
      [111114, "suggest_profile_photo"],
    ]);
    expect(byId(chat!.messages, 1).sender).toEqual({
      kind: "channel",
      id: 123123123,
      name: "My Group",
    });
    expect(byId(chat!.messages, 111111)).toMatchObject({
      dateUnix: 1479387460,
      text: "this contains a lot of stuff: 😁http://mylink.org/HIDE ME",
      entities: [
        { type: "custom_emoji", value: "chats/chat_004/stickers/sticker (62).webp" },
        { type: "link", value: "http://mylink.org/" },
      ],
    });
  });

  it("05c: newest format with forwarded_from_id and a to-do list", async () => {
    const chats = await readAll(
      shared("05c_full-export_2025-12_forwarded-from-id_todo_public-channel.json"),
    );
    expect(chats.map((chat) => [chat.info, chat.messages.length])).toEqual([
      [{ kind: "chat", id: 123123123, name: "Dummy Private Group", type: "private_group" }, 5],
      [{ kind: "channel", id: 123456789, name: "Dummy Public Channel", type: "public_channel" }, 1],
    ]);
    const group = chats[0]!.messages;
    expect(byId(group, 11112).forwardedFrom).toEqual({
      name: "This Should Not Matter",
      peer: { kind: "channel", id: 123123123 },
    });
    expect(byId(group, 11113)).toMatchObject({
      kind: "todo",
      text: "testing",
      editedDateUnix: 1665499754,
    });
    expect(byId(group, 11111)).toMatchObject({
      serviceAction: "paid_messages_price_change",
      sender: { kind: "channel", id: 123123123, name: "This Should Not Matter" },
    });
    expect(byId(group, 11115).kind).toBe("file");
    // The fixture's channel post names a different channel id than the chat's; it is kept as written.
    expect(chats[1]!.messages[0]!.sender).toEqual({
      kind: "channel",
      id: 1123456789,
      name: "Dummy Public Channel",
    });
  });

  const files = readdirSync(SHARED).filter((name) => name.endsWith(".json"));
  it.each(files)("%s reads the same with 1- and 7-byte chunks", async (name) => {
    const expected = await readAll(shared(name));
    expect(expected.length).toBeGreaterThan(0);
    for (const chunkBytes of [1, 7])
      expect(await readAll(shared(name), { chunkBytes })).toEqual(expected);
  });
});
