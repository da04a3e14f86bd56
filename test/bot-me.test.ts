import { describe, expect, it } from "vitest";
import {
  GROUP,
  OTHER_GROUP,
  alice,
  boris,
  carol,
  privateChat,
  sentTexts,
  useBotHarness,
} from "./helpers/bot-harness.js";

const QUEUED_FIRST = "Queued, you are next. The results will appear in this chat.";
const NOT_MEMBER =
  "You can see the statistics of this chat only if you are a member of it. Ask inside the group, or ask one of its members.";

const harness = useBotHarness({
  name: "bot-me",
  env: { RATE_LIMIT_USER: "100/1m", RATE_LIMIT_CHAT: "100/1m" },
});

describe("/me", () => {
  it("in a group enqueues the member card of the one who sent it, by user id", async () => {
    harness.server.setChatMember(GROUP.id, carol.id, "member");
    const calls = await harness.send(GROUP, carol, "/me 30d");
    expect(calls.map((call) => [call.method, call.text ?? null])).toEqual([
      ["getChatMember", null],
      ["sendMessage", QUEUED_FIRST],
    ]);
    const [job] = await harness.jobs();
    expect(job).toMatchObject({
      requester: { userId: carol.id },
      target: { kind: "bot-chat", chatId: GROUP.id },
      reply: { chatId: GROUP.id },
      // The harness clock says 2024-03-10; 30 days back, today included.
      options: { timeZone: "UTC", fromDate: "2024-02-10", toDate: "2024-03-10", sender: "user13" },
    });
  });

  it("is the same job as /stats @name for that member", async () => {
    harness.server.setChatMember(GROUP.id, alice.id, "member");
    harness.server.setChatMember(GROUP.id, carol.id, "member");
    await harness.send(GROUP, alice, "/me 2024");
    const calls = await harness.send(GROUP, carol, "/stats 2024 @alice_x");
    expect(sentTexts(calls)).toEqual([
      "This is already being computed; the results will appear in this chat.",
    ]);
    expect(await harness.jobs()).toHaveLength(1);
  });

  it("refuses someone who is not a member of the group, enqueueing nothing", async () => {
    // A comment in a channel's discussion group can come from outside the group.
    harness.server.setChatMember(GROUP.id, boris.id, "left");
    const calls = await harness.send(GROUP, { ...boris, language_code: "en" }, "/me");
    expect(sentTexts(calls)).toEqual([NOT_MEMBER]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("in private chat takes a group by id for one of its members only", async () => {
    harness.server.setChatMember(GROUP.id, carol.id, "member");
    await harness.send(privateChat(carol), carol, `/me ${GROUP.id}`);
    expect((await harness.jobs())[0]).toMatchObject({
      target: { kind: "bot-chat", chatId: GROUP.id },
      reply: { chatId: carol.id },
      options: { sender: "user13" },
    });
    harness.server.setChatMember(OTHER_GROUP.id, carol.id, "left");
    const refused = await harness.send(privateChat(carol), carol, `/me ${OTHER_GROUP.id}`);
    expect(sentTexts(refused)).toEqual([NOT_MEMBER]);
    expect(await harness.jobs()).toHaveLength(1);
  });

  it("asks which chat when sent alone in private chat", async () => {
    const calls = await harness.send(privateChat(alice), alice, "/me");
    expect(sentTexts(calls)).toEqual([
      [
        "Tell me which chat: send /me inside your group, or here /me -100… for a group you are a member of.",
        "",
        "Usage: /me [period] [time zone]",
        "In a group: your card there. In private chat: /me -100… for a group you are a member of, /me @group for a public one.",
      ].join("\n"),
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("takes no member, and not from an anonymous admin", async () => {
    harness.server.setChatMember(GROUP.id, alice.id, "member");
    const named = await harness.send(GROUP, alice, "/me @carol_x");
    expect(sentTexts(named)).toEqual([
      '/me is about you, so it takes no member ("@carol_x"). For someone else\'s card, send /stats @carol_x.',
    ]);
    const anonymous = await harness.send(GROUP, alice, "/me", { sender_chat: GROUP });
    expect(sentTexts(anonymous)).toEqual([
      "You are writing as the group (anonymous admin), so your messages cannot be told apart. Send /me as yourself.",
    ]);
    expect(await harness.jobs()).toEqual([]);
  });
});
