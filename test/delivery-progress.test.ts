import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import type { FakeBotApi } from "@tgstats/sandbox";
import { formatEta, formatProgressText, StatusMessage } from "@tgstats/worker";
import { startStatusChat, type StatusChat } from "./helpers/status-chat.js";

const TOKEN = "555:delivery";
const GROUP = -1003000000000;

/** A server, the worker's Api, and a "Queued" status message sent by the bot (id 1). */
function start(): Promise<StatusChat> {
  return startStatusChat({ token: TOKEN, chatId: GROUP, statusText: "Queued, 0 ahead of you" });
}

/** {@link start}, plus an English reporter on the status message that runs on a virtual clock. */
async function startReporter(): Promise<
  StatusChat & { clock: ReturnType<typeof virtualClock>; progress: StatusMessage }
> {
  const chat = await start();
  const clock = virtualClock();
  const progress = new StatusMessage(
    chat.api,
    { chatId: GROUP, messageId: chat.statusId },
    { language: "en", now: clock.now },
  );
  return { ...chat, clock, progress };
}

/** A virtual clock tests move by hand. */
function virtualClock(): { now: () => number; set: (ms: number) => void } {
  let nowMs = 0;
  return { now: () => nowMs, set: (ms) => (nowMs = ms) };
}

function edits(fake: FakeBotApi): { text: string | undefined; ok: boolean }[] {
  return fake.calls
    .filter((call) => call.method === "editMessageText")
    .map((call) => ({ text: call.text, ok: call.ok }));
}

