import { describe, expect, it } from "vitest";

import { planDailyCounts, scheduleDay } from "../packages/sandbox/src/synthetic/activity.js";
import { generateSyntheticExport } from "@tgstats/sandbox";
import { Prng } from "@tgstats/sandbox";

describe("planDailyCounts", () => {
  it("apportions exactly the requested total over the days", () => {
    for (const [total, days] of [
      [0, 10],
      [1, 10],
      [7, 365],
      [1000, 1],
      [123_457, 1095],
    ] as const) {
      const counts = planDailyCounts(total, 18_993, days, new Prng(5));
      expect(counts).toHaveLength(days);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(total);
      expect(counts.every((count) => count >= 0)).toBe(true);
    }
  });
});

describe("scheduleDay", () => {
  it("returns non-decreasing times, never before notBefore, with session numbers in range", () => {
    const dayStart = 1_700_000_000;
    const schedule = scheduleDay(500, dayStart, 2, dayStart + 3600, new Prng(11));
    expect(schedule.times).toHaveLength(500);
    expect(schedule.times[0]!).toBeGreaterThanOrEqual(dayStart + 3600);
    for (let i = 1; i < 500; i++)
      expect(schedule.times[i]!).toBeGreaterThanOrEqual(schedule.times[i - 1]!);
    for (const session of schedule.sessions) {
      expect(session).toBeGreaterThanOrEqual(0);
      expect(session).toBeLessThan(schedule.sessionCount);
    }
  });
});

describe("synthetic activity rhythm", () => {
  let text = "";
  for (const chunk of generateSyntheticExport({
    messages: 60_000,
    seed: 21,
    tdesktopEscapes: false,
  })) {
    text += chunk;
  }
  const messages = (JSON.parse(text) as { messages: Record<string, unknown>[] }).messages.filter(
    (message) => message.type !== "unsupported",
  );
  // Moscow local time is UTC+3 all year (no DST since 2014).
  const local = messages.map((message) => {
    const date = new Date((Number(message.date_unixtime) + 3 * 3600) * 1000);
    return {
      hour: date.getUTCHours(),
      weekday: (date.getUTCDay() + 6) % 7,
      unix: Number(message.date_unixtime),
    };
  });

  it("is busier in the evening than at night", () => {
    const count = (hours: number[]) => local.filter(({ hour }) => hours.includes(hour)).length;
    expect(count([19, 20, 21, 22])).toBeGreaterThan(5 * count([2, 3, 4, 5]));
  });

  it("stays up later at weekends", () => {
    const lateShare = (days: number[]) => {
      const inDays = local.filter(({ weekday }) => days.includes(weekday));
      return inDays.filter(({ hour }) => hour <= 2).length / inDays.length;
    };
    expect(lateShare([5, 6])).toBeGreaterThan(1.3 * lateShare([1, 2, 3]));
  });

  it("starts slowly and grows", () => {
    const first = local[0]!.unix;
    const last = local[local.length - 1]!.unix;
    const tenth = (last - first) / 10;
    const inWindow = (from: number) =>
      local.filter(({ unix }) => unix >= first + from * tenth && unix < first + (from + 1) * tenth)
        .length;
    expect(inWindow(0)).toBeLessThan(0.5 * inWindow(5));
  });

  it("has Zipf-like senders: a few people write most messages", () => {
    const perSender = new Map<string, number>();
    for (const message of messages) {
      if (message.type !== "message") continue;
      const id = String(message.from_id);
      perSender.set(id, (perSender.get(id) ?? 0) + 1);
    }
    const ranked = [...perSender.values()].sort((a, b) => b - a);
    expect(ranked.length).toBeGreaterThanOrEqual(30);
    expect(ranked[0]!).toBeGreaterThan(3 * ranked[9]!);
  });
});
