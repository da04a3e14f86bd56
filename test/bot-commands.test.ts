import { Api } from "grammy";
import { beforeEach, describe, expect, it } from "vitest";
import { ReportState } from "@tgstats/engine";
import { registerCommands } from "@tgstats/bot";
import {
  BOT_TOKEN,
  GROUP,
  alice,
  boris,
  carol,
  owner,
  privateChat,
  sentTexts,
  useBotHarness,
  type BotHarness,
} from "./helpers/bot-harness.js";

const HELP_EN_FIRST_LINE =
  "I make statistics of Telegram chats and send them as charts: who writes most, when the chat is alive (weekday × hour), how activity grew, top words, phrases and emoji, who replies to whom and how fast.";
const HELP_RU_FIRST_LINE =
  "Я считаю статистику чатов Telegram и присылаю её графиками: кто пишет больше всех, когда чат живёт (день недели × час), как росла активность, частые слова, фразы и эмодзи, кто кому отвечает и как быстро.";
const READER_EN =
  "Bots cannot read chat history, so it is read by the account @tgstats_reader. Add @tgstats_reader to your group (a member can invite it like anyone else), then send /stats there.";
const READER_RU =
  "Боты не могут читать историю чатов, поэтому её читает аккаунт @tgstats_reader. Добавьте @tgstats_reader в свою группу (участник может пригласить его, как любого другого), затем отправьте там /stats.";

const harness = useBotHarness({ name: "bot-commands" });

// After the harness's own reset.
beforeEach(() => {
  harness.server.setChatMember(GROUP.id, alice.id, "administrator");
  harness.server.setChatMember(GROUP.id, boris.id, "creator");
  harness.server.setChatMember(GROUP.id, carol.id, "member");
});

async function texts(...args: Parameters<BotHarness["send"]>): Promise<string[]> {
  return sentTexts(await harness.send(...args));
}

describe("/start and /help", () => {
  it("explain the bot, every command with an example, and the reader account, in English", async () => {
    for (const command of ["/start", "/help"]) {
      const [text] = await texts(privateChat(alice), alice, command);
      const paragraphs = text!.split("\n\n");
      expect(paragraphs[0]).toBe(HELP_EN_FIRST_LINE);
      expect(paragraphs[1]).toBe(
        [
          "Commands:",
          "/stats — statistics of this group, e.g. /stats 30d",
          "/stats 2024 @alice — one year, one member",
          "/stats 2024-01-01..2024-06-30 Europe/Berlin — a date range in a time zone",
          "/stats @channel — in private chat: a public channel or group (or its t.me link)",
          "/me — your member card in this group: your share, days, hours, words and who you talk with (/me 30d for a period)",
          "/tz Europe/Moscow — the time zone of this chat",
          "/lang ru — the language of this chat (en, ru; auto for each user's own)",
          "/settings admins-only on — only admins may ask for stats here",
          "/settings html off — charts and summary without the interactive page (report.html)",
          "/forget — delete what I have cached about this chat (admins)",
        ].join("\n"),
      );
      expect(paragraphs[3]).toBe(READER_EN);
      expect(paragraphs).toHaveLength(4);
    }
  });

  it("speak Russian to a Russian user", async () => {
    const [text] = await texts(privateChat(boris), boris, "/help");
    const paragraphs = text!.split("\n\n");
    expect(paragraphs[0]).toBe(HELP_RU_FIRST_LINE);
    expect(paragraphs[1]!.split("\n")[1]).toBe(
      "/stats — статистика этой группы, например /stats 30d",
    );
    expect(paragraphs[3]).toBe(READER_RU);
  });

  it("answer in groups as a reply to the command", async () => {
    const calls = await harness.send(GROUP, carol, "/help@tgstats_bot");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "sendMessage", chatId: GROUP.id, ok: true });
  });
});

