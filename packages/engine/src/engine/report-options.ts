import { isoToDayIndex, ZoneClock } from "../time/zone-clock.js";
import type { TermCounterOptions } from "./text/index.js";

/** What a report covers and how it is computed. */
export interface ReportOptions {
  /** IANA zone for every date and time-of-day figure. */
  timeZone: string;
  /** First local day included, `YYYY-MM-DD`. */
  fromDate?: string | null;
  /** Last local day included, `YYYY-MM-DD`. */
  toDate?: string | null;
  /** Only this sender: a key such as `user123`, or a display name (case-insensitive). */
  sender?: string | null;
  /** How far back replies are followed, in message ids. */
  replyWindowIds?: number;
  /** Sizes of the word and phrase sketches. */
  termCounter?: Partial<TermCounterOptions>;
}

/** A wrong report option, with a message that says what to give instead. */
export class ReportOptionsError extends Error {
  constructor(
    message: string,
    readonly option: "timeZone" | "fromDate" | "toDate" | "sender",
  ) {
    super(message);
    this.name = "ReportOptionsError";
  }
}

/** Options checked and turned into what the fold needs. */
export interface ResolvedReportOptions {
  clock: ZoneClock;
  fromDay: number | null;
  toDay: number | null;
  fromDate: string | null;
  toDate: string | null;
  sender: string | null;
  replyWindowIds: number | undefined;
  termCounter: Partial<TermCounterOptions> | undefined;
}

/**
 * Validates report options: a known zone, real calendar dates, a range that
 * does not end before it starts. Throws {@link ReportOptionsError}.
 */
export function resolveReportOptions(options: ReportOptions): ResolvedReportOptions {
  let clock: ZoneClock;
  try {
    clock = new ZoneClock(options.timeZone);
  } catch (error) {
    throw new ReportOptionsError((error as Error).message, "timeZone");
  }
  const fromDate = options.fromDate ?? null;
  const toDate = options.toDate ?? null;
  const fromDay = parseDay(fromDate, "fromDate");
  const toDay = parseDay(toDate, "toDate");
  if (fromDay !== null && toDay !== null && toDay < fromDay)
    throw new ReportOptionsError(
      `The date range ends (${toDate ?? ""}) before it starts (${fromDate ?? ""}); swap the two dates.`,
      "toDate",
    );
  return {
    clock,
    fromDay,
    toDay,
    fromDate,
    toDate,
    sender: options.sender ?? null,
    replyWindowIds: options.replyWindowIds,
    termCounter: options.termCounter,
  };
}

function parseDay(date: string | null, option: "fromDate" | "toDate"): number | null {
  if (date === null) return null;
  const day = isoToDayIndex(date);
  if (day === null)
    throw new ReportOptionsError(
      `"${date}" is not a date; write it as YYYY-MM-DD, e.g. 2024-03-31.`,
      option,
    );
  return day;
}
