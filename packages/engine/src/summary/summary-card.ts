/**
 * The member card as text: the first section of summary.md with a sender
 * filter, and the message the worker sends for `/me` and `/stats @user`.
 * Plain lines; each caller marks them up (Markdown list, Telegram HTML).
 */
import type { MemberCard, ReplyPartner } from "../engine/member-card.js";
import type { ReportLanguage } from "./summary-strings.js";
import { formatShortDuration } from "./summary-figures.js";
import { summaryStrings } from "./summary-strings.js";
import { textsPerLanguage } from "../i18n/fluent-texts.js";
import { sharedTexts } from "../i18n/shared-texts.js";

/** The card's heading and lines, in one language. */
export interface MemberCardText {
  title: string;
  lines: string[];
}

/** Entries of the card's word, emoji and reply lists shown as text. */
const SHOWN = { words: 10, emojis: 10, partners: 3 } as const;

function loadCardTexts(language: ReportLanguage) {
  const fluent = sharedTexts(language);
  return {
    title: fluent.format("card-title"),
    messages: fluent.format("card-messages"),
    noMessages: fluent.text("card-no-messages"),
    activeDays: fluent.format("card-active-days"),
    firstLast: fluent.format("card-first-last"),
    perDay: fluent.format("card-per-day"),
    averageLength: fluent.format("card-average-length"),
    busiestHour: fluent.format("card-busiest-hour"),
    kinds: fluent.text("card-kinds"),
    kind: fluent.format("card-kind"),
    topWords: fluent.text("card-top-words"),
    topEmoji: fluent.text("card-top-emoji"),
    answersMost: fluent.text("card-answers-most"),
    answeredMostBy: fluent.text("card-answered-most-by"),
    partner: fluent.format("card-partner"),
    reactions: fluent.format("card-reactions"),
  };
}

const cardTexts = textsPerLanguage(loadCardTexts);

/**
 * The card in `language`: messages with share and rank, active days, first
 * and last message, messages per active day, average length, busiest hour
 * and kinds against the group's, top words and emoji, reply partners and
 * reactions received.
 *
 * @param fallbackName shown when the card has no name (a deleted account, or no message)
 */
export function memberCardText(
  card: MemberCard,
  language: ReportLanguage,
  fallbackName: string,
): MemberCardText {
  const text = cardTexts(language);
  const { deletedAccount } = summaryStrings(language);
  const title = text.title({ name: card.name ?? fallbackName });
  if (card.rank === null) return { title, lines: [text.noMessages] };
  const numbers = new Intl.NumberFormat(language);
  const decimals = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const percent = (share: number): string =>
    new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(share);
  const orDash = (value: number | null): string => (value === null ? "—" : decimals.format(value));
  const lines = [
    text.messages({
      messages: numbers.format(card.messages.member),
      total: numbers.format(card.messages.group),
      share: percent(card.share),
      rank: numbers.format(card.rank),
      senders: numbers.format(card.senders),
    }),
    text.activeDays({
      member: numbers.format(card.activeDays.member),
      group: numbers.format(card.activeDays.group),
    }),
    text.firstLast({
      first: card.firstDate?.slice(0, 10) ?? "—",
      last: card.lastDate?.slice(0, 10) ?? "—",
    }),
    text.perDay({
      member: decimals.format(card.messagesPerActiveDay.member),
      group: decimals.format(card.messagesPerActiveDay.group),
    }),
    text.averageLength({
      member: orDash(card.averageLength.member),
      group: orDash(card.averageLength.group),
    }),
    text.busiestHour({
      member: busiestHourText(card.punchcard.member, language),
      group: busiestHourText(card.punchcard.group, language),
    }),
    `${text.kinds}: ${kindsText(card, language, percent)}`,
  ];
  const listed = (label: string, body: string): void => {
    if (body !== "") lines.push(`${label}: ${body}`);
  };
  listed(
    text.topWords,
    card.words
      .slice(0, SHOWN.words)
      .map((w) => `${w.word} (${numbers.format(w.count)})`)
      .join(", "),
  );
  listed(
    text.topEmoji,
    card.emojis
      .slice(0, SHOWN.emojis)
      .map((e) => `${e.emoji} ${numbers.format(e.count)}`)
      .join("  "),
  );
  const partners = (list: readonly ReplyPartner[]): string =>
    list
      .slice(0, SHOWN.partners)
      .map((p) =>
        text.partner({
          name: p.name ?? deletedAccount,
          count: numbers.format(p.replies),
          delay: formatShortDuration(p.medianDelaySeconds, language),
        }),
      )
      .join(", ");
  listed(text.answersMost, partners(card.answersMost));
  listed(text.answeredMostBy, partners(card.answeredMostBy));
  lines.push(text.reactions({ count: numbers.format(card.reactionsReceived) }));
  return { title, lines };
}

/** "Monday 09:00": the busiest cell of a punch card, the earliest on a tie; "—" when empty. */
function busiestHourText(punchcard: readonly number[][], language: ReportLanguage): string {
  let best = { weekday: -1, hour: 0, count: 0 };
  for (const [weekday, row] of punchcard.entries())
    for (const [hour, count] of row.entries())
      if (count > best.count) best = { weekday, hour, count };
  if (best.weekday < 0) return "—";
  const weekday = summaryStrings(language).weekdays[best.weekday] ?? "";
  return `${weekday} ${String(best.hour).padStart(2, "0")}:00`;
}

/** Each kind the member used, most first, with its share of theirs and of the group's messages. */
function kindsText(
  card: MemberCard,
  language: ReportLanguage,
  percent: (share: number) => string,
): string {
  const text = cardTexts(language);
  const { messageKind } = summaryStrings(language);
  return Object.entries(card.byKind.member)
    .map(([kind, count]) =>
      text.kind({
        kind: messageKind(kind),
        member: percent(count / card.messages.member),
        group: percent((card.byKind.group[kind] ?? 0) / card.messages.group),
      }),
    )
    .join(" · ");
}
