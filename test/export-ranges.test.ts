import {
  appendFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  readExportChats,
  ReportBuilder,
  reportFromExport,
  toReportJson,
  ZoneClock,
  ExportFormatError,
  foldRanges,
  planMessageRanges,
  rangeThreads,
  type ExportReportOptions,
  type RangePlan,
  type ReportOptions,
} from "@tgstats/engine";
import { writeSyntheticExport } from "@tgstats/sandbox";
import { EXPORT_FIXTURES, rejectionOf } from "./helpers/read-export.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = path.join(REPO_ROOT, "test/fixtures/export/real");
const OPTIONS: ReportOptions = { timeZone: "Europe/Moscow" };
/** Tiny sketches, so that word counts depend on the order they were folded in. */
const SKETCH_OPTIONS: ReportOptions = {
  timeZone: "Europe/Moscow",
  termCounter: { exactLimit: 40, capacity: 15 },
};

/** Options of a report read in ranges of 5 kB from 10 kB on. */
const SMALL_RANGES: ExportReportOptions = {
  report: OPTIONS,
  rangeBytes: 5_000,
  rangedMinBytes: 10_000,
};
/** Options of a report read in one pass. */
const ONE_PASS: ExportReportOptions = { report: OPTIONS, rangedMinBytes: Number.POSITIVE_INFINITY };

/** The report of the export's first chat, read in one pass (the reference). */
async function onePass(file: string, options = OPTIONS): Promise<string> {
  // Dates without a zone are read in the report's zone, as reportFromExport does.
  const assumedTimeZone = new ZoneClock(options.timeZone);
  for await (const chat of readExportChats(file, { assumedTimeZone })) {
    const builder = new ReportBuilder(options);
    for await (const batch of chat.batches()) builder.addBatch(batch);
    return JSON.stringify(toReportJson(builder.state, { chat: chat.info }));
  }
  throw new Error(`no chat in ${file}`);
}

async function planOf(file: string, rangeBytes: number): Promise<RangePlan | null> {
  for await (const chat of readExportChats(file, { assumedTimeZone: new ZoneClock("UTC") }))
    return planMessageRanges(chat, rangeBytes);
  return null;
}

/** The report from ranges of about `rangeBytes`, or null when the export is read in one pass. */
async function ranged(
  file: string,
  rangeBytes: number,
  threads: number,
  options = OPTIONS,
): Promise<string | null> {
  const plan = await planOf(file, rangeBytes);
  if (plan === null) return null;
  const folded = await foldRanges(plan, { report: options, threads });
  return folded === null
    ? null
    : JSON.stringify(toReportJson(folded.state, { chat: plan.chat.info }));
}

function exportsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => path.join(dir, name));
}

async function synthetic(
  name: string,
  messages: number,
  seed: number,
  tdesktopEscapes = true,
): Promise<string> {
  const file = path.join(makeTempDir("tgstats-ranges-"), name);
  await writeSyntheticExport(file, { messages, seed, spanDays: 60, tdesktopEscapes });
  return file;
}

