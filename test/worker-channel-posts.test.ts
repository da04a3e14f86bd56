/**
 * A channel's post figures through the whole worker: the emulator serves a
 * public channel whose posts carry views and forwards (as Telegram does over
 * MTProto), and a /stats of it delivers the best-time and post-views charts
 * and a summary with the most and least viewed posts, linked by username.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createMessage, type ChatInfo, type Message } from "@tgstats/engine";
import type { StatsJobData } from "@tgstats/platform";
import { emulatedChatsFromExport, type EmulatedChat } from "@tgstats/sandbox/telegram-emulator";
import { statsJob, useWorkerHarness, writeSeedExport } from "./helpers/worker-harness.js";

const REPLY_CHAT_ID = 5557;
const NEWS: ChatInfo = {
  kind: "channel",
  id: 1_777_000_001,
  name: "Daily news",
  type: "public_channel",
};
const DAY_SECONDS = 86_400;
/** Monday 2024-01-01 00:00 UTC. */
const START_UNIX = 1_704_067_200;

/**
 * 40 posts, one every 1.5 days at 09:00 or 18:00 UTC: the 09:00 ones get
 * 300 more views; kinds rotate photo, video, text, text with a link.
 */
function channelPosts(): Message[] {
  return Array.from({ length: 40 }, (_, i) => {
    const id = i + 1;
    const hour = i % 2 === 0 ? 9 : 18;
    const kind = (["photo", "video", "text", "text"] as const)[i % 4]!;
    return createMessage({
      id,
      dateUnix: START_UNIX + Math.floor(i * 1.5) * DAY_SECONDS + hour * 3600,
      sender: { kind: "channel", id: NEWS.id, name: NEWS.name },
      kind,
      text: i % 4 === 3 ? "read https://example.com/story" : `post ${id}`,
      entities: i % 4 === 3 ? [{ type: "link", value: "https://example.com/story" }] : [],
      views: 100 + ((id * 37) % 200) + (hour === 9 ? 300 : 0),
      forwards: id % 5,
      reactions: [{ type: "emoji", emoji: "👍", count: id % 7 }],
    });
  });
}

const newsChannel: EmulatedChat = {
  info: NEWS,
  username: "news_daily",
  accessHash: 4242n,
  accountIsMember: true,
  messages: channelPosts(),
};

const harness = useWorkerHarness(() => writeSeedExport({ messages: 100, spanDays: 5, people: 3 }), {
  extraChats: [newsChannel],
  usernameLookupsPerHour: 5,
});

beforeAll(() => {
  harness.botApi.addChat({ id: REPLY_CHAT_ID, type: "private", first_name: "Editor" });
});

describe("a channel's /stats through the worker", () => {
  it("delivers the best time to post, views by kind and the linked top and bottom posts", async () => {
    const before = harness.botApi.calls.length;
    const data: StatsJobData = {
      ...statsJob(harness.seed),
      target: { kind: "username", username: "news_daily" },
      reply: { chatId: REPLY_CHAT_ID, statusMessageId: null, language: "en", htmlPage: false },
      checkpoint: null,
      fenceGeneration: null,
      delivered: null,
    };
    const job = await harness.queue.add("stats", data);
    const result = await job.waitUntilFinished(harness.events, 60_000);
    expect(result.messages).toBe(40);
    const calls = harness.botApi.calls.slice(before).filter((call) => call.ok);
    const files = calls.flatMap((call) => call.files.map((file) => file.name));
    expect(files.some((name) => name.endsWith("-best-time-to-post.png"))).toBe(true);
    expect(files.some((name) => name.endsWith("-post-views.png"))).toBe(true);
    const summary = calls.filter((call) => call.method === "sendMessage").at(-1)?.text ?? "";
    // Views: 100 + (37·id mod 200), +300 at 09:00 (odd ids). Id 27: 100 + (999 mod 200 = 199)
    // + 300 = 599, the most, posted on day ⌊26 · 1.5⌋ = 39 (Feb 9). Least among posts older than
    // 7 days (the last is on day ⌊39 · 1.5⌋ = 58, so days up to 51): id 22, 100 + (814 mod 200 = 14) = 114.
    expect(summary).toContain("<b>Channel posts</b>");
    expect(summary).toMatch(/Best time to post: \w+day, (09:00–10:00|18:00–19:00)/);
    expect(summary).toContain(
      'Most viewed posts:\n1. <a href="https://t.me/news_daily/27">Feb 9, 2024</a> — 599 views',
    );
    expect(summary).toContain(
      'Least viewed posts (without the last 7 days):\n1. <a href="https://t.me/news_daily/22">Feb 1, 2024</a> — 114 views',
    );
  });

  it("shows no post figures for a group without views", async () => {
    const before = harness.botApi.calls.length;
    await (
      await harness.queue.add("stats", statsJob(harness.seed) as StatsJobData)
    ).waitUntilFinished(harness.events, 60_000);
    const calls = harness.botApi.calls.slice(before).filter((call) => call.ok);
    const files = calls.flatMap((call) => call.files.map((file) => file.name));
    expect(files.filter((name) => /best-time|post-views/.test(name))).toEqual([]);
    const summary = calls.filter((call) => call.method === "sendMessage").at(-1)?.text ?? "";
    expect(summary).not.toContain("Channel posts");
  });
});

describe("the emulator's post views for a sandbox channel", () => {
  it("gives every post of a broadcast channel varied views on request, none otherwise", async () => {
    const seed = await writeSeedExport({
      messages: 300,
      spanDays: 30,
      chatType: "private_channel",
    });
    const [plain] = await emulatedChatsFromExport(seed.path, {});
    const [counted] = await emulatedChatsFromExport(seed.path, { postViews: true });
    const regular = (chat: EmulatedChat | undefined) =>
      (chat?.messages ?? []).filter((message) => message.kind !== "service");
    expect(regular(plain).filter((message) => message.views !== null)).toEqual([]);
    const views = regular(counted).map((message) => message.views);
    expect(views.length).toBeGreaterThan(200);
    expect(views.every((count) => count !== null && count > 0)).toBe(true);
    // Varied, so the best-time chart and the bottom lists mean something.
    expect(new Set(views).size).toBeGreaterThan(views.length / 2);
  });
});
