import { sharedTexts } from "../i18n/shared-texts.js";
import { textsPerLanguage, type TextLanguage } from "../i18n/fluent-texts.js";
import type { PulseChat, PulseJson } from "../pulse/account-pulse.js";
import { TREND_ORDER, type ChatTrend } from "../pulse/chat-trend.js";

/** Chats listed under each trend in summary.md. */
const CHATS_PER_TREND = 15;

/** The texts of a pulse's summary.md, per language. */
interface PulseSummaryTexts {
  title: (count: number) => string;
  period: (span: string, zone: string) => string;
  chatLine: (args: {
    name: string;
    messages: string;
    count: number;
    total: string;
    share: string;
  }) => string;
  ownShare: (share: string) => string;
  untitled: string;
  trend: Record<ChatTrend, string>;
  rule: string;
}

function loadPulseSummaryTexts(language: TextLanguage): PulseSummaryTexts {
  const fluent = sharedTexts(language);
  const title = fluent.format("pulse-title");
  const period = fluent.format("pulse-period");
  const ownShare = fluent.format("pulse-own-share");
  return {
    title: (count) => title({ count }),
    period: (span, zone) => period({ span, zone }),
    chatLine: fluent.format("pulse-chat-line"),
    ownShare: (share) => ownShare({ share }),
    untitled: fluent.text("untitled-chat"),
    trend: {
      rising: fluent.text("pulse-trend-rising"),
      new: fluent.text("pulse-trend-new"),
      steady: fluent.text("pulse-trend-steady"),
      fading: fluent.text("pulse-trend-fading"),
      "gone-quiet": fluent.text("pulse-trend-gone-quiet"),
      silent: fluent.text("pulse-trend-silent"),
    },
    rule: fluent.text("pulse-trend-rule"),
  };
}

const pulseSummaryTexts = textsPerLanguage(loadPulseSummaryTexts);

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
  const texts = pulseSummaryTexts(language);
  const numbers = new Intl.NumberFormat(language);
  const percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const first = pulse.months[0] ?? "—";
  const last = pulse.months.at(-1) ?? "—";
  const lines = [
    `# ${texts.title(pulse.chats.length)}`,
    "",
    texts.period(`${first} — ${last}`, pulse.timezone),
    "",
    ...charts.map((name) => `![${name}](${name})`),
  ];
  if (charts.length > 0) lines.push("");
  const describe = (chat: PulseChat) =>
    texts.chatLine({
      name: chat.name ?? texts.untitled,
      messages: numbers.format(chat.messages),
      count: chat.messages,
      total: numbers.format(chat.total),
      share: chat.ownShare === null ? "" : texts.ownShare(percents.format(chat.ownShare)),
    });
  for (const trend of TREND_ORDER) {
    const chats = pulse.chats.filter((chat) => chat.trend === trend);
    if (chats.length === 0) continue;
    lines.push(`## ${texts.trend[trend]} (${numbers.format(chats.length)})`, "");
    for (const chat of chats.slice(0, CHATS_PER_TREND)) lines.push(`- ${describe(chat)}`);
    if (chats.length > CHATS_PER_TREND)
      lines.push(`- … +${numbers.format(chats.length - CHATS_PER_TREND)}`);
    lines.push("");
  }
  lines.push(`_${texts.rule}_`, "");
  return lines.join("\n");
}
