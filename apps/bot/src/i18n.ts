import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { fluentFiles } from "./locales/fluent-files.js";

/** Languages the bot speaks; the job contract carries one of them to the worker. */
export const LANGUAGES = ["en", "ru"] as const;

/** A language the bot speaks. */
export type Language = (typeof LANGUAGES)[number];

/** True for a language the bot speaks. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to answer in: the chat's override (`/lang`), else the user's
 * Telegram language when the bot speaks it, else English.
 *
 * @example resolveLanguage(null, "ru-RU") // "ru"
 */
export function resolveLanguage(
  chatLanguage: Language | null,
  userLanguageCode: string | undefined,
): Language {
  if (chatLanguage !== null) return chatLanguage;
  const base = userLanguageCode?.toLowerCase().split("-")[0] ?? "";
  return isLanguage(base) ? base : "en";
}

/**
 * The bot's translations (./locales/en.ftl and ru.ftl).
 * `useIsolating: false`: Fluent would otherwise wrap every placeable in
 * invisible bidi marks, which end up inside commands and @names users copy.
 *
 * @param negotiate picks the language of an update (see {@link resolveLanguage})
 */
export function createI18n<C extends Context>(negotiate: (ctx: C) => Language): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: "en",
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: negotiate,
  });
  // Loaded file by file: the plugin's directory walk derives locale names from path
  // separators and fails on some spellings of the same folder.
  for (const language of LANGUAGES)
    i18n.loadLocaleSync(language, {
      source: fluentFiles[language].text,
    });
  return i18n;
}
