/**
 * The sandbox's life-story chats: each tells the story its name says, as the
 * pulse's trend rule (the last 3 months against the 12 before) reads it.
 */
import { describe, expect, it } from "vitest";
import { ChatTally, toPulseJson, ZoneClock, monthIndexOfDay } from "@tgstats/engine";
import { lifeStoryChats } from "@tgstats/sandbox/telegram-emulator";

const ACCOUNT = { id: 4242, username: null, firstName: "Reader" };
const NOW_UNIX = Date.parse("2026-12-07T12:00:00Z") / 1000;

describe("life-story chats", () => {
  it("grew, faded, died, stayed steady, started and went silent, with the account writing in the groups", () => {
    const clock = new ZoneClock("UTC");
    const chats = lifeStoryChats(ACCOUNT, NOW_UNIX);
    const tallies = chats.map((chat) => {
      const tally = new ChatTally(chat.info);
      for (const message of chat.messages) tally.countMessage(message, clock, ACCOUNT.id);
      return tally;
    });
    const pulse = toPulseJson(tallies, {
      timeZoneName: "UTC",
      ownerId: ACCOUNT.id,
      lastMonth: monthIndexOfDay(clock.dayIndex(NOW_UNIX)),
    });
    expect(Object.fromEntries(pulse.chats.map((chat) => [chat.name, chat.trend]))).toEqual({
      "Growing club": "rising",
      "New project": "new",
      "Steady news": "steady",
      "Book club": "fading",
      "Old classmates": "gone-quiet",
      "Trip 2024": "silent",
    });
    // Nothing is dated after now, and the channel's posts are the channel's.
    const dates = chats.flatMap((chat) => chat.messages.map((message) => message.dateUnix));
    expect(Math.max(...dates)).toBeLessThanOrEqual(NOW_UNIX);
    const news = pulse.chats.find((chat) => chat.name === "Steady news");
    expect(news?.own).toBe(0);
    const club = pulse.chats.find((chat) => chat.name === "Growing club");
    expect(club?.ownShare).toBeGreaterThan(0.1);
    expect(club?.ownShare).toBeLessThan(0.3);
  });
});
