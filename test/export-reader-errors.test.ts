import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExportFormatError, type ExportFormatErrorCode } from "@tgstats/engine";
import { exportFixture, readAll, rejectionOf } from "./helpers/read-export.js";
import { makeTempDir } from "./helpers/temp-dir.js";

async function formatErrorOf(file: string): Promise<ExportFormatError> {
  const error = await rejectionOf(readAll(file));
  if (!(error instanceof ExportFormatError)) throw error;
  return error;
}

describe("bad input", () => {
  const cases: [string, ExportFormatErrorCode, RegExp][] = [
    ["bad/zero-bytes.json", "truncated", /is empty \(0 bytes\).*Export again/],
    ["bad/not-json.json", "not-json", /is not JSON \(it starts with "id,name/],
    ["bad/array.json", "not-an-export", /is JSON but not a Telegram export/],
    ["bad/not-an-export.json", "not-an-export", /no "messages" and no "chats"/],
    ["bad/no-chats.json", "no-chats", /without chats.*Export again with chats selected/],
    ["bad/empty-chat.json", "empty", /has no messages/],
    ["bad/html-named-json.json", "html-export", /HTML export.*Format: Machine-readable JSON/],
    ["folder-html", "html-export", /re-export as JSON/],
    ["folder-html/messages.html", "html-export", /re-export as JSON/],
    ["does-not-exist.json", "not-found", /No file or folder at/],
  ];
  it.each(cases)("%s → %s", async (name, code, message) => {
    const error = await formatErrorOf(exportFixture(name));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });

  it("says where a cut-off file ends", async () => {
    const file = exportFixture("bad/truncated.json");
    const error = await formatErrorOf(file);
    expect(error.code).toBe("truncated");
    expect(error.byteOffset).toBe(readFileSync(file).length);
    expect(error.message).toMatch(
      /is cut off after \d+ bytes.*Export again, or copy\/download the file again/,
    );
  });

  it("names the byte where a message stops being JSON", async () => {
    const file = exportFixture("bad/broken-message.json");
    const bytes = readFileSync(file);
    const error = await formatErrorOf(file);
    expect(error.code).toBe("malformed");
    // The second string after "text": is where the parser gives up.
    expect(error.byteOffset).toBe(bytes.indexOf('"here"'));
    const messageStart = bytes.lastIndexOf("{", bytes.indexOf('"id": 2'));
    expect(error.message).toContain(
      `the message starting at byte ${messageStart} is not valid JSON`,
    );
  });

  it("reads result.json from an export folder", async () => {
    const chats = await readAll(exportFixture("folder-export"));
    expect(chats.map((chat) => [chat.info.name, chat.messages.length])).toEqual([["Family", 3]]);
  });

  it('reads the result.json next to messages.html of an "HTML and JSON" export', async () => {
    const folder = makeTempDir("tgstats-both-");
    writeFileSync(
      path.join(folder, "messages.html"),
      readFileSync(exportFixture("folder-html/messages.html")),
    );
    writeFileSync(
      path.join(folder, "result.json"),
      readFileSync(exportFixture("2020-basic-group-shifted-ids.json")),
    );
    const chats = await readAll(path.join(folder, "messages.html"));
    expect(chats.map((chat) => [chat.info.name, chat.messages.length])).toEqual([["Family", 3]]);
  });

  it("reports a folder without result.json", async () => {
    const folder = makeTempDir("tgstats-empty-");
    const error = await formatErrorOf(folder);
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/has no result\.json/);
  });

  it("reports an export whose chats hold no messages at all", async () => {
    const folder = makeTempDir("tgstats-nochat-");
    const file = path.join(folder, "result.json");
    writeFileSync(
      file,
      '{"about": "x", "chats": {"about": "y", "list": [{"name": "A", "type": "personal_chat", "id": 1, "messages": []}]}}',
    );
    const error = await formatErrorOf(file);
    expect(error.code).toBe("empty");
  });

  it("accepts a UTF-8 byte order mark", async () => {
    const folder = makeTempDir("tgstats-bom-");
    const file = path.join(folder, "result.json");
    const body = readFileSync(exportFixture("2020-basic-group-shifted-ids.json"));
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
    const chats = await readAll(file);
    expect(chats[0]!.messages.length).toBe(3);
  });
});

describe("a file cut off anywhere", () => {
  // Every prefix of a valid export must fail as "truncated", never hang or fail otherwise.
  it.each(["2021-prefixed-ids.json", "full-export-2024.json"])("%s", async (name) => {
    const bytes = readFileSync(exportFixture(name));
    const folder = makeTempDir("tgstats-cut-");
    const complete = bytes.lastIndexOf("}") + 1;
    const step = name.startsWith("full") ? 13 : 3;
    const codes = new Set<string>();
    for (let cut = 0; cut < complete; cut += step) {
      const file = path.join(folder, `cut-${cut}.json`);
      writeFileSync(file, bytes.subarray(0, cut));
      const error = await formatErrorOf(file);
      codes.add(error.code);
    }
    expect([...codes]).toEqual(["truncated"]);
    const whole = path.join(folder, "whole.json");
    writeFileSync(whole, bytes.subarray(0, complete));
    expect((await readAll(whole)).length).toBeGreaterThan(0);
  });
});
