import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { apiSignal } from "@tgstats/platform";
import { createI18n, type Language } from "./i18n.js";

/** The commands of the menu, in menu order. */
export const MENU_COMMANDS = [
  "stats",
  "me",
  "help",
  "tz",
  "lang",
  "settings",
  "forget",
  "start",
] as const;

/** The command menu in one language (descriptions from the locale files). */
export function commandMenu(language: Language): BotCommand[] {
  const i18n = createI18n(() => language);
  return MENU_COMMANDS.map((command) => ({
    command,
    description: i18n.t(language, `command-${command}`),
  }));
}

/** Registers the menu with setMyCommands: English as the default, Russian for `ru` clients. */
export async function registerCommands(api: Api, signal: AbortSignal): Promise<void> {
  await api.setMyCommands(commandMenu("en"), {}, apiSignal(signal));
  await api.setMyCommands(commandMenu("ru"), { language_code: "ru" }, apiSignal(signal));
}
