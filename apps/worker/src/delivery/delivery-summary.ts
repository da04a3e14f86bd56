import {
  busiestHour,
  channelPostsSummary,
  formatShortDuration,
  memberCardText,
  memberListLines,
  memberSummary,
  periodChangeSummary,
  reactionText,
  telegramStatsHeading,
  telegramStatsLines,
  type MemberCard,
  topSenderShares,
  type NamedCount,
  type ReportJson,
} from "@tgstats/engine";
import { formatLocalDate, formatPeriod, truncateLabel } from "@tgstats/charts/format";
import { deliveryTexts, pluralForm } from "./delivery-texts.js";

/** Longest name shown in the summary; keeps the message far below Telegram's 4096 characters. */
const MAX_NAME_CHARS = 64;
/** Senders listed in the summary. */
const TOP_SENDERS = 3;
/** Sites and hashtags listed in the summary. */
const TOP_SHARED = 3;
/** Longest site or hashtag shown: hosts and tags are short, and six of them share a line pair. */
const MAX_KEY_CHARS = 32;
/** Inviters listed in the summary. */
const TOP_INVITERS = 3;
/** Most and least viewed channel posts listed in the summary. */
const TOP_POSTS = 3;
/** People by reactions received, and most reacted messages, listed in the summary. */
const TOP_REACTED = 3;
/** Longest name in the reaction lines: six more names must keep the summary short. */
const MAX_REACTION_NAME_CHARS = 24;

/**
 * The text summary sent after the charts: totals and their change against
 * the previous period, top 3 senders, busiest day
 * and hour, the 3 fastest responders, conversations and questions answered,
 * a channel's best time to post with its 3 most and least viewed posts,
 * joins and leaves with the top 3 inviters, links with the top 3 sites, top 3
 * hashtags, forwards and edits, the 3 people with the most reactions received
 * and links to the 3 most reacted messages, period and zone, in the report's
 * language; with a member card (a sender filter), the card instead. HTML
 * parse mode, every name escaped; under 3,500 characters whatever the names,
 * sites and hashtags.
 *
 * @example await api.sendMessage(chatId, formatDeliverySummary(report), { parse_mode: "HTML" });
 */
export function formatDeliverySummary(report: ReportJson): string {
  const language = report.language;
  const texts = deliveryTexts(language);
  const numbers = new Intl.NumberFormat(texts.locale);
  const count = (value: number): string => numbers.format(value);
  const lines = [`<b>${escapeHtml(texts.title(chatName(report)))}</b>`, periodLine(report)];
  if (report.card !== null) return [...lines, "", ...cardLines(report, report.card)].join("\n");
  if (report.filters.sender !== null)
    lines.push(`${texts.sender}: ${escapeHtml(shortName(report.filters.sender))}`);
  lines.push("");
  const { totals } = report;
  const change = changeLines(report);
  if (totals.messages === 0) {
    lines.push(texts.noMessages);
    if (change.length > 0) lines.push("", ...change);
    // Telegram's own figures do not depend on the history read: a quiet period still has them.
    lines.push(...telegramStatsSection(report));
    return lines.join("\n");
  }
  lines.push(
    `${texts.messages}: <b>${count(totals.messages)}</b>`,
    `${texts.people}: ${count(totals.people)}`,
    `${texts.words}: ${count(totals.words)}`,
    `${texts.activeDays}: ${count(totals.activeDays)}`,
  );
  if (change.length > 0) lines.push("", ...change);
  const top = topSenderShares(report, TOP_SENDERS);
  if (top.length > 0) {
    const percent = new Intl.NumberFormat(texts.locale, {
      style: "percent",
      maximumFractionDigits: 0,
    });
    lines.push("", `<b>${texts.topSenders}</b>`);
    for (const [index, sender] of top.entries())
      lines.push(
        `${index + 1}. ${escapeHtml(shortName(sender.name))} — ` +
          `${count(sender.messages)} (${percent.format(sender.share)})`,
      );
  }
  const people = peopleLines(report);
  if (people.length > 0) lines.push("", ...people);
  const highlights = highlightLines(report);
  if (highlights.length > 0) lines.push("", ...highlights);
  const posts = channelPostLines(report);
  if (posts.length > 0) lines.push("", ...posts);
  const talk = talkLines(report);
  if (talk.length > 0) lines.push("", ...talk);
  const shared = sharedLines(report);
  if (shared.length > 0) lines.push("", ...shared);
  const reactions = reactionLines(report);
  if (reactions.length > 0) lines.push("", ...reactions);
  const members = memberSummary(report, { inviters: TOP_INVITERS, titles: 0 });
  if (members !== null && members.flow.length > 0) {
    lines.push("", `<b>${escapeHtml(texts.members)}</b>`, ...members.flow.map(escapeHtml));
    if (members.inviters.length > 0)
      lines.push(
        `${escapeHtml(texts.topInviters)}: ` +
          members.inviters.map((line) => escapeHtml(shortName(line))).join("; "),
      );
  }
  const memberList = memberListLines(report);
  if (memberList.length > 0)
    lines.push("", `<b>${escapeHtml(texts.memberList)}</b>`, ...memberList.map(escapeHtml));
  lines.push(...telegramStatsSection(report));
  return lines.join("\n");
}

