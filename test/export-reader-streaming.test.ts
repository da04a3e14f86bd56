import { readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ExportFormatError,
  ZoneClock,
  readExportChats,
  readExportMessages,
  type Message,
} from "@tgstats/engine";
import { EXPORT_FIXTURES, exportFixture, readAll, rejectionOf } from "./helpers/read-export.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const UTC = new ZoneClock("UTC");
const GOOD_FIXTURES = readdirSync(EXPORT_FIXTURES)
  .filter((name) => name.endsWith(".json"))
  .map((name) => path.join(EXPORT_FIXTURES, name));

/** Any character, with the ones that matter to the scanner (quotes, backslashes, control characters) made common. */
const TEXT_UNIT = fc.oneof(
  fc.constantFrom(
    '"',
    "\\",
    "\\x41",
    "\u0001",
    "\u001f",
    "\n",
    "\t",
    "x",
    "я",
    "😀",
    "\u2028",
    "{",
    "]",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);

describe("chunk boundaries and both boundary finders", () => {
  it.each(GOOD_FIXTURES.map((file) => [path.basename(file), file]))(
    "%s reads the same at any chunk size, with and without the layout fast path",
    async (_name, file) => {
      const expected = await readAll(file);
      expect(await readAll(file, { exactScan: true })).toEqual(expected);
      for (const chunkBytes of [1, 2, 3, 5, 64, 700, 4096]) {
        expect(await readAll(file, { chunkBytes })).toEqual(expected);
        if (chunkBytes % 2 === 1)
          expect(await readAll(file, { chunkBytes, exactScan: true })).toEqual(expected);
      }
    },
  );

  it("round-trips arbitrary texts in any layout, chunk size and export shape", async () => {
    const folder = makeTempDir("tgstats-prop-");
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ unit: TEXT_UNIT, maxLength: 30 }), { maxLength: 8 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom<number | string>(0, 1, 2, "\t"),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        async (generated, indent, chunkBytes, exactScan) => {
          // An export without any message is an error; that case has its own test.
          const chatTexts = generated.every((texts) => texts.length === 0)
            ? [["only"], ...generated.slice(1)]
            : generated;
          const file = path.join(folder, `export-${run++}.json`);
          writeFileSync(file, tdesktopLikeExport(chatTexts, indent));
          const chats = await readAll(file, { chunkBytes, exactScan });
          expect(
            chats.map((chat) => [
              chat.info.id,
              chat.messages.map((m) => [m.id, m.text, m.dateUnix]),
            ]),
          ).toEqual(
            chatTexts.map((texts, c) => [
              c + 1,
              texts.map((text, i) => [i + 1, text, 1_700_000_000 + i]),
            ]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * An export holding `chatTexts` (one chat per entry; a full export when there
 * are several), pretty-printed like tdesktop with `indent` (tdesktop uses one
 * space), with control characters written as tdesktop does: `\xHH`, invalid JSON.
 */
function tdesktopLikeExport(chatTexts: string[][], indent: number | string): string {
  const chats = chatTexts.map((texts, c) => ({
    name: `chat ${c + 1}`,
    type: "personal_chat",
    id: c + 1,
    messages: texts.map((text, i) => ({
      id: i + 1,
      type: "message",
      date_unixtime: String(1_700_000_000 + i),
      from: "A",
      from_id: "user1",
      text,
      text_entities: [{ type: "plain", text }],
    })),
  }));
  const root =
    chats.length === 1 ? chats[0] : { about: "x ] }", chats: { about: "y", list: chats } };
  const json = JSON.stringify(root, null, indent);
  // JSON.stringify writes \u00XX for control characters; tdesktop writes \xXX. Escaped backslashes stay.
  return json.replace(
    /\\(\\|u00([01][0-9a-f]))/g,
    (match: string, _p: string, hex: string | undefined) =>
      hex === undefined ? match : `\\x${hex.toUpperCase()}`,
  );
}

/** The next value of a generator that must not be done yet. */
async function nextValue<T>(generator: AsyncGenerator<T, void, undefined>): Promise<T> {
  const result = await generator.next();
  if (result.done === true) throw new Error("generator ended early");
  return result.value;
}

describe("streaming", () => {
  it("skips chats that are not consumed and still reads the later ones", async () => {
    const file = exportFixture("full-export-2024.json");
    const seen: [string | null, number, boolean][] = [];
    for await (const chat of readExportChats(file, { assumedTimeZone: UTC, chunkBytes: 16 })) {
      let count = 0;
      if (chat.info.name === "Late header" || chat.info.name === "Gone channel")
        for await (const batch of chat.batches()) count += batch.length;
      seen.push([chat.info.name, count, chat.stats.complete]);
    }
    expect(seen).toEqual([
      ["Quinn", 0, false],
      [null, 0, false],
      ["Late header", 1, true],
      ["Silent", 0, false],
      ["Gone channel", 2, true],
    ]);
  });

  it("continues after a partly read chat, and refuses to read it once the reader moved on", async () => {
    const file = exportFixture("full-export-2024.json");
    const chats = readExportChats(file, { assumedTimeZone: UTC, chunkBytes: 16 });
    const first = await nextValue(chats);
    const firstBatch = await nextValue(first.batches());
    expect(firstBatch[0]!.id).toBe(300);
    const second = await nextValue(chats);
    const messages: Message[] = [];
    for await (const batch of second.batches()) messages.push(...batch);
    expect(messages.map((m) => m.id)).toEqual([900]);
    const error = await rejectionOf(first.batches().next());
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/after the reader moved on/);
    await chats.return(undefined);
  });

  it("reports progress up to the file size, never going back", async () => {
    // This export has a chat whose header follows its messages: the reader looks ahead and comes back.
    const file = exportFixture("full-export-2024.json");
    const calls: [number, number][] = [];
    await readAll(file, {
      chunkBytes: 1000,
      onProgress: (read, total) => calls.push([read, total]),
    });
    const size = statSync(file).size;
    expect(calls.at(-1)).toEqual([size, size]);
    expect(calls.every(([read], i) => i === 0 || read > calls[i - 1]![0])).toBe(true);
  });

  it("stops with the signal's reason when aborted", async () => {
    const before = new AbortController();
    before.abort();
    const early = await rejectionOf(
      readAll(exportFixture("2025-modern.json"), { signal: before.signal }),
    );
    expect((early as Error).name).toBe("AbortError");

    const during = new AbortController();
    const chats = readExportChats(exportFixture("full-export-2024.json"), {
      assumedTimeZone: UTC,
      signal: during.signal,
      chunkBytes: 64,
    });
    await chats.next();
    during.abort();
    const late = await rejectionOf(chats.next());
    expect((late as Error).name).toBe("AbortError");
  });
});

describe("readExportMessages", () => {
  async function collect(iterable: AsyncIterable<Message>): Promise<number[]> {
    const ids: number[] = [];
    for await (const message of iterable) ids.push(message.id);
    return ids;
  }

  it("yields the messages of a single-chat export", async () => {
    const file = exportFixture("2020-basic-group-shifted-ids.json");
    expect(await collect(readExportMessages(file, { assumedTimeZone: UTC }))).toEqual([
      700, 701, 702,
    ]);
  });

  it("needs a chat id for a full-account export and finds left chats by id", async () => {
    const file = exportFixture("full-export-2024.json");
    const missing = await rejectionOf(collect(readExportMessages(file, { assumedTimeZone: UTC })));
    expect((missing as ExportFormatError).code).toBe("needs-chat-id");
    const names: (string | null)[] = [];
    const ids = await collect(
      readExportMessages(file, {
        assumedTimeZone: UTC,
        chatId: 2400000010,
        onChat: (chat) => names.push(chat.info.name),
      }),
    );
    expect(ids).toEqual([20, 21]);
    expect(names).toEqual(["Gone channel"]);
  });

  it("reports an unknown or empty chat", async () => {
    const file = exportFixture("full-export-2024.json");
    const unknown = await rejectionOf(
      collect(readExportMessages(file, { assumedTimeZone: UTC, chatId: 123 })),
    );
    expect((unknown as ExportFormatError).code).toBe("chat-not-found");
    const empty = await rejectionOf(
      collect(readExportMessages(file, { assumedTimeZone: UTC, chatId: 77 })),
    );
    expect((empty as ExportFormatError).code).toBe("empty");
  });
});
