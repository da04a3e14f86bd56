import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ZoneClock, type Message } from "@tgstats/engine";
import { exportFixture, expectedMessage, readAll, utc } from "./helpers/read-export.js";

const HOUR = 3600;

function byId(messages: Message[], id: number): Message {
  const found = messages.find((message) => message.id === id);
  if (found === undefined) throw new Error(`no message ${id}`);
  return found;
}

describe("2018 export (Telegram Desktop 1.3.8): names only, no ids", () => {
  it("keeps chats without an id and attributes channel posts to the channel", async () => {
    const chats = await readAll(exportFixture("2018-names-only.json"));
    expect(chats.map((chat) => chat.info)).toEqual([
      { kind: "channel", id: 0, name: "Cats daily", type: "private_channel" },
      { kind: "user", id: 0, name: "Dina", type: "personal_chat" },
    ]);
    const [channel, personal] = chats;
    expect(channel!.messages[0]).toEqual(
      expectedMessage({
        id: 1,
        dateUnix: utc(2018, 7, 1, 10, 0, 0),
        dateAssumed: true,
        kind: "service",
        serviceAction: "create_channel",
        service: { type: "chat_created", title: "Cats daily", members: [] },
      }),
    );
    expect(channel!.messages[1]!.sender).toEqual({ kind: "channel", id: 0, name: "Cats daily" });
    expect(personal!.messages).toEqual([
      expectedMessage({
        id: 500,
        dateUnix: utc(2018, 8, 15, 23, 59, 59),
        dateAssumed: true,
        text: "night",
      }),
    ]);
    expect(personal!.stats.senderUnknown).toBe(1);
  });
});

describe("2019 full export: numeric user ids, shifted chat ids, fake 1970 edits", () => {
  // The exporting PC was in UTC+3 (the fake edits say 03:00); Moscow has been UTC+3 since 2014.
  const options = { assumedTimeZone: new ZoneClock("Europe/Moscow") };

  it("unshifts chat ids and takes the kind from the chat type", async () => {
    const chats = await readAll(exportFixture("2019-full-numeric-ids.json"), options);
    expect(chats.map((chat) => [chat.section, chat.info])).toEqual([
      [
        "chats",
        { kind: "chat", id: 8592934593 - 2 ** 33, name: "Book club", type: "private_group" },
      ],
      ["chats", { kind: "user", id: 4299967298 - 2 ** 32, name: "Boris", type: "personal_chat" }],
    ]);
    expect(chats[0]!.info.id).toBe(3000001);
    expect(chats[1]!.info.id).toBe(5000002);
  });

  it("reads local dates in the assumed zone and ignores the 1970 edit dates", async () => {
    const [club, boris] = await readAll(exportFixture("2019-full-numeric-ids.json"), options);
    const msk = 3 * HOUR;
    expect(club!.messages.map((m) => m.id)).toEqual([10, 11, 12, 13, 14]);
    expect(club!.messages[0]).toEqual(
      expectedMessage({
        id: 10,
        dateUnix: utc(2019, 3, 10, 12, 0, 0) - msk,
        dateAssumed: true,
        sender: { kind: "user", id: 5000001, name: "Anna" },
        kind: "service",
        serviceAction: "create_group",
        // Members are names; the one named as the actor is the actor.
        service: {
          type: "chat_created",
          title: "Book club",
          members: [
            { peer: { kind: "user", id: 5000001 }, name: "Anna" },
            { peer: null, name: "Boris" },
          ],
        },
      }),
    );
    expect(byId(club!.messages, 12)).toEqual(
      expectedMessage({
        id: 12,
        dateUnix: utc(2019, 3, 10, 12, 5, 0) - msk,
        dateAssumed: true,
        sender: { kind: "user", id: 5000001, name: "Anna" },
        text: "see https://example.org and ask @boris",
        entities: [
          { type: "link", value: "https://example.org" },
          { type: "mention", value: "@boris" },
        ],
        replyToId: 11,
        editedDateUnix: utc(2019, 3, 10, 12, 6, 10) - msk,
        // Local time only (no edited_unixtime): edited, but its delay is not trusted.
        editedDateAssumed: true,
      }),
    );
    expect(byId(club!.messages, 13)).toMatchObject({
      sender: { kind: "user", id: 5000003, name: null },
      forwardedFrom: { name: "Old News", peer: null },
      editedDateUnix: null,
    });
    expect(byId(club!.messages, 14)).toMatchObject({
      kind: "service",
      serviceAction: "pin_message",
    });
    expect(club!.stats).toEqual({
      messages: 5,
      duplicates: 0,
      assumedDates: 5,
      unsupported: 0,
      service: 2,
      invalid: 0,
      skipped: {
        "id-not-integer": { count: 0, firstByte: -1 },
        "no-date": { count: 0, firstByte: -1 },
        "not-an-object": { count: 0, firstByte: -1 },
      },
      senderUnknown: 0,
      controlEscapes: 0,
      complete: true,
    });
    expect(boris!.messages.map((m) => [m.id, m.kind, m.text, m.stickerEmoji])).toEqual([
      [100, "sticker", "", "👍"],
      [101, "photo", "caption", null],
      [102, "service", "", null],
    ]);
  });
});

