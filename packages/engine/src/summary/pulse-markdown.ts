import { sharedTexts } from "../i18n/shared-texts.js";
import type { TextLanguage } from "../i18n/fluent-texts.js";
import type { PulseChat, PulseJson } from "../pulse/account-pulse.js";
import { TREND_ORDER, type ChatTrend } from "../pulse/chat-trend.js";

/** Chats listed under each trend in summary.md. */
const CHATS_PER_TREND = 15;

/**
 * summary.md of a pulse: the months, then the chats under each trend (most
 * messages in the shown months first) with the owner's share, and the rule.
 *
 * @param charts file names of the charts written beside it, linked at the top
 */
export function formatPulseMarkdown(
  pulse: PulseJson,
  language: TextLanguage,
  charts: readonly string[] = [],
): string {
  const fluent = sharedTexts(language);
  const numbers = new Intl.NumberFormat(language);
  const percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const first = pulse.months[0] ?? "—";
  const last = pulse.months.at(-1) ?? "—";
  const lines = [
    `# ${fluent.format("pulse-title")({ count: pulse.chats.length })}`,
    "",
    fluent.format("pulse-period")({ span: `${first} — ${last}`, zone: pulse.timezone }),
    "",
    ...charts.map((name) => `![${name}](${name})`),
  ];
  if (charts.length > 0) lines.push("");
  const line = fluent.format("pulse-chat-line");
  const ownShare = fluent.format("pulse-own-share");
  const describe = (chat: PulseChat) =>
    line({
      name: chat.name ?? fluent.text("untitled-chat"),
      messages: numbers.format(chat.messages),
      count: chat.messages,
      total: numbers.format(chat.total),
      share: chat.ownShare === null ? "" : ownShare({ share: percents.format(chat.ownShare) }),
    });
  for (const trend of TREND_ORDER) {
    const chats = pulse.chats.filter((chat) => chat.trend === trend);
    if (chats.length === 0) continue;
    lines.push(`## ${trendName(fluent, trend)} (${numbers.format(chats.length)})`, "");
    for (const chat of chats.slice(0, CHATS_PER_TREND)) lines.push(`- ${describe(chat)}`);
    if (chats.length > CHATS_PER_TREND)
      lines.push(`- … +${numbers.format(chats.length - CHATS_PER_TREND)}`);
    lines.push("");
  }
  lines.push(`_${fluent.text("pulse-trend-rule")}_`, "");
  return lines.join("\n");
}

function trendName(fluent: ReturnType<typeof sharedTexts>, trend: ChatTrend): string {
  return fluent.text(`pulse-trend-${trend}`);
}
