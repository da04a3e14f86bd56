import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdSet } from "@tgstats/engine";
import {
  findStringEnd,
  fixHexEscapes,
  newElementScan,
  scanElements,
  shiftElementScan,
} from "../packages/engine/src/export-reader/json-bytes.js";
import { parseLocalDateTime } from "../packages/engine/src/export-reader/local-date.js";
import {
  PeerIdReader,
  chatPeer,
  parsePrefixedId,
  sniffIdFormat,
} from "../packages/engine/src/export-reader/peer-ids.js";

describe("findStringEnd", () => {
  const cases: [string, number][] = [
    ['abc"', 4],
    ['a\\"b"', 5],
    ['a\\\\"', 4],
    ['a\\\\\\"b"', 7],
    ['\\\\\\\\"', 5],
  ];
  it.each(cases)("finds the closing quote of %j", (body, end) => {
    const buf = Buffer.from(body + "tail", "latin1");
    expect(findStringEnd(buf, 0, buf.length)).toBe(end);
  });

  it("asks to resume before trailing backslashes when the buffer ends", () => {
    const buf = Buffer.from('ab\\"cd\\\\\\', "latin1");
    // Resume at index 6, where the trailing run of three backslashes starts.
    expect(findStringEnd(buf, 0, buf.length)).toBe(-(6 + 1));
    expect(findStringEnd(buf, 0, 3)).toBe(-(2 + 1));
  });
});

describe("scanElements", () => {
  /** Runs the array scanner over `text` fed in pieces cut at `cuts`, collecting element slices. */
  function elementsOf(text: string, cuts: number[]): string[] {
    const all = Buffer.from(text, "utf8");
    const open = all.indexOf("[") + 1;
    const scan = newElementScan();
    const found: string[] = [];
    let buf = Buffer.alloc(0);
    let pos = 0;
    const edges = [...new Set(cuts.map((cut) => open + (cut % (all.length - open + 1))))].sort(
      (a, b) => a - b,
    );
    let fed = open;
    for (const edge of [...edges, all.length]) {
      if (edge <= fed) continue;
      // Keep the unfinished element (or nothing), then append the next piece.
      const keep = scan.inElement ? scan.elemStart : pos;
      shiftElementScan(scan, keep);
      buf = Buffer.concat([buf.subarray(keep), all.subarray(fed, edge)]);
      pos -= keep;
      fed = edge;
      pos = scanElements(buf, pos, buf.length, scan, false);
      if (scan.lastEnd >= 0) {
        const slice = buf.toString("utf8", scan.batchStart, scan.lastEnd);
        found.push(
          ...(JSON.parse(`[${slice}]`) as unknown[]).map((value) => JSON.stringify(value)),
        );
        scan.lastEnd = -1;
        scan.batchStart = scan.inElement ? scan.elemStart : -1;
      }
      if (scan.ended) break;
    }
    expect(scan.ended).toBe(true);
    return found;
  }

  it("finds every element of any JSON array, however the input is split", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom(0, 1, 2),
        (values, cuts, indent) => {
          const text = `{"messages": ${JSON.stringify(values, null, indent)}, "after": 1}`;
          expect(elementsOf(text, cuts)).toEqual(values.map((value) => JSON.stringify(value)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stops after one value in single mode, leaving the delimiter", () => {
    const buf = Buffer.from('12.5e3, "next"', "latin1");
    const scan = newElementScan();
    const end = scanElements(buf, 0, buf.length, scan, true);
    expect([end, scan.ended, scan.elemStart, scan.lastEnd]).toEqual([6, true, 0, 6]);
  });

  it("flags a closing brace where an element should start", () => {
    const buf = Buffer.from('{"a":1} }', "latin1");
    const scan = newElementScan();
    scanElements(buf, 0, buf.length, scan, false);
    expect(scan.malformedAt).toBe(8);
  });
});

describe("fixHexEscapes", () => {
  it("rewrites \\xHH and leaves escaped backslashes alone", () => {
    expect(fixHexEscapes('"a\\x01\\x1F"')).toEqual({ text: '"a\\u0001\\u001F"', count: 2 });
    expect(fixHexEscapes('"C:\\\\x41"')).toEqual({ text: '"C:\\\\x41"', count: 0 });
    expect(fixHexEscapes('"\\\\\\x02"')).toEqual({ text: '"\\\\\\u0002"', count: 1 });
    expect(fixHexEscapes('"\\"\\x07"')).toEqual({ text: '"\\"\\u0007"', count: 1 });
  });
});

describe("IdSet", () => {
  it("behaves like a Set for any ids, negative and sparse ones included", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -1_000_000_000, max: 0 }),
            fc.integer({ min: 0, max: 5000 }),
            fc.nat(),
          ),
        ),
        (ids) => {
          const set = new IdSet();
          const reference = new Set<number>();
          for (const id of ids) {
            expect(set.add(id)).toBe(!reference.has(id));
            reference.add(id);
          }
        },
      ),
    );
  });
});