describe("2020–2021 exports with shifted numeric ids", () => {
  // New York was UTC−5 in February 2021.
  const options = { assumedTimeZone: new ZoneClock("America/New_York") };

  it("tells users, the group itself (anonymous admin) and other channels apart", async () => {
    const [chat] = await readAll(exportFixture("2020-shifted-ids.json"), options);
    expect(chat!.info).toEqual({
      kind: "channel",
      id: 1400000001,
      name: "Hikers",
      type: "private_supergroup",
    });
    expect(chat!.messages.map((m) => m.sender)).toEqual([
      { kind: "channel", id: 1400000001, name: "Hikers" },
      { kind: "user", id: 7000001, name: "Eva" },
      { kind: "channel", id: 1400000001, name: "Hikers" },
      { kind: "channel", id: 1500000002, name: "Mountain News" },
      { kind: "user", id: 7000001, name: "Eva" },
    ]);
    expect(byId(chat!.messages, 3).authorSignature).toBe("Chief admin");
    expect(byId(chat!.messages, 4)).toEqual(
      expectedMessage({
        id: 4,
        dateUnix: utc(2021, 2, 1, 10, 3, 0) + 5 * HOUR,
        dateAssumed: true,
        sender: { kind: "channel", id: 1500000002, name: "Mountain News" },
        text: "Weather is fine",
        replyToId: 2,
        forwardedFrom: { name: "Mountain News", peer: null },
        editedDateUnix: utc(2021, 2, 1, 10, 4, 30) + 5 * HOUR,
        // Local time only (no edited_unixtime): edited, but its delay is not trusted.
        editedDateAssumed: true,
      }),
    );
    expect(byId(chat!.messages, 5).serviceAction).toBe("join_group_by_link");
  });

  it("reads a shifted id equal to a basic group's own id as that group", async () => {
    const [chat] = await readAll(exportFixture("2020-basic-group-shifted-ids.json"), options);
    expect(chat!.info).toEqual({ kind: "chat", id: 450001, name: "Family", type: "private_group" });
    expect(chat!.messages.map((m) => m.sender)).toEqual([
      { kind: "user", id: 1000001, name: "Gleb" },
      { kind: "chat", id: 450001, name: "Family" },
      { kind: "channel", id: 1600000003, name: "Family Channel" },
    ]);
    // 2020-12-31T23:59:00 in New York (UTC−5).
    expect(chat!.messages[0]!.dateUnix).toBe(utc(2021, 1, 1, 4, 59, 0));
  });
});

describe("2021 export with prefixed ids and text arrays (no text_entities yet)", () => {
  it("keeps semantic entities from the text parts and drops formatting", async () => {
    const [chat] = await readAll(exportFixture("2021-prefixed-ids.json"));
    expect(chat!.info).toEqual({
      kind: "channel",
      id: 1700000004,
      name: "Dev chat",
      type: "public_supergroup",
    });
    expect(byId(chat!.messages, 40)).toEqual(
      expectedMessage({
        id: 40,
        dateUnix: utc(2021, 11, 5, 18, 0, 0),
        dateAssumed: true,
        sender: { kind: "user", id: 7000001, name: "Ira" },
        text: "run /build for #release, costs $USD, mail dev@example.com or call +1 555 0100, docs, Jan secret!",
        entities: [
          { type: "bot_command", value: "/build" },
          { type: "hashtag", value: "#release" },
          { type: "cashtag", value: "$USD" },
          { type: "email", value: "dev@example.com" },
          { type: "phone", value: "+1 555 0100" },
          { type: "text_link", value: "https://example.com/docs" },
          { type: "mention_name", value: "Jan", userId: 7000002 },
        ],
      }),
    );
  });

  it("reads channel, anonymous-admin, basic-group and nameless senders", async () => {
    const [chat] = await readAll(exportFixture("2021-prefixed-ids.json"));
    expect(byId(chat!.messages, 41)).toMatchObject({
      sender: { kind: "channel", id: 1700000004, name: "Dev chat" },
      authorSignature: "Release bot admin",
    });
    expect(byId(chat!.messages, 42).sender).toEqual({
      kind: "channel",
      id: 1800000005,
      name: "Dev blog",
    });
    expect(byId(chat!.messages, 43)).toEqual(
      expectedMessage({
        id: 43,
        dateUnix: utc(2021, 11, 5, 18, 3, 0),
        dateAssumed: true,
        sender: { kind: "user", id: 7000003, name: null },
        kind: "animation",
        forwardedFrom: { name: null, peer: null },
        viaBot: "@gif",
      }),
    );
    expect(byId(chat!.messages, 44)).toMatchObject({
      kind: "service",
      serviceAction: "invite_members",
      sender: { kind: "user", id: 7000001, name: "Ira" },
    });
    expect(byId(chat!.messages, 45).sender).toEqual({
      kind: "chat",
      id: 450001,
      name: "Old group",
    });
  });
});

