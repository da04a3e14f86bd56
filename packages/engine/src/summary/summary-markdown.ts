import type { EmojiCount, NamedCount, ReportJson } from "../engine/report-json.js";
import {
  busiestHour,
  formatShortDuration,
  senderCountsText,
  senderShares,
  topSenderShares,
  type SenderShare,
} from "./summary-figures.js";
import { memberCardText } from "./summary-card.js";
import { channelPostsSummary } from "./summary-channel-posts.js";
import { memberListLines, memberSummary } from "./summary-members.js";
import { telegramStatsHeading, telegramStatsLines } from "./summary-telegram-stats.js";
import { periodChangeSummary, type PeriodChangeSummary } from "./summary-period.js";
import { reactionText } from "./reaction-names.js";
import { summaryStrings, type ReportLanguage, type SummaryStrings } from "./summary-strings.js";

/** A chart image the summary links to. */
export interface SummaryChartLink {
  name: string;
  caption: string;
}

/** What to put in the summary besides the report. */
export interface SummaryOptions {
  /** How many senders, emoji and words to list. */
  topCount?: number;
  /** Chart files written beside summary.md, linked at the top. */
  charts?: readonly SummaryChartLink[];
}

/**
 * A readable Markdown summary of a report, in the report's language: the
 * member card (with a sender filter), totals,
 * top senders, highlights, emoji, words, reply pairs, fastest responders,
 * conversations, questions and notes.
 */
export function formatSummaryMarkdown(report: ReportJson, options: SummaryOptions = {}): string {
  const text = summaryStrings(report.language);
  const format = new Formatter(report.language);
  const top = options.topCount ?? 10;
  const lines: string[] = [`# ${text.title(report.chat.name ?? String(report.chat.id ?? ""))}`, ""];
  lines.push(`${text.period}: ${periodText(report)} (${text.timeZone} ${report.timezone})`);
  const filters = filterText(report, text);
  if (filters !== null) lines.push(`${text.filters}: ${filters}`);
  lines.push("");
  const change = periodChangeSummary(report, (day) => day);
  if (report.totals.messages === 0) {
    lines.push(text.noMessages, "");
    if (change !== null) changeSection(lines, change);
    // Telegram's own figures do not depend on the history read: a quiet period still has them.
    section(lines, telegramStatsHeading(report.language), telegramStatsLines(report));
    return lines.join("\n").trimEnd() + "\n";
  }
  if (report.card !== null) {
    // The card answers "what about this person"; the filtered report below details it.
    const card = memberCardText(report.card, report.language, report.filters.sender ?? "");
    section(lines, card.title, card.lines);
  }
  for (const chart of options.charts ?? []) lines.push(`![${chart.caption}](${chart.name})`);
  if (options.charts?.length) lines.push("");
  const { totals } = report;
  lines.push(
    `- ${text.messages}: ${format.number(totals.messages)} (+${format.number(totals.serviceMessages)} ${text.serviceMessages})`,
    `- ${text.people}: ${format.number(totals.people)}`,
    `- ${text.words}: ${format.number(totals.words)}`,
    `- ${text.activeDays}: ${format.number(totals.activeDays)}`,
    ...contentTotals(report, text, format).map((line) => `- ${line}`),
    "",
  );
  if (change !== null) changeSection(lines, change);
  if (report.chats !== undefined)
    section(
      lines,
      text.chats,
      report.chats
        .slice(0, top)
        .map(
          (chat) =>
            `${chat.name ?? String(chat.id)}: ${format.number(chat.messages)} ${text.messagesUnit(chat.messages)}`,
        ),
    );
  section(lines, text.topSenders, senderLines(topSenderShares(report, top), text, format));
  const channels = senderShares(
    report.channelSenders.slice(0, top),
    totals.messages,
    report.language,
  );
  section(lines, text.channelSenders, senderLines(channels, text, format));
  section(lines, text.signatures, signatureLines(report, text, format, top));
  channelPostSections(lines, report, Math.min(top, 5));
  section(lines, text.peopleSection, peopleLines(report, text, format));
  section(lines, text.memberList, memberListLines(report));
  section(lines, telegramStatsHeading(report.language), telegramStatsLines(report));
  section(lines, text.highlights, highlightLines(report, text, format));
  const members = memberSummary(report, { inviters: top, titles: top });
  if (members !== null) {
    section(lines, text.members, members.flow);
    section(
      lines,
      text.topInviters,
      members.inviters.map((line, index) => `${index + 1}. ${line}`),
    );
    section(lines, text.titles, members.titles);
  }
  inlineSection(lines, text.emojis, emojiLine(report.emojis.slice(0, top), format));
  inlineSection(lines, text.stickers, emojiLine(report.stickers.slice(0, top), format));
  const reactionName = (key: string): string =>
    reactionText(key, report.language, report.customEmoji);
  inlineSection(
    lines,
    text.reactions,
    emojiLine(report.reactions.slice(0, top), format, reactionName),
  );
  section(lines, text.reactionsReceived, karmaLines(report, text, format, top));
  section(lines, text.topReacted, reactedLines(report, text, format, reactionName));
  inlineSection(
    lines,
    text.topWords,
    report.words
      .slice(0, top)
      .map((w) => `${w.word} (${format.number(w.count)})`)
      .join(", "),
  );
  inlineSection(
    lines,
    text.topPhrases,
    report.bigrams
      .slice(0, top)
      .map((b) => `${b.words} (${format.number(b.count)})`)
      .join(", "),
  );
  section(
    lines,
    text.replies,
    report.replies.pairs
      .slice(0, 5)
      .map((pair) =>
        text.replyPair(
          pair.fromName ?? text.deletedAccount,
          pair.toName ?? text.deletedAccount,
          format.number(pair.count),
          format.duration(pair.medianDelaySeconds),
        ),
      ),
  );
  inlineSection(
    lines,
    text.messageKinds,
    Object.entries(totals.byKind)
      .map(([kind, count]) => `${text.messageKind(kind)} ${format.number(count)}`)
      .join(" · "),
  );
  inlineSection(lines, text.topDomains, countsLine(report.links.domains.slice(0, top), format));
  section(
    lines,
    text.linksBySender,
    report.links.bySender
      .slice(0, top)
      .map(
        (entry, index) =>
          `${index + 1}. ${entry.name ?? text.deletedAccount}: ${format.number(entry.count)}`,
      ),
  );
  inlineSection(lines, text.mentions, countsLine(report.mentions.slice(0, top), format));
  inlineSection(lines, text.hashtags, countsLine(report.hashtags.slice(0, top), format));
  inlineSection(
    lines,
    text.forwardSources,
    countsLine(report.forwards.sources.slice(0, top), format),
  );
  inlineSection(lines, text.viaBots, countsLine(report.forwards.viaBots.slice(0, top), format));
  const fastest = report.replies.fastest.slice(0, 5);
  if (fastest.length > 0)
    section(lines, text.fastest, [
      text.fastestNote(format.number(report.replies.fastestMinReplies)),
      ...fastest.map((responder) =>
        text.fastestLine(
          responder.name ?? text.deletedAccount,
          format.duration(responder.medianDelaySeconds),
          format.number(responder.replies),
        ),
      ),
    ]);
  section(lines, text.conversations, conversationLines(report, text, format, top));
  section(lines, text.questions, questionLines(report, text, format, top));
  section(lines, text.notes, report.notes);
  return lines.join("\n").trimEnd() + "\n";
}

