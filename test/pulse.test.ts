import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chatTrend, type PulseJson } from "@tgstats/engine";
import { makeTempDir } from "./helpers/temp-dir.js";
import { oneLineError, tgstats } from "./helpers/cli-run.js";

const OWNER = 42;
const OTHER = 77;

interface ExportMessage {
  id: number;
  type: "message" | "service";
  date: string;
  date_unixtime: string;
  from?: string;
  from_id?: string;
  actor?: string;
  actor_id?: string;
  action?: string;
  text: string;
  text_entities: [];
}

/** `count` messages on the 10th of `month` (`YYYY-MM`, UTC noon), the first `own` by the owner. */
function messagesIn(month: string, count: number, own = 0): Omit<ExportMessage, "id">[] {
  return Array.from({ length: count }, (_, index) => {
    const unix = Date.parse(`${month}-10T12:00:00Z`) / 1000 + index * 60;
    const sender = index < own ? OWNER : OTHER;
    return {
      type: "message" as const,
      date: new Date(unix * 1000).toISOString().slice(0, 19),
      date_unixtime: String(unix),
      from: sender === OWNER ? "Me" : "Someone",
      from_id: `user${sender}`,
      text: "hi",
      text_entities: [],
    };
  });
}

/** Every month from `first` to `last` (`YYYY-MM`), inclusive. */
function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let date = new Date(`${first}-01T00:00:00Z`); ; date.setUTCMonth(date.getUTCMonth() + 1)) {
    const month = date.toISOString().slice(0, 7);
    months.push(month);
    if (month === last) return months;
  }
}

function chat(id: number, name: string, type: string, messages: Omit<ExportMessage, "id">[]) {
  return {
    name,
    type,
    id,
    messages: messages.map((message, index) => ({ id: index + 1, ...message })),
  };
}

/**
 * A full-account export whose latest month is 2026-06: the trend compares
 * 2026-04…06 (lately) with 2025-04…2026-03 (usually).
 */
function writeAccountExport(dir: string): string {
  const baseline = monthsFrom("2025-04", "2026-03");
  const recent = ["2026-04", "2026-05", "2026-06"];
  const service = {
    type: "service" as const,
    date: "2026-06-01T09:00:00",
    date_unixtime: String(Date.parse("2026-06-01T09:00:00Z") / 1000),
    actor: "Someone",
    actor_id: `user${OTHER}`,
    action: "pin_message",
    text: "",
    text_entities: [] as [],
  };
  const data = {
    about: "…",
    personal_information: { user_id: OWNER, first_name: "Me", phone_number: "+1 555 0100" },
    chats: {
      about: "…",
      list: [
        // 1 a month usually, 3 a month lately (the owner wrote June's 3): rising.
        chat(100, "Growing", "private_supergroup", [
          ...baseline.flatMap((month) => messagesIn(month, 1)),
          ...messagesIn("2026-04", 3),
          ...messagesIn("2026-05", 3),
          service,
          ...messagesIn("2026-06", 3, 3),
        ]),
        // 6 a month usually, 1 in three months lately: fading.
        chat(200, "Dying", "private_group", [
          ...baseline.flatMap((month) => messagesIn(month, 6)),
          ...messagesIn("2026-04", 1),
        ]),
        // 2 a month throughout: steady.
        chat(300, "Steady", "public_channel", [
          ...[...baseline, ...recent].flatMap((month) => messagesIn(month, 2)),
        ]),
        // 5 in June 2025, nothing lately: gone quiet.
        chat(400, "Gone", "personal_chat", messagesIn("2025-06", 5, 2)),
        // 4 in May 2026 only: new.
        chat(500, "Fresh", "private_supergroup", messagesIn("2026-05", 4)),
      ],
    },
    left_chats: {
      about: "…",
      // 7 messages in 2020: silent for 15 months or more.
      list: [chat(600, "Old", "private_channel", messagesIn("2020-02", 7))],
    },
  };
  const file = path.join(dir, "result.json");
  writeFileSync(file, JSON.stringify(data, null, 1));
  return file;
}

describe("chat trends", () => {
  it("is rising at exactly 1.5 times the usual monthly rate, and steady just below", () => {
    // Usually 24 in 12 months = 2/month. Lately 9 in 3 = 3/month = 1.5 × 2.
    expect(chatTrend([...Array<number>(12).fill(2), 3, 3, 3])).toBe("rising");
    // Lately 8 in 3 = 2.67/month < 3.
    expect(chatTrend([...Array<number>(12).fill(2), 3, 3, 2])).toBe("steady");
  });

  it("is fading at exactly the usual rate / 1.5, and steady just above", () => {
    // Usually 36 in 12 = 3/month; lately 6 in 3 = 2/month = 3 / 1.5.
    expect(chatTrend([...Array<number>(12).fill(3), 2, 2, 2])).toBe("fading");
    // Lately 7 in 3 = 2.33/month > 2.
    expect(chatTrend([...Array<number>(12).fill(3), 2, 2, 3])).toBe("steady");
  });

  it("tells new, gone quiet and silent chats, and ignores months before the 15", () => {
    expect(chatTrend([...Array<number>(12).fill(0), 0, 4, 0])).toBe("new");
    expect(chatTrend([5, ...Array<number>(11).fill(0), 0, 0, 0])).toBe("gone-quiet");
    expect(chatTrend([900, ...Array<number>(15).fill(0)])).toBe("silent");
    // The 900 is 16 months back: outside the 12 + 3, so this chat is new.
    expect(chatTrend([900, ...Array<number>(14).fill(0), 1])).toBe("new");
  });
});