describe("/tz", () => {
  it("shows, validates and stores the chat's zone, which later /stats use", async () => {
    expect(await texts(GROUP, carol, "/tz")).toEqual([
      "The time zone of this chat is UTC. Change it with /tz Europe/Moscow (any tz database name).",
    ]);
    expect(await texts(GROUP, alice, "/tz Mars/Olympus")).toEqual([
      'Unknown time zone "Mars/Olympus". Use a name from the tz database such as Europe/Moscow, America/New_York or UTC.',
    ]);
    expect(await texts(GROUP, alice, "/tz Europe/Moscow")).toEqual([
      "The time zone of this chat is now Europe/Moscow.",
    ]);
    expect(await texts(GROUP, boris, "/tz")).toEqual([
      "Часовой пояс этого чата: Europe/Moscow. Изменить: /tz Europe/Moscow (любое название из базы tz).",
    ]);
    await harness.send(GROUP, carol, "/stats 7d");
    // 2024-03-10 12:00 UTC is 15:00 in Moscow: the last 7 local days end on March 10.
    expect((await harness.jobs())[0]!.options).toMatchObject({
      timeZone: "Europe/Moscow",
      fromDate: "2024-03-04",
      toDate: "2024-03-10",
    });
  });

  it("keeps the zone as typed (Europe/Kyiv, not ICU's Europe/Kiev), up to letter case", async () => {
    expect(await texts(GROUP, alice, "/tz Europe/Kyiv")).toEqual([
      "The time zone of this chat is now Europe/Kyiv.",
    ]);
    await harness.send(GROUP, carol, "/stats 7d");
    expect((await harness.jobs())[0]!.options).toMatchObject({ timeZone: "Europe/Kyiv" });
    expect(await texts(GROUP, alice, "/tz utc")).toEqual([
      "The time zone of this chat is now UTC.",
    ]);
  });

  it("lets only admins change a group's zone", async () => {
    expect(await texts(GROUP, carol, "/tz Asia/Tokyo")).toEqual([
      "Only admins of this group can change this.",
    ]);
    expect(await texts(GROUP, carol, "/tz")).toEqual([
      "The time zone of this chat is UTC. Change it with /tz Europe/Moscow (any tz database name).",
    ]);
  });

  it("lets anyone set the zone of their private chat, in Russian too", async () => {
    expect(await texts(privateChat(boris), boris, "/tz Asia/Tokyo")).toEqual([
      "Теперь часовой пояс этого чата: Asia/Tokyo.",
    ]);
  });
});

describe("/lang", () => {
  it("overrides the language of a chat for everyone, and auto restores each user's own", async () => {
    expect(await texts(GROUP, carol, "/lang")).toEqual([
      "The language of this chat is automatic (each user's Telegram language). Change it with /lang en, /lang ru or /lang auto.",
    ]);
    expect(await texts(GROUP, alice, "/lang ru")).toEqual(["Теперь язык этого чата — русский."]);
    // Carol's Telegram is English, but the chat now speaks Russian.
    expect(await texts(GROUP, carol, "/lang")).toEqual([
      "Язык этого чата: русский. Изменить: /lang en, /lang ru или /lang auto.",
    ]);
    const [queued] = await texts(GROUP, carol, "/stats");
    expect(queued).toBe("В очереди, вы следующий. Результаты появятся в этом чате.");
    expect((await harness.jobs())[0]!.reply.language).toBe("ru");
    expect(await texts(GROUP, alice, "/lang auto")).toEqual([
      "I now answer everyone here in their own Telegram language (English or Russian).",
    ]);
    expect(await texts(GROUP, boris, "/lang")).toEqual([
      "Язык этого чата: автоматически (язык Telegram каждого). Изменить: /lang en, /lang ru или /lang auto.",
    ]);
  });

  it("sets English for a Russian user's private chat, and refuses unknown languages", async () => {
    expect(await texts(privateChat(boris), boris, "/lang de")).toEqual([
      "Я не говорю на «de». Есть en, ru или auto — у каждого свой язык.",
    ]);
    expect(await texts(privateChat(boris), boris, "/lang en")).toEqual([
      "The language of this chat is now English.",
    ]);
    expect(await texts(privateChat(boris), boris, "/lang")).toEqual([
      "The language of this chat is English. Change it with /lang en, /lang ru or /lang auto.",
    ]);
  });

  it("lets only admins change a group's language", async () => {
    expect(await texts(GROUP, carol, "/lang ru")).toEqual([
      "Only admins of this group can change this.",
    ]);
  });
});

