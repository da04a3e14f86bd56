/**
 * The lines both summaries show of Telegram's own statistics (`telegramStats`
 * of a report), when the reader account was shown them.
 */
import type { ReportJson } from "../engine/report-json.js";
import type { TelegramShareJson, TelegramStatsValue } from "../engine/telegram-stats.js";
import { textsPerLanguage } from "../i18n/fluent-texts.js";
import { sharedTexts } from "../i18n/shared-texts.js";
import type { ReportLanguage } from "./summary-strings.js";

/** Parts of a breakdown line: the most the summaries name. */
export const TELEGRAM_STATS_PARTS = 5;

/** The texts of the section, one table per language. */
interface TelegramStatsStrings {
  heading: string;
  period: (from: string, to: string) => string;
  figure: (name: string, value: string, previous: string) => string;
  growth: (name: string, first: string, from: string, last: string, to: string) => string;
  breakdown: (label: string, parts: string) => string;
  notifications: (enabled: string, total: string, share: string, mute: string) => string;
  names: Record<
    | "members"
    | "messages"
    | "viewers"
    | "posters"
    | "followers"
    | "viewsPerPost"
    | "sharesPerPost"
    | "reactionsPerPost"
    | "newMembersBySource"
    | "newFollowersBySource"
    | "languages"
    | "viewsBySource",
    string
  >;
}

const telegramStatsStrings = textsPerLanguage((language): TelegramStatsStrings => {
  const fluent = sharedTexts(language);
  const period = fluent.format("summary-tg-period");
  const figure = fluent.format("summary-tg-figure");
  const growth = fluent.format("summary-tg-growth");
  const breakdown = fluent.format("summary-tg-breakdown");
  const notifications = fluent.format("summary-tg-notifications");
  return {
    heading: fluent.text("summary-tg-stats"),
    period: (from, to) => period({ from, to }),
    figure: (name, value, previous) => figure({ name, value, previous }),
    growth: (name, first, from, last, to) => growth({ name, first, from, last, to }),
    breakdown: (label, parts) => breakdown({ label, parts }),
    notifications: (enabled, total, share, mute) => notifications({ enabled, total, share, mute }),
    names: {
      members: fluent.text("summary-tg-members"),
      messages: fluent.text("summary-tg-messages"),
      viewers: fluent.text("summary-tg-viewers"),
      posters: fluent.text("summary-tg-posters"),
      followers: fluent.text("summary-tg-followers"),
      viewsPerPost: fluent.text("summary-tg-views-per-post"),
      sharesPerPost: fluent.text("summary-tg-shares-per-post"),
      reactionsPerPost: fluent.text("summary-tg-reactions-per-post"),
      newMembersBySource: fluent.text("summary-tg-new-members-by-source"),
      newFollowersBySource: fluent.text("summary-tg-new-followers-by-source"),
      languages: fluent.text("summary-tg-languages"),
      viewsBySource: fluent.text("summary-tg-views-by-source"),
    },
  };
});

/** The heading of the section in a language. */
export function telegramStatsHeading(language: ReportLanguage): string {
  return telegramStatsStrings(language).heading;
}

/**
 * Plain text lines of Telegram's own statistics in the report's language:
 * its period, the headline figures against the previous period, growth from
 * the first to the last day, sources and languages (at most
 * {@link TELEGRAM_STATS_PARTS} each), a channel's notification figures.
 * Empty when the report has none.
 *
 * @example telegramStatsLines(report)[1] // "Members: 1,200 (previous period: 1,100)"
 */
export function telegramStatsLines(report: ReportJson): string[] {
  const stats = report.telegramStats;
  if (stats === null) return [];
  const text = telegramStatsStrings(report.language);
  const numbers = new Intl.NumberFormat(report.language, { maximumFractionDigits: 2 });
  const percents = new Intl.NumberFormat(report.language, {
    style: "percent",
    maximumFractionDigits: 1,
  });
  const figure = (name: string, value: TelegramStatsValue): string =>
    text.figure(name, numbers.format(value.current), numbers.format(value.previous));
  const breakdown = (
    label: string,
    parts: readonly TelegramShareJson[],
    withTotals: boolean,
  ): string[] => {
    if (parts.length === 0) return [];
    const listed = parts
      .slice(0, TELEGRAM_STATS_PARTS)
      .map((part) =>
        withTotals
          ? `${part.name} ${numbers.format(part.total)} (${percents.format(part.share)})`
          : `${part.name} ${percents.format(part.share)}`,
      );
    return [text.breakdown(label, listed.join(", "))];
  };
  const { names } = text;
  const lines = [text.period(stats.period.from, stats.period.to)];
  const growthName = stats.kind === "supergroup" ? names.members : names.followers;
  if (stats.kind === "supergroup")
    lines.push(
      figure(names.members, stats.members),
      figure(names.messages, stats.messages),
      figure(names.viewers, stats.viewers),
      figure(names.posters, stats.posters),
    );
  else
    lines.push(
      figure(names.followers, stats.followers),
      figure(names.viewsPerPost, stats.viewsPerPost),
      figure(names.sharesPerPost, stats.sharesPerPost),
      figure(names.reactionsPerPost, stats.reactionsPerPost),
    );
  const { growth } = stats;
  if (growth !== null)
    lines.push(
      text.growth(
        growthName,
        numbers.format(growth.values[0] ?? 0),
        growth.dates[0] ?? "",
        numbers.format(growth.values.at(-1) ?? 0),
        growth.dates.at(-1) ?? "",
      ),
    );
  lines.push(
    ...breakdown(
      stats.kind === "supergroup" ? names.newMembersBySource : names.newFollowersBySource,
      stats.newBySource,
      true,
    ),
    ...breakdown(names.languages, stats.languages, false),
  );
  if (stats.kind === "channel") {
    lines.push(...breakdown(names.viewsBySource, stats.viewsBySource, true));
    const { notifications } = stats;
    if (notifications !== null)
      lines.push(
        text.notifications(
          numbers.format(notifications.enabled),
          numbers.format(notifications.total),
          percents.format(notifications.enabledShare),
          percents.format(notifications.muteRate),
        ),
      );
  }
  return lines;
}
