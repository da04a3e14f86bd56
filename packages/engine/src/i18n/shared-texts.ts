/**
 * The shared package's Fluent messages (`../locales/<language>.ftl`): the
 * summary's texts (../summary/summary-strings.ts) and the charts' texts
 * (../charts/i18n.ts). Read once, when this module loads.
 */
import { fileURLToPath } from "node:url";
import { FluentTexts } from "./fluent-texts.js";

/** Languages the shared package's texts are written in. */
export type SharedLanguage = "en" | "ru";

/** The folder with the shared package's `en.ftl` and `ru.ftl`. */
export const SHARED_LOCALES_DIRECTORY = fileURLToPath(new URL("../locales", import.meta.url));

const LOCALES: Record<SharedLanguage, string> = { en: "en-US", ru: "ru-RU" };

const FLUENT_TEXTS: Record<SharedLanguage, FluentTexts> = {
  en: new FluentTexts(`${SHARED_LOCALES_DIRECTORY}/en.ftl`, LOCALES.en),
  ru: new FluentTexts(`${SHARED_LOCALES_DIRECTORY}/ru.ftl`, LOCALES.ru),
};

/** The shared package's Fluent messages of a language (summary and chart texts). */
export function sharedTexts(language: SharedLanguage): FluentTexts {
  return FLUENT_TEXTS[language];
}
