import { Api, GrammyError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  BotApiError,
  startFakeBotApi,
  transcriptLine,
  WaitForCallTimeoutError,
  type FakeBotApi,
  type FakeBotApiOptions,
} from "@tgstats/sandbox";

const TOKEN = "123456:test-token";
const GROUP = -1001234567890;
const PRIVATE_CHAT = 42;

const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

let server: FakeBotApi | null = null;

async function start(
  options: Partial<FakeBotApiOptions> = {},
): Promise<{ server: FakeBotApi; api: Api }> {
  server = await startFakeBotApi({ token: TOKEN, ...options });
  server.addChat({ id: GROUP, type: "supergroup", title: "Team" });
  server.addChat({ id: PRIVATE_CHAT, type: "private", first_name: "Alice" });
  return { server, api: new Api(TOKEN, { apiRoot: server.apiRoot }) };
}

afterEach(async () => {
  await server?.close();
  server = null;
});

/** A raw Bot API call, to see the exact HTTP status and body. */
async function raw(
  fake: FakeBotApi,
  method: string,
  body: Record<string, unknown> = {},
  token = fake.token,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function badRequest(description: string): Record<string, unknown> {
  return { ok: false, error_code: 400, description };
}

describe("fake Bot API: authentication and routing", () => {
  it("answers getMe with the bot derived from the token", async () => {
    const { api } = await start();
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: "tgstats_bot" });
  });

  it("answers a wrong token with 401 Unauthorized", async () => {
    const { server } = await start();
    expect(await raw(server, "getMe", {}, "999:wrong")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    const wrongApi = new Api("999:wrong", { apiRoot: server.apiRoot });
    await expect(wrongApi.getMe()).rejects.toMatchObject({
      error_code: 401,
      description: "Unauthorized",
    });
  });

  it("answers an unknown method with 404 Not Found", async () => {
    const { server } = await start();
    expect(await raw(server, "sendDice", { chat_id: GROUP })).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
  });

  it("reads method names case-insensitively and parameters from the query string", async () => {
    const { server } = await start();
    const url = `${server.apiRoot}/bot${TOKEN}/SENDMESSAGE?chat_id=${GROUP}&text=hello`;
    const answer = (await (await fetch(url)).json()) as { ok: boolean; result: { text: string } };
    expect(answer.ok).toBe(true);
    expect(answer.result.text).toBe("hello");
    expect(server.calls.at(-1)?.method).toBe("sendMessage");
  });

  it("reads urlencoded bodies", async () => {
    const { server } = await start();
    const response = await fetch(`${server.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({ chat_id: String(GROUP), text: "form" }),
    });
    expect(response.status).toBe(200);
    expect(server.chatMessages(GROUP).map((m) => m.text)).toEqual(["form"]);
  });
});

describe("fake Bot API: sendMessage", () => {
  it("gives message ids that increase per chat", async () => {
    const { api } = await start();
    const a = await api.sendMessage(GROUP, "one");
    const b = await api.sendMessage(GROUP, "two");
    const c = await api.sendMessage(PRIVATE_CHAT, "three");
    expect([a.message_id, b.message_id, c.message_id]).toEqual([1, 2, 1]);
    expect(a.chat).toEqual({ id: GROUP, type: "supergroup", title: "Team" });
    expect(a.from).toMatchObject({ id: 123456, is_bot: true });
  });

  it("refuses empty and whitespace-only texts", async () => {
    const { server } = await start();
    expect(await raw(server, "sendMessage", { chat_id: GROUP, text: "" })).toEqual({
      status: 400,
      body: badRequest("Bad Request: message text is empty"),
    });
    expect((await raw(server, "sendMessage", { chat_id: GROUP, text: " \n " })).body).toEqual(
      badRequest("Bad Request: message text is empty"),
    );
    expect((await raw(server, "sendMessage", { chat_id: GROUP })).body).toEqual(
      badRequest("Bad Request: message text is empty"),
    );
  });

  it("allows 4096 characters (code points, not UTF-16 units) and refuses 4097", async () => {
    const { api } = await start();
    await expect(api.sendMessage(GROUP, "x".repeat(4096))).resolves.toMatchObject({
      message_id: 1,
    });
    // 4096 emoji are 8192 UTF-16 units but 4096 characters.
    await expect(api.sendMessage(GROUP, "😀".repeat(4096))).resolves.toMatchObject({
      message_id: 2,
    });
    await expect(api.sendMessage(GROUP, "x".repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message is too long",
    });
  });

  it("measures HTML texts after the markup is removed", async () => {
    const { api, server } = await start();
    await api.sendMessage(GROUP, `<b>${"x".repeat(4096)}</b>`, { parse_mode: "HTML" });
    await api.sendMessage(GROUP, "<b>Top</b> &lt;3 &amp; more", { parse_mode: "HTML" });
    expect(server.chatMessages(GROUP)[1]?.text).toBe("Top <3 & more");
  });

  it("refuses broken HTML with Telegram's parse error", async () => {
    const { api } = await start();
    await expect(api.sendMessage(GROUP, "a <Bob> b", { parse_mode: "HTML" })).rejects.toMatchObject(
      {
        error_code: 400,
        description:
          'Bad Request: can\'t parse entities: Unsupported start tag "bob" at byte offset 2',
      },
    );
    await expect(api.sendMessage(GROUP, "<b>open", { parse_mode: "HTML" })).rejects.toMatchObject({
      description:
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    });
    await expect(api.sendMessage(GROUP, "ё<b>x</i>", { parse_mode: "HTML" })).rejects.toMatchObject(
      {
        description:
          'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 6, expected "</b>", found "</i>"',
      },
    );
  });

  it("answers unknown chats and a missing chat_id like Telegram", async () => {
    const { server } = await start();
    expect((await raw(server, "sendMessage", { chat_id: -100999, text: "x" })).body).toEqual(
      badRequest("Bad Request: chat not found"),
    );
    expect((await raw(server, "sendMessage", { text: "x" })).body).toEqual(
      badRequest("Bad Request: chat_id is empty"),
    );
  });

  it("answers 403 when the bot was removed from the chat", async () => {
    const { api, server } = await start();
    server.setChatMember(GROUP, server.botInfo.id, "kicked");
    await expect(api.sendMessage(GROUP, "x")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was kicked from the supergroup chat",
    });
  });

  it("refuses a reply to a message that does not exist, unless allowed", async () => {
    const { api } = await start();
    const first = await api.sendMessage(GROUP, "first");
    await expect(
      api.sendMessage(GROUP, "reply", { reply_parameters: { message_id: first.message_id } }),
    ).resolves.toMatchObject({ message_id: 2 });
    await expect(
      api.sendMessage(GROUP, "reply", { reply_parameters: { message_id: 99 } }),
    ).rejects.toMatchObject({ description: "Bad Request: message to be replied not found" });
    await expect(
      api.sendMessage(GROUP, "reply", {
        reply_parameters: { message_id: 99, allow_sending_without_reply: true },
      }),
    ).resolves.toMatchObject({ message_id: 3 });
  });

  it("finds a chat by its @username", async () => {
    const { api, server } = await start();
    server.addChat({ id: -1005, type: "supergroup", title: "Public", username: "public_chat" });
    const message = await api.sendMessage("@public_chat", "hi");
    expect(message.chat.id).toBe(-1005);
  });
});

describe("fake Bot API: editMessageText and deleteMessage", () => {
  it("edits the bot's text message", async () => {
    const { api, server } = await start();
    const sent = await api.sendMessage(GROUP, "Queued");
    const edited = await api.editMessageText(GROUP, sent.message_id, "Reading 10%");
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "Reading 10%" });
    expect(server.chatMessages(GROUP).map((m) => m.text)).toEqual(["Reading 10%"]);
  });

  it("refuses an edit that changes nothing", async () => {
    const { api, server } = await start();
    const sent = await api.sendMessage(GROUP, "Queued");
    const error: unknown = await api
      .editMessageText(GROUP, sent.message_id, "Queued")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 400, description: NOT_MODIFIED });
    // The same words in another parse mode are a change.
    await expect(
      api.editMessageText(GROUP, sent.message_id, "Queued", { parse_mode: "HTML" }),
    ).resolves.toMatchObject({ text: "Queued" });
    expect(server.calls.filter((c) => c.method === "editMessageText").map((c) => c.ok)).toEqual([
      false,
      true,
    ]);
  });

  it("answers missing, foreign and media messages", async () => {
    const { api, server } = await start();
    await expect(api.editMessageText(GROUP, 77, "x")).rejects.toMatchObject({
      description: "Bad Request: message to edit not found",
    });
    server.pushUpdate({
      message: {
        chat: { id: GROUP, type: "supergroup" },
        from: { id: 7, is_bot: false, first_name: "Bob" },
        text: "/stats",
      },
    });
    const userMessageId = server.chatMessages(GROUP)[0]!.messageId;
    await expect(api.editMessageText(GROUP, userMessageId, "x")).rejects.toMatchObject({
      description: "Bad Request: message can't be edited",
    });
    expect((await raw(server, "editMessageText", { chat_id: GROUP, text: "x" })).body).toEqual(
      badRequest("Bad Request: message identifier is not specified"),
    );
  });

  it("deletes a message once", async () => {
    const { api, server } = await start();
    const sent = await api.sendMessage(GROUP, "status");
    await expect(api.deleteMessage(GROUP, sent.message_id)).resolves.toBe(true);
    expect(server.chatMessages(GROUP)).toEqual([]);
    await expect(api.deleteMessage(GROUP, sent.message_id)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message to delete not found",
    });
  });

  it("accepts known chat actions only", async () => {
    const { api, server } = await start();
    await expect(api.sendChatAction(GROUP, "upload_photo")).resolves.toBe(true);
    expect(
      (await raw(server, "sendChatAction", { chat_id: GROUP, action: "dancing" })).body,
    ).toEqual(badRequest("Bad Request: wrong parameter action in request"));
  });
});

describe("fake Bot API: rate limit", () => {
  it("answers 429 with retry_after once a chat's budget is spent", async () => {
    const { server } = await start({ rateLimitPerChatPerMinute: 2 });
    for (const text of ["a", "b"])
      expect((await raw(server, "sendMessage", { chat_id: GROUP, text })).status).toBe(200);
    // The oldest send leaves the 60 s window in just under 60 s: rounded up, 60.
    expect(await raw(server, "sendMessage", { chat_id: GROUP, text: "c" })).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 60",
        parameters: { retry_after: 60 },
      },
    });
    // Other chats have their own budget.
    expect((await raw(server, "sendMessage", { chat_id: PRIVATE_CHAT, text: "d" })).status).toBe(
      200,
    );
  });
});

describe("fake Bot API: chats, members and commands", () => {
  it("answers getChatMember from the membership table", async () => {
    const { api, server } = await start();
    const statuses = ["creator", "administrator", "member", "left", "kicked"] as const;
    statuses.forEach((status, index) => server.setChatMember(GROUP, 100 + index, status));
    for (const [index, status] of statuses.entries())
      expect((await api.getChatMember(GROUP, 100 + index)).status).toBe(status);
    server.addUser({ id: 200, is_bot: false, first_name: "Known" });
    expect(await api.getChatMember(GROUP, 200)).toEqual({
      status: "left",
      user: { id: 200, is_bot: false, first_name: "Known" },
    });
    await expect(api.getChatMember(GROUP, 201)).rejects.toMatchObject({
      description: "Bad Request: user not found",
    });
  });

  it("answers getChat for known chats only", async () => {
    const { api } = await start();
    await expect(api.getChat(GROUP)).resolves.toMatchObject({
      id: GROUP,
      type: "supergroup",
      title: "Team",
    });
    await expect(api.getChat(-100777)).rejects.toMatchObject({
      description: "Bad Request: chat not found",
    });
  });

  it("stores command menus per scope and language", async () => {
    const { api, server } = await start();
    const en = [{ command: "stats", description: "Chat statistics" }];
    const ru = [{ command: "stats", description: "Статистика чата" }];
    const privateOnly = [{ command: "start", description: "What the bot does" }];
    await api.setMyCommands(en);
    await api.setMyCommands(ru, { language_code: "ru" });
    await api.setMyCommands(privateOnly, { scope: { type: "all_private_chats" } });
    expect(server.commands()).toEqual(en);
    expect(server.commands(undefined, "ru")).toEqual(ru);
    expect(server.commands({ type: "all_private_chats" })).toEqual(privateOnly);
    expect(await api.getMyCommands({ language_code: "ru" })).toEqual(ru);
    await expect(
      api.setMyCommands([{ command: "Stats!", description: "x" }]),
    ).rejects.toMatchObject({
      description: "Bad Request: BOT_COMMAND_INVALID",
    });
  });
});

describe("fake Bot API: call log and transcript", () => {
  it("records every call, successful or not", async () => {
    const { api, server } = await start();
    await api.sendMessage(GROUP, "hello");
    await api.sendMessage(GROUP, "").catch(() => undefined);
    expect(
      server.calls.map(({ method, chatId, text, ok, errorCode, messageIds }) => ({
        method,
        chatId,
        text,
        ok,
        errorCode,
        messageIds,
      })),
    ).toEqual([
      {
        method: "sendMessage",
        chatId: GROUP,
        text: "hello",
        ok: true,
        errorCode: undefined,
        messageIds: [1],
      },
      { method: "sendMessage", chatId: GROUP, text: "", ok: false, errorCode: 400, messageIds: [] },
    ]);
    const lines = server
      .transcript()
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(lines[0]).toEqual({
      atMs: server.calls[0]!.atMs,
      method: "sendMessage",
      chat: GROUP,
      ok: true,
      text: "hello",
      messageIds: [1],
    });
    expect(lines[1]).toEqual({
      atMs: server.calls[1]!.atMs,
      method: "sendMessage",
      chat: GROUP,
      ok: false,
      errorCode: 400,
      description: "Bad Request: message text is empty",
      text: "",
    });
    expect(transcriptLine(server.calls[0]!)).toBe(server.transcript().split("\n")[0]);
  });

  it("waits for a future call and times out with the calls it saw", async () => {
    const { api, server } = await start();
    const waiting = server.waitFor((call) => call.method === "deleteMessage", 5000);
    const sent = await api.sendMessage(GROUP, "x");
    await api.deleteMessage(GROUP, sent.message_id);
    await expect(waiting).resolves.toMatchObject({
      method: "deleteMessage",
      messageIds: [sent.message_id],
    });
    const error: unknown = await server
      .waitFor((call) => call.method === "sendPhoto", 50)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitForCallTimeoutError);
    expect((error as Error).message).toContain(
      "sendMessage(-1001234567890), deleteMessage(-1001234567890)",
    );
  });

  it("exports its error class with Telegram's body", () => {
    expect(new BotApiError(429, "Too Many Requests: retry after 5", 5).toJSON()).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 5",
      parameters: { retry_after: 5 },
    });
  });
});
