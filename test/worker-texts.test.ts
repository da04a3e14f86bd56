/**
 * The worker's Fluent files (apps/worker/src/locales): both languages have the
 * same message ids, the code uses exactly those, texts come out without bidi
 * isolation marks, and a missing message fails loudly.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FluentTexts } from "@tgstats/engine";
import { deliveryTexts, pluralForm, workerTexts } from "@tgstats/worker";
import { jobTexts } from "@tgstats/worker";
import { formatOverviewText } from "@tgstats/worker";
import { makeTempDir } from "./helpers/temp-dir.js";
import { fluentMessageIds } from "./helpers/fluent-ids.js";

const LOCALES = "apps/worker/src/locales";

const enIds = fluentMessageIds(`${LOCALES}/en.ftl`);
const ruIds = fluentMessageIds(`${LOCALES}/ru.ftl`);

describe("worker locales", () => {
  it("en.ftl and ru.ftl have the same message ids, each once", () => {
    // A floor that proves the file was parsed: the summary's texts, once here, now
    // live in the shared package's files (see fluent-files.test.ts).
    expect(enIds.length).toBeGreaterThan(20);
    expect(ruIds).toEqual(enIds);
    expect(new Set(enIds).size).toBe(enIds.length);
  });

  it("the code uses every message of the files, and only those", () => {
    // Importing the texts built every table, so each id the code asks for is recorded.
    for (const language of ["en", "ru"] as const)
      expect([...workerTexts(language).usedIds].sort(), language).toEqual(enIds);
  });

  it("fills placeables without bidi isolation marks", () => {
    expect(deliveryTexts("en").title("Family")).toBe("Family — chat statistics");
    expect(deliveryTexts("ru").readingProgress("12 300", "48 000", "25 %")).toBe(
      "Читаю историю: 12 300 / 48 000 (25 %)",
    );
    expect(deliveryTexts("ru").etaHours("1", "21")).toBe("осталось около 1 ч 21 мин");
    expect(jobTexts("en").chatNotAccessible("reader_bot")).toBe(
      "The account @reader_bot cannot read this chat. Add @reader_bot to the group, then ask again.",
    );
    // 12:05 UTC is 15:05 in Moscow (UTC+3, no DST since 2014).
    expect(jobTexts("ru").floodWait(61, Date.UTC(2024, 0, 1, 12, 5), "Europe/Moscow")).toBe(
      "Telegram попросил подождать 2 мин; продолжу в 15:05 (Europe/Moscow).",
    );
    for (const text of [
      deliveryTexts("en").title("Family"),
      jobTexts("ru").chatNotAccessible("reader_bot"),
    ])
      expect(text).not.toMatch(/[\u2066-\u2069]/);
  });

  it("names the accounts reading in parallel in the noun's right form", () => {
    expect(jobTexts("en").readingInParallel(3)).toBe(
      "Reading the history with 3 accounts in parallel…",
    );
    expect(jobTexts("ru").readingInParallel(3)).toBe("Читаю историю параллельно 3 аккаунтами…");
    expect(jobTexts("ru").readingInParallel(21)).toBe("Читаю историю параллельно 21 аккаунтом…");
  });

  it("passes numbers through as the caller wrote them", () => {
    expect(jobTexts("en").floodWait(60_000, Date.UTC(2024, 0, 1, 0, 0), "UTC")).toBe(
      "Telegram asked to wait 1000 min; continuing at 00:00 (UTC).",
    );
  });

  it("reads plural forms through Fluent's plural selector", () => {
    expect(deliveryTexts("en").messagesUnit).toEqual({ one: "message", other: "messages" });
    expect(deliveryTexts("ru").messagesUnit).toEqual({
      one: "сообщение",
      few: "сообщения",
      many: "сообщений",
      other: "сообщения",
    });
    const ru = deliveryTexts("ru").messagesUnit;
    expect([1, 3, 5, 21, 1.5].map((count) => pluralForm(count, "ru", ru))).toEqual([
      "сообщение",
      "сообщения",
      "сообщений",
      "сообщение",
      "сообщения",
    ]);
  });

  it("keeps weekday names Monday first and the overview texts", () => {
    expect(deliveryTexts("en").weekdays).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
    expect(deliveryTexts("ru").weekdays[6]).toBe("воскресенье");
    expect(
      formatOverviewText([{ id: 1, name: "Family", type: "private_group", messages: 9120 }], "ru"),
    ).toBe("<b>Чаты по числу сообщений</b>\n1. Family — 9\u00a0120 сообщ.");
    // The overview's progress while it counts, numbers grouped as the language does.
    expect(jobTexts("en").countingChats(12, 1200)).toBe(
      "Counting messages per month in chats: 12 / 1,200",
    );
    expect(jobTexts("ru").countingChats(12, 1200)).toBe(
      "Считаю сообщения по месяцам в чатах: 12 / 1\u00a0200",
    );
  });

  it("fails loudly on a missing message or variable", () => {
    const file = path.join(makeTempDir("worker-texts-"), "en.ftl");
    writeFileSync(file, "greeting = Hello, { $name }!\n");
    const texts = new FluentTexts(file, "en-US");
    expect(() => texts.text("farewell")).toThrow(`${file} has no message "farewell"`);
    expect(() => texts.format("greeting")({})).toThrow(/message "greeting": .*name/);
    expect(texts.format("greeting")({ name: "Ann" })).toBe("Hello, Ann!");
  });

  it("fails loudly on a duplicate message id", () => {
    const file = path.join(makeTempDir("worker-texts-"), "ru.ftl");
    writeFileSync(file, "greeting = Привет\ngreeting = Здравствуйте\n");
    expect(() => new FluentTexts(file, "ru-RU")).toThrow(/greeting/);
  });
});
