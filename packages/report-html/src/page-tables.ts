/**
 * The page's tables, from the report's aggregates only. Names are limited to
 * the people the top-senders chart shows (`chartedSenderIds`), so the page
 * names no one the PNG album does not; a reply pair is listed only when both
 * of its people are named there. Mentions and forward sources are left out:
 * they name people who may not be in the chat at all.
 */
import { chartedSenderIds } from "@tgstats/charts";
import {
  formatShortDuration,
  reactionText,
  summaryStrings,
  type NamedCount,
  type ReportJson,
  type SenderCount,
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

/** What every table builder shares: the texts, the formats and who may be named. */
interface TableContext {
  report: ReportJson;
  summary: ReturnType<typeof summaryStrings>;
  texts: ReturnType<typeof pageTexts>;
  format: CellFormat;
  named: ReadonlySet<string>;
  nameOf: (name: string | null) => PageCell;
}

const column = (title: string, numeric = true) => ({ title, numeric });

/**
 * The tables of the page, in order: people, words, phrases, emoji, stickers,
 * reactions, replies, talk (conversations, questions), sharing (sites,
 * links per person, hashtags, inline bots), members; empty tables are left out.
 */
export function pageTables(report: ReportJson): PageTable[] {
  const summary = summaryStrings(report.language);
  const format = new CellFormat(report.language);
  const context: TableContext = {
    report,
    summary,
    texts: pageTexts(report.language),
    format,
    named: chartedSenderIds(report),
    nameOf: (name) => format.label(name ?? summary.deletedAccount),
  };
  const tables = [
    peopleTable(context),
    ...termTables(context),
    repliesTable(context),
    ...talkTables(context),
    ...sharingTables(context),
    ...memberTables(context),
  ];
  return tables.filter((table) => table.rows.length > 0);
}

function peopleTable({ report, summary, texts, format, named, nameOf }: TableContext): PageTable {
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
  return {
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
  };
}

/** A two-column table: a label and its count. */
function countedTable(
  { format, texts }: TableContext,
  id: string,
  title: string,
  label: string,
  rows: [string, number][],
): PageTable {
  return {
    id,
    title,
    columns: [column(label, false), column(texts.count)],
    rows: rows.map(([text, count]) => [format.label(text), format.count(count)]),
  };
}

function termTables(context: TableContext): PageTable[] {
  const { report, summary, texts } = context;
  const emoji = (entries: { emoji: string; count: number }[]): [string, number][] =>
    entries.map((entry) => [entry.emoji, entry.count]);
  return [
    countedTable(
      context,
      "words",
      summary.topWords,
      texts.word,
      report.words.map((entry) => [entry.word, entry.count]),
    ),
    countedTable(
      context,
      "phrases",
      summary.topPhrases,
      texts.phrase,
      report.bigrams.map((entry) => [entry.words, entry.count]),
    ),
    countedTable(context, "emoji", summary.emojis, texts.emoji, emoji(report.emojis)),
    countedTable(context, "stickers", summary.stickers, texts.emoji, emoji(report.stickers)),
    countedTable(
      context,
      "reactions",
      summary.reactions,
      texts.emoji,
      // Named as the summaries name them: "⭐ Stars", "👍 (custom)", not paid and custom:5368….
      report.reactions.map((entry) => [
        reactionText(entry.emoji, report.language, report.customEmoji),
        entry.count,
      ]),
    ),
  ];
}

function repliesTable({ report, summary, texts, format, named, nameOf }: TableContext): PageTable {
  return {
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
  };
}

/** People with a count, only those the album names. */
function peopleCountTable(
  context: TableContext,
  id: string,
  title: string,
  people: SenderCount[],
): PageTable {
  const { format, texts, named, nameOf } = context;
  return {
    id,
    title,
    columns: [column(texts.name, false), column(texts.count)],
    rows: people
      .filter((person) => named.has(person.id))
      .map((person) => [nameOf(person.name), format.count(person.count)]),
  };
}

function talkTables(context: TableContext): PageTable[] {
  const { conversations, questions } = context.report;
  const { summary } = context;
  return [
    peopleCountTable(
      context,
      "conversation-starters",
      summary.conversationStarters,
      conversations.starters,
    ),
    peopleCountTable(context, "revivers", summary.revivers, conversations.revivers),
    peopleCountTable(context, "last-words", summary.lastWords, conversations.lastWords),
    peopleCountTable(context, "question-answerers", summary.questionAnswerers, questions.answerers),
  ];
}

function sharingTables(context: TableContext): PageTable[] {
  const { report, summary, texts } = context;
  const counts = (entries: NamedCount[]): [string, number][] =>
    entries.map((entry) => [entry.key, entry.count]);
  return [
    countedTable(context, "sites", summary.topDomains, texts.site, counts(report.links.domains)),
    peopleCountTable(
      context,
      "links-by-sender",
      summary.linksBySender,
      report.links.bySender.map((entry) => ({
        id: entry.key,
        name: entry.name,
        count: entry.count,
      })),
    ),
    countedTable(context, "hashtags", summary.hashtags, texts.hashtag, counts(report.hashtags)),
    countedTable(
      context,
      "inline-bots",
      summary.viaBots,
      texts.bot,
      counts(report.forwards.viaBots),
    ),
  ];
}

function memberTables({
  report,
  summary,
  texts,
  format,
  named,
  nameOf,
}: TableContext): PageTable[] {
  const members = report.members;
  if (members === null) return [];
  return [
    {
      id: "members",
      title: summary.members,
      columns: [
        column(texts.month, false),
        column(texts.joins),
        column(texts.leaves),
        column(texts.net),
      ],
      rows: Object.entries(members.monthly).map(([month, flow]) => [
        format.label(month),
        format.count(flow.joins),
        format.count(flow.leaves),
        format.count(flow.net),
      ]),
    },
    {
      id: "inviters",
      title: summary.topInviters,
      columns: [column(texts.name, false), column(texts.added), column(texts.byLink)],
      rows: members.topInviters
        .filter((inviter) => inviter.id !== null && named.has(inviter.id))
        .map((inviter) => [
          nameOf(inviter.name),
          format.count(inviter.added),
          format.count(inviter.byLink),
        ]),
    },
    {
      id: "titles",
      title: summary.titles,
      columns: [column(texts.date, false), column(texts.chatTitle, false)],
      rows: members.titles.map((entry) => [format.label(entry.date), format.label(entry.title)]),
    },
  ];
}
