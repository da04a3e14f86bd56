import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ExportFormatError, reportFromExport } from "@tgstats/engine";
import { writeSyntheticExport } from "@tgstats/sandbox";
import { EXPORT_FIXTURES, exportFixture, readAll, rejectionOf } from "./helpers/read-export.js";
import { makeTempDir } from "./helpers/temp-dir.js";
import { tgstats } from "./helpers/cli-run.js";

const dir = makeTempDir("tgstats-gzip-");

/** Writes `bytes` gzipped to `name` in the temp folder. */
function gzipped(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, gzipSync(bytes));
  return file;
}

const FIXTURES = readdirSync(EXPORT_FIXTURES).filter((name) => name.endsWith(".json"));

describe("a gzipped export is read as the export itself", () => {
  it.each(FIXTURES)("%s, gzipped under a .json name", async (name) => {
    const plain = exportFixture(name);
    // Told by its first bytes: the name says .json.
    const gz = gzipped(`gz-${name}`, readFileSync(plain));
    // 7-byte reads put read boundaries everywhere.
    expect(await readAll(gz, { chunkBytes: 7 })).toEqual(await readAll(plain));
  });

  it("an export whose chat header follows its messages (the reader goes back to them)", async () => {
    // Over 8 MiB of messages: going back to them starts decompressing again from the start.
    const messages = Array.from({ length: 100_000 }, (_, i) => ({
      id: i + 1,
      type: "message",
      date_unixtime: String(1704067200 + i * 60),
      date: "2024-01-01T00:00:00",
      from_id: `user${i % 7}`,
      text: `message number ${i} of the chat`,
    }));
    const json = JSON.stringify({ messages, name: "After", type: "private_group", id: 77 });
    expect(json.length).toBeGreaterThan(9 * 2 ** 20);
    const plain = path.join(dir, "header-after.json");
    writeFileSync(plain, json);
    const chats = await readAll(gzipped("header-after.gz", json));
    expect(chats).toEqual(await readAll(plain));
    expect(chats.map((chat) => [chat.info.name, chat.messages.length])).toEqual([
      ["After", 100_000],
    ]);
  });

  describe("a large one (more than the 8 MiB kept in memory behind the read)", () => {
    const large = path.join(dir, "large.json");
    let gz = "";
    beforeAll(async () => {
      await writeSyntheticExport(large, { messages: 30_000, seed: 5 });
      gz = gzipped("large.json.gz", readFileSync(large));
    });

    it("gives the same report, and is never cut into ranges", async () => {
      const report = { timeZone: "Europe/Berlin" };
      const expected = await reportFromExport(large, { report, rangedMinBytes: Infinity });
      expect(readFileSync(large).length).toBeGreaterThan(12 * 2 ** 20);
      // rangedMinBytes 0 would read a plain file in ranges; a gzipped one has no offsets to cut at.
      const actual = await reportFromExport(gz, { report, rangedMinBytes: 0, threads: 2 });
      expect(actual).toEqual(expected);
      expect(actual.totals.messages).toBeGreaterThan(25_000);
    });
  });

  it("a cut-off gzip file is a format error that says so", async () => {
    const whole = gzipSync(readFileSync(exportFixture("2025-modern.json")));
    const cut = path.join(dir, "cut.json.gz");
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await rejectionOf(readAll(cut));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error as ExportFormatError).message).toMatch(/gzip file that cannot be decompressed/);
  });
});

describe("tgstats report on a gzip or a zip", () => {
  it("prints the same report for result.json.gz as for result.json", () => {
    const plain = exportFixture("2025-modern.json");
    const gz = gzipped("result.json.gz", readFileSync(plain));
    const expected = tgstats("report", plain, "--json");
    const actual = tgstats("report", gz, "--json");
    expect(actual.stderr).toBe("");
    expect(actual.status).toBe(0);
    expect(actual.stdout).toBe(expected.stdout);
  });

  it("says in one line how to unpack a zip, whatever its name", () => {
    // A zip's local file header: "PK" 03 04, then the rest of the archive.
    const zip = path.join(dir, "export.json");
    writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(60)]));
    const run = tgstats("report", zip);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `tgstats: "${zip}" is a zip archive; unpack it first (e.g. unzip "${zip}") and pass the result.json of the folder it holds.\n`,
    );
  });
});