describe("cutting an export into message ranges", () => {
  it("tiles the messages array: each range is whole messages, only a comma and spaces between ranges", async () => {
    // Without tdesktop's invalid escapes, so that JSON.parse reads the file as it is.
    const file = await synthetic("tiles.json", 600, 3, false);
    const bytes = readFileSync(file);
    const plan = await planOf(file, 10_000);
    expect(plan).not.toBeNull();
    const ranges = plan!.ranges;
    expect(ranges.length).toBeGreaterThan(5);
    // Independent of the planner: the array's elements as JSON.parse sees them.
    const all = (JSON.parse(bytes.toString("utf8")) as { messages: { id: number }[] }).messages;
    const ids: number[] = [];
    for (const [index, range] of ranges.entries()) {
      const parsed = JSON.parse(`[${bytes.toString("utf8", range.start, range.end)}]`) as {
        id: number;
      }[];
      ids.push(...parsed.map((message) => message.id));
      const next = ranges[index + 1];
      if (next !== undefined)
        expect(bytes.toString("utf8", range.end, next.start)).toMatch(/^,\s*$/);
    }
    expect(ids).toEqual(all.map((message) => message.id));
    expect(bytes.toString("utf8", 0, ranges[0]!.start)).toMatch(/"messages": \[\s*$/);
    expect(bytes.toString("utf8", ranges.at(-1)!.end)).toMatch(/^\s*\]\s*\}\s*$/);
  });

  it("leaves full-account exports, other layouts and files with bytes after the root to one pass", async () => {
    expect(await planOf(path.join(EXPORT_FIXTURES, "full-export-2024.json"), 100)).toBeNull();
    const dir = makeTempDir("tgstats-ranges-");
    const source = await synthetic("layout.json", 50, 4);
    const parsed = JSON.parse(readFileSync(source, "utf8")) as unknown;
    const minified = path.join(dir, "minified.json");
    writeFileSync(minified, JSON.stringify(parsed));
    expect(await planOf(minified, 100)).toBeNull();
    const tabs = path.join(dir, "tabs.json");
    writeFileSync(tabs, JSON.stringify(parsed, null, "\t"));
    expect(await planOf(tabs, 100)).toBeNull();
    const trailing = path.join(dir, "trailing.json");
    writeFileSync(trailing, readFileSync(source));
    appendFileSync(trailing, '{"messages": []}\n');
    expect(await planOf(trailing, 100)).toBeNull();
  });
});

