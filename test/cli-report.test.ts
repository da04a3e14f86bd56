import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticExport } from "@tgstats/sandbox";
import { makeTempDir } from "./helpers/temp-dir.js";
import { oneLineError, tgstats, type CliRun } from "./helpers/cli-run.js";

/** One line on stderr that starts with "tgstats:" and shows no stack trace. */
function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect(oneLineError(run)).toMatch(pattern);
}

const dir = makeTempDir("tgstats-cli-");
const single = path.join(dir, "single.json");
const full = path.join(dir, "full.json");

// 2024-05-04 is a Saturday. Dates are written in +03:00, as an exporter in Moscow would.
const singleExport = {
  name: "Book Club",
  type: "private_supergroup",
  id: 1500000001,
  messages: [
    {
      id: 1,
      type: "service",
      date: "2024-05-04T10:00:00",
      date_unixtime: "1714806000",
      actor: "Ира",
      actor_id: "user11",
      action: "invite_members",
      members: ["Tom"],
      text: "",
      text_entities: [],
    },
    {
      id: 2,
      type: "message",
      date: "2024-05-04T10:05:00",
      date_unixtime: "1714806300",
      from: "Ира",
      from_id: "user11",
      text: "Читаем Булгакова 📚",
      text_entities: [{ type: "plain", text: "Читаем Булгакова 📚" }],
    },
    {
      id: 3,
      type: "message",
      date: "2024-05-04T10:06:40",
      date_unixtime: "1714806400",
      from: "Tom",
      from_id: "user12",
      reply_to_message_id: 2,
      text: "Great choice 👍",
      text_entities: [{ type: "plain", text: "Great choice 👍" }],
    },
    {
      id: 4,
      type: "message",
      date: "2024-05-05T23:30:00",
      date_unixtime: "1714941000",
      from: "Ира",
      from_id: "user11",
      text: "Булгакова дочитала",
      text_entities: [{ type: "plain", text: "Булгакова дочитала" }],
    },
  ],
};
const fullExport = {
  about: "Here is the data you requested.",
  personal_information: {
    user_id: 11,
    first_name: "Ира",
    last_name: "",
    phone_number: "+7 000 000 00 00",
  },
  contacts: {
    about: "",
    list: [
      {
        first_name: "Tom",
        last_name: "",
        phone_number: "+1 000",
        date: "2020-01-01T00:00:00",
        date_unixtime: "1577836800",
      },
    ],
  },
  chats: {
    about: "",
    list: [
      singleExport,
      {
        name: "Tom",
        type: "personal_chat",
        id: 12,
        messages: [
          {
            id: 10,
            type: "message",
            date: "2024-06-01T12:00:00",
            date_unixtime: "1717232400",
            from: "Tom",
            from_id: "user12",
            text: "hi",
            text_entities: [{ type: "plain", text: "hi" }],
          },
        ],
      },
    ],
  },
};

beforeAll(() => {
  writeFileSync(single, JSON.stringify(singleExport, null, 1));
  writeFileSync(full, JSON.stringify(fullExport, null, 1));
});

