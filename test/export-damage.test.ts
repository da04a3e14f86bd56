import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ExportFormatError,
  ZoneClock,
  planMessageRanges,
  readExportChats,
  reportFromExport,
  type ReportJson,
} from "@tgstats/engine";
import { readAll, rejectionOf } from "./helpers/read-export.js";
import { makeTempDir } from "./helpers/temp-dir.js";
import { tgstats } from "./helpers/cli-run.js";

/**
 * Damaged copies of real exports: the reader refuses what is not JSON with
 * one line naming the exact byte, and notes every message it leaves out.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Copies of two shared real-format exports (see SOURCES.md there), so these tests run on any clone. */
const SHARED = path.join(REPO_ROOT, "test/fixtures/export/real");

/** A single-chat channel export whose `messages` is the last key (so it can be read in ranges), 5447 bytes. */
const CHANNEL = "02b_private-channel_2021-07_prefixed-ids.json";
/** A supergroup export indented two spaces a level, 6836 bytes. */
const SUPERGROUP = "04_supergroup_cyrillic_reactions_channel-sender.json";

const dir = makeTempDir("tgstats-damage-");

function original(name: string): Buffer {
  return readFileSync(path.join(SHARED, name));
}

/** Writes `bytes` to a new file in the temp folder. */
function damaged(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** A copy of `bytes` with the byte at `at` replaced. */
function withByte(bytes: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = value;
  return copy;
}

async function readError(file: string): Promise<ExportFormatError> {
  const error = await rejectionOf(readAll(file));
  if (!(error instanceof ExportFormatError)) throw error;
  return error;
}

/** One line, bad bytes escaped: no control character, no U+FFFD. */
function expectOneCleanLine(text: string): void {
  expect(text).not.toMatch(/[\p{Cc}\ufffd]/u);
}

/** The report in one pass, and in ranges of about `rangeBytes` on one and on two threads. */
async function reportsOf(file: string, rangeBytes: number): Promise<Array<ReportJson | Error>> {
  const runs = [
    { rangedMinBytes: Number.POSITIVE_INFINITY },
    { rangedMinBytes: 0, rangeBytes, threads: 1 },
    { rangedMinBytes: 0, rangeBytes, threads: 2 },
  ];
  return Promise.all(
    runs.map((run) =>
      reportFromExport(file, { report: { timeZone: "UTC" }, ...run }).catch(
        (error: unknown) => error as Error,
      ),
    ),
  );
}

/** How many ranges the file's messages are cut into at `rangeBytes` (0 when it cannot be cut). */
async function rangeCount(file: string, rangeBytes: number): Promise<number> {
  for await (const chat of readExportChats(file, { assumedTimeZone: new ZoneClock("UTC") })) {
    const plan = await planMessageRanges(chat, rangeBytes);
    return plan?.ranges.length ?? 0;
  }
  return 0;
}

describe("what is not JSON is refused", () => {
  it("two exports joined into one file", async () => {
    const bytes = original(CHANNEL);
    const file = damaged("joined.json", Buffer.concat([bytes, bytes]));
    const error = await readError(file);
    // The second copy starts right after the first one's last byte, at 5447.
    expect(bytes.length).toBe(5447);
    expect(error.code).toBe("malformed");
    expect(error.byteOffset).toBe(5447);
    expect(error.message).toBe(
      `"${file}" is damaged at byte 5447: the export ends at byte 5447, but "{" follows (two exports joined into one file, or stray data at the end). Pass each export as a file of its own, or export the chat again from Telegram Desktop.`,
    );
  });

  it("stray bytes after the closing brace", async () => {
    const bytes = original(CHANNEL);
    // 5447 bytes, then a line break at 5447 and "xyz" from 5448.
    const file = damaged("trailing.json", Buffer.concat([bytes, Buffer.from("\nxyz\n")]));
    const error = await readError(file);
    expect(error.byteOffset).toBe(5448);
    expect(error.message).toContain(
      `is damaged at byte 5448: the export ends at byte 5447, but "x" follows`,
    );
  });

  it("a comma after the last message", async () => {
    const bytes = original(CHANNEL);
    // The last message closes with "}" on a line of its own before the array's " ]".
    const lastClose = bytes.lastIndexOf("}\n ]");
    const comma = lastClose + 1;
    const file = damaged(
      "trailing-comma.json",
      Buffer.concat([bytes.subarray(0, comma), Buffer.from(","), bytes.subarray(comma)]),
    );
    const error = await readError(file);
    expect(error.code).toBe("malformed");
    expect(error.byteOffset).toBe(comma);
    expect(error.message).toBe(
      `"${file}" is damaged at byte ${comma}: a comma after the last message, before the closing "]". Export the chat again from Telegram Desktop.`,
    );
  });

  it("a comma after the last key of the export", async () => {
    // {"name": …, "messages": [ … ],} : the comma is the byte before the final "}".
    const bytes = original(CHANNEL);
    const end = bytes.lastIndexOf("}");
    const file = damaged(
      "trailing-key-comma.json",
      Buffer.concat([bytes.subarray(0, end), Buffer.from(","), bytes.subarray(end)]),
    );
    const error = await readError(file);
    expect(error.byteOffset).toBe(end);
    expect(error.message).toContain(`is damaged at byte ${end}: a comma before the closing "}"`);
  });
});

describe("a damaged byte inside a message", () => {
  // The first message of the supergroup starts at the "{" of `    {\n      "id": 1,`.
  const bytes = original(SUPERGROUP);
  const messageStart = bytes.indexOf('{\n      "id": 1,');

  it("0x00 where a line's indentation was: the byte itself, on one line", async () => {
    // The first space of the line `      "date": …` in the first message.
    const at = bytes.indexOf('\n      "date"', messageStart) + 1;
    const error = await readError(damaged("nul.json", withByte(bytes, at, 0x00)));
    expect(error.byteOffset).toBe(at);
    expect(error.message).toContain(
      `is damaged at byte ${at}: the message starting at byte ${messageStart} is not valid JSON (byte \\x00 where a key in quotes should be)`,
    );
    expectOneCleanLine(error.message);
  });

  it("0xff inside a text at byte 200: not UTF-8, shown escaped", async () => {
    // Byte 200 is a digit of the first message's "date_unixtime" string.
    expect(bytes.subarray(185, 210).toString()).toContain('"date_unixtime": "17280');
    expect(messageStart).toBeLessThan(200);
    const error = await readError(damaged("ff.json", withByte(bytes, 200, 0xff)));
    expect(error.byteOffset).toBe(200);
    expect(error.message).toContain(
      `is damaged at byte 200: the message starting at byte ${messageStart} is not valid JSON (byte \\xff, which is not UTF-8 text)`,
    );
    expectOneCleanLine(error.message);
  });

  it("0x00 between two keys, read 7 bytes at a time and scanning every byte", async () => {
    const at = bytes.indexOf('"type": "service"', messageStart) + '"type":'.length;
    const file = damaged("nul-value.json", withByte(bytes, at, 0x00));
    for (const options of [{ chunkBytes: 7 }, { exactScan: true }]) {
      const error = await rejectionOf(readAll(file, options));
      expect(error).toBeInstanceOf(ExportFormatError);
      expect((error as ExportFormatError).byteOffset).toBe(at);
      expect((error as Error).message).toContain("(byte \\x00 where a value should be)");
    }
  });
});

describe("messages that are left out are noted", () => {
  it('an id that is not an integer ("2", 3.5): the rest is read, the note says how many and where', async () => {
    const bytes = original(CHANNEL);
    const text = bytes
      .toString("latin1")
      .replace('"id": 2,', '"id": "2",')
      .replace('"id": 3,', '"id": 3.5,');
    const changed = Buffer.from(text, "latin1");
    const file = damaged("bad-ids.json", changed);
    // The first one left out is the message whose id became "2".
    const first = changed.lastIndexOf("{", changed.indexOf('"id": "2"'));
    const [chat] = await readAll(file);
    expect(chat!.stats.skipped["id-not-integer"]).toEqual({ count: 2, firstByte: first });
    // 19 messages in the file, 2 left out.
    expect(chat!.messages).toHaveLength(17);
    const note = `2 messages skipped: id is not an integer (first at byte ${first}).`;
    const [onePass, ...ranged] = await reportsOf(file, 600);
    expect(onePass).not.toBeInstanceOf(Error);
    expect((onePass as ReportJson).notes).toContain(note);
    // Ranged reads give the same report, notes included.
    expect(await rangeCount(file, 600)).toBeGreaterThan(2);
    for (const report of ranged) expect(report).toEqual(onePass);
  });
});

describe("ranges read in parallel give the one-pass errors", () => {
  // Byte 3000 is the closing quote of the key "type" in the message with id 13: with it
  // gone, the quotes after it pair up wrongly, which once read as a cut-off file.
  it.each([
    ["joined", (bytes: Buffer) => Buffer.concat([bytes, bytes]), 5447],
    ["0xff at byte 200", (bytes: Buffer) => withByte(bytes, 200, 0xff), 200],
    ["0x00 at byte 3000", (bytes: Buffer) => withByte(bytes, 3000, 0x00), 3000],
  ] as const)("%s", async (name, damage, at) => {
    const file = damaged(`ranged-${name.replace(/\W+/g, "-")}.json`, damage(original(CHANNEL)));
    expect(await rangeCount(file, 600)).toBeGreaterThan(2);
    const [onePass, ...ranged] = await reportsOf(file, 600);
    expect(onePass).toBeInstanceOf(ExportFormatError);
    expect((onePass as ExportFormatError).code).toBe("malformed");
    expect((onePass as ExportFormatError).byteOffset).toBe(at);
    expectOneCleanLine((onePass as Error).message);
    for (const report of ranged) {
      expect(report).toBeInstanceOf(ExportFormatError);
      expect((report as Error).message).toBe((onePass as Error).message);
    }
  });
});

describe("through the CLI", () => {
  it("two exports joined: one line, exit code 2", () => {
    const bytes = original(CHANNEL);
    const file = damaged("cli-joined.json", Buffer.concat([bytes, bytes]));
    const run = tgstats("report", file, "--json");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `tgstats: "${file}" is damaged at byte 5447: the export ends at byte 5447, but "{" follows (two exports joined into one file, or stray data at the end). Pass each export as a file of its own, or export the chat again from Telegram Desktop.\n`,
    );
  });

  it("a 0x00 inside a message: one line naming its byte, escaped, exit code 2", () => {
    const bytes = original(SUPERGROUP);
    const messageStart = bytes.indexOf('{\n      "id": 1,');
    const at = bytes.indexOf('\n      "date"', messageStart) + 1;
    const file = damaged("cli-nul.json", withByte(bytes, at, 0x00));
    const run = tgstats("report", file, "--json");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `tgstats: "${file}" is damaged at byte ${at}: the message starting at byte ${messageStart} is not valid JSON (byte \\x00 where a key in quotes should be). Export the chat again from Telegram Desktop.\n`,
    );
  });

  it("an id that is not an integer: read, and noted in report.json", () => {
    const bytes = original(CHANNEL);
    const changed = Buffer.from(
      bytes.toString("latin1").replace('"id": 5,', '"id": "5",'),
      "latin1",
    );
    const file = damaged("cli-bad-id.json", changed);
    const first = changed.lastIndexOf("{", changed.indexOf('"id": "5"'));
    const run = tgstats("report", file, "--json");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ReportJson;
    expect(report.notes).toContain(
      `1 messages skipped: id is not an integer (first at byte ${first}).`,
    );
  });
});
