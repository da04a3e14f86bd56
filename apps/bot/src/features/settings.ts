import { Composer, type CommandContext } from "grammy";
import type { BotContext } from "../context.js";
import { isLanguage, resolveLanguage } from "../i18n.js";
import { answer } from "../reply.js";
import { echoInput } from "../text-limits.js";
import { zoneClock } from "../zone-clocks.js";
import { isGroupAdmin } from "../services/membership.js";

/**
 * `/tz`, `/lang` and `/settings`: show a chat's settings to anyone, change
 * them in private chat, or in a group as one of its admins.
 */
export const settingsFeature = new Composer<BotContext>();

const chats = settingsFeature.chatType(["private", "group", "supergroup"]);
chats.command("tz", handleTimeZone);
chats.command("lang", handleLanguage);
chats.command("settings", handleSettings);

async function handleTimeZone(ctx: CommandContext<BotContext>): Promise<void> {
  const wanted = ctx.match.trim();
  if (wanted === "") {
    const timeZone = ctx.chatSettings.timeZone ?? ctx.services.config.DEFAULT_TIME_ZONE;
    await answer(ctx, ctx.t("tz-current", { timeZone }));
    return;
  }
  const clock = zoneClock(wanted);
  if (clock === null) {
    await answer(ctx, ctx.t("tz-unknown", { token: echoInput(wanted) }));
    return;
  }
  if (!(await mayChangeSettings(ctx))) return;
  // Stored as typed ("Europe/Kyiv", not ICU's "Europe/Kiev"), up to letter case ("utc" → "UTC"):
  // the job and the charts show it, and the worker's caches use the canonical name anyway.
  const timeZone = clock.name;
  await ctx.services.settings.update(ctx.chat.id, { timeZone }, ctx.redisSignal);
  ctx.log.info({ chatId: ctx.chat.id, timeZone }, "time zone set");
  await answer(ctx, ctx.t("tz-set", { timeZone }));
}

async function handleLanguage(ctx: CommandContext<BotContext>): Promise<void> {
  const wanted = ctx.match.trim().toLowerCase();
  if (wanted === "") {
    const language = ctx.chatSettings.language ?? "auto";
    await answer(ctx, ctx.t("lang-current", { language: ctx.t(`language-${language}`) }));
    return;
  }
  if (wanted !== "auto" && !isLanguage(wanted)) {
    await answer(ctx, ctx.t("lang-unknown", { token: echoInput(ctx.match.trim()) }));
    return;
  }
  if (!(await mayChangeSettings(ctx))) return;
  const language = wanted === "auto" ? null : wanted;
  await ctx.services.settings.update(ctx.chat.id, { language }, ctx.redisSignal);
  ctx.log.info({ chatId: ctx.chat.id, language }, "language set");
  // Answer in the language just chosen.
  ctx.language = resolveLanguage(language, ctx.from?.language_code);
  ctx.i18n.useLocale(ctx.language);
  await answer(ctx, ctx.t(language === null ? "lang-auto" : "lang-set"));
}

async function handleSettings(ctx: CommandContext<BotContext>): Promise<void> {
  const words = ctx.match
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "");
  if (words.length === 0) {
    const { language, timeZone, adminsOnly, htmlPage } = ctx.chatSettings;
    await answer(
      ctx,
      ctx.t("settings-show", {
        language: ctx.t(`language-${language ?? "auto"}`),
        timeZone: timeZone ?? ctx.services.config.DEFAULT_TIME_ZONE,
        adminsOnly: ctx.t(adminsOnly ? "settings-on" : "settings-off"),
        htmlPage: ctx.t(htmlPage ? "settings-on" : "settings-off"),
      }),
    );
    return;
  }
  const [name, value] = words;
  const mode = value === "on" ? true : value === "off" ? false : null;
  const setting = words.length === 2 && mode !== null ? settingNamed(name ?? "") : null;
  if (setting === null || mode === null) {
    await answer(ctx, ctx.t("settings-usage"));
    return;
  }
  if (setting === "htmlPage") return changeHtmlPage(ctx, mode);
  if (ctx.chat.type === "private") {
    await answer(ctx, ctx.t("settings-admins-only-private"));
    return;
  }
  if (!(await mayChangeSettings(ctx))) return;
  await ctx.services.settings.update(ctx.chat.id, { adminsOnly: mode }, ctx.redisSignal);
  ctx.log.info({ chatId: ctx.chat.id, adminsOnly: mode }, "admins-only mode set");
  await answer(ctx, ctx.t(mode ? "settings-admins-only-on" : "settings-admins-only-off"));
}

/** The setting a `/settings` word names (`admins-only`, `html`…), or null for none. */
function settingNamed(word: string): "adminsOnly" | "htmlPage" | null {
  if (/^admins[-_]?only$/.test(word)) return "adminsOnly";
  if (/^html([-_]?page)?$/.test(word)) return "htmlPage";
  return null;
}

/** `/settings html on|off`: whether reports here come with report.html; in private chat too. */
async function changeHtmlPage(ctx: CommandContext<BotContext>, mode: boolean): Promise<void> {
  if (!(await mayChangeSettings(ctx))) return;
  await ctx.services.settings.update(ctx.chat.id, { htmlPage: mode }, ctx.redisSignal);
  ctx.log.info({ chatId: ctx.chat.id, htmlPage: mode }, "html page setting set");
  await answer(ctx, ctx.t(mode ? "settings-html-on" : "settings-html-off"));
}

/** Anyone in private chat; in groups admins and owners. Answers the refusal itself. */
async function mayChangeSettings(ctx: CommandContext<BotContext>): Promise<boolean> {
  if (ctx.chat.type === "private" || (await isGroupAdmin(ctx))) return true;
  await answer(ctx, ctx.t("settings-admins-required"));
  return false;
}
