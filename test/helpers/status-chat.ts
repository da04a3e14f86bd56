import { Api } from "grammy";
import { afterEach } from "vitest";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "@tgstats/sandbox";
import { createDeliveryApi } from "@tgstats/worker";

/** A group on a fresh fake Bot API with the bot's status message in it, as the worker finds it. */
export interface StatusChat {
  server: FakeBotApi;
  /** The worker's delivery Api. */
  api: Api;
  statusId: number;
}

const started: FakeBotApi[] = [];
// Registered when a test file imports this helper: each test's server is closed after it.
afterEach(async () => {
  for (const server of started.splice(0)) await server.close();
});

/**
 * Starts a fake Bot API with the supergroup `chatId` and sends the status
 * message `statusText` there as the bot; closed after the test.
 */
export async function startStatusChat(
  chat: { token: string; chatId: number; statusText: string },
  options: Partial<FakeBotApiOptions> = {},
): Promise<StatusChat> {
  const server = await startFakeBotApi({ token: chat.token, ...options });
  started.push(server);
  server.addChat({ id: chat.chatId, type: "supergroup", title: "Team" });
  const status = await new Api(chat.token, { apiRoot: server.apiRoot }).sendMessage(
    chat.chatId,
    chat.statusText,
  );
  return {
    server,
    api: createDeliveryApi(chat.token, { apiRoot: server.apiRoot }),
    statusId: status.message_id,
  };
}
