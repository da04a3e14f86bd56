/**
 * Local time in a named IANA zone, fast enough to call once per message.
 *
 * `Intl.DateTimeFormat#formatToParts` costs microseconds per call, far too slow
 * for millions of messages, and no maintained library caches offsets, so this
 * does: a zone's UTC offset is constant within a day except on the day of a
 * transition, whose hours are cached in turn; the transition hour itself is
 * computed exactly per timestamp.
 */

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
/** Marks an hour that contains an offset transition. */
const MIXED = Number.NaN;

/** Thrown for a time zone name that the platform's tz database does not know. */
export class UnknownTimeZoneError extends Error {
  constructor(readonly zone: string) {
    super(
      `Unknown time zone "${zone}". Use an IANA name such as "Europe/Moscow", "America/New_York" or "UTC".`,
    );
    this.name = "UnknownTimeZoneError";
  }
}

/** True when `zone` is an IANA zone name known to this runtime. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Local calendar position of an instant. */
export interface LocalTime {
  /** Days since 1970-01-01 in local time. */
  dayIndex: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** 0…23. */
  hour: number;
}

/**
 * Converts unix seconds to local time in one zone, caching offsets per hour.
 *
 * @example
 * const clock = new ZoneClock("Europe/Moscow");
 * clock.localTime(0); // { dayIndex: 0, weekday: 3, hour: 3 }
 */
export class ZoneClock {
  /** The platform's canonical name (`Europe/Kiev` for `Europe/Kyiv`): what caches and merges compare. */
  readonly zone: string;
  /**
   * The name as given, for display: ICU canonicalises to older spellings
   * (`Europe/Kyiv` → `Europe/Kiev`), which users do not recognise. A name that
   * differs from the canonical one only in letter case is shown canonical.
   */
  readonly name: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly dayOffsets = new Map<number, number>();
  private readonly hourOffsets = new Map<number, number>();

  /** @param zone IANA zone name; throws {@link UnknownTimeZoneError} for an unknown one. */
  constructor(zone: string) {
    if (!isValidTimeZone(zone)) throw new UnknownTimeZoneError(zone);
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    // Canonical name, so "utc" and "Etc/UTC" print as the platform spells them.
    this.zone = this.format.resolvedOptions().timeZone;
    const given = zone.trim();
    this.name = given.toLowerCase() === this.zone.toLowerCase() ? this.zone : given;
  }

  /** Offset from UTC in seconds at `unix` (e.g. 10800 for UTC+3). */
  offsetSeconds(unix: number): number {
    // A UTC day holds at most one transition: equal offsets at both ends mean none.
    const day = Math.floor(unix / SECONDS_PER_DAY);
    let daily = this.dayOffsets.get(day);
    if (daily === undefined) {
      daily = this.constantOffset(day * SECONDS_PER_DAY, SECONDS_PER_DAY);
      this.dayOffsets.set(day, daily);
    }
    if (!Number.isNaN(daily)) return daily;
    const hour = Math.floor(unix / SECONDS_PER_HOUR);
    let hourly = this.hourOffsets.get(hour);
    if (hourly === undefined) {
      hourly = this.constantOffset(hour * SECONDS_PER_HOUR, SECONDS_PER_HOUR);
      this.hourOffsets.set(hour, hourly);
    }
    return Number.isNaN(hourly) ? this.computeOffset(unix) : hourly;
  }

  /** The offset over [start, start + lengthSeconds), or {@link MIXED} when it changes inside. */
  private constantOffset(start: number, lengthSeconds: number): number {
    const atStart = this.computeOffset(start);
    return atStart === this.computeOffset(start + lengthSeconds - 1) ? atStart : MIXED;
  }

  /** Local day, weekday and hour of `unix`. */
  localTime(unix: number): LocalTime {
    const local = unix + this.offsetSeconds(unix);
    const dayIndex = Math.floor(local / SECONDS_PER_DAY);
    const hour = Math.floor((local - dayIndex * SECONDS_PER_DAY) / SECONDS_PER_HOUR);
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const weekday = (((dayIndex + 3) % 7) + 7) % 7;
    return { dayIndex, weekday, hour };
  }

  /** Local day index of `unix` (days since 1970-01-01 in this zone). */
  dayIndex(unix: number): number {
    return Math.floor((unix + this.offsetSeconds(unix)) / SECONDS_PER_DAY);
  }

  /**
   * Unix seconds of a local wall-clock time. In a DST gap the time is moved
   * forward by the gap; in an overlap the earlier instant is taken.
   */
  localToUnix(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
    // Two refinements converge for every real zone (offsets change at most once nearby).
    const first = wall - this.offsetSeconds(wall);
    const second_ = wall - this.offsetSeconds(first);
    const earlier = Math.min(first, second_);
    return this.localTimeMatches(earlier, wall) ? earlier : Math.max(first, second_);
  }

  /** Start of local day `dayIndex` as unix seconds. */
  dayStartUnix(dayIndex: number): number {
    const date = new Date(dayIndex * SECONDS_PER_DAY * 1000);
    return this.localToUnix(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }

  private localTimeMatches(unix: number, wall: number): boolean {
    return unix + this.offsetSeconds(unix) === wall;
  }

  private computeOffset(unix: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(unix * 1000)) {
      const value = Number(part.value);
      if (part.type === "year") year = value;
      else if (part.type === "month") month = value;
      else if (part.type === "day") day = value;
      else if (part.type === "hour") hour = value;
      else if (part.type === "minute") minute = value;
      else if (part.type === "second") second = value;
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - unix;
  }
}

/** `YYYY-MM-DD` of a day index (days since 1970-01-01). */
export function dayIndexToIso(dayIndex: number): string {
  return new Date(dayIndex * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

/**
 * Day index of a `YYYY-MM-DD` string, or null when it is not a real calendar date.
 *
 * @example isoToDayIndex("1970-01-02") // 1
 */
export function isoToDayIndex(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return ms / (SECONDS_PER_DAY * 1000);
}

/**
 * ISO 8601 local time with the zone's offset.
 *
 * @example formatLocalIso(0, new ZoneClock("Europe/Moscow")) // "1970-01-01T03:00:00+03:00"
 */
export function formatLocalIso(unix: number, clock: ZoneClock): string {
  const offset = clock.offsetSeconds(unix);
  const local = new Date((unix + offset) * 1000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset) / 60;
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}