describe("StatusMessage", () => {
  it("edits at most once per 3 s: 10 updates over 9 virtual seconds → 4 edits", async () => {
    const { server, clock, progress } = await startReporter();
    for (let second = 0; second <= 9; second += 1) {
      clock.set(second * 1000);
      await progress.update({ fetched: (second + 1) * 1000, total: 1_000_000 });
    }
    await progress.finish();
    // Edits at 0, 3, 6 and 9 s. From 3 s on the rate is 1,000 messages/s, so
    // 996,000 / 993,000 / 990,000 left are 16.6 / 16.55 / 16.5 min → "about 17 min".
    expect(edits(server)).toEqual([
      { text: "Reading history: 1,000 / 1,000,000 (0%)", ok: true },
      { text: "Reading history: 4,000 / 1,000,000 (0%), about 17 min left", ok: true },
      { text: "Reading history: 7,000 / 1,000,000 (0%), about 17 min left", ok: true },
      { text: "Reading history: 10,000 / 1,000,000 (1%), about 17 min left", ok: true },
    ]);
    expect(server.chatMessages(GROUP)[0]?.text).toBe(
      "Reading history: 10,000 / 1,000,000 (1%), about 17 min left",
    );
  });

  it("flushes the update held back by the interval on finish()", async () => {
    const { server, clock, progress } = await startReporter();
    for (let second = 0; second <= 8; second += 1) {
      clock.set(second * 1000);
      await progress.update({ fetched: (second + 1) * 1000, total: 1_000_000 });
    }
    expect(edits(server)).toHaveLength(3);
    await progress.finish();
    // 991,000 left at 1,000/s = 16.52 min.
    expect(edits(server).map((e) => e.text)).toEqual([
      "Reading history: 1,000 / 1,000,000 (0%)",
      "Reading history: 4,000 / 1,000,000 (0%), about 17 min left",
      "Reading history: 7,000 / 1,000,000 (0%), about 17 min left",
      "Reading history: 9,000 / 1,000,000 (0%), about 17 min left",
    ]);
    await progress.finish();
    expect(edits(server)).toHaveLength(4);
  });

  it("does not re-send an unchanged text", async () => {
    const { server, clock, progress } = await startReporter();
    await progress.update({ fetched: 500, total: 1000 });
    clock.set(5000);
    // Nothing fetched since the first update: no rate, so no ETA, so the same text.
    await progress.update({ fetched: 500, total: 1000 });
    await progress.notice("Telegram asked to wait 5 min; continuing at 14:05");
    clock.set(6000);
    await progress.notice("Telegram asked to wait 5 min; continuing at 14:05");
    await progress.finish();
    expect(edits(server).map((e) => e.text)).toEqual([
      "Reading history: 500 / 1,000 (50%)",
      "Telegram asked to wait 5 min; continuing at 14:05",
    ]);
  });

  it("shows a notice at once, whatever the interval", async () => {
    const { server, clock, progress } = await startReporter();
    await progress.update({ fetched: 1, total: 10 });
    clock.set(1000);
    await progress.notice("Waiting");
    expect(edits(server).map((e) => e.text)).toEqual(["Reading history: 1 / 10 (10%)", "Waiting"]);
  });

  it("never throws on Telegram's 'message is not modified'", async () => {
    const { api, server } = await start();
    const botApi = new Api(TOKEN, { apiRoot: server.apiRoot });
    // The status message already shows what the reporter will write (e.g. a job restarted).
    const status = await botApi.sendMessage(GROUP, "Reading history: 500 / 1,000 (50%)");
    const progress = new StatusMessage(
      api,
      { chatId: GROUP, messageId: status.message_id },
      { language: "en" },
    );
    await expect(progress.update({ fetched: 500, total: 1000 })).resolves.toBeUndefined();
    expect(server.calls.at(-1)).toMatchObject({
      method: "editMessageText",
      ok: false,
      errorCode: 400,
    });
    await progress.update({ fetched: 500, total: 1000 });
    expect(edits(server)).toHaveLength(1);
  });

  it("sends a status message when there is none, then edits it", async () => {
    const { api, server } = await start();
    const clock = virtualClock();
    const progress = new StatusMessage(
      api,
      { chatId: GROUP, messageId: null },
      { language: "en", now: clock.now },
    );
    await progress.update({ fetched: 0, total: 100 });
    expect(progress.messageId).toBe(2);
    clock.set(3000);
    await progress.update({ fetched: 50, total: 100 });
    // 50 left at 50 messages per 3 s = 3 s.
    expect(server.chatMessages(GROUP).map((m) => [m.messageId, m.text])).toEqual([
      [1, "Queued, 0 ahead of you"],
      [2, "Reading history: 50 / 100 (50%), less than a minute left"],
    ]);
  });

  it("sends a new status message when the old one was deleted", async () => {
    const { api, server, statusId } = await start();
    await new Api(TOKEN, { apiRoot: server.apiRoot }).deleteMessage(GROUP, statusId);
    const progress = new StatusMessage(
      api,
      { chatId: GROUP, messageId: statusId },
      { language: "en" },
    );
    await progress.update({ fetched: 1, total: 4 });
    expect(progress.messageId).toBe(2);
    expect(server.chatMessages(GROUP).map((m) => m.text)).toEqual(["Reading history: 1 / 4 (25%)"]);
  });

  it("with editOnly, shows nothing once the status message is gone, and sends no other", async () => {
    const { api, server, statusId } = await start();
    await new Api(TOKEN, { apiRoot: server.apiRoot }).deleteMessage(GROUP, statusId);
    const clock = virtualClock();
    const progress = new StatusMessage(
      api,
      { chatId: GROUP, messageId: statusId },
      { language: "en", now: clock.now, editOnly: true },
    );
    await progress.update({ fetched: 1, total: 4 });
    clock.set(3000);
    await progress.update({ fetched: 2, total: 4 });
    expect(progress.messageId).toBeNull();
    expect(edits(server)).toEqual([{ text: "Reading history: 1 / 4 (25%)", ok: false }]);
    expect(server.chatMessages(GROUP)).toEqual([]);
  });
});

describe("progress texts", () => {
  it("writes progress and ETA in English and Russian", () => {
    expect(formatProgressText({ fetched: 12_300, total: 48_000 }, 180, "en")).toBe(
      "Reading history: 12,300 / 48,000 (25%), about 3 min left",
    );
    // Russian groups digits and spaces the percent sign with U+00A0.
    expect(formatProgressText({ fetched: 12_300, total: 48_000 }, 180, "ru")).toBe(
      "Читаю историю: 12\u00a0300 / 48\u00a0000 (25\u00a0%), осталось около 3 мин",
    );
    expect(formatProgressText({ fetched: 0, total: 0 }, null, "en")).toBe("Reading history…");
    expect(formatProgressText({ fetched: 999, total: 1000 }, null, "en")).toBe(
      "Reading history: 999 / 1,000 (99%)",
    );
  });

  it("words the time left", () => {
    expect(formatEta(59, "en")).toBe("less than a minute left");
    expect(formatEta(89, "en")).toBe("about 1 min left");
    expect(formatEta(4850, "en")).toBe("about 1 h 21 min left");
    expect(formatEta(4850, "ru")).toBe("осталось около 1 ч 21 мин");
    expect(formatEta(30, "ru")).toBe("осталось меньше минуты");
  });
});
