/**
 * Every Fluent file of tgstats together: a message is defined in one file of
 * its language only, so a text shown by several apps is worded once (in the
 * shared package's file) and cannot drift apart between them.
 */
import { describe, expect, it } from "vitest";
import { fluentMessageIds } from "./helpers/fluent-ids.js";

const FOLDERS = ["packages/engine/src/locales", "apps/worker/src/locales", "apps/bot/src/locales"];

describe("Fluent files", () => {
  for (const language of ["en", "ru"]) {
    it(`define each ${language} message in one file only`, () => {
      const files = new Map<string, string[]>();
      for (const folder of FOLDERS)
        for (const id of fluentMessageIds(`${folder}/${language}.ftl`))
          files.set(id, [...(files.get(id) ?? []), folder]);
      const repeated = [...files].filter(([, folders]) => folders.length > 1);
      expect(repeated).toEqual([]);
      expect(files.size).toBeGreaterThan(100);
    });
  }
});