describe("/settings", () => {
  it("shows the chat's settings in its language", async () => {
    await harness.send(GROUP, alice, "/tz Europe/Berlin");
    expect(await texts(GROUP, carol, "/settings")).toEqual([
      [
        "Settings of this chat:",
        "Language: automatic (each user's Telegram language)",
        "Time zone: Europe/Berlin",
        "Statistics for admins only: off",
        "Interactive page (report.html) with each report: on",
        "",
        "Change them with /lang en|ru|auto, /tz Europe/Moscow, /settings admins-only on|off and /settings html on|off.",
      ].join("\n"),
    ]);
    await harness.send(GROUP, boris, "/settings admins_only on");
    expect(await texts(GROUP, boris, "/settings")).toEqual([
      [
        "Настройки этого чата:",
        "Язык: автоматически (язык Telegram каждого)",
        "Часовой пояс: Europe/Berlin",
        "Статистика только для админов: да",
        "Интерактивная страница (report.html) с каждым отчётом: да",
        "",
        "Изменить: /lang en|ru|auto, /tz Europe/Moscow, /settings admins-only on|off и /settings html on|off.",
      ].join("\n"),
    ]);
  });

  it("turns admins-only off again, refuses members and wrong words", async () => {
    await harness.send(GROUP, alice, "/settings admins-only on");
    expect(await texts(GROUP, carol, "/settings admins-only off")).toEqual([
      "Only admins of this group can change this.",
    ]);
    expect(await texts(GROUP, alice, "/settings admins-only off")).toEqual([
      "Now every member of this group may ask for statistics.",
    ]);
    expect(await texts(GROUP, alice, "/settings admins-only maybe")).toEqual([
      "Usage: /settings shows this chat's settings; /settings admins-only on|off allows statistics to admins only or to every member; /settings html on|off sends the interactive page (report.html) with each report or not.",
    ]);
    expect(await texts(privateChat(alice), alice, "/settings admins-only on")).toEqual([
      "The admins-only mode is for groups: send /settings admins-only on inside the group.",
    ]);
  });
});

