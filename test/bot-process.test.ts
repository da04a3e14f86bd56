/**
 * The bot as a real process against the fake Bot API: a token the Bot API
 * refuses ends it with one line and exit 78; an unreachable Bot API is
 * logged with each retry, /readyz stays red until getMe answers, and polling
 * failures are logged too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { freePort, startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import {
  logLines,
  startBotProcess,
  waitUntil,
  type WorkerProcess,
} from "./helpers/worker-process.js";

const TOKEN = "5252:bot-process-token";
const REVOKED_TOKEN = "5252:revoked-bot-process-token";
const USER = { id: 31, is_bot: false, first_name: "Dana", language_code: "en" };
const REJECTED =
  "The Bot API rejected BOT_TOKEN (401 Unauthorized): copy your bot's token from @BotFather (/mybots → your bot → API Token) into BOT_TOKEN; a revoked token must be replaced there.";
const GET_ME_FAILED = "cannot identify the bot: getMe failed; retrying";
const POLLING_FAILED = "polling the Bot API for updates failed; retrying";

let redis: TestRedis;
const bots: WorkerProcess[] = [];
const apis: FakeBotApi[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  for (const bot of bots) bot.child.kill("SIGKILL");
  await Promise.all(bots.map((bot) => bot.exited));
  await Promise.all(apis.map((api) => api.close()));
  await redis.stop();
});

function spawnBot(token: string, apiRoot: string): WorkerProcess {
  const bot = startBotProcess({
    REDIS_URL: redis.url,
    BOT_TOKEN: token,
    BOT_API_ROOT: apiRoot,
    REDIS_KEY_PREFIX: "tgstats-test-bot-process",
  });
  bots.push(bot);
  return bot;
}

async function fakeBotApi(token: string, port?: number): Promise<FakeBotApi> {
  const api = await startFakeBotApi({ token, port });
  apis.push(api);
  return api;
}

/** Fatal log lines: what the process said when it stopped. */
function fatalMessages(bot: WorkerProcess): unknown[] {
  return logLines(bot)
    .filter((line) => line.level === 60)
    .map((line) => line.msg);
}

describe("the bot process and the Bot API", () => {
  it("ends with one line and exit 78 when the Bot API rejects the token, without retrying", async () => {
    const api = await fakeBotApi(TOKEN);
    const bot = spawnBot(REVOKED_TOKEN, api.apiRoot);
    expect(await bot.exited).toBe(78);
    expect(fatalMessages(bot)).toEqual([REJECTED]);
    expect(api.calls.map((call) => [call.method, call.errorCode])).toEqual([["getMe", 401]]);
    expect(bot.output()).not.toContain(REVOKED_TOKEN);
    // No stack trace.
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  it("stays not ready and logs each retry while the Bot API is unreachable, then polls; logs lost polling; exits 78 on a revoked token", async () => {
    const port = await freePort();
    const bot = spawnBot(TOKEN, `http://127.0.0.1:${port}`);
    const opsPort = await waitUntil(
      () => logLines(bot).find((line) => typeof line.opsPort === "number")?.opsPort as number,
      30_000,
      "the ops server's log line",
    );
    const readyz = async (): Promise<[number, unknown]> => {
      const response = await fetch(`http://127.0.0.1:${opsPort}/readyz`);
      return [response.status, await response.json()];
    };
    const failures = await waitUntil(
      () => {
        const lines = logLines(bot).filter((line) => line.msg === GET_ME_FAILED);
        return lines.length >= 2 ? lines : undefined;
      },
      30_000,
      "two logged getMe failures",
    );
    // Nothing listens on the port: refused at once; retried after 1 s, then 2 s.
    expect(failures.slice(0, 2).map((line) => [line.attempt, line.retryInMs, line.reason])).toEqual(
      [
        [1, 1000, "network: ECONNREFUSED"],
        [2, 2000, "network: ECONNREFUSED"],
      ],
    );
    expect(await readyz()).toEqual([
      503,
      { status: "not ready", failing: ["botApi"], checks: { redis: true, botApi: false } },
    ]);

    const api = await fakeBotApi(TOKEN, port);
    await waitUntil(
      async () => ((await readyz())[0] === 200 ? true : undefined),
      30_000,
      "/readyz to turn green once getMe answers",
    );
    expect(logLines(bot).find((line) => line.msg === "bot identified")?.username).toBe(
      api.botInfo.username,
    );
    api.pushUpdate({
      message: {
        chat: { id: USER.id, type: "private" },
        from: USER,
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    });
    const help = await api.waitFor((call) => call.method === "sendMessage", 30_000);
    expect([help.chatId, help.ok]).toEqual([USER.id, true]);

    // The Bot API goes away while the bot polls.
    await api.close();
    const lost = await waitUntil(
      () => logLines(bot).find((line) => line.msg === POLLING_FAILED),
      30_000,
      "the logged polling failure",
    );
    expect([lost.failures, typeof lost.reason]).toEqual([1, "string"]);
    expect(await readyz()).toEqual([
      503,
      { status: "not ready", failing: ["botApi"], checks: { redis: true, botApi: false } },
    ]);

    // It comes back, but the token was revoked meanwhile.
    const renewed = await fakeBotApi("5252:a-new-token-from-botfather", port);
    expect(await bot.exited).toBe(78);
    expect(fatalMessages(bot)).toEqual([REJECTED]);
    expect(renewed.calls.map((call) => [call.method, call.errorCode])).toEqual([
      ["getUpdates", 401],
    ]);
    expect(bot.output()).not.toContain(TOKEN);
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });
});