describe("tgstats pulse", () => {
  it("counts messages per chat per month, with trends and the owner's share", () => {
    const dir = makeTempDir("tgstats-pulse-");
    const run = tgstats("pulse", writeAccountExport(dir), "--json", "--months", "6");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const pulse = JSON.parse(run.stdout) as PulseJson;
    expect(pulse.months).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
    expect(pulse.ownerId).toBe(OWNER);
    expect(pulse.timezone).toBe("UTC");
    const rows = pulse.chats.map((c) => [
      c.name,
      c.trend,
      c.monthly,
      c.messages,
      c.total,
      c.own,
      c.left,
    ]);
    expect(rows).toEqual([
      // 1+1+1+3+3+3 = 12 shown, 12+9 = 21 in all (the pin is a service message: not counted).
      ["Growing", "rising", [1, 1, 1, 3, 3, 3], 12, 21, 3, false],
      ["Fresh", "new", [0, 0, 0, 0, 4, 0], 4, 4, 0, false],
      ["Steady", "steady", [2, 2, 2, 2, 2, 2], 12, 30, 0, false],
      // 6 × 3 + 1 = 19 shown; 6 × 12 + 1 = 73 in all.
      ["Dying", "fading", [6, 6, 6, 1, 0, 0], 19, 73, 0, false],
      ["Gone", "gone-quiet", [0, 0, 0, 0, 0, 0], 0, 5, 0, false],
      ["Old", "silent", [0, 0, 0, 0, 0, 0], 0, 7, 0, true],
    ]);
    expect(pulse.chats[0]!.ownShare).toBe(3 / 12);
    expect(pulse.chats.find((c) => c.name === "Gone")!.ownShare).toBeNull();
    // Nothing of personal_information but the owner's id travels on.
    expect(run.stdout).not.toContain("555");
  });

  it("puts a message in its month in the zone given", () => {
    const dir = makeTempDir("tgstats-pulse-zone-");
    const unix = Date.parse("2026-03-31T23:30:00Z") / 1000;
    const message = { ...messagesIn("2026-03", 1)[0]!, date_unixtime: String(unix) };
    const file = path.join(dir, "result.json");
    writeFileSync(file, JSON.stringify(chat(1, "Late", "private_group", [message])));
    const months = (zone: string) =>
      (
        JSON.parse(
          tgstats("pulse", file, "--json", "--tz", zone, "--months", "1").stdout,
        ) as PulseJson
      ).months;
    expect(months("UTC")).toEqual(["2026-03"]);
    // 01:30 on April 1 in Berlin (UTC+2 in summer time).
    expect(months("Europe/Berlin")).toEqual(["2026-04"]);
  });

  it("writes summary.md, pulse.json and the two charts, in Russian too", () => {
    const dir = makeTempDir("tgstats-pulse-out-");
    const out = path.join(dir, "out");
    const run = tgstats("pulse", writeAccountExport(dir), "--out", out, "--lang", "ru");
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "01-pulse.png",
      "02-chats.png",
      "pulse.json",
      "summary.md",
    ]);
    // A PNG 640 logical px wide at scale 2 (IHDR's width at byte 16).
    expect(readFileSync(path.join(out, "01-pulse.png")).readUInt32BE(16)).toBe(1280);
    const summary = readFileSync(path.join(out, "summary.md"), "utf8");
    expect(summary).toContain("# Пульс 6 чатов");
    // 24 months by default: every message of these chats. Growing: 12 + 9 = 21, the owner's 3 = 14 %.
    expect(summary).toContain(
      "## Растут (1)\n\n- Growing: 21 сообщение (21 за всё время), ваших 14\u00a0%",
    );
    expect(summary).toContain(
      "## Угасают (1)\n\n- Dying: 73 сообщения (73 за всё время), ваших 0\u00a0%",
    );
    expect(summary).toContain(
      "## Молчат 15 месяцев и дольше (1)\n\n- Old: 0 сообщений (7 за всё время)",
    );
  });

  it("refuses a wrong --months or zone in one line", () => {
    const dir = makeTempDir("tgstats-pulse-bad-");
    const file = writeAccountExport(dir);
    expect(oneLineError(tgstats("pulse", file, "--months", "0"))).toBe(
      "tgstats: --months 0 is not a number of months; pass a whole number from 1 to 240.",
    );
    expect(oneLineError(tgstats("pulse", file, "--tz", "Mars/Base"))).toContain(
      'Unknown time zone "Mars/Base"',
    );
  });
});
