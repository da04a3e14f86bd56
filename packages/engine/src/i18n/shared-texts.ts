/**
 * The shared package's Fluent messages (`../locales/<language>.ftl`): every
 * text more than one app shows — the summaries (../summary/summary-strings.ts),
 * the charts (../charts/i18n.ts) and the report's notes (./note-texts.ts).
 * Parsed once, when this module loads.
 */
import { fluentFiles } from "../locales/fluent-files.js";
import { fluentTextsOf, type TextLanguage } from "./fluent-texts.js";

/** Languages the shared package's texts are written in. */
export type SharedLanguage = TextLanguage;

/** The shared package's Fluent messages of a language (summary, chart and note texts). */
export const sharedTexts = fluentTextsOf(fluentFiles);
