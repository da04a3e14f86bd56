/**
 * The figures both summaries of a report show (summary.md and the summary sent
 * after the charts) are picked in one place: top senders with their shares,
 * names of deleted accounts, and the busiest hour's weekday.
 */
import { describe, expect, it } from "vitest";
import { busiestHour, senderShares, topSenderShares, type ReportJson } from "@tgstats/engine";
import { sampleReport } from "@tgstats/sandbox";

function report(language: "en" | "ru"): ReportJson {
  const base = sampleReport({ language });
  const [first] = base.senders;
  if (first === undefined) throw new Error("the sample report has no senders");
  return {
    ...base,
    totals: { ...base.totals, messages: 8 },
    senders: [
      { ...first, id: "user1", name: "Ann", messages: 5 },
      { ...first, id: "user2", name: null, messages: 2 },
      { ...first, id: "user3", name: "Bob", messages: 1 },
    ],
    highlights: {
      ...base.highlights,
      busiestHour: { weekday: 6, hour: 20, messages: 3 },
    },
  };
}

describe("summary figures", () => {
  it("lists the top senders with their share of all messages, a deleted account named", () => {
    expect(topSenderShares(report("en"), 2)).toEqual([
      { name: "Ann", messages: 5, share: 0.625 },
      { name: "Deleted account", messages: 2, share: 0.25 },
    ]);
    expect(topSenderShares(report("ru"), 3).map((sender) => sender.name)).toEqual([
      "Ann",
      "Удалённый аккаунт",
      "Bob",
    ]);
  });

  it("gives a share of 0 when the period has no messages", () => {
    expect(senderShares(report("en").senders.slice(0, 1), 0, "en")).toEqual([
      { name: "Ann", messages: 5, share: 0 },
    ]);
  });

  it("names the busiest hour's weekday in the report's language, Monday being 0", () => {
    expect(busiestHour(report("en"))).toEqual({ weekdayName: "Sunday", hour: 20, messages: 3 });
    expect(busiestHour(report("ru"))?.weekdayName).toBe("воскресенье");
    const quiet = report("en");
    expect(busiestHour({ ...quiet, highlights: { ...quiet.highlights, busiestHour: null } })).toBe(
      null,
    );
  });
});
