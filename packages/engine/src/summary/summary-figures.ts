/**
 * What a report's summaries show, picked once: summary.md (./summary-markdown.ts)
 * and the summary the worker sends after the charts render the same figures,
 * each in its own form (Markdown, Telegram HTML).
 */
import type { ReportJson, SenderStats } from "../engine/report-json.js";
import { summaryStrings } from "./summary-strings.js";

/** A sender in a summary's list, with their share of all the period's messages. */
export interface SenderShare {
  /** The sender's name, or the "deleted account" text of the report's language. */
  name: string;
  messages: number;
  /** Fraction of all messages, 0 to 1 (0 when the period has none). */
  share: number;
}

/** The busiest hour of the week, its weekday named in the report's language. */
export interface BusiestHour {
  weekdayName: string;
  /** Local hour the busiest hour starts at, 0–23. */
  hour: number;
  messages: number;
}

/**
 * The senders of a list with their shares of `totalMessages`, names filled in.
 *
 * @example senderShares(report.senders.slice(0, 3), report.totals.messages, "en")
 */
export function senderShares(
  senders: readonly SenderStats[],
  totalMessages: number,
  language: ReportJson["language"],
): SenderShare[] {
  const { deletedAccount } = summaryStrings(language);
  return senders.map((sender) => ({
    name: sender.name ?? deletedAccount,
    messages: sender.messages,
    share: totalMessages === 0 ? 0 : sender.messages / totalMessages,
  }));
}

/** The `count` senders with the most messages, with their shares. */
export function topSenderShares(report: ReportJson, count: number): SenderShare[] {
  return senderShares(report.senders.slice(0, count), report.totals.messages, report.language);
}

/** The report's busiest hour of the week with its weekday's name; null without messages. */
export function busiestHour(report: ReportJson): BusiestHour | null {
  const busiest = report.highlights.busiestHour;
  if (busiest === null) return null;
  const weekdayName = summaryStrings(report.language).weekdays[busiest.weekday] ?? "";
  return { weekdayName, hour: busiest.hour, messages: busiest.messages };
}

/**
 * A duration as both summaries write it: "45 sec", "12 min", "3 hr", "2 days"
 * (and the Russian forms), rounded to the largest unit.
 *
 * @example formatShortDuration(90, "en") // "2 min"
 */
export function formatShortDuration(seconds: number, language: ReportJson["language"]): string {
  const [value, unit] =
    seconds < 60
      ? [seconds, "second"]
      : seconds < 3600
        ? [seconds / 60, "minute"]
        : seconds < 86_400
          ? [seconds / 3600, "hour"]
          : [seconds / 86_400, "day"];
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: 0,
  }).format(Math.round(value));
}

/** A list of people with counts: "Alice (12), Bob (7)"; deleted accounts named in the report's language. */
export function senderCountsText(
  counts: readonly { name: string | null; count: number }[],
  language: ReportJson["language"],
  limit: number,
): string {
  const { deletedAccount } = summaryStrings(language);
  const numbers = new Intl.NumberFormat(language);
  return counts
    .slice(0, limit)
    .map((entry) => `${entry.name ?? deletedAccount} (${numbers.format(entry.count)})`)
    .join(", ");
}