describe("2025 export: date_unixtime, text_entities, reactions, every media kind", () => {
  it("prefers date_unixtime over the local date and reads reactions and custom emoji", async () => {
    const [chat] = await readAll(exportFixture("2025-modern.json"));
    expect(chat!.info).toEqual({
      kind: "channel",
      id: 2200000006,
      name: "Модерн чат",
      type: "private_supergroup",
    });
    // 2025-03-01T15:00:00 local in UTC+3 is 12:00 UTC; the assumed zone (UTC) must not be used.
    expect(byId(chat!.messages, 1000)).toEqual(
      expectedMessage({
        id: 1000,
        dateUnix: utc(2025, 3, 1, 12, 0, 0),
        sender: { kind: "user", id: 8000001, name: "Kira" },
        text: "Привет 🙂 see t.me/x",
        entities: [
          { type: "custom_emoji", value: "chats/chat_001/stickers/sticker (1).webp" },
          { type: "link", value: "t.me/x" },
        ],
        editedDateUnix: utc(2025, 3, 1, 12, 10, 0),
        reactions: [
          { type: "emoji", emoji: "❤", count: 5 },
          { type: "custom_emoji", documentId: "(unavailable)", count: 2 },
          { type: "paid", count: 50 },
        ],
      }),
    );
    expect(chat!.stats.assumedDates).toBe(0);
  });

  it("maps media keys to message kinds", async () => {
    const [chat] = await readAll(exportFixture("2025-modern.json"));
    expect(chat!.messages.map((m) => [m.id, m.kind])).toEqual([
      [1000, "text"],
      [1001, "photo"],
      [1002, "video"],
      [1003, "voice"],
      [1004, "video_note"],
      [1005, "audio"],
      [1006, "sticker"],
      [1007, "file"],
      [1008, "poll"],
      [1009, "location"],
      [1010, "venue"],
      [1011, "contact"],
      [1012, "game"],
      [1013, "invoice"],
      [1014, "todo"],
      [1015, "giveaway"],
      [1016, "giveaway"],
      [1017, "unsupported"],
      [1018, "service"],
      [1019, "service"],
      [1020, "service"],
      [1021, "text"],
      [1022, "text"],
    ]);
    expect(byId(chat!.messages, 1006).stickerEmoji).toBe("🔥");
    expect(byId(chat!.messages, 1012).viaBot).toBe("@gamebot");
  });

  it("uses poll questions and to-do titles as text, and rich messages' full_text", async () => {
    const [chat] = await readAll(exportFixture("2025-modern.json"));
    expect(byId(chat!.messages, 1008).text).toBe("Lunch where?");
    expect(byId(chat!.messages, 1014).text).toBe("Trip");
    expect(byId(chat!.messages, 1021).text).toBe("Rich page title and body");
    expect(byId(chat!.messages, 1022).text).toBe("buttons");
  });

  it("keeps forward ids and drops replies into other chats", async () => {
    const [chat] = await readAll(exportFixture("2025-modern.json"));
    expect(byId(chat!.messages, 1001)).toMatchObject({
      forwardedFrom: { name: "Space Channel", peer: { kind: "channel", id: 1900000007 } },
      replyToId: null,
    });
    expect(byId(chat!.messages, 1002).replyToId).toBe(1000);
  });

  it("reads service messages: custom actions, missing actors, duplicate text keys", async () => {
    const [chat] = await readAll(exportFixture("2025-modern.json"));
    expect(byId(chat!.messages, 1018)).toMatchObject({
      serviceAction: "custom",
      sender: { kind: "user", id: 8000001, name: "Kira" },
    });
    expect(byId(chat!.messages, 1019)).toMatchObject({
      serviceAction: "send_payment",
      sender: null,
    });
    // tdesktop 5.6–5.9.1 wrote "text" twice on star gifts; the last one wins, as in JSON.parse.
    expect(byId(chat!.messages, 1020)).toMatchObject({
      serviceAction: "send_star_gift",
      text: "Thanks for the gift",
    });
  });

  it("gives unsupported records no sender and the previous message's date", async () => {
    const [chat] = await readAll(exportFixture("2025-modern.json"));
    expect(byId(chat!.messages, 1017)).toEqual(
      expectedMessage({ id: 1017, dateUnix: utc(2025, 3, 1, 12, 16, 0), kind: "unsupported" }),
    );
    expect(chat!.stats).toMatchObject({ messages: 23, unsupported: 1, service: 3, invalid: 0 });
  });
});

