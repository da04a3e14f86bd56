import { expect } from "vitest";
import {
  ReportBuilder,
  mergeReportStates,
  toReportJson,
  type Message,
  type ReportJson,
  type ReportJsonOptions,
  type ReportState,
} from "@tgstats/engine";

/**
 * The report a month cache of `messages` answers, computed without the
 * cache: one state per UTC month (months cut by `Date`, not by the engine's
 * clock), each in its at-rest form, merged.
 */
export function restReport(
  messages: readonly Message[],
  chat: ReportJsonOptions["chat"],
): ReportJson {
  const months = new Map<string, ReportBuilder>();
  for (const message of messages) {
    const month = new Date(message.dateUnix * 1000).toISOString().slice(0, 7);
    let builder = months.get(month);
    if (builder === undefined) {
      builder = new ReportBuilder({ timeZone: "UTC" });
      months.set(month, builder);
    }
    builder.add(message);
  }
  const states = [...months.keys()].sort().map((month) => months.get(month)!.state.forRest());
  return toReportJson(mergeReportStates(states), { chat });
}

/** Every listed word and phrase count is at most the true one and low by at most the stated bound. */
export function expectWordsWithinBound(report: ReportJson, truth: ReportState): void {
  const trueWords = new Map(truth.words.words.top(Infinity).map((e) => [e.term, e.count]));
  const truePhrases = new Map(truth.words.bigrams.top(Infinity).map((e) => [e.term, e.count]));
  const { errorBound, bigramErrorBound } = report.wordStats;
  for (const { word, count } of report.words) {
    const low = (trueWords.get(word) ?? 0) - count;
    expect({ word, within: low >= 0 && low <= errorBound }).toEqual({ word, within: true });
  }
  for (const { words, count } of report.bigrams) {
    const low = (truePhrases.get(words) ?? 0) - count;
    expect({ words, within: low >= 0 && low <= bigramErrorBound }).toEqual({ words, within: true });
  }
}
