import { describe, expect, it } from "vitest";
import { ZoneClock, dayIndexToIso, formatLocalIso, isoToDayIndex } from "@tgstats/engine";
import { unix } from "./helpers/messages.js";

describe("ZoneClock", () => {
  const newYork = new ZoneClock("America/New_York");

  it("gives local day, weekday and hour on both sides of the spring gap", () => {
    // 2024-03-10 02:00 EST does not exist; clocks jump to 03:00 EDT at 07:00 UTC.
    const before = newYork.localTime(unix("2024-03-10T06:59:59Z"));
    const after = newYork.localTime(unix("2024-03-10T07:00:00Z"));
    expect(dayIndexToIso(before.dayIndex)).toBe("2024-03-10");
    expect([before.weekday, before.hour]).toEqual([6, 1]);
    expect([after.weekday, after.hour]).toEqual([6, 3]);
  });

  it("puts both 01:30s of the autumn overlap in hour 1 of the same day", () => {
    const edt = newYork.localTime(unix("2024-11-03T05:30:00Z"));
    const est = newYork.localTime(unix("2024-11-03T06:30:00Z"));
    expect(edt).toEqual(est);
    expect(dayIndexToIso(edt.dayIndex)).toBe("2024-11-03");
    expect(edt.hour).toBe(1);
  });

  it("reports offsets in seconds", () => {
    expect(newYork.offsetSeconds(unix("2024-01-15T12:00:00Z"))).toBe(-5 * 3600);
    expect(newYork.offsetSeconds(unix("2024-07-15T12:00:00Z"))).toBe(-4 * 3600);
    expect(new ZoneClock("Asia/Kathmandu").offsetSeconds(unix("2024-07-15T12:00:00Z"))).toBe(
      5 * 3600 + 45 * 60,
    );
  });

  it("turns local wall-clock times into instants, moving gap times forward and taking the earlier overlap", () => {
    expect(newYork.localToUnix(2024, 6, 1, 12, 0, 0)).toBe(unix("2024-06-01T12:00:00-04:00"));
    expect(newYork.localToUnix(2024, 3, 10, 2, 30, 0)).toBe(unix("2024-03-10T03:30:00-04:00"));
    expect(newYork.localToUnix(2024, 11, 3, 1, 30, 0)).toBe(unix("2024-11-03T01:30:00-04:00"));
    expect(new ZoneClock("Europe/Moscow").localToUnix(2023, 6, 12, 12, 58, 14)).toBe(
      unix("2023-06-12T12:58:14+03:00"),
    );
  });

  it("formats local ISO times with the offset", () => {
    expect(formatLocalIso(unix("2024-11-03T06:30:00Z"), newYork)).toBe("2024-11-03T01:30:00-05:00");
    expect(formatLocalIso(0, new ZoneClock("Europe/Moscow"))).toBe("1970-01-01T03:00:00+03:00");
  });

  it("rejects unknown zones with the fix in the message", () => {
    expect(() => new ZoneClock("Europe/Atlantis")).toThrow(
      /Unknown time zone "Europe\/Atlantis".*IANA name/,
    );
  });

  it("parses only real calendar dates", () => {
    expect(isoToDayIndex("1970-01-02")).toBe(1);
    expect(isoToDayIndex("2024-02-29")).toBe(19_782);
    expect(isoToDayIndex("2023-02-29")).toBeNull();
    expect(isoToDayIndex("2024-1-5")).toBeNull();
  });
});
