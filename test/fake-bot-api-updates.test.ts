import { setTimeout as sleep } from "node:timers/promises";
import { Api, Bot } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";

const TOKEN = "4242:updates";
const GROUP = -1002000000000;

let server: FakeBotApi | null = null;

async function start(): Promise<{ server: FakeBotApi; api: Api }> {
  server = await startFakeBotApi({ token: TOKEN });
  return { server, api: new Api(TOKEN, { apiRoot: server.apiRoot }) };
}

afterEach(async () => {
  await server?.close();
  server = null;
});

const alice = { id: 11, is_bot: false, first_name: "Alice", language_code: "en" };

function textUpdate(text: string): object {
  return { message: { chat: { id: GROUP, type: "supergroup", title: "Team" }, from: alice, text } };
}

describe("fake Bot API: getUpdates", () => {
  it("returns a pushed update to a waiting long poll before its timeout", async () => {
    const { api, server } = await start();
    // With a 20 s timeout, only an update pushed meanwhile can end the poll within the test.
    const polling = api.getUpdates({ timeout: 20 });
    await sleep(100);
    const updateId = server.pushUpdate(textUpdate("/stats"));
    const updates = await polling;
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      update_id: updateId,
      message: { text: "/stats", message_id: 1 },
    });
  });

  it("answers at once with what is queued, and [] for timeout 0 with nothing", async () => {
    const { api, server } = await start();
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
    server.pushUpdate(textUpdate("a"));
    server.pushUpdate(textUpdate("b"));
    const updates = await api.getUpdates({ timeout: 30 });
    expect(updates.map((u) => u.message?.text)).toEqual(["a", "b"]);
    expect(updates.map((u) => u.update_id)).toEqual([1, 2]);
    expect(updates.map((u) => u.message?.message_id)).toEqual([1, 2]);
  });

  it("forgets updates below the offset and honours limit", async () => {
    const { api, server } = await start();
    for (const text of ["a", "b", "c"]) server.pushUpdate(textUpdate(text));
    expect((await api.getUpdates({ limit: 2 })).map((u) => u.message?.text)).toEqual(["a", "b"]);
    expect((await api.getUpdates({ offset: 3 })).map((u) => u.message?.text)).toEqual(["c"]);
    // Confirmed updates are gone for good.
    expect((await api.getUpdates({ offset: 0 })).map((u) => u.message?.text)).toEqual(["c"]);
  });

  it("filters by allowed_updates and keeps the setting for later calls", async () => {
    const { api, server } = await start();
    server.pushUpdate(textUpdate("text"));
    server.pushUpdate({
      callback_query: { id: "q1", from: alice, chat_instance: "1", data: "x" },
    });
    const updates = await api.getUpdates({ allowed_updates: ["callback_query"] });
    expect(updates.map((u) => u.callback_query?.id)).toEqual(["q1"]);
    server.pushUpdate(textUpdate("dropped"));
    expect(await api.getUpdates({ offset: updates[0]!.update_id + 1 })).toEqual([]);
    await expect(api.answerCallbackQuery("q1")).resolves.toBe(true);
    await expect(api.answerCallbackQuery("q1")).rejects.toMatchObject({
      description:
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
  });

  it("ends the older of two concurrent polls with 409 Conflict", async () => {
    const { api, server } = await start();
    const first = api.getUpdates({ timeout: 20 }).catch((error: unknown) => error);
    await sleep(50);
    const second = api.getUpdates({ timeout: 20 });
    expect(await first).toMatchObject({
      error_code: 409,
      description:
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
    server.pushUpdate(textUpdate("x"));
    expect(await second).toHaveLength(1);
  });

  it("registers chats, users and members named by pushed updates", async () => {
    const { api, server } = await start();
    server.pushUpdate({
      message: {
        message_id: 50,
        chat: { id: GROUP, type: "supergroup", title: "Team" },
        from: alice,
        new_chat_members: [{ id: 12, is_bot: false, first_name: "Bob" }],
      },
    });
    expect(await api.getChat(GROUP)).toMatchObject({ title: "Team" });
    expect((await api.getChatMember(GROUP, 12)).status).toBe("member");
    expect((await api.getChatMember(GROUP, 11)).status).toBe("left");
    // A pushed message id moves the chat's counter past it.
    expect((await api.sendMessage(GROUP, "hi")).message_id).toBe(51);
  });
});

describe("fake Bot API with a real grammY Bot", () => {
  it("delivers a command to a polling bot and receives its reply", async () => {
    const { server } = await start();
    const bot = new Bot(TOKEN, { client: { apiRoot: server.apiRoot } });
    bot.command("stats", (ctx) => ctx.reply(`Queued for ${ctx.from?.first_name ?? "?"}`));
    const started = new Promise<void>((resolve) => {
      void bot.start({ timeout: 1, onStart: () => resolve() });
    });
    await started;
    server.pushUpdate({
      message: {
        chat: { id: GROUP, type: "supergroup", title: "Team" },
        from: alice,
        text: "/stats",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    const reply = await server.waitFor((call) => call.method === "sendMessage", 10_000);
    await bot.stop();
    expect(reply).toMatchObject({ chatId: GROUP, text: "Queued for Alice", ok: true });
    expect(server.chatMessages(GROUP).map((m) => [m.fromBot, m.text])).toEqual([
      [false, "/stats"],
      [true, "Queued for Alice"],
    ]);
    expect(server.calls.slice(0, 2).map((c) => c.method)).toEqual(["getMe", "deleteWebhook"]);
  });
});
