/**
 * The bot's token never reaches its log: an update that fails because the
 * Bot API is unreachable logs grammY's network error, whose nested fetch
 * error names the request URL (`…/bot<token>/getChatMember`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP, alice, startBotHarness, type BotHarness } from "./helpers/bot-harness.js";
import { SECRETS, leakedSecrets } from "./helpers/secrets.js";

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ name: "bot-secrets", token: SECRETS.BOT_TOKEN });
});

afterAll(async () => {
  await harness.close();
});

describe("the bot with an unreachable Bot API", () => {
  it("logs the failed update with the token scrubbed from the nested network error", async () => {
    // The real server goes away: every later call fails on the network.
    await harness.server.close();
    await harness.send(GROUP, alice, "/stats");
    const failed = harness.logLines().filter((line) => line.msg === "update failed");
    expect(failed).toHaveLength(1);
    const raw = JSON.stringify(failed[0]);
    // The failure is logged with its cause, the URL included, only without the token.
    expect(raw).toMatch(/request to http:\/\/127\.0\.0\.1:\d+\/bot\[redacted\]\/\w+ failed/);
    expect(leakedSecrets(JSON.stringify(harness.logLines()))).toEqual([]);
  });
});
