import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TitleComponentOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import { punchcardSpec } from "@tgstats/charts";
import { makeTempDir } from "./helpers/temp-dir.js";
import { tgstats } from "./helpers/cli-run.js";

const dir = makeTempDir("tgstats-zone-names-");
const file = path.join(dir, "result.json");

// 10 messages (the punchcard's minimum), one an hour from 2024-05-04 00:00 UTC (1714780800).
const FIRST_UNIX = 1714780800;
beforeAll(() => {
  const messages = Array.from({ length: 10 }, (_, i) => ({
    id: i + 1,
    type: "message",
    date: "2024-05-04T00:00:00",
    date_unixtime: String(FIRST_UNIX + i * 3600),
    from: "Ann",
    from_id: "user1",
    text: "hello",
    text_entities: [{ type: "plain", text: "hello" }],
  }));
  writeFileSync(file, JSON.stringify({ name: "Zones", type: "private_group", id: 5, messages }));
});

// ICU names these zones by older spellings (Europe/Kyiv → Europe/Kiev…); the user's spelling is
// shown, and the times are those of the zone. The first message is 2024-05-04 00:00 UTC.
const ZONES: [given: string, icuName: string, firstDate: string][] = [
  ["Europe/Kyiv", "Europe/Kiev", "2024-05-04T03:00:00+03:00"], // EEST = UTC+3
  ["Asia/Kolkata", "Asia/Calcutta", "2024-05-04T05:30:00+05:30"],
  ["Asia/Ho_Chi_Minh", "Asia/Saigon", "2024-05-04T07:00:00+07:00"],
  ["America/Argentina/Buenos_Aires", "America/Buenos_Aires", "2024-05-03T21:00:00-03:00"],
  ["Asia/Kathmandu", "Asia/Katmandu", "2024-05-04T05:45:00+05:45"],
];

describe("the zone is shown as the user wrote it", () => {
  it.each(ZONES)("%s (ICU: %s)", (given, icuName, firstDate) => {
    const out = path.join(dir, given.replaceAll("/", "_"));
    const run = tgstats("report", file, "--tz", given, "--out", out);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as ReportJson;
    expect(report.timezone).toBe(given);
    expect(report.totals.firstDate).toBe(firstDate);
    const summary = readFileSync(path.join(out, "summary.md"), "utf8");
    expect(summary).toContain(given);
    expect(summary).not.toContain(icuName);
    const title = punchcardSpec(report)!.option.title as TitleComponentOption[];
    const header = JSON.stringify(title);
    expect(header).toContain(given);
    expect(header).not.toContain(icuName);
  });

  it("prints a name that differs only in case as the platform spells it", () => {
    const run = tgstats("report", file, "--tz", "utc", "--json");
    expect((JSON.parse(run.stdout) as ReportJson).timezone).toBe("UTC");
  });
});
