import type { ChatOverview } from "@tgstats/engine";
import { jobTexts } from "./job-texts.js";

const MAX_CHATS = 30;

/**
 * The account overview as a message: chats by message count, most first.
 *
 * @example formatOverviewText([{ id: 1, name: "Family", type: "private_group", messages: 9120 }], "ru")
 * // "<b>Чаты по числу сообщений</b>\n1. Family — 9 120 сообщ."
 */
export function formatOverviewText(chats: readonly ChatOverview[], language: "en" | "ru"): string {
  const texts = jobTexts(language);
  const numbers = new Intl.NumberFormat(language);
  const lines = [...chats]
    .sort((a, b) => b.messages - a.messages || a.id - b.id)
    .slice(0, MAX_CHATS)
    .map(
      (chat, index) =>
        `${index + 1}. ${escapeHtml(chat.name ?? String(chat.id))} — ${numbers.format(chat.messages)} ${texts.messagesUnit}`,
    );
  return [`<b>${texts.overviewTitle}</b>`, ...lines].join("\n");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
