import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { packJson, unpackJson, unpackJsonAs } from "@tgstats/platform";

describe("gzip-JSON", () => {
  const value = { months: { "2024-03": { ids: { minId: 4, maxId: 12 } } }, note: "Zürich ✓" };

  it("gives back what it packed, and packs plain gzipped JSON", async () => {
    const packed = await packJson(value);
    expect(await unpackJson(packed)).toEqual(value);
    expect(gunzipSync(packed).toString("utf8")).toBe(JSON.stringify(value));
  });

  it("packs undefined as null", async () => {
    expect(gunzipSync(await packJson(undefined)).toString("utf8")).toBe("null");
  });

  it("checks what it unpacks against a schema: null when it does not match", async () => {
    const schema = z.object({ note: z.string() });
    expect(await unpackJsonAs(await packJson(value), schema)).toEqual({ note: "Zürich ✓" });
    expect(await unpackJsonAs(await packJson({ note: 7 }), schema)).toBeNull();
  });
});