describe("tgstats report --json", () => {
  it("prints the report with the documented fields", () => {
    const run = tgstats("report", single, "--json", "--tz", "Europe/Moscow");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown> & {
      totals: Record<string, unknown>;
      senders: { id: string; name: string; messages: number }[];
      punchcard: number[][];
      daily: Record<string, number>;
    };
    expect(report.chat).toEqual({ id: 1500000001, name: "Book Club", type: "private_supergroup" });
    expect(report.timezone).toBe("Europe/Moscow");
    expect(report.totals).toMatchObject({
      messages: 3,
      serviceMessages: 1,
      senders: 2,
      words: 6,
      firstDate: "2024-05-04T10:05:00+03:00",
      lastDate: "2024-05-05T23:30:00+03:00",
    });
    expect(report.senders.map((s) => [s.id, s.name, s.messages])).toEqual([
      ["user11", "Ира", 2],
      ["user12", "Tom", 1],
    ]);
    expect(report.punchcard[5]![10]).toBe(2); // Saturday 10:xx Moscow
    expect(report.punchcard[6]![23]).toBe(1); // Sunday 23:30
    expect(report.daily).toEqual({ "2024-05-04": 2, "2024-05-05": 1 });
    expect(report.emojis).toEqual([
      { emoji: "👍", count: 1 },
      { emoji: "📚", count: 1 },
    ]);
    expect(report.words).toEqual([
      { word: "булгакова", count: 2 },
      { word: "choice", count: 1 },
      { word: "great", count: 1 },
      { word: "дочитала", count: 1 },
      { word: "читаем", count: 1 },
    ]);
    expect(report.bigrams).toEqual([
      { words: "great choice", count: 1 }, // ties by code unit: Latin before Cyrillic
      { words: "булгакова дочитала", count: 1 },
      { words: "читаем булгакова", count: 1 },
    ]);
    for (const key of ["stickers", "reactions"]) expect(report[key]).toEqual([]);
  });

  it("uses UTC unless told otherwise, and says so", () => {
    const report = JSON.parse(tgstats("report", single, "--json").stdout) as {
      timezone: string;
      daily: object;
    };
    expect(report.timezone).toBe("UTC");
    // 23:30 Moscow on the 5th is 20:30 UTC, still the 5th; 10:05 Moscow is 07:05 UTC.
    expect(report.daily).toEqual({ "2024-05-04": 2, "2024-05-05": 1 });
  });

  it("gives an overview and a combined report for a full-account export", () => {
    const run = tgstats("report", full, "--json");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      chats: unknown;
      totals: { messages: number };
      chat: unknown;
    };
    expect(report.chat).toEqual({ id: null, name: "All chats", type: "combined" });
    expect(report.chats).toEqual([
      { id: 1500000001, name: "Book Club", type: "private_supergroup", messages: 3 },
      { id: 12, name: "Tom", type: "personal_chat", messages: 1 },
    ]);
    expect(report.totals.messages).toBe(4);
  });

  it("picks one chat of a full export by name or id", () => {
    const byName = JSON.parse(tgstats("report", full, "--json", "--chat", "tom").stdout) as {
      chat: object;
    };
    expect(byName.chat).toEqual({ id: 12, name: "Tom", type: "personal_chat" });
    const byBotApiId = JSON.parse(
      tgstats("report", full, "--json", "--chat", "-1001500000001").stdout,
    ) as {
      totals: { messages: number };
    };
    expect(byBotApiId.totals.messages).toBe(3);
  });

  it("applies the date range in the report's zone", () => {
    const run = tgstats(
      "report",
      single,
      "--json",
      "--tz",
      "Europe/Moscow",
      "--from",
      "2024-05-05",
      "--to",
      "2024-05-05",
    );
    expect((JSON.parse(run.stdout) as { totals: { messages: number } }).totals.messages).toBe(1);
  });
});

