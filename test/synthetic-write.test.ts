import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import {
  generateSyntheticExport,
  SyntheticExportOptionsError,
  writeSyntheticExport,
} from "@tgstats/sandbox";

const directory = mkdtempSync(join(tmpdir(), "tgstats-synthetic-"));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("writeSyntheticExport", () => {
  it("writes the same bytes the generator streams and reports their count", async () => {
    const path = join(directory, "result.json");
    const options = { messages: 5000, seed: 3 };
    let expected = "";
    for (const chunk of generateSyntheticExport(options)) expected += chunk;
    const { bytes } = await writeSyntheticExport(path, options);
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(statSync(path).size).toBe(bytes);
    expect(readFileSync(path, "utf8")).toBe(expected);
  });

  it("rejects an already aborted signal without creating the file", async () => {
    const path = join(directory, "aborted.json");
    const controller = new AbortController();
    controller.abort();
    await expect(
      writeSyntheticExport(path, { messages: 10, seed: 1 }, controller.signal),
    ).rejects.toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(existsSync(path)).toBe(false);
  });

  it("stops when aborted mid-way and removes the partial file", async () => {
    const path = join(directory, "partial.json");
    const controller = new AbortController();
    const writing = writeSyntheticExport(path, { messages: 2_000_000, seed: 1 }, controller.signal);
    setTimeout(() => {
      controller.abort();
    }, 20);
    await expect(writing).rejects.toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(existsSync(path)).toBe(false);
  });

  it("rejects invalid options before touching the file system", async () => {
    const path = join(directory, "invalid.json");
    await expect(writeSyntheticExport(path, { messages: -5, seed: 1 })).rejects.toThrow(
      SyntheticExportOptionsError,
    );
    expect(existsSync(path)).toBe(false);
  });
});
