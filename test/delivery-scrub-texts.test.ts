/**
 * The worker's last gate before a chat: every text and caption it sends
 * through the Bot API is scrubbed of secrets, whatever built it.
 */
import { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSecrets, createSecretScrubber } from "@tgstats/platform";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { createDeliveryApi, scrubOutgoingTexts } from "@tgstats/worker";
import { makePng } from "./helpers/png.js";
import { SECRETS } from "./helpers/secrets.js";

const CHAT_ID = -1001234500001;
let server: FakeBotApi;

beforeAll(async () => {
  server = await startFakeBotApi({ token: SECRETS.BOT_TOKEN });
  server.addChat({ id: CHAT_ID, type: "supergroup", title: "Team" });
});

afterAll(async () => {
  await server.close();
});

describe("scrubOutgoingTexts", () => {
  it("replaces secrets in message texts and album captions before they are sent", async () => {
    const api = createDeliveryApi(SECRETS.BOT_TOKEN, { apiRoot: server.apiRoot });
    api.config.use(
      scrubOutgoingTexts(
        createSecretScrubber(
          configSecrets({ BOT_TOKEN: SECRETS.BOT_TOKEN, TG_SESSION: SECRETS.SESSION_A }),
        ),
      ),
    );
    await api.sendMessage(CHAT_ID, `Failed: request to /bot${SECRETS.BOT_TOKEN}/getFile`);
    await api.sendMediaGroup(CHAT_ID, [
      {
        type: "photo",
        media: new InputFile(makePng(10, 10), "a.png"),
        caption: `session ${SECRETS.SESSION_A}`,
      },
      { type: "photo", media: new InputFile(makePng(10, 10), "b.png") },
    ]);
    expect(server.chatMessages(CHAT_ID).map((m) => m.text ?? m.caption)).toEqual([
      "Failed: request to /bot[redacted]/getFile",
      "session [redacted]",
      null,
    ]);
    // The photos still went up as files.
    expect(server.calls.find((c) => c.method === "sendMediaGroup")?.files).toHaveLength(2);
  });
});