describe("tgstats report writes files", () => {
  it("writes summary.md and report.json and prints the summary", () => {
    const out = path.join(dir, "out-ru");
    const run = tgstats("report", single, "--out", out, "--lang", "ru", "--tz", "Europe/Moscow");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Book Club — статистика чата");
    expect(run.stdout).toContain(`Written to ${out}: summary.md, report.json and`);
    const summary = readFileSync(path.join(out, "summary.md"), "utf8");
    expect(summary).toContain("- Сообщений: 3 (+1 служебных)");
    expect(summary).toContain("1. Ира: 2 сообщ. (66,7\u00a0%)"); // Intl puts a no-break space before %
    expect(existsSync(path.join(out, "report.json"))).toBe(true);
    // The interactive page beside them, in the report's language.
    expect(run.stdout).toContain(`Interactive report: ${path.join(out, "report.html")}\n`);
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("<title>Book Club — статистика чата</title>");
  });

  it("replaces an earlier run's charts and page, and leaves other files alone", () => {
    const out = path.join(dir, "out-again");
    mkdirSync(out, { recursive: true });
    for (const name of ["07-top-words.png", "12-old-chart.png", "photo.png", "notes.md"])
      writeFileSync(path.join(out, name), "earlier run");
    const run = tgstats("report", single, "--out", out, "--no-html");
    expect(run.status).toBe(0);
    const charts = /and (\d+) charts/.exec(run.stdout)![1]!;
    const pngs = readdirSync(out).filter((name) => name.endsWith(".png"));
    // The album's own names (01-…, 02-…), numbered from 1, plus the user's photo.png.
    expect(pngs.filter((name) => name !== "photo.png").map((name) => name.slice(0, 2))).toEqual(
      Array.from({ length: Number(charts) }, (_, i) => String(i + 1).padStart(2, "0")),
    );
    expect(readFileSync(path.join(out, "photo.png"), "utf8")).toBe("earlier run");
    expect(readFileSync(path.join(out, "notes.md"), "utf8")).toBe("earlier run");
    for (const name of pngs.filter((name) => name !== "photo.png"))
      expect(readFileSync(path.join(out, name)).subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("--no-html leaves the page out", () => {
    const out = path.join(dir, "out-no-html");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "report.html"), "an earlier run's page");
    const run = tgstats("report", single, "--out", out, "--no-html");
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("Interactive report");
    expect(existsSync(path.join(out, "report.json"))).toBe(true);
    expect(existsSync(path.join(out, "report.html"))).toBe(false);
  });
});

describe("tgstats report rejects bad input with one line and exit code 2", () => {
  it("an unknown time zone", () =>
    expectOneLineError(
      tgstats("report", single, "--tz", "Mars/Base"),
      /Unknown time zone "Mars\/Base"/,
    ));
  it("a malformed date", () =>
    expectOneLineError(tgstats("report", single, "--from", "05/04/2024"), /YYYY-MM-DD/));
  it("a reversed range", () =>
    expectOneLineError(
      tgstats("report", single, "--from", "2024-06-01", "--to", "2024-05-01"),
      /swap the two dates/,
    ));
  it("an unknown chat", () =>
    expectOneLineError(
      tgstats("report", full, "--chat", "Nope"),
      /No chat "Nope".*Book Club \(1500000001\)/,
    ));
  it("a range without messages", () =>
    expectOneLineError(
      tgstats("report", single, "--from", "2020-01-01", "--to", "2020-12-31"),
      /No messages match the filters/,
    ));
  it("an unknown --lang", () =>
    expectOneLineError(
      tgstats("report", single, "--lang", "de"),
      /^tgstats: option '--lang <lang>' argument 'de' is invalid\. Allowed choices are en, ru; run "tgstats report --help" for usage\.$/,
    ));
  it("an unknown option", () =>
    expectOneLineError(
      tgstats("report", single, "--foo"),
      /^tgstats: unknown option '--foo' \(Did you mean --from\?\); run "tgstats report --help" for usage\.$/,
    ));
  it("an option without its argument", () =>
    expectOneLineError(
      tgstats("report", single, "--tz"),
      /^tgstats: option '--tz <zone>' argument missing; run "tgstats report --help" for usage\.$/,
    ));
  it("no export file", () =>
    expectOneLineError(tgstats("report"), /missing required argument 'result\.json'/));
  it("an unknown command", () =>
    expectOneLineError(tgstats("raport"), /unknown command 'raport'.*"tgstats --help"/));
  it("a thread count that is not one", () =>
    expectOneLineError(
      tgstats("report", single, "--threads", "0"),
      /--threads 0 is not a thread count; pass a whole number from 1 to 64/,
    ));
  it("a missing file", () =>
    expectOneLineError(tgstats("report", path.join(dir, "nope.json")), /nope\.json/));
  it("an HTML export", () => {
    const html = path.join(dir, "messages.html");
    writeFileSync(html, "<!DOCTYPE html>\n<html><head><title>Exported Data</title></head></html>");
    expectOneLineError(tgstats("report", html), /JSON/);
  });
  it("a file that is not JSON", () => {
    const text = path.join(dir, "notes.txt");
    writeFileSync(text, "just some notes\n");
    expectOneLineError(tgstats("report", text), /JSON/);
  });
  it("a cut-off file", () => {
    const cut = path.join(dir, "cut.json");
    const whole = readFileSync(single, "utf8");
    writeFileSync(cut, whole.slice(0, Math.floor(whole.length * 0.6)));
    expectOneLineError(tgstats("report", cut), /cut off|truncated|incomplete/i);
  });
});

describe("tgstats report on an export large enough to be read in threads", () => {
  const large = path.join(dir, "large.json");
  beforeAll(async () => {
    // About 35 MB: over the 32 MiB from which the messages are read in ranges. Without
    // tdesktop's invalid escapes, so that JSON.parse can count it independently below.
    await writeSyntheticExport(large, { messages: 70_000, seed: 11, tdesktopEscapes: false });
  });

  it("prints the same report for one and for two threads, counting every message", () => {
    expect(statSync(large).size).toBeGreaterThan(32 * 2 ** 20);
    const one = tgstats("report", large, "--json", "--threads", "1");
    const two = tgstats("report", large, "--json", "--threads", "2");
    expect(one.stderr).toBe("");
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const messages = (JSON.parse(readFileSync(large, "utf8")) as { messages: { type: string }[] })
      .messages;
    const report = JSON.parse(two.stdout) as {
      totals: { messages: number; serviceMessages: number };
    };
    expect(report.totals.messages).toBe(messages.filter((m) => m.type === "message").length);
    expect(report.totals.serviceMessages).toBe(messages.filter((m) => m.type === "service").length);
  });
});