/** Telegram's own statistics under their heading, after a blank line; empty without them. */
function telegramStatsSection(report: ReportJson): string[] {
  const lines = telegramStatsLines(report);
  if (lines.length === 0) return [];
  return [
    "",
    `<b>${escapeHtml(telegramStatsHeading(report.language))}</b>`,
    ...lines.map(escapeHtml),
  ];
}

/** The headline figures against the previous period (or the last 30 days against the 30 before). */
function changeLines(report: ReportJson): string[] {
  const change = periodChangeSummary(report, (day) =>
    formatLocalDate(day, report.language, { day: "numeric", month: "short", year: "numeric" }),
  );
  if (change === null) return [];
  return [
    `<b>${escapeHtml(change.heading)}</b>`,
    escapeHtml(change.windows),
    ...change.lines.map(escapeHtml),
  ];
}

/**
 * The member card instead of the filtered summary (`/me`, `/stats @user`):
 * names and words cut short first, so the card stays far below Telegram's
 * 4096 characters whatever they are.
 */
function cardLines(report: ReportJson, card: MemberCard): string[] {
  const short: MemberCard = {
    ...card,
    name: card.name === null ? null : shortName(card.name),
    words: card.words.map((entry) => ({
      ...entry,
      word: truncateLabel(entry.word, MAX_KEY_CHARS),
    })),
    answersMost: card.answersMost.map((p) => ({ ...p, name: p.name && shortName(p.name) })),
    answeredMostBy: card.answeredMostBy.map((p) => ({ ...p, name: p.name && shortName(p.name) })),
  };
  const fallback = shortName(report.filters.sender ?? "");
  const text = memberCardText(short, report.language, fallback);
  return [`<b>${escapeHtml(text.title)}</b>`, ...text.lines.map(escapeHtml)];
}

/**
 * A channel's best time to post, reactions and forwards per 1,000 views, and
 * its 3 most and least viewed posts, each dated and linked.
 */
function channelPostLines(report: ReportJson): string[] {
  const summary = channelPostsSummary(report, { posts: TOP_POSTS, metrics: ["views"] });
  if (summary === null) return [];
  const lines = [`<b>${escapeHtml(summary.heading)}</b>`];
  if (summary.bestTime !== null) lines.push(escapeHtml(summary.bestTime));
  lines.push(escapeHtml(summary.per1000Views));
  for (const list of summary.lists) {
    lines.push(`${escapeHtml(list.heading)}:`);
    for (const [index, post] of list.posts.entries()) {
      const date = formatLocalDate(post.date, report.language, {
        day: "numeric",
        month: "short",
        year: "numeric",
      });
      const dated =
        post.link === null
          ? escapeHtml(date)
          : `<a href="${escapeHtml(post.link).replaceAll('"', "&quot;")}">${escapeHtml(date)}</a>`;
      lines.push(`${index + 1}. ${dated} — ${escapeHtml(post.count)}`);
    }
  }
  return lines;
}

