/**
 * The shared package's Fluent messages (`../locales/<language>.ftl`): every
 * text more than one app shows — the summaries (../summary/summary-strings.ts),
 * the charts (../charts/i18n.ts) and the report's notes (./note-texts.ts).
 * Read once, when this module loads.
 */
import { fileURLToPath } from "node:url";
import { readFluentFolder, type TextLanguage } from "./fluent-texts.js";

/** Languages the shared package's texts are written in. */
export type SharedLanguage = TextLanguage;

/** The folder with the shared package's `en.ftl` and `ru.ftl`. */
export const SHARED_LOCALES_DIRECTORY = fileURLToPath(new URL("../locales", import.meta.url));

/** The shared package's Fluent messages of a language (summary, chart and note texts). */
export const sharedTexts = readFluentFolder(SHARED_LOCALES_DIRECTORY);