describe("peer ids", () => {
  it("parses prefixed ids", () => {
    expect(parsePrefixedId("user123")).toEqual({ kind: "user", id: 123 });
    expect(parsePrefixedId("chat450001")).toEqual({ kind: "chat", id: 450001 });
    expect(parsePrefixedId("channel1292077344")).toEqual({ kind: "channel", id: 1292077344 });
    expect(parsePrefixedId("user")).toBeNull();
    expect(parsePrefixedId("bot5")).toBeNull();
    expect(parsePrefixedId("user12x")).toBeNull();
  });

  it("reads numeric ids of each generation", () => {
    const inBasicGroup = new PeerIdReader(2 ** 33 + 77, true);
    expect(inBasicGroup.peer(5000001)).toEqual({ kind: "user", id: 5000001 });
    expect(inBasicGroup.peer(2 ** 32 + 5000001)).toEqual({ kind: "user", id: 5000001 });
    expect(inBasicGroup.peer(2 ** 33 + 77)).toEqual({ kind: "chat", id: 77 });
    expect(inBasicGroup.peer(2 ** 33 + 78)).toEqual({ kind: "channel", id: 78 });
    const inSupergroup = new PeerIdReader(2 ** 33 + 77, false);
    expect(inSupergroup.peer(2 ** 33 + 77)).toEqual({ kind: "channel", id: 77 });
    expect(inSupergroup.peer(undefined)).toBeNull();
    expect(inSupergroup.peer("nonsense")).toBeNull();
  });

  it("unshifts chat ids only when the export uses shifted ids", () => {
    expect(chatPeer(2 ** 32 + 42, "personal_chat", "numeric")).toEqual({ kind: "user", id: 42 });
    expect(chatPeer(6_000_000_007, "personal_chat", "prefixed")).toEqual({
      kind: "user",
      id: 6_000_000_007,
    });
    expect(chatPeer(9_000_000_000, "personal_chat", null)).toEqual({
      kind: "user",
      id: 9_000_000_000,
    });
    expect(chatPeer(2 ** 33 + 9, "private_channel", null)).toEqual({ kind: "channel", id: 9 });
    expect(chatPeer(2 ** 33 + 9, "private_group", "numeric")).toEqual({ kind: "chat", id: 9 });
    expect(chatPeer(1292077344, "private_channel", null)).toEqual({
      kind: "channel",
      id: 1292077344,
    });
    expect(chatPeer(2 ** 32 + 5, "unknown", "numeric")).toEqual({ kind: "user", id: 5 });
  });

  it("sniffs the id format from raw message bytes", () => {
    expect(
      sniffIdFormat(Buffer.from('[{"id": 1, "forwarded_from_id": "user1", "from_id": 22}]')),
    ).toBe("numeric");
    expect(sniffIdFormat(Buffer.from('[{"id": 1, "actor_id" : "channel5"}]'))).toBe("prefixed");
    expect(sniffIdFormat(Buffer.from('[{"id": 1, "text": "\\"from_id\\" is a key"}]'))).toBeNull();
    expect(sniffIdFormat(Buffer.from('[{"type": "unsupported", "id": 2}]'))).toBeNull();
  });
});

describe("parseLocalDateTime", () => {
  it("reads tdesktop's local dates and rejects other shapes", () => {
    expect(parseLocalDateTime("2023-06-12T12:58:14")).toEqual({
      year: 2023,
      month: 6,
      day: 12,
      hour: 12,
      minute: 58,
      second: 14,
    });
    expect(parseLocalDateTime("2023-06-12 12:58:14")).toBeNull();
    expect(parseLocalDateTime("2023-13-12T12:58:14")).toBeNull();
    expect(parseLocalDateTime("2023-06-12")).toBeNull();
  });
});