describe("a report from ranges", () => {
  const fixtures = [...exportsIn(EXPORT_FIXTURES), ...exportsIn(SHARED)];

  it("equals the one-pass report on every single-chat fixture, for random range sizes", async () => {
    const planned: string[] = [];
    for (const file of fixtures) {
      const size = statSync(file).size;
      const reference = await onePass(file);
      const onePassReport = await reportFromExport(file, ONE_PASS);
      if ((await planOf(file, 1)) === null) continue;
      planned.push(path.basename(file));
      // Ranges give way to one pass where ids repeat across cut points, and where
      // `messages` is not the last key (a shared fixture has a `meta` key after it).
      const ownFixture = path.dirname(file) === EXPORT_FIXTURES;
      const repeatsIds = path.basename(file) === "migrated-duplicates.json";
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: size }), async (rangeBytes) => {
          const fromRanges = await ranged(file, rangeBytes, 1);
          if (ownFixture && !repeatsIds) expect(fromRanges).toBe(reference);
          else if (fromRanges !== null) expect(fromRanges).toBe(reference);
          const options = { report: OPTIONS, rangeBytes, rangedMinBytes: 0, threads: 2 };
          expect(await reportFromExport(file, options)).toEqual(onePassReport);
        }),
        { numRuns: 6, seed: 12 },
      );
    }
    // The fixtures this repository always has; the shared ones are added when present.
    expect(planned).toEqual(
      expect.arrayContaining([
        "2020-basic-group-shifted-ids.json",
        "2020-shifted-ids.json",
        "2021-prefixed-ids.json",
        "2025-modern.json",
        "control-escapes.json",
      ]),
    );
  });

  it("equals the one-pass report on synthetic chats of every type, read in threads", async () => {
    for (const [index, chatType] of (
      ["private_supergroup", "personal_chat", "public_channel", "private_group"] as const
    ).entries()) {
      const file = path.join(makeTempDir("tgstats-ranges-"), `${chatType}.json`);
      await writeSyntheticExport(file, {
        messages: 1500,
        seed: 20 + index,
        chatType,
        spanDays: 90,
      });
      const reference = await onePass(file);
      expect(await ranged(file, 20_000, 1)).toBe(reference);
      expect(await ranged(file, 20_000, 3)).toBe(reference);
    }
  });

  it("is the same for 1, 2 and 4 threads even where word counts depend on the fold order", async () => {
    const file = await synthetic("sketch.json", 3000, 5);
    const [one, two, four] = [
      await ranged(file, 30_000, 1, SKETCH_OPTIONS),
      await ranged(file, 30_000, 2, SKETCH_OPTIONS),
      await ranged(file, 30_000, 4, SKETCH_OPTIONS),
    ];
    expect(one).not.toBeNull();
    expect(two).toBe(one);
    expect(four).toBe(one);
    // The premise: with these sketches another cut gives other counts, so order did matter.
    expect(await ranged(file, 45_000, 1, SKETCH_OPTIONS)).not.toBe(one);
  });

  it("gives way to one pass when an id occurs in two ranges, so the later copy is dropped as before", async () => {
    const source = await synthetic("dup.json", 400, 6);
    const text = readFileSync(source, "utf8");
    // Copy the first message to the end of the array: the one-pass reader drops the copy.
    const first = /\n {2}\{\n[\s\S]*?\n {2}\}/.exec(text)![0];
    const withCopy = text.replace(/\n {2}\}\n \]/, `\n  },${first}\n ]`);
    const file = path.join(makeTempDir("tgstats-ranges-"), "dup.json");
    writeFileSync(file, withCopy);
    const plan = await planOf(file, 5_000);
    expect(plan!.ranges.length).toBeGreaterThan(2);
    expect(await foldRanges(plan!, { report: OPTIONS, threads: 2 })).toBeNull();
    expect(await foldRanges(plan!, { report: OPTIONS, threads: 1 })).toBeNull();
    const report = await reportFromExport(file, { ...SMALL_RANGES, threads: 2 });
    expect(report).toEqual(await reportFromExport(file, ONE_PASS));
    // The copy is dropped: the same report as without it.
    expect(report).toEqual(await reportFromExport(source, ONE_PASS));
  });

  it("gives way to one pass on a damaged message, with the one-pass error", async () => {
    const source = await synthetic("damaged.json", 400, 8);
    const bytes = readFileSync(source);
    const plan = await planOf(source, 5_000);
    const third = plan!.ranges[2]!;
    bytes[third.start + 40] = 0x7b; // `{` where a key or value belongs
    const file = path.join(makeTempDir("tgstats-ranges-"), "damaged.json");
    writeFileSync(file, bytes);
    const damagedPlan = await planOf(file, 5_000);
    expect(await foldRanges(damagedPlan!, { report: OPTIONS, threads: 2 })).toBeNull();
    const onePassError = await rejectionOf(reportFromExport(file, ONE_PASS));
    expect(onePassError).toBeInstanceOf(ExportFormatError);
    const rangedError = await rejectionOf(reportFromExport(file, { ...SMALL_RANGES, threads: 2 }));
    expect(rangedError).toBeInstanceOf(ExportFormatError);
    expect((rangedError as Error).message).toBe((onePassError as Error).message);
  });

  it("uses one thread below 8 ranges unless asked, one per core from 8, and the count asked for", () => {
    expect([1, 7].map((ranges) => rangeThreads(undefined, ranges))).toEqual([1, 1]);
    expect([8, 31].map((ranges) => rangeThreads(undefined, ranges))).toEqual([
      availableParallelism(),
      availableParallelism(),
    ]);
    expect([2, 40].map((ranges) => rangeThreads(3, ranges))).toEqual([3, 3]);
  });

  it("stops its threads when aborted", async () => {
    const file = await synthetic("abort.json", 2000, 9);
    const plan = await planOf(file, 20_000);
    const controller = new AbortController();
    const folding = foldRanges(plan!, {
      report: OPTIONS,
      threads: 2,
      signal: controller.signal,
      onBytes: () => controller.abort(new Error("stop now")),
    });
    await expect(folding).rejects.toThrow("stop now");
  });
});