describe("migrated history and duplicates", () => {
  it("keeps negative ids of the migrated basic group, drops repeated ids and unusable entries", async () => {
    const file = exportFixture("migrated-duplicates.json");
    const [chat] = await readAll(file);
    expect(chat!.messages.map((m) => [m.id, m.text])).toEqual([
      [-999999990, "basic group times"],
      [-999999989, "reply before migration"],
      [-999999988, ""],
      [1, ""],
      [2, "first copy of 2"],
      [3, ""],
      [4, "first copy of 4"],
      [5000000, "far id"],
    ]);
    expect(byId(chat!.messages, -999999989).replyToId).toBe(-999999990);
    expect(byId(chat!.messages, 1).sender).toEqual({
      kind: "channel",
      id: 1300000008,
      name: "Migrated",
    });
    expect(byId(chat!.messages, 3)).toMatchObject({
      kind: "unsupported",
      dateUnix: utc(2020, 1, 2, 11, 0, 0),
    });
    const bytes = readFileSync(file);
    expect(chat!.stats).toEqual({
      messages: 8,
      duplicates: 3,
      assumedDates: 0,
      unsupported: 1,
      service: 2,
      invalid: 2,
      // The entry without an id, and the one whose date reads as no time.
      skipped: {
        "id-not-integer": {
          count: 1,
          firstByte: bytes.indexOf('{\n   "type": "message",\n   "date": "2020-01-03T09:01:00"'),
        },
        "no-date": { count: 1, firstByte: bytes.indexOf('{\n   "id": 5000001,') },
        "not-an-object": { count: 0, firstByte: -1 },
      },
      senderUnknown: 0,
      controlEscapes: 0,
      complete: true,
    });
  });
});

describe("tdesktop's \\xHH control escapes (invalid JSON)", () => {
  it("decodes them in messages and headers, leaving escaped backslashes alone", async () => {
    const [chat] = await readAll(exportFixture("control-escapes.json"));
    expect(chat!.info).toEqual({
      kind: "user",
      id: 42,
      name: "Bell\u0007 chat",
      type: "personal_chat",
    });
    expect(chat!.messages.map((m) => m.text)).toEqual([
      "a\u0001b\u001fc",
      'path C:\\x41 and \\\u0002 end "q"',
      "clean \\ text",
    ]);
    // Two escapes in message 1's text and two in its text_entities; one each in message 2's.
    expect(chat!.stats.controlEscapes).toBe(6);
  });
});

describe("full-account export", () => {
  it("skips account data, reads chats and left_chats in order", async () => {
    const chats = await readAll(exportFixture("full-export-2024.json"));
    expect(chats.map((chat) => [chat.section, chat.info, chat.messages.length])).toEqual([
      ["chats", { kind: "user", id: 6000000007, name: "Quinn", type: "personal_chat" }, 2],
      ["chats", { kind: "user", id: 5000001, name: null, type: "saved_messages" }, 1],
      [
        "chats",
        { kind: "channel", id: 2300000009, name: "Late header", type: "private_channel" },
        1,
      ],
      ["chats", { kind: "user", id: 77, name: "Silent", type: "personal_chat" }, 0],
      [
        "left_chats",
        { kind: "channel", id: 2400000010, name: "Gone channel", type: "public_channel" },
        2,
      ],
    ]);
  });

  it("keeps a modern user id above 2^32 bare (its messages use prefixed ids)", async () => {
    const [quinn] = await readAll(exportFixture("full-export-2024.json"));
    expect(quinn!.messages.map((m) => [m.sender, m.replyToId])).toEqual([
      [{ kind: "user", id: 6000000007, name: "Quinn" }, null],
      [{ kind: "user", id: 5000001, name: "Anna" }, 300],
    ]);
  });

  it("reads a chat whose header comes after its messages", async () => {
    const chats = await readAll(exportFixture("full-export-2024.json"));
    expect(chats[2]!.messages).toEqual([
      expectedMessage({
        id: 7,
        dateUnix: 1717394400,
        sender: { kind: "channel", id: 2300000009, name: "Late header" },
        authorSignature: "Editor",
        text: "header comes after the messages",
      }),
    ]);
    expect(chats[1]!.messages[0]!.forwardedFrom).toEqual({
      name: "Quinn",
      peer: { kind: "user", id: 6000000007 },
    });
  });
});
