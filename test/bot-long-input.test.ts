/**
 * Answers that quote what a user typed stay within Telegram's 4096
 * characters however long the input: the quote is cut to 64 characters with
 * "…" between grapheme clusters, and the reply helper cuts any longer text
 * instead of failing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { answer } from "@tgstats/bot";
import { cutText } from "@tgstats/engine";
import { echoInput, fitMessageText } from "@tgstats/bot";
import {
  GROUP,
  alice,
  boris,
  carol,
  privateChat,
  sentTexts,
  useBotHarness,
} from "./helpers/bot-harness.js";
import { USAGE_EN, USAGE_RU } from "./helpers/bot-texts.js";

const FAMILY = "👨‍👩‍👧‍👦"; // 4 emoji joined by 3 ZWJ: one cluster, 11 UTF-16 units
const FLAG = "🇩🇪"; // two regional indicators: one cluster, 4 units

describe("cutText", () => {
  it("keeps a text that fits both limits, however close", () => {
    expect(cutText("a".repeat(10), { maxChars: 10, maxUtf16Units: 10 })).toBe("a".repeat(10));
    expect(cutText(FLAG.repeat(10), { maxChars: 10, maxUtf16Units: 40 })).toBe(FLAG.repeat(10));
  });

  it("cuts by clusters, leaving room for the ellipsis", () => {
    expect(cutText("a".repeat(11), { maxChars: 10, maxUtf16Units: 100 })).toBe(`${"a".repeat(9)}…`);
    // 11 flags are 11 clusters: 9 flags and "…" are 10.
    expect(cutText(FLAG.repeat(11), { maxChars: 10, maxUtf16Units: 100 })).toBe(
      `${FLAG.repeat(9)}…`,
    );
  });

  it("cuts by code units between clusters, never inside a surrogate pair or a ZWJ sequence", () => {
    // 40 units allow 3 families (33 units) and "…"; a fourth would end at 44.
    expect(cutText(FAMILY.repeat(5), { maxChars: 10, maxUtf16Units: 40 })).toBe(
      `${FAMILY.repeat(3)}…`,
    );
    // "a" then pairs: room for "a" + 2 pairs (5 units) and "…" within 6 units.
    expect(cutText(`a${"😀".repeat(5)}`, { maxChars: 100, maxUtf16Units: 6 })).toBe(
      `a${"😀".repeat(2)}…`,
    );
  });

  it("drops a first cluster that alone exceeds the limit rather than split it", () => {
    const zalgo = `e${"\u0301".repeat(500)}`;
    expect(cutText(zalgo, { maxChars: 64, maxUtf16Units: 256 })).toBe("…");
  });

  it("does not leave a space before the ellipsis", () => {
    expect(cutText("abc defgh", { maxChars: 5, maxUtf16Units: 100 })).toBe("abc…");
  });
});

describe("echoInput and fitMessageText", () => {
  it("quote at most 64 characters and 256 code units", () => {
    expect(echoInput("x".repeat(64))).toBe("x".repeat(64));
    expect(echoInput("x".repeat(65))).toBe(`${"x".repeat(63)}…`);
    expect(echoInput("😀".repeat(100))).toBe(`${"😀".repeat(63)}…`);
    // 23 families are 253 units, a 24th would end at 264.
    expect(echoInput(FAMILY.repeat(30))).toBe(`${FAMILY.repeat(23)}…`);
  });

  it("fit a message to 4096 code units", () => {
    expect(fitMessageText("y".repeat(4096))).toBe("y".repeat(4096));
    expect(fitMessageText("y".repeat(5000))).toBe(`${"y".repeat(4095)}…`);
    // "a" + 2047 pairs end at 4095; the next pair would cross 4096.
    const cut = fitMessageText(`a${"😀".repeat(2100)}`);
    expect(cut).toBe(`a${"😀".repeat(2047)}…`);
    expect(cut.length).toBe(4096);
  });
});

const harness = useBotHarness({
  name: "bot-long-input",
  env: { RATE_LIMIT_USER: "100/1m", RATE_LIMIT_CHAT: "100/1m" },
});

describe("answers that quote long input", () => {
  beforeAll(() => {
    harness.server.setChatMember(GROUP.id, alice.id, "administrator");
  });

  it("/stats with 4,000 characters of arguments gets the argument error, quoting 64", async () => {
    const calls = await harness.send(GROUP, alice, `/stats ${"x".repeat(4000)}`);
    expect(calls.map((call) => [call.method, call.ok])).toEqual([["sendMessage", true]]);
    expect(sentTexts(calls)).toEqual([`I don't understand "${"x".repeat(63)}…".\n\n${USAGE_EN}`]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("cuts emoji arguments between characters, in Russian too", async () => {
    const calls = await harness.send(GROUP, boris, `/stats 7d ${"😀".repeat(2000)}`);
    expect(sentTexts(calls)).toEqual([`Не понимаю «${"😀".repeat(63)}…».\n\n${USAGE_RU}`]);
  });

  it("cuts an unknown time zone in /stats and in /tz", async () => {
    const zone = `Mars/${"Olympus".repeat(580)}`;
    const quoted = `${`Mars/${"Olympus".repeat(9)}`.slice(0, 63)}…`;
    const why = `Unknown time zone "${quoted}". Use a name from the tz database such as Europe/Moscow, America/New_York or UTC.`;
    expect(sentTexts(await harness.send(GROUP, carol, `/stats ${zone}`))).toEqual([
      `${why}\n\n${USAGE_EN}`,
    ]);
    expect(sentTexts(await harness.send(GROUP, carol, `/tz ${zone}`))).toEqual([why]);
  });

  it("cuts a wrong argument in an export's caption", async () => {
    const calls = await harness.handle({
      message: {
        message_id: 7001,
        date: 1_710_072_000,
        chat: { id: carol.id, type: "private", first_name: "Carol" },
        from: carol,
        document: {
          file_id: "file-long-caption",
          file_unique_id: "unique-long-caption",
          file_name: "result.json",
          mime_type: "application/json",
          file_size: 1000,
        },
        caption: `2023 ${"z".repeat(1000)}`,
      } as never,
    });
    expect(sentTexts(calls)).toEqual([`I don't understand "${"z".repeat(63)}…".\n\n${USAGE_EN}`]);
    expect(await harness.jobs()).toEqual([]);
  });

  it("cuts an unknown language in /lang", async () => {
    const calls = await harness.send(privateChat(carol), carol, `/lang ${"q".repeat(4090)}`);
    expect(sentTexts(calls)).toEqual([
      `I don't speak "${"q".repeat(63)}…". Available: en, ru, or auto for each user's own language.`,
    ]);
  });
});

describe("the reply helper", () => {
  beforeAll(() => {
    // A route only this file's bot has: answers plain "long N" with N letters.
    harness.bot.hears(/^long (\d+)$/, (ctx) => answer(ctx, "y".repeat(Number(ctx.match[1]))));
  });

  it("cuts a text longer than Telegram allows instead of failing, and logs the cut", async () => {
    const calls = await harness.send(privateChat(carol), carol, "long 5000");
    expect(calls.map((call) => [call.method, call.ok])).toEqual([["sendMessage", true]]);
    expect(sentTexts(calls)).toEqual([`${"y".repeat(4095)}…`]);
    expect(
      harness
        .logLines()
        .filter((line) => line.msg === "answer too long for Telegram; sent cut")
        .map((line) => line.lengthUtf16),
    ).toEqual([5000]);
  });

  it("sends a text of exactly 4096 characters whole", async () => {
    const calls = await harness.send(privateChat(carol), carol, "long 4096");
    expect(sentTexts(calls)).toEqual(["y".repeat(4096)]);
  });
});
