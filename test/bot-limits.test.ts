import { describe, expect, it } from "vitest";
import {
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

const QUEUED_FIRST = "Queued, you are next. The results will appear in this chat.";

const harness = useBotHarness({
  name: "bot-limits",
  env: { RATE_LIMIT_USER: "2/10m", RATE_LIMIT_CHAT: "3/30s" },
});

async function lastText(...args: Parameters<BotHarness["send"]>): Promise<string | undefined> {
  return sentTexts(await harness.send(...args)).at(-1);
}

describe("rate limits", () => {
  it("allow 2 requests per user per 10 minutes, then say when to retry", async () => {
    expect(await lastText(GROUP, alice, "/stats 7d")).toBe(QUEUED_FIRST);
    expect(await lastText(GROUP, alice, "/stats 30d")).toMatch(/^Queued, 1 request ahead/);
    // The window started with the first request moments ago: a little under 600 s remain, shown as 10 min.
    expect(await lastText(GROUP, alice, "/stats 1y")).toBe(
      "Too many requests from you. Try again in 10 min.",
    );
    expect(await harness.jobs()).toHaveLength(2);
  });

  it("answer in the user's language", async () => {
    await harness.send(privateChat(boris), boris, "/stats @some_channel");
    await harness.send(privateChat(boris), boris, "/stats @other_channel");
    expect(await lastText(privateChat(boris), boris, "/stats @third_channel")).toBe(
      "Слишком много запросов от вас. Попробуйте через 10 мин.",
    );
  });

  it("allow 3 new jobs per chat per 30 s, whoever asks", async () => {
    await harness.send(GROUP, alice, "/stats 7d");
    await harness.send(GROUP, boris, "/stats 30d");
    await harness.send(GROUP, carol, "/stats 1y");
    // Alice has a request left, the chat has none: under a minute remains, shown in seconds.
    expect(await lastText(GROUP, alice, "/stats 2024")).toBe(
      "Too many requests in this chat. Try again in 30 s.",
    );
    expect(await harness.jobs()).toHaveLength(3);
  });

  it("do not charge the chat for joining a job that is already running", async () => {
    await harness.send(GROUP, alice, "/stats 7d");
    await harness.send(GROUP, boris, "/stats 7d");
    await harness.send(GROUP, carol, "/stats 7d");
    expect(await lastText(GROUP, alice, "/stats 30d")).toMatch(/^Queued, 1 request ahead/);
    expect(await lastText(GROUP, boris, "/stats 1y")).toMatch(/^В очереди, перед вами 2 запроса/);
    expect(await harness.jobs()).toHaveLength(3);
  });

  it("do not apply to owners", async () => {
    for (const period of ["7d", "30d", "1y", "2024", "2023"])
      expect(await lastText(GROUP, owner, `/stats ${period}`)).toMatch(/^Queued/);
    expect(await harness.jobs()).toHaveLength(5);
  });
});