/** Fastest responders (top 3), conversations and the questions answered. */
function talkLines(report: ReportJson): string[] {
  const { language } = report;
  const texts = deliveryTexts(language);
  const numbers = new Intl.NumberFormat(texts.locale);
  const lines: string[] = [];
  const fastest = report.replies.fastest.slice(0, TOP_SENDERS);
  if (fastest.length > 0) {
    lines.push(`<b>${texts.fastest}</b>`);
    for (const [index, responder] of fastest.entries())
      lines.push(
        `${index + 1}. ` +
          texts.fastestLine(
            escapeHtml(shortName(responder.name ?? texts.deletedAccount)),
            formatShortDuration(responder.medianDelaySeconds, language),
            numbers.format(responder.replies),
          ),
      );
  }
  const { conversations, questions } = report;
  if (conversations.count > 0)
    lines.push(
      texts.conversationsCount(
        numbers.format(conversations.count),
        formatShortDuration(conversations.gapSeconds, language),
      ),
    );
  if (questions.asked > 0) {
    const percent = new Intl.NumberFormat(texts.locale, {
      style: "percent",
      maximumFractionDigits: 0,
    });
    lines.push(
      texts.questionsAnswered(
        numbers.format(questions.answered),
        numbers.format(questions.asked),
        percent.format(questions.answered / questions.asked),
        formatShortDuration(questions.answerWindowSeconds, language),
      ),
    );
  }
  return lines;
}

/** Links (with the top sites), hashtags, forwards and edits; each only when there are any. */
function sharedLines(report: ReportJson): string[] {
  const texts = deliveryTexts(report.language);
  const numbers = new Intl.NumberFormat(texts.locale);
  const top = (counts: readonly NamedCount[]): string =>
    counts
      .slice(0, TOP_SHARED)
      .map((entry) => escapeHtml(truncateLabel(entry.key, MAX_KEY_CHARS)))
      .join(", ");
  const lines: string[] = [];
  const { links, hashtags, forwards, edits } = report;
  if (links.total > 0)
    lines.push(`${texts.links}: ${numbers.format(links.total)} — ${top(links.domains)}`);
  if (hashtags.length > 0) lines.push(`${texts.hashtags}: ${top(hashtags)}`);
  if (forwards.total > 0) lines.push(`${texts.forwards}: ${numbers.format(forwards.total)}`);
  if (edits.edited > 0) {
    const percent = new Intl.NumberFormat(texts.locale, {
      style: "percent",
      maximumFractionDigits: 0,
    });
    const median = edits.medianSecondsToEdit;
    lines.push(
      texts.edits(
        numbers.format(edits.edited),
        percent.format(edits.share),
        median === null ? null : formatShortDuration(median, report.language),
      ),
    );
  }
  return lines;
}

