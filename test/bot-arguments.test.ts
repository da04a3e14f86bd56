import { describe, expect, it } from "vitest";
import { parseStatsArguments, type StatsArgumentsContext } from "@tgstats/bot";

// 2024-03-10 12:00 UTC is 15:00 the same day in Moscow (UTC+3, no DST since 2014).
const NOON = new Date("2024-03-10T12:00:00Z");
const MOSCOW: StatsArgumentsContext = { now: NOON, timeZone: "Europe/Moscow" };

function dates(
  text: string,
  context: StatsArgumentsContext = MOSCOW,
): [string | null, string | null] {
  const result = parseStatsArguments(text, context);
  if (!result.ok) throw new Error(`unexpected error ${result.error.code} for "${text}"`);
  return [result.value.fromDate, result.value.toDate];
}

function error(text: string, context: StatsArgumentsContext = MOSCOW): [string, string] {
  const result = parseStatsArguments(text, context);
  if (result.ok) throw new Error(`"${text}" parsed, expected an error`);
  return [result.error.code, result.error.token];
}

describe("parseStatsArguments: periods", () => {
  it("defaults to all time in the chat's zone", () => {
    expect(parseStatsArguments("/stats", MOSCOW)).toEqual({
      ok: true,
      value: {
        fromDate: null,
        toDate: null,
        timeZone: "Europe/Moscow",
        timeZoneGiven: false,
        chat: null,
        user: null,
      },
    });
    expect(dates("all")).toEqual([null, null]);
    expect(dates("ALL")).toEqual([null, null]);
  });

  it("counts relative periods back from today, today included", () => {
    // 7 days ending 2024-03-10: 10, 9, 8, 7, 6, 5, 4.
    expect(dates("/stats 7d")).toEqual(["2024-03-04", "2024-03-10"]);
    // 30 days: March 10 back to February 10 (2024 is a leap year: Feb has 29 days; 10 + 20).
    expect(dates("30d")).toEqual(["2024-02-10", "2024-03-10"]);
    expect(dates("1d")).toEqual(["2024-03-10", "2024-03-10"]);
    // 2 weeks = 14 days: March 10 … February 26.
    expect(dates("2w")).toEqual(["2024-02-26", "2024-03-10"]);
    // One year back is 2023-03-10; the period starts the day after.
    expect(dates("1y")).toEqual(["2023-03-11", "2024-03-10"]);
    expect(dates("6m")).toEqual(["2023-09-11", "2024-03-10"]);
  });

  it("clamps month arithmetic to the month's length", () => {
    const lastOfMarch = { now: new Date("2024-03-31T12:00:00Z"), timeZone: "UTC" };
    // One month before March 31 is February 29 (leap year): the period is all of March.
    expect(dates("1m", lastOfMarch)).toEqual(["2024-03-01", "2024-03-31"]);
    const leapDay = { now: new Date("2024-02-29T12:00:00Z"), timeZone: "UTC" };
    // One year before 2024-02-29 is 2023-02-28; the period starts on March 1.
    expect(dates("1y", leapDay)).toEqual(["2023-03-01", "2024-02-29"]);
  });

  it("takes 'today' in the zone: 22:30 UTC on March 9 is already March 10 in Moscow", () => {
    const lateEvening = new Date("2024-03-09T22:30:00Z");
    expect(dates("7d", { now: lateEvening, timeZone: "Europe/Moscow" })).toEqual([
      "2024-03-04",
      "2024-03-10",
    ]);
    expect(dates("7d", { now: lateEvening, timeZone: "UTC" })).toEqual([
      "2024-03-03",
      "2024-03-09",
    ]);
    // A zone given in the arguments wins over the chat's, wherever it stands.
    expect(dates("Europe/Moscow 7d", { now: lateEvening, timeZone: "UTC" })).toEqual([
      "2024-03-04",
      "2024-03-10",
    ]);
  });

  it("reads years, months, days and ranges of them", () => {
    expect(dates("2024")).toEqual(["2024-01-01", "2024-12-31"]);
    expect(dates("2023-02")).toEqual(["2023-02-01", "2023-02-28"]);
    expect(dates("2024-02")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(dates("2023-12")).toEqual(["2023-12-01", "2023-12-31"]);
    expect(dates("2024-03-05")).toEqual(["2024-03-05", "2024-03-05"]);
    expect(dates("2024-01-01..2024-06-30")).toEqual(["2024-01-01", "2024-06-30"]);
    expect(dates("2023-11..2024-01")).toEqual(["2023-11-01", "2024-01-31"]);
    expect(dates("2022..2023")).toEqual(["2022-01-01", "2023-12-31"]);
    // Phones turn "..." into "…"; both separate a range.
    expect(dates("2024-01-01…2024-01-31")).toEqual(["2024-01-01", "2024-01-31"]);
  });

  it("refuses wrong periods, naming the argument", () => {
    expect(error("2024-13")).toEqual(["bad-date", "2024-13"]);
    expect(error("2023-02-29")).toEqual(["bad-date", "2023-02-29"]);
    expect(error("2024-3")).toEqual(["bad-date", "2024-3"]);
    expect(error("2024-01-01..soon")).toEqual(["bad-date", "2024-01-01..soon"]);
    expect(error("2024-06-30..2024-01-01")).toEqual(["reversed-range", "2024-06-30..2024-01-01"]);
    expect(error("0d")).toEqual(["bad-duration", "0d"]);
    expect(error("101y")).toEqual(["bad-duration", "101y"]);
    expect(error("2025")).toEqual(["future-period", "2025"]);
    expect(error("2024-03-11")).toEqual(["future-period", "2024-03-11"]);
    expect(error("7d 2024")).toEqual(["repeated-period", "2024"]);
    expect(error("all 30d")).toEqual(["repeated-period", "30d"]);
  });
});

describe("parseStatsArguments: zones, members and chats", () => {
  it("takes an IANA zone in its canonical spelling", () => {
    const result = parseStatsArguments("30d utc", MOSCOW);
    expect(result).toMatchObject({ ok: true, value: { timeZone: "UTC", timeZoneGiven: true } });
    expect(error("Europe/Moskow")).toEqual(["unknown-time-zone", "Europe/Moskow"]);
    expect(error("UTC Europe/Berlin")).toEqual(["repeated-time-zone", "Europe/Berlin"]);
  });

  it("reads @name as a member in a group and in an export caption", () => {
    expect(parseStatsArguments("/stats@tgstats_bot 2024 @alice_x", MOSCOW)).toEqual({
      ok: true,
      value: {
        fromDate: "2024-01-01",
        toDate: "2024-12-31",
        timeZone: "Europe/Moscow",
        timeZoneGiven: false,
        chat: null,
        user: "alice_x",
      },
    });
    expect(error("@alice_x @bob_y")).toEqual(["repeated-user", "@bob_y"]);
    expect(error("https://t.me/durov", { ...MOSCOW, place: "group" })).toEqual([
      "chat-not-here",
      "https://t.me/durov",
    ]);
    expect(error("-1001234567890", { ...MOSCOW, place: "export" })).toEqual([
      "chat-not-here",
      "-1001234567890",
    ]);
  });

  it("in private chat reads the first @name, a t.me link or an id as the chat", () => {
    const privately = { ...MOSCOW, place: "private" as const };
    const value = (text: string) => {
      const result = parseStatsArguments(text, privately);
      if (!result.ok) throw new Error(result.error.code);
      return { chat: result.value.chat, user: result.value.user };
    };
    expect(value("@durov")).toEqual({ chat: { kind: "username", username: "durov" }, user: null });
    expect(value("@some_channel @alice_x")).toEqual({
      chat: { kind: "username", username: "some_channel" },
      user: "alice_x",
    });
    expect(value("@alice_x https://t.me/some_channel")).toEqual({
      chat: { kind: "username", username: "some_channel" },
      user: "alice_x",
    });
    expect(value("t.me/s/some_channel")).toEqual({
      chat: { kind: "username", username: "some_channel" },
      user: null,
    });
    expect(value("https://t.me/some_channel/123")).toEqual({
      chat: { kind: "username", username: "some_channel" },
      user: null,
    });
    // A link to a message of a private supergroup carries its id without the -100.
    expect(value("https://t.me/c/1234567890/55")).toEqual({
      chat: { kind: "chat-id", chatId: -1001234567890 },
      user: null,
    });
    expect(value("-1001234567890")).toEqual({
      chat: { kind: "chat-id", chatId: -1001234567890 },
      user: null,
    });
    expect(error("https://t.me/+AbCdEf123", privately)).toEqual([
      "invite-link",
      "https://t.me/+AbCdEf123",
    ]);
    expect(error("https://t.me/joinchat/AbCdEf", privately)).toEqual([
      "invite-link",
      "https://t.me/joinchat/AbCdEf",
    ]);
    expect(error("-1001234567890 @two_user @three_user", privately)).toEqual([
      "repeated-user",
      "@three_user",
    ]);
    expect(error("@one_chat @two_user @three_user", privately)).toEqual([
      "repeated-user",
      "@three_user",
    ]);
    expect(error("-1001 -1002", privately)).toEqual(["repeated-chat", "-1002"]);
  });

  it("refuses what it does not understand", () => {
    expect(error("Moscow")).toEqual(["unknown-argument", "Moscow"]);
    expect(error("@ab")).toEqual(["unknown-argument", "@ab"]);
    expect(error("last-week")).toEqual(["unknown-argument", "last-week"]);
  });
});
