import type { ZoneClock } from "../time/zone-clock.js";

/** Calendar fields of a `YYYY-MM-DDTHH:MM:SS` string (tdesktop's `Qt::ISODate`, no offset). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Parses tdesktop's local `date`; null when it is not that shape. Done by hand
 * because `Date.parse` would read it in the process's own zone, and a regex
 * costs more than these few char codes on a hot path.
 *
 * @example parseLocalDateTime("2023-06-12T12:58:14") // { year: 2023, month: 6, day: 12, hour: 12, minute: 58, second: 14 }
 */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  if (text.length < 19) return null;
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a
  )
    return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return null;
  return { year, month, day, hour, minute, second };
}

/** Unix seconds of a local `date` string read in `clock`'s zone; null when it does not parse. */
export function localDateToUnix(text: string, clock: ZoneClock): number | null {
  const t = parseLocalDateTime(text);
  if (t === null) return null;
  return clock.localToUnix(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/** The year of a local `date` string, or -1 when it has none. */
export function localDateYear(text: string): number {
  return text.length >= 4 ? digits(text, 0, 4) : -1;
}

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