/** Top 3 people by reactions received, then the 3 most reacted messages, linked where the chat has links. */
function reactionLines(report: ReportJson): string[] {
  const { language } = report;
  const texts = deliveryTexts(language);
  const numbers = new Intl.NumberFormat(texts.locale);
  const reactions = (count: number): string =>
    `${numbers.format(count)} ${texts.reactionsUnit(count)}`;
  const name = (value: string | null): string =>
    escapeHtml(
      truncateLabel(
        (value ?? texts.deletedAccount).replace(/\s+/g, " ").trim(),
        MAX_REACTION_NAME_CHARS,
      ),
    );
  const { karma, topMessages } = report.reactionsReceived;
  const lines: string[] = [];
  if (karma.length > 0) lines.push(`<b>${texts.reactionsReceived}</b>`);
  for (const [index, person] of karma.slice(0, TOP_REACTED).entries())
    lines.push(
      `${index + 1}. ` +
        texts.karmaLine(
          name(person.name),
          reactions(person.received),
          numbers.format(person.perMessage),
        ),
    );
  if (topMessages.length > 0) lines.push(`<b>${texts.topReacted}</b>`);
  for (const [index, message] of topMessages.slice(0, TOP_REACTED).entries()) {
    const date = formatLocalDate(message.date.slice(0, 10), language, {
      day: "numeric",
      month: "short",
      year: "numeric",
    });
    const title = texts.reactedMessageTitle(name(message.senderName), date);
    const linked =
      message.link === null
        ? title
        : `<a href="${escapeHtml(message.link).replaceAll('"', "&quot;")}">${title}</a>`;
    const top = escapeHtml(reactionText(message.topReaction, language, report.customEmoji));
    lines.push(`${index + 1}. ${texts.reactedMessage(linked, reactions(message.reactions), top)}`);
  }
  return lines;
}

/** The period's last month's active people and how many people wrote 80 % of the messages. */
function peopleLines(report: ReportJson): string[] {
  const texts = deliveryTexts(report.language);
  const numbers = new Intl.NumberFormat(texts.locale);
  const lines: string[] = [];
  const { monthly, concentration } = report.people;
  const month = monthly.at(-1);
  if (month !== undefined && monthly.length > 1) {
    const name = formatLocalDate(`${month.month}-01`, report.language, {
      month: "long",
      year: "numeric",
    });
    lines.push(
      texts.peopleMonth(name, numbers.format(month.active), numbers.format(month.newcomers)),
    );
  }
  if (concentration !== null && concentration.writers >= 2)
    lines.push(
      texts.writersFor80(
        numbers.format(concentration.writersFor80Percent),
        numbers.format(concentration.writers),
      ),
    );
  return lines;
}

function highlightLines(report: ReportJson): string[] {
  const { language } = report;
  const texts = deliveryTexts(language);
  const numbers = new Intl.NumberFormat(texts.locale);
  const messages = (value: number): string =>
    `${numbers.format(value)} ${pluralForm(value, language, texts.messagesUnit)}`;
  const { busiestDay } = report.highlights;
  const hour = busiestHour(report);
  const lines: string[] = [];
  if (busiestDay !== null) {
    const date = formatLocalDate(busiestDay.date, language, {
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    lines.push(`${texts.busiestDay}: ${date} (${messages(busiestDay.messages)})`);
  }
  if (hour !== null) {
    const from = `${String(hour.hour).padStart(2, "0")}:00`;
    const to = `${String((hour.hour + 1) % 24).padStart(2, "0")}:00`;
    lines.push(
      `${texts.busiestHour}: ${hour.weekdayName}, ${from}–${to} (${messages(hour.messages)})`,
    );
  }
  return lines;
}

/** "Period: Mar 1 – Dec 31, 2024 (time zone Europe/Moscow)". */
function periodLine(report: ReportJson): string {
  const texts = deliveryTexts(report.language);
  const period = formatPeriod(report.totals.firstDate, report.totals.lastDate, report.language);
  return `${texts.period}: ${period ?? "—"} (${texts.timeZone} ${escapeHtml(report.timezone)})`;
}

/** The chat's name, shortened; "Untitled chat" when it has none. */
export function chatName(report: ReportJson): string {
  return shortName(report.chat.name ?? deliveryTexts(report.language).untitledChat);
}

function shortName(name: string): string {
  return truncateLabel(name.replace(/\s+/g, " ").trim(), MAX_NAME_CHARS);
}

/**
 * Escapes text for Telegram's HTML parse mode (`&`, `<`, `>`; quotes only matter in attributes).
 *
 * @example escapeHtml("<b>&") // "&lt;b&gt;&amp;"
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
