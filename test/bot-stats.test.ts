import { describe, expect, it } from "vitest";
import {
  GROUP,
  OTHER_GROUP,
  alice,
  boris,
  carol,
  owner,
  privateChat,
  sentTexts,
  useBotHarness,
} from "./helpers/bot-harness.js";
import { USAGE_EN, USAGE_RU } from "./helpers/bot-texts.js";

const QUEUED_FIRST = "Queued, you are next. The results will appear in this chat.";
const ALREADY_RUNNING = "This is already being computed; the results will appear in this chat.";

// Generous limits here; bot-limits.test.ts tests the limits themselves.
const harness = useBotHarness({
  name: "bot-stats",
  env: { RATE_LIMIT_USER: "100/1m", RATE_LIMIT_CHAT: "100/1m" },
});

describe("/stats in a group", () => {
  it("answers 'Queued' at once and enqueues a job for this group with the status message id", async () => {
    const calls = await harness.send(GROUP, alice, "/stats 7d");
    expect(calls.map((call) => [call.method, call.chatId, call.text])).toEqual([
      ["sendMessage", GROUP.id, QUEUED_FIRST],
    ]);
    const statusId = calls[0]!.messageIds[0]!;
    expect(await harness.jobs()).toEqual([
      {
        schemaVersion: 1,
        requester: { userId: alice.id, languageCode: "en" },
        target: { kind: "bot-chat", chatId: GROUP.id },
        reply: { chatId: GROUP.id, statusMessageId: statusId, language: "en", htmlPage: true },
        // The harness clock says 2024-03-10 12:00 UTC; the default zone is UTC.
        options: { timeZone: "UTC", fromDate: "2024-03-04", toDate: "2024-03-10", sender: null },
        checkpoint: null,
        fenceGeneration: null,
        delivered: null,
      },
    ]);
  });

  it("tells how many requests are ahead, in the asker's language", async () => {
    await harness.send(OTHER_GROUP, carol, "/stats");
    await harness.send(OTHER_GROUP, carol, "/stats 2023");
    const calls = await harness.send(GROUP, boris, "/stats 30d Europe/Moscow");
    expect(sentTexts(calls)).toEqual([
      "В очереди, перед вами 2 запроса. Результаты появятся в этом чате.",
    ]);
    const jobs = await harness.jobs();
    expect(jobs[2]).toMatchObject({
      reply: { language: "ru" },
      options: { timeZone: "Europe/Moscow", fromDate: "2024-02-10", toDate: "2024-03-10" },
    });
  });

  it("shares one job between two members asking the same, and answers both", async () => {
    const first = await harness.send(GROUP, alice, "/stats 30d");
    const second = await harness.send(GROUP, carol, "/stats 30d");
    expect(sentTexts(first)).toEqual([QUEUED_FIRST]);
    expect(sentTexts(second)).toEqual([ALREADY_RUNNING]);
    const jobs = await harness.jobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.requester.userId).toBe(alice.id);
  });

  it("shares one job between two members asking at the same moment", async () => {
    const both = await Promise.all([
      harness.send(GROUP, alice, "/stats 2024"),
      harness.send(GROUP, carol, "/stats 2024"),
    ]);
    expect(await harness.jobs()).toHaveLength(1);
    // Whichever lost the race ends on "already being computed" (sent, or edited into its status).
    const finalTexts = both.map((calls) => sentTexts(calls).at(-1)).sort();
    expect(finalTexts).toEqual([QUEUED_FIRST, ALREADY_RUNNING].sort());
    expect(both.flat().every((call) => call.ok)).toBe(true);
  });

  it("does not share jobs across different periods or chats", async () => {
    await harness.send(GROUP, alice, "/stats 30d");
    await harness.send(GROUP, alice, "/stats 7d");
    await harness.send(OTHER_GROUP, alice, "/stats 30d");
    expect(await harness.jobs()).toHaveLength(3);
  });

  it("filters by a member the bot has seen, by user id", async () => {
    // Alice's first message teaches the bot her @username.
    await harness.send(GROUP, alice, "/help");
    const calls = await harness.send(GROUP, carol, "/stats 2024 @alice_x");
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    expect((await harness.jobs())[0]!.options).toEqual({
      timeZone: "UTC",
      fromDate: "2024-01-01",
      toDate: "2024-12-31",
      sender: "user11",
    });
  });

  it("filters by a member picked from the mention list (no @username)", async () => {
    const text = "/stats Борис";
    await harness.send(GROUP, carol, text, {
      entities: [
        { type: "bot_command", offset: 0, length: 6 },
        { type: "text_mention", offset: 7, length: 5, user: boris },
      ],
    });
    expect((await harness.jobs())[0]!.options.sender).toBe("user12");
  });

  it("refuses a picked member together with an @name", async () => {
    const calls = await harness.send(GROUP, carol, "/stats Борис @alice_x", {
      entities: [
        { type: "bot_command", offset: 0, length: 6 },
        { type: "text_mention", offset: 7, length: 5, user: boris },
      ],
    });
    expect(sentTexts(calls)).toEqual([
      `Give one member only ("@alice_x" is a second one).\n\n${USAGE_EN}`,
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("refuses a member it has never seen, with the usage, and enqueues nothing", async () => {
    const calls = await harness.send(GROUP, alice, "/stats @ghost_user");
    expect(sentTexts(calls)).toEqual([
      "I don't know @ghost_user yet: a member can be named once they have written to me or sent a command in a chat with me.\n\n" +
        USAGE_EN,
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it.each([
    [
      "/stats 2024-13",
      "is not a date",
      '"2024-13" is not a date. Write dates as 2024, 2024-03 or 2024-03-31.',
    ],
    [
      "/stats 2024-06-30..2024-01-01",
      "reversed",
      'The range "2024-06-30..2024-01-01" ends before it starts; swap the two dates.',
    ],
    [
      "/stats 7d Mars/Olympus",
      "unknown zone",
      'Unknown time zone "Mars/Olympus". Use a name from the tz database such as Europe/Moscow, America/New_York or UTC.',
    ],
    ["/stats yesterday", "unknown word", `I don't understand "yesterday".`],
    [
      "/stats https://t.me/durov",
      "a chat in a group",
      "In a group, /stats is about that group. To see another chat, ask me in private chat: /stats https://t.me/durov",
    ],
  ])(
    "answers %s (%s) with what was wrong and the usage, enqueueing nothing",
    async (text, _what, why) => {
      const calls = await harness.send(GROUP, alice, text);
      expect(sentTexts(calls)).toEqual([`${why}\n\n${USAGE_EN}`]);
      expect(await harness.jobs()).toEqual([]);
    },
  );

  it("answers wrong arguments in Russian for a Russian user", async () => {
    const calls = await harness.send(GROUP, boris, "/stats 2025");
    expect(sentTexts(calls)).toEqual([`Период «2025» начинается в будущем.\n\n${USAGE_RU}`]);
    expect(await harness.jobs()).toEqual([]);
  });
});

describe("/stats in private chat", () => {
  it("reports on a public chat named by @username or link", async () => {
    await harness.send(privateChat(carol), carol, "/stats @some_channel");
    await harness.send(privateChat(carol), carol, "/stats https://t.me/other_channel 2023");
    const jobs = await harness.jobs();
    expect(jobs.map((job) => [job.target, job.reply.chatId, job.options.fromDate])).toEqual([
      [{ kind: "username", username: "some_channel", chatId: -1003000000001 }, carol.id, null],
      [
        { kind: "username", username: "other_channel", chatId: -1003000000002 },
        carol.id,
        "2023-01-01",
      ],
    ]);
  });

  it("refuses the reader account, people and bots named by @username, owners included, enqueueing nothing", async () => {
    // The Bot API finds a bot's private chat by its username; people's names it does not find.
    harness.server.addChat({
      id: 4242,
      type: "private",
      first_name: "Some Bot",
      username: "somebot",
    });
    const notAGroup = (name: string) =>
      `Statistics are made only for groups, supergroups and channels, and @${name} is a person or a bot. Ask for a group or a channel.`;
    const notFound = (name: string) =>
      `I can't find a public group or channel @${name}. Check the name; for a private group, send /stats inside it.`;
    for (const [user, text, expected] of [
      [carol, "/stats @tgstats_reader", notAGroup("tgstats_reader")],
      [carol, "/stats https://t.me/TgStats_Reader 2023", notAGroup("TgStats_Reader")],
      [carol, "/stats @alice_x", notFound("alice_x")],
      [carol, "/stats @somebot", notAGroup("somebot")],
      [owner, "/stats @tgstats_reader", notAGroup("tgstats_reader")],
      [owner, "/stats @alice_x", notFound("alice_x")],
      [owner, "/stats @somebot", notAGroup("somebot")],
    ] as const)
      expect(sentTexts(await harness.send(privateChat(user), user, text))).toEqual([expected]);
    expect(await harness.jobs()).toEqual([]);
    const russian = await harness.send(privateChat(boris), boris, "/stats @somebot");
    expect(sentTexts(russian)).toEqual([
      "Статистика бывает только у групп, супергрупп и каналов, а @somebot — человек или бот. Спросите про группу или канал.",
    ]);
    // The reader's own name is refused without asking anyone.
    const own = await harness.send(privateChat(carol), carol, "/stats @tgstats_reader");
    expect(own.map((call) => call.method)).toEqual(["sendMessage"]);
  });

  it("answers a name that is no public chat at once, so random names never reach the reader account", async () => {
    for (let i = 1; i <= 5; i++) {
      const calls = await harness.send(privateChat(alice), alice, `/stats @random_name_${i}`);
      expect(calls.map((call) => [call.method, call.ok])).toEqual([
        ["getChat", false],
        ["sendMessage", true],
      ]);
    }
    expect(await harness.jobs()).toEqual([]);
  });

  it("reports on a group by id for one of its members", async () => {
    harness.server.setChatMember(GROUP.id, carol.id, "member");
    const calls = await harness.send(privateChat(carol), carol, `/stats ${GROUP.id}`);
    expect(calls.map((call) => call.method)).toEqual(["getChatMember", "sendMessage"]);
    expect((await harness.jobs())[0]!.target).toEqual({ kind: "bot-chat", chatId: GROUP.id });
  });

  it("refuses a group by id to a non-member and enqueues nothing", async () => {
    harness.server.setChatMember(OTHER_GROUP.id, alice.id, "left");
    const calls = await harness.send(privateChat(alice), alice, `/stats ${OTHER_GROUP.id}`);
    expect(sentTexts(calls)).toEqual([
      "You can see the statistics of this chat only if you are a member of it. Ask inside the group, or ask one of its members.",
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("refuses a chat the bot is not in (it cannot check membership)", async () => {
    const calls = await harness.send(privateChat(alice), alice, "/stats -1005555555555");
    expect(sentTexts(calls)).toEqual([
      "I cannot check your membership there: I am not in that chat. Add me to the group and ask inside it.",
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("lets owners see any chat by id without a membership check", async () => {
    const calls = await harness.send(privateChat(owner), owner, `/stats ${OTHER_GROUP.id}`);
    expect(calls.map((call) => call.method)).toEqual(["sendMessage"]);
    expect((await harness.jobs())[0]!.target).toEqual({ kind: "bot-chat", chatId: OTHER_GROUP.id });
  });

  it("gives owners the account overview for /stats alone", async () => {
    await harness.send(privateChat(owner), owner, "/stats");
    expect((await harness.jobs())[0]!.target).toEqual({ kind: "account-overview" });
  });

  it("gives everyone else the usage for /stats alone", async () => {
    const calls = await harness.send(privateChat(alice), alice, "/stats");
    expect(sentTexts(calls)).toEqual([
      "Tell me which chat: send /stats inside your group, or here /stats @channel for a public chat.\n\n" +
        USAGE_EN,
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("refuses invite links", async () => {
    const calls = await harness.send(privateChat(alice), alice, "/stats https://t.me/+AbCdEf12");
    expect(sentTexts(calls)).toEqual([
      "Invite links cannot be opened by the bot. Send /stats inside that group, or ask here with its public @username.\n\n" +
        USAGE_EN,
    ]);
  });
});

describe("the HTML page setting", () => {
  it("is on by default and carried in the job as the answering chat set it", async () => {
    harness.server.setChatMember(GROUP.id, alice.id, "administrator");
    harness.server.setChatMember(GROUP.id, carol.id, "member");
    expect(sentTexts(await harness.send(GROUP, carol, "/settings html off"))).toEqual([
      "Only admins of this group can change this.",
    ]);
    expect(sentTexts(await harness.send(GROUP, alice, "/settings html-page off"))).toEqual([
      "Reports in this chat now come without the interactive page (report.html): charts and summary only.",
    ]);
    // In private chat anyone may set it, for that chat alone.
    expect(sentTexts(await harness.send(privateChat(carol), carol, "/settings html off"))).toEqual([
      "Reports in this chat now come without the interactive page (report.html): charts and summary only.",
    ]);
    await harness.send(GROUP, carol, "/stats");
    await harness.send(OTHER_GROUP, carol, "/stats");
    const jobs = await harness.jobs();
    expect(jobs.map((job) => [job.reply.chatId, job.reply.htmlPage])).toEqual([
      [GROUP.id, false],
      [OTHER_GROUP.id, true],
    ]);
    expect(sentTexts(await harness.send(GROUP, alice, "/settings html on"))).toEqual([
      "Reports in this chat now come with the interactive page (report.html).",
    ]);
    await harness.send(GROUP, carol, "/stats 7d");
    expect((await harness.jobs())[2]?.reply.htmlPage).toBe(true);
  });
});

describe("admins-only groups", () => {
  it("lets only admins ask once an admin turned the mode on", async () => {
    harness.server.setChatMember(GROUP.id, alice.id, "administrator");
    harness.server.setChatMember(GROUP.id, carol.id, "member");
    expect(sentTexts(await harness.send(GROUP, alice, "/settings admins-only on"))).toEqual([
      "Now only admins of this group may ask for statistics.",
    ]);
    expect(sentTexts(await harness.send(GROUP, carol, "/stats"))).toEqual([
      "In this group only admins may ask for statistics.",
    ]);
    expect(await harness.jobs()).toEqual([]);
    expect(sentTexts(await harness.send(GROUP, alice, "/stats"))).toEqual([QUEUED_FIRST]);
    // The same rule applies when a member asks for that group from private chat.
    expect(sentTexts(await harness.send(privateChat(carol), carol, `/stats ${GROUP.id}`))).toEqual([
      "In this group only admins may ask for statistics.",
    ]);
    expect(await harness.jobs()).toHaveLength(1);
  });

  it("holds when a public group is named by @username or link from private chat", async () => {
    const publicGroup = {
      id: -1004440000001,
      type: "supergroup",
      title: "Open",
      username: "open_group",
    } as const;
    harness.server.addChat(publicGroup);
    harness.server.setChatMember(publicGroup.id, alice.id, "administrator");
    harness.server.setChatMember(publicGroup.id, carol.id, "member");
    await harness.send(publicGroup, alice, "/settings admins-only on");
    const refused = "In this group only admins may ask for statistics.";
    // A member, and a stranger the bot cannot find in the group.
    expect(sentTexts(await harness.send(privateChat(carol), carol, "/stats @open_group"))).toEqual([
      refused,
    ]);
    expect(
      sentTexts(
        await harness.send(privateChat(boris), boris, "/stats https://t.me/Open_Group 30d"),
      ),
    ).toEqual(["В этой группе статистику могут запрашивать только админы."]);
    expect(await harness.jobs()).toEqual([]);
    expect(sentTexts(await harness.send(privateChat(alice), alice, "/stats @open_group"))).toEqual([
      QUEUED_FIRST,
    ]);
    expect(
      sentTexts(await harness.send(privateChat(owner), owner, "/stats @open_group 7d")),
    ).toEqual(["Queued, 1 request ahead of you. The results will appear in this chat."]);
    expect((await harness.jobs()).map((job) => [job.target, job.requester.userId])).toEqual([
      [{ kind: "username", username: "open_group", chatId: publicGroup.id }, alice.id],
      [{ kind: "username", username: "open_group", chatId: publicGroup.id }, owner.id],
    ]);
  });
});

describe("a result.json sent as a document", () => {
  function document(fileName: string, sizeBytes: number, caption?: string): object {
    return {
      document: {
        file_id: `file-${fileName}-${sizeBytes}`,
        file_unique_id: `unique-${sizeBytes}`,
        file_name: fileName,
        mime_type: mimeTypeOf(fileName),
        file_size: sizeBytes,
      },
      ...(caption === undefined ? {} : { caption }),
    };
  }

  /** The type Telegram clients give such a file. */
  function mimeTypeOf(fileName: string): string {
    if (fileName.endsWith(".json")) return "application/json";
    if (fileName.endsWith(".gz")) return "application/gzip";
    if (fileName.endsWith(".zip")) return "application/zip";
    return "image/png";
  }

  async function sendDocument(fileName: string, sizeBytes: number, caption?: string) {
    return harness.handle({
      message: {
        message_id: 5000 + sizeBytes,
        date: 1_710_072_000,
        chat: { id: alice.id, type: "private", first_name: "Alice" },
        from: alice,
        ...document(fileName, sizeBytes, caption),
      } as never,
    });
  }

  it("enqueues an export-file job for a small result.json", async () => {
    const calls = await sendDocument("result.json", 123_456, "2023 Europe/Berlin");
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    expect(await harness.jobs()).toEqual([
      {
        schemaVersion: 1,
        requester: { userId: alice.id, languageCode: "en" },
        target: {
          kind: "export-file",
          fileId: "file-result.json-123456",
          fileName: "result.json",
          fileSizeBytes: 123_456,
        },
        reply: {
          chatId: alice.id,
          statusMessageId: calls[0]!.messageIds[0]!,
          language: "en",
          htmlPage: true,
        },
        options: {
          timeZone: "Europe/Berlin",
          fromDate: "2023-01-01",
          toDate: "2023-12-31",
          sender: null,
        },
        checkpoint: null,
        fenceGeneration: null,
        delivered: null,
      },
    ]);
  });

  it("enqueues a gzipped export (result.json.gz) like the plain file", async () => {
    const calls = await sendDocument("result.json.gz", 4_096);
    expect(sentTexts(calls)).toEqual([QUEUED_FIRST]);
    const jobs = await harness.jobs();
    expect(jobs.map((job) => job.target)).toEqual([
      {
        kind: "export-file",
        fileId: "file-result.json.gz-4096",
        fileName: "result.json.gz",
        fileSizeBytes: 4_096,
      },
    ]);
  });

  it("tells to unpack a zip archive, enqueueing nothing", async () => {
    const calls = await sendDocument("Telegram Export.zip", 4_096);
    expect(sentTexts(calls)).toEqual([
      "A zip archive cannot be read. Unpack it and send the result.json inside (or gzip it first: gzip result.json).",
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("points to gzip and the offline CLI for a file over 20 MB, enqueueing nothing", async () => {
    const calls = await sendDocument("result.json", 25 * 1024 * 1024);
    expect(sentTexts(calls)).toEqual([
      "This file is 25 MB; bots can download files up to 20 MB. Compress it first (gzip result.json: an export usually shrinks to a fifth or less) and send result.json.gz, or make the report on your computer: tgstats report result.json",
    ]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("gives a hint for other files", async () => {
    const calls = await sendDocument("photo.png", 2048);
    expect(sentTexts(calls)).toEqual([
      "To get a report from a file, send the result.json of a Telegram Desktop export (chat menu → Export chat history → format JSON), as it is or gzipped (result.json.gz).",
    ]);
    expect(await harness.jobs()).toEqual([]);
  });
});
