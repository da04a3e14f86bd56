/**
 * A report's notes speak the report's language: every caveat the engine and
 * the export reader add, word for word in English and in Russian.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ReportBuilder,
  reportFromExport,
  toReportJson,
  type Message,
  type ReportState,
} from "@tgstats/engine";
import { alice, bob, makeMessage, unix } from "./helpers/messages.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const CHAT = { id: 1, name: "Test", type: "private_supergroup" } as const;

function fold(messages: readonly Message[], exactLimit?: number): ReportState {
  const builder = new ReportBuilder({
    timeZone: "UTC",
    termCounter: exactLimit === undefined ? undefined : { exactLimit, capacity: 1 },
  });
  builder.addBatch(messages);
  return builder.state;
}

function text(id: number, iso: string, words: string): Message {
  return makeMessage({
    id,
    dateUnix: unix(iso),
    sender: id % 2 === 0 ? bob : alice,
    text: words,
  });
}

describe("the notes of a report", () => {
  // Two unsupported records; at rest, "zebra" (2 messages) and "lonely" (1 message,
  // said 3 times) are dropped: words may be low by 3, phrases ("lonely lonely" ×2) by 2.
  const state = fold([
    makeMessage({ id: 1, dateUnix: unix("2024-01-01T10:00:00Z"), kind: "unsupported" }),
    makeMessage({ id: 2, dateUnix: unix("2024-01-01T11:00:00Z"), kind: "unsupported" }),
    text(3, "2024-01-02T10:00:00Z", "zebra trio"),
    text(4, "2024-01-03T10:00:00Z", "zebra trio"),
    text(5, "2024-01-04T10:00:00Z", "trio lonely lonely lonely"),
  ]).forRest();

  it("are English in an English report", () => {
    expect(toReportJson(state, { chat: CHAT, language: "en" }).notes).toEqual([
      "2 messages were of a type this Telegram version could not export.",
      "Words and phrases used in fewer than 3 messages of a month are not stored, so word counts may be low by up to 3 (phrases by up to 2).",
    ]);
  });

  it("are Russian in a Russian report", () => {
    expect(toReportJson(state, { chat: CHAT, language: "ru" }).notes).toEqual([
      "Сообщений такого типа, который эта версия Telegram не смогла экспортировать: 2.",
      "Слова и фразы, которые встретились меньше чем в 3 сообщениях за месяц, не хранятся, поэтому числа слов могут быть занижены до 3 (числа фраз — до 2).",
    ]);
  });

  it("state the sketch's error bound for a chat with too many distinct words, in both languages", () => {
    // Exact up to 1 distinct word, then a sketch of 1 counter (reduced at 2): "alpha"
    // and "beta" (count 1 each) are cut by the 2nd largest count, 1, so counts may be
    // low by 1; "gamma" then fits.
    const sketched = fold([text(1, "2024-01-02T10:00:00Z", "alpha beta gamma")], 1);
    expect(toReportJson(sketched, { chat: CHAT, language: "en" }).notes).toEqual([
      "Word counts are estimates for this large chat: each may be low by at most 1.",
    ]);
    expect(toReportJson(sketched, { chat: CHAT, language: "ru" }).notes).toEqual([
      "Числа слов в этом большом чате приблизительные: каждое может быть занижено не больше чем на 1.",
    ]);
  });

  it("from an export: the coverage and the assumed zone of messages without a unix time", async () => {
    const file = path.join(makeTempDir("report-notes-"), "result.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "Old Export",
        type: "private_group",
        id: 42,
        messages: [
          {
            id: 1,
            type: "message",
            date: "2019-05-04T10:05:00",
            from: "Ann",
            from_id: "user7",
            text: "hello",
          },
        ],
      }),
    );
    const report = { timeZone: "Europe/Moscow" };
    expect((await reportFromExport(file, { report, language: "en" })).notes).toEqual([
      "This report covers what the export contains (it may be a date range or leave chats out).",
      "1 messages carried no unix time (exported before Telegram Desktop 3.7.6); their local times were read as Europe/Moscow. If the exporting computer was in another zone, pass it with --tz.",
    ]);
    expect((await reportFromExport(file, { report, language: "ru" })).notes).toEqual([
      "Отчёт охватывает то, что есть в экспорте (это может быть лишь часть периода или не все чаты).",
      "Сообщений без времени unix (экспорт старше Telegram Desktop 3.7.6): 1; их местное время прочитано в поясе Europe/Moscow. Если компьютер, с которого делали экспорт, был в другом поясе, укажите его через --tz.",
    ]);
  });

  it("name a combined report of a full export in the report's language", async () => {
    const full = path.resolve("test/fixtures/export/full-export-2024.json");
    const report = { timeZone: "UTC" };
    expect((await reportFromExport(full, { report, language: "en" })).chat.name).toBe("All chats");
    expect((await reportFromExport(full, { report, language: "ru" })).chat.name).toBe("Все чаты");
  });
});
