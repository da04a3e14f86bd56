/**
 * The page's tables, from the report's aggregates only. Names are limited to
 * the people the top-senders chart shows (`chartedSenderIds`), so the page
 * names no one the PNG album does not; a reply pair is listed only when both
 * of its people are named there.
 */
import { chartedSenderIds } from "@tgstats/charts";
import {
  formatShortDuration,
  reactionText,
  summaryStrings,
  type ReportJson,
  type SenderStats,
} from "@tgstats/engine";
import type { PageCell, PageTable } from "./page-data.js";
import { pageTexts } from "./page-texts.js";

/** Formats numbers, shares and durations in the report's language. */
class CellFormat {
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;

  constructor(private readonly language: ReportJson["language"]) {
    this.numbers = new Intl.NumberFormat(language);
    this.percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  }

  count(value: number): PageCell {
    return { text: this.numbers.format(value), sort: value };
  }

  share(value: number): PageCell {
    return { text: this.percents.format(value), sort: value };
  }

  label(text: string): PageCell {
    return { text, sort: text };
  }

  /** "45 sec", "12 min", "3 hr": as the summaries write it. */
  duration(seconds: number): PageCell {
    return { text: formatShortDuration(seconds, this.language), sort: seconds };
  }
}

/** The tables of the page, in order: people, words, phrases, emoji, stickers, reactions, replies. */
export function pageTables(report: ReportJson): PageTable[] {
  const summary = summaryStrings(report.language);
  const texts = pageTexts(report.language);
  const format = new CellFormat(report.language);
  const named = chartedSenderIds(report);
  const nameOf = (name: string | null) => format.label(name ?? summary.deletedAccount);
  const column = (title: string, numeric = true) => ({ title, numeric });
  const senders = [...report.senders, ...report.channelSenders]
    .filter((sender) => named.has(sender.id))
    .sort((a, b) => b.messages - a.messages);
  const senderRow = (sender: SenderStats): PageCell[] => [
    nameOf(sender.name),
    format.count(sender.messages),
    format.share(report.totals.messages === 0 ? 0 : sender.messages / report.totals.messages),
    format.count(sender.words),
    format.count(sender.characters),
    format.count(sender.media),
    format.count(sender.stickers),
    format.count(sender.repliesGiven),
    format.count(sender.repliesReceived),
  ];
  const counted = (id: string, title: string, label: string, rows: [string, number][]) => ({
    id,
    title,
    columns: [column(label, false), column(texts.count)],
    rows: rows.map(([text, count]) => [format.label(text), format.count(count)]),
  });
  const tables: PageTable[] = [
    {
      id: "people",
      title: summary.topSenders,
      columns: [
        column(texts.name, false),
        column(texts.messages),
        column(texts.share),
        column(texts.words),
        column(texts.characters),
        column(texts.media),
        column(texts.stickers),
        column(texts.repliesGiven),
        column(texts.repliesReceived),
      ],
      rows: senders.map(senderRow),
    },
    counted(
      "words",
      summary.topWords,
      texts.word,
      report.words.map((entry) => [entry.word, entry.count]),
    ),
    counted(
      "phrases",
      summary.topPhrases,
      texts.phrase,
      report.bigrams.map((entry) => [entry.words, entry.count]),
    ),
    counted(
      "emoji",
      summary.emojis,
      texts.emoji,
      report.emojis.map((entry) => [entry.emoji, entry.count]),
    ),
    counted(
      "stickers",
      summary.stickers,
      texts.emoji,
      report.stickers.map((entry) => [entry.emoji, entry.count]),
    ),
    counted(
      "reactions",
      summary.reactions,
      texts.emoji,
      // Named as the summaries name them: "⭐ Stars", "👍 (custom)", not paid and custom:5368….
      report.reactions.map((entry) => [
        reactionText(entry.emoji, report.language, report.customEmoji),
        entry.count,
      ]),
    ),
    {
      id: "replies",
      title: summary.replies,
      columns: [
        column(texts.from, false),
        column(texts.to, false),
        column(texts.count),
        column(texts.medianDelay),
      ],
      rows: report.replies.pairs
        .filter((pair) => named.has(pair.from) && named.has(pair.to))
        .map((pair) => [
          nameOf(pair.fromName),
          nameOf(pair.toName),
          format.count(pair.count),
          format.duration(pair.medianDelaySeconds),
        ]),
    },
  ];
  return tables.filter((table) => table.rows.length > 0);
}
