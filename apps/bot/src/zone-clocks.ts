import { ZoneClock, isValidTimeZone } from "@tgstats/engine/primitives";

/**
 * One ZoneClock per zone name for the life of the process. Building one costs
 * two `Intl.DateTimeFormat`s (about half a millisecond of ICU work), which per
 * request would be the bot's largest CPU cost; the zone names are a finite set.
 */
const clocks = new Map<string, ZoneClock>();

/** The clock of an IANA zone, or null when the name is not a zone. */
export function zoneClock(zone: string): ZoneClock | null {
  const cached = clocks.get(zone);
  if (cached !== undefined) return cached;
  // Unknown names are not cached: anyone can type them, so they would grow the map without end.
  if (!isValidTimeZone(zone)) return null;
  const clock = new ZoneClock(zone);
  clocks.set(zone, clock);
  return clock;
}