/** Locale-aware numbers, dates and durations. */
class Formatter {
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;

  constructor(private readonly language: ReportLanguage) {
    this.numbers = new Intl.NumberFormat(language);
    this.percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  percent(share: number): string {
    return this.percents.format(share);
  }

  /** Two decimals, always shown: "0.40". */
  decimal2(value: number): string {
    return new Intl.NumberFormat(this.language, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(value);
  }

  /** "45 sec", "12 min", "3 hr" (and the Russian forms), rounded to the largest unit. */
  duration(seconds: number): string {
    return formatShortDuration(seconds, this.language);
  }
}

function periodText(report: ReportJson): string {
  const first = report.totals.firstDate?.slice(0, 10);
  const last = report.totals.lastDate?.slice(0, 10);
  return first === undefined || last === undefined ? "—" : `${first} — ${last}`;
}

function filterText(report: ReportJson, text: SummaryStrings): string | null {
  const { from, to, sender } = report.filters;
  const parts: string[] = [];
  if (from !== null || to !== null) parts.push(`${from ?? "…"} — ${to ?? "…"}`);
  if (sender !== null) parts.push(`${text.sender} ${sender}`);
  return parts.length === 0 ? null : parts.join(", ");
}

function senderLines(senders: SenderShare[], text: SummaryStrings, format: Formatter): string[] {
  return senders.map(
    (sender, index) =>
      `${index + 1}. ${sender.name}: ${format.number(sender.messages)} ${text.messagesUnit(sender.messages)} (${format.percent(sender.share)})`,
  );
}

/** Posts per signature, then those without one, each with its share of all posts. */
function signatureLines(
  report: ReportJson,
  text: SummaryStrings,
  format: Formatter,
  top: number,
): string[] {
  const { signatures } = report;
  if (signatures === null) return [];
  const posts = signatures.signed + signatures.unsigned;
  const line = (name: string, count: number): string =>
    `${name}: ${format.number(count)} ${text.postsUnit(count)} (${format.percent(count / posts)})`;
  const lines = signatures.bySignature
    .slice(0, top)
    .map((entry, index) => `${index + 1}. ${line(entry.signature, entry.posts)}`);
  if (signatures.unsigned > 0) lines.push(line(text.noSignature, signatures.unsigned));
  return lines;
}

function highlightLines(report: ReportJson, text: SummaryStrings, format: Formatter): string[] {
  const { busiestDay, longestStreak, longestSilence } = report.highlights;
  const hour = busiestHour(report);
  const lines: string[] = [];
  if (busiestDay !== null)
    lines.push(
      `${text.busiestDay}: ${busiestDay.date} (${format.number(busiestDay.messages)} ${text.messagesUnit(busiestDay.messages)})`,
    );
  if (hour !== null)
    lines.push(
      `${text.busiestHour}: ${hour.weekdayName} ${String(hour.hour).padStart(2, "0")}:00 (${format.number(hour.messages)} ${text.messagesUnit(hour.messages)})`,
    );
  if (longestStreak !== null)
    lines.push(
      `${text.longestStreak}: ${format.number(longestStreak.days)} ${text.daysUnit(longestStreak.days)} (${longestStreak.from} — ${longestStreak.to})`,
    );
  if (longestSilence !== null)
    lines.push(
      `${text.longestSilence}: ${format.number(longestSilence.days)} ${text.daysUnit(longestSilence.days)} (${longestSilence.from} — ${longestSilence.to})`,
    );
  return lines;
}

/** Links, forwards and edits for the totals list; each only when there are any. */
function contentTotals(report: ReportJson, text: SummaryStrings, format: Formatter): string[] {
  const lines: string[] = [];
  if (report.links.total > 0) lines.push(`${text.links}: ${format.number(report.links.total)}`);
  if (report.forwards.total > 0)
    lines.push(`${text.forwards}: ${format.number(report.forwards.total)}`);
  const { edits } = report;
  if (edits.edited > 0)
    lines.push(
      text.edits(
        format.number(edits.edited),
        format.percent(edits.share),
        edits.medianSecondsToEdit === null ? null : format.duration(edits.medianSecondsToEdit),
      ),
    );
  return lines;
}

/** "example.com (12), t.me (3)": a named count shows its name (a person's), else its key. */
function countsLine(counts: readonly NamedCount[], format: Formatter): string {
  return counts
    .map((entry) => `${entry.name ?? entry.key} (${format.number(entry.count)})`)
    .join(", ");
}

function conversationLines(
  report: ReportJson,
  text: SummaryStrings,
  format: Formatter,
  top: number,
): string[] {
  const talk = report.conversations;
  if (talk.count === 0) return [];
  const lines = [
    text.conversationsCount(format.number(talk.count), format.duration(talk.gapSeconds)),
  ];
  if (talk.medianMessages !== null && talk.medianDurationSeconds !== null)
    lines.push(
      text.conversationsMedian(
        format.number(talk.medianMessages),
        format.duration(talk.medianDurationSeconds),
      ),
    );
  if (talk.longestReplyChain > 0)
    lines.push(text.longestReplyChain(format.number(talk.longestReplyChain)));
  for (const [label, counts] of [
    [text.conversationStarters, talk.starters],
    [text.revivers, talk.revivers],
    [text.lastWords, talk.lastWords],
  ] as const)
    if (counts.length > 0)
      lines.push(`${label}: ${senderCountsText(counts, report.language, Math.min(top, 5))}`);
  return lines;
}

function questionLines(
  report: ReportJson,
  text: SummaryStrings,
  format: Formatter,
  top: number,
): string[] {
  const { questions } = report;
  if (questions.asked === 0) return [];
  const lines = [
    text.questionsAnswered(
      format.number(questions.answered),
      format.number(questions.asked),
      format.percent(questions.answered / questions.asked),
      format.duration(questions.answerWindowSeconds),
    ),
  ];
  if (questions.answerers.length > 0)
    lines.push(
      `${text.questionAnswerers}: ${senderCountsText(questions.answerers, report.language, Math.min(top, 5))}`,
    );
  const hours = questions.byHour
    .filter((hour) => hour.asked > 0)
    .map(
      (hour) =>
        `${String(hour.hour).padStart(2, "0")}:00 ${format.percent(hour.answered / hour.asked)}`,
    );
  lines.push(`${text.questionsByHour}: ${hours.join(", ")}`);
  return lines;
}

/** The period's last month, then how concentrated the writing is. */
function peopleLines(report: ReportJson, text: SummaryStrings, format: Formatter): string[] {
  const lines: string[] = [];
  const month = report.people.monthly.at(-1);
  if (month !== undefined && report.people.monthly.length > 1)
    lines.push(
      text.peopleMonth(
        month.month,
        format.number(month.active),
        format.number(month.newcomers),
        format.number(month.regulars),
        format.number(month.wentQuiet),
      ),
    );
  const concentration = report.people.concentration;
  if (concentration === null || concentration.writers < 2) return lines;
  const { top1, top10Percent, top50Percent } = concentration;
  lines.push(text.topWriter(format.percent(top1.share)));
  for (const [share, group] of [
    [0.1, top10Percent],
    [0.5, top50Percent],
  ] as const)
    if (group.writers > 1)
      lines.push(
        text.topWriters(
          format.percent(share),
          format.number(group.writers),
          format.percent(group.share),
        ),
      );
  lines.push(
    text.writersFor80(
      format.number(concentration.writersFor80Percent),
      format.number(concentration.writers),
    ),
    text.gini(format.decimal2(concentration.gini)),
  );
  return lines;
}

/** "😂 12  ❤ 7"; `name` renders a key other than by itself (reactions: custom emoji, stars). */
function emojiLine(
  counts: EmojiCount[],
  format: Formatter,
  name: (key: string) => string = (key) => key,
): string {
  return counts.map((entry) => `${name(entry.emoji)} ${format.number(entry.count)}`).join("  ");
}

/** Most reacted messages listed in summary.md. */
const REACTED_MESSAGES = 5;

/** "1. Alice: 9 reactions (1.5 per message)", most received first. */
function karmaLines(
  report: ReportJson,
  text: SummaryStrings,
  format: Formatter,
  top: number,
): string[] {
  return report.reactionsReceived.karma
    .slice(0, top)
    .map(
      (person, index) =>
        `${index + 1}. ${text.karmaLine(
          person.name ?? text.deletedAccount,
          `${format.number(person.received)} ${text.reactionsUnit(person.received)}`,
          format.number(person.perMessage),
        )}`,
    );
}

/** "1. [Alice, 2024-01-10](https://t.me/c/1/5): 12 reactions, mostly 👍"; no link where the chat has none. */
function reactedLines(
  report: ReportJson,
  text: SummaryStrings,
  format: Formatter,
  reactionName: (key: string) => string,
): string[] {
  return report.reactionsReceived.topMessages.slice(0, REACTED_MESSAGES).map((message, index) => {
    const title = text.reactedMessageTitle(
      message.senderName ?? text.deletedAccount,
      message.date.slice(0, 10),
    );
    const named =
      message.link === null ? title : `[${title.replace(/[[\]\\]/g, "\\$&")}](${message.link})`;
    const reactions = `${format.number(message.reactions)} ${text.reactionsUnit(message.reactions)}`;
    return `${index + 1}. ${text.reactedMessage(named, reactions, reactionName(message.topReaction))}`;
  });
}

/** The change against the previous period: which days, then one item per figure. */
function changeSection(lines: string[], change: PeriodChangeSummary): void {
  lines.push(`## ${change.heading}`, "", change.windows, "");
  lines.push(...change.lines.map((line) => `- ${line}`), "");
}

/** Post lists shown in summary.md: all three metrics, tops and bottoms. */
const SUMMARY_POST_METRICS = ["views", "forwards", "reactions"] as const;

/** The channel's post figures, then each top and bottom list with its posts' links. */
function channelPostSections(lines: string[], report: ReportJson, posts: number): void {
  const summary = channelPostsSummary(report, { posts, metrics: SUMMARY_POST_METRICS });
  if (summary === null) return;
  const figures = [summary.bestTime, summary.per1000Views, summary.byKind, summary.byLength];
  section(
    lines,
    summary.heading,
    figures.filter((line) => line !== null),
  );
  for (const list of summary.lists)
    section(
      lines,
      list.heading,
      list.posts.map((post, index) => {
        const date = post.link === null ? post.date : `[${post.date}](${post.link})`;
        return `${index + 1}. ${date} · ${post.kind} · ${post.count}`;
      }),
    );
}

function section(lines: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push(
    `## ${title}`,
    "",
    ...items.map((item) => (/^\d+\./.test(item) ? item : `- ${item}`)),
    "",
  );
}

function inlineSection(lines: string[], title: string, body: string): void {
  if (body === "") return;
  lines.push(`## ${title}`, "", body, "");
}