describe("/forget", () => {
  async function cacheSomething(): Promise<void> {
    const history = {
      highId: 42,
      months: new Map([["2024-03", new ReportState("UTC")]]),
      monthIds: new Map([["2024-03", { minId: 1, maxId: 42 }]]),
    };
    // A supergroup's cache scope is "channel" + its id without the -100.
    await harness.cache.save("channel1234567890", "UTC", history, ["2024-03"]);
  }

  const ONE_HISTORY_EN = [
    "I deleted what I stored about this chat:",
    "• cached statistics: 1",
    "• queued reports: 0",
    "• reports under way, stopped: 0",
    "• records of finished reports: 0",
    "• saved reading progress: 0",
    "• the chat's address kept by reader accounts: 0",
    "Kept: this chat's settings (/tz, /lang, /settings admins-only and html). The next /stats reads the history again.",
  ].join("\n");

  it("deletes the group's cached aggregates for an admin and says what it deleted", async () => {
    await cacheSomething();
    expect(await harness.cache.load("channel1234567890", "UTC")).not.toBeNull();
    expect(await texts(GROUP, alice, "/forget")).toEqual([ONE_HISTORY_EN]);
    expect(await harness.cache.load("channel1234567890", "UTC")).toBeNull();
    expect(await texts(GROUP, boris, "/forget")).toEqual([
      "Об этом чате ничего не хранится. Настройки чата (/tz, /lang, /settings admins-only and html) остались.",
    ]);
  });

  it("answers in Russian kind by kind", async () => {
    await cacheSomething();
    expect(await texts(GROUP, boris, "/forget")).toEqual([
      [
        "Я удалил всё, что хранил об этом чате:",
        "• статистика в кэше: 1",
        "• отчёты в очереди: 0",
        "• отчёты в работе, остановлены: 0",
        "• записи о готовых отчётах: 0",
        "• сохранённый прогресс чтения: 0",
        "• адрес чата у читающих аккаунтов: 0",
        "Оставил настройки чата (/tz, /lang, /settings admins-only and html). Следующий /stats прочитает историю заново.",
      ].join("\n"),
    ]);
  });

  it("refuses members, leaving the cache alone", async () => {
    await cacheSomething();
    expect(await texts(GROUP, carol, "/forget")).toEqual([
      "Only admins of this group can change this.",
    ]);
    expect(await harness.cache.load("channel1234567890", "UTC")).not.toBeNull();
  });

  it("in private chat forgets a chat by id for owners only", async () => {
    await cacheSomething();
    expect(await texts(privateChat(alice), alice, `/forget ${GROUP.id}`)).toEqual([
      "Send /forget inside the group whose cached statistics should be deleted (group admins only).",
    ]);
    expect(await texts(privateChat(owner), owner, `/forget ${GROUP.id}`)).toEqual([ONE_HISTORY_EN]);
    expect(await harness.cache.load("channel1234567890", "UTC")).toBeNull();
  });

  it("trusts an admin posting anonymously as the group", async () => {
    await cacheSomething();
    const anonymous = {
      id: 1_087_968_824,
      is_bot: true,
      first_name: "Group",
      username: "GroupAnonymousBot",
    };
    const calls = await harness.send(GROUP, anonymous, "/forget", { sender_chat: GROUP });
    expect(sentTexts(calls)).toEqual([ONE_HISTORY_EN]);
    // No membership lookup was needed.
    expect(calls.map((call) => call.method)).toEqual(["sendMessage"]);
  });
});

describe("the error boundary", () => {
  it("apologises without details and logs the error", async () => {
    harness.bot.api.config.use((prev, method, payload, signal) => {
      if (method === "getChatMember") throw new Error("simulated failure deep inside");
      return prev(method, payload, signal);
    });
    const calls = await harness.send(GROUP, carol, "/tz Asia/Tokyo");
    expect(sentTexts(calls)).toEqual([
      "Sorry, something went wrong on my side. Please try again later.",
    ]);
    const failure = harness.logLines().find((line) => line.msg === "update failed");
    expect(failure).toMatchObject({ level: 50, err: { message: "simulated failure deep inside" } });
  });
});

describe("the command menu", () => {
  it("is registered in English by default and in Russian for ru clients", async () => {
    const api = new Api(BOT_TOKEN, { apiRoot: harness.server.apiRoot });
    await registerCommands(api, AbortSignal.timeout(5000));
    expect(harness.server.commands()).toEqual([
      { command: "stats", description: "Statistics of this chat: /stats 30d" },
      { command: "me", description: "Your member card in this chat: /me 30d" },
      { command: "help", description: "Commands and examples" },
      { command: "tz", description: "Time zone of this chat: /tz Europe/Moscow" },
      { command: "lang", description: "Language of this chat: /lang en|ru|auto" },
      { command: "settings", description: "Settings: admins-only mode, the HTML page" },
      { command: "forget", description: "Delete cached statistics of this chat" },
      { command: "start", description: "What this bot does" },
    ]);
    expect(harness.server.commands(undefined, "ru").map((item) => item.description)).toEqual([
      "Статистика этого чата: /stats 30d",
      "Ваша карточка участника в этом чате: /me 30d",
      "Команды и примеры",
      "Часовой пояс чата: /tz Europe/Moscow",
      "Язык чата: /lang en|ru|auto",
      "Настройки: режим «только админы», HTML-страница",
      "Удалить сохранённую статистику чата",
      "Что умеет этот бот",
    ]);
  });
});
