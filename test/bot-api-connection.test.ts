import { request, type IncomingMessage } from "node:http";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { GROUP, alice, carol, privateChat, useBotHarness } from "./helpers/bot-harness.js";

const harness = useBotHarness({ name: "bot-api-connection" });

/** A getMe that opens a connection of its own and closes it after the answer. */
async function getMeOnNewConnection(apiRoot: string, token: string): Promise<number> {
  const call = request(`${apiRoot}/bot${token}/getMe`, { method: "POST", agent: false });
  call.end();
  const [response] = (await once(call, "response")) as [IncomingMessage];
  response.resume();
  await once(response, "end");
  return response.statusCode ?? 0;
}

describe("the bot's HTTP connection to the Bot API", () => {
  it("is kept alive: answers in sequence reuse the connection getMe opened", async () => {
    const { server } = harness;
    // bot.init() asked getMe on the one connection so far.
    expect(server.connectionCount()).toBe(1);
    await harness.send(privateChat(alice), alice, "/help");
    await harness.send(GROUP, carol, "/stats 30d");
    await harness.send(privateChat(alice), alice, "/start");
    expect(server.calls.filter((call) => call.method === "sendMessage")).toHaveLength(3);
    expect(server.connectionCount()).toBe(1);
  });

  it("counts every connection a client opens", async () => {
    const { server } = harness;
    const before = server.connectionCount();
    expect(await getMeOnNewConnection(server.apiRoot, server.token)).toBe(200);
    expect(await getMeOnNewConnection(server.apiRoot, server.token)).toBe(200);
    expect(server.connectionCount()).toBe(before + 2);
  });
});
