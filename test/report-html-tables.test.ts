import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportJson } from "@tgstats/engine";
import { pageData, type PageTable } from "@tgstats/report-html";
import { makeTempDir } from "./helpers/temp-dir.js";
import { tgstats } from "./helpers/cli-run.js";

let demo: ReportJson;

beforeAll(() => {
  const out = path.join(makeTempDir("tgstats-html-tables-"), "out");
  expect(tgstats("demo", "--out", out).status).toBe(0);
  demo = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as ReportJson;
});

/** The shown texts of a table's rows, or undefined when the page has no such table. */
function rowsOf(report: ReportJson, id: string): string[][] | undefined {
  const table: PageTable | undefined = pageData(report).tables.find((entry) => entry.id === id);
  return table?.rows.map((row) => row.map((cell) => cell.text));
}

describe("report.html tables of talk, sharing and members", () => {
  it("lists sites and hashtags used at least 3 times, most first, and no others", () => {
    const report: ReportJson = {
      ...demo,
      links: {
        total: 9,
        domains: [
          { key: "example.com", name: null, count: 5 },
          { key: "docs.rs", name: null, count: 3 },
          { key: "secret-intranet.local", name: null, count: 1 },
        ],
        bySender: [],
      },
      hashtags: [
        { key: "#hike", name: null, count: 4 },
        { key: "#once", name: null, count: 2 },
      ],
    };
    expect(rowsOf(report, "sites")).toEqual([
      ["example.com", "5"],
      ["docs.rs", "3"],
    ]);
    expect(rowsOf(report, "hashtags")).toEqual([["#hike", "4"]]);
    expect(JSON.stringify(pageData(report))).not.toContain("secret-intranet");
  });

  it("names in the talk tables only the people the top-senders chart names", () => {
    const [first, second] = demo.senders;
    const report: ReportJson = {
      ...demo,
      conversations: {
        ...demo.conversations,
        starters: [
          { id: first!.id, name: first!.name, count: 7 },
          { id: "user999999999", name: "Not In The Album", count: 6 },
          { id: second!.id, name: second!.name, count: 2 },
        ],
      },
    };
    expect(rowsOf(report, "conversation-starters")).toEqual([
      [first!.name, "7"],
      [second!.name, "2"],
    ]);
    expect(JSON.stringify(pageData(report))).not.toContain("Not In The Album");
  });

  it("shows member flow per month, named inviters and title history; none without members", () => {
    const [first] = demo.senders;
    const report: ReportJson = {
      ...demo,
      language: "en",
      members: {
        joins: 1012,
        leaves: 3,
        net: 1009,
        leftOnTheirOwn: 2,
        removed: 1,
        joinsBySource: { added: 12, self: 0, link: 1000, request: 0, cameBack: 0 },
        monthly: {
          "2024-01": { joins: 1010, leaves: 1, net: 1009 },
          "2024-02": { joins: 2, leaves: 2, net: 0 },
        },
        weekly: null,
        topInviters: [
          { id: first!.id, name: first!.name, added: 12, byLink: 1000 },
          { id: null, name: "Link Maker", added: 0, byLink: 1 },
        ],
        titles: [{ date: "2024-01-05", title: "Hikers" }],
      },
    };
    expect(rowsOf(report, "members")).toEqual([
      ["2024-01", "1,010", "1", "1,009"],
      ["2024-02", "2", "2", "0"],
    ]);
    expect(rowsOf(report, "inviters")).toEqual([[first!.name, "12", "1,000"]]);
    expect(rowsOf(report, "titles")).toEqual([["2024-01-05", "Hikers"]]);
    expect(rowsOf({ ...report, members: null }, "members")).toBeUndefined();
  });
});
