/**
 * This folder's Fluent files as text, read when this module loads. The bundles
 * the launchers run have no folder beside them: scripts/build.mjs replaces this
 * module there by one holding the same texts inline.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

function read(language: "en" | "ru"): { file: string; text: string } {
  const file = fileURLToPath(new URL(`./${language}.ftl`, import.meta.url));
  return { file, text: readFileSync(file, "utf8") };
}

/** `en.ftl` and `ru.ftl`: where each was read from (for error messages) and its text. */
export const fluentFiles = { en: read("en"), ru: read("ru") };
