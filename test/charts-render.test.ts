import { existsSync, readFileSync } from "node:fs";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CHART_FONT_FAMILY,
  ChartSizeError,
  canDrawText,
  chartFontFiles,
  drawableText,
  chartTexts,
  EMOJI_FONT_FAMILY,
  FontFormatError,
  planReportCharts,
  readFontCoverage,
  registerChartFonts,
  renderChart,
  renderReportCharts,
  TEXT_FONT_FAMILY,
  topSendersSpec,
} from "@tgstats/charts";
import { sampleReport } from "@tgstats/sandbox";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("renderChart", () => {
  it("draws every chart of a full report as a PNG at twice its logical size", async () => {
    const planned = planReportCharts(sampleReport({ language: "ru", withChannelStats: true }));
    expect(planned).toHaveLength(7);
    for (const { spec } of planned) {
      const png = await renderChart(spec.option, {
        widthPx: spec.widthPx,
        heightPx: spec.heightPx,
      });
      expect(pngSize(png)).toEqual({ width: spec.widthPx * 2, height: spec.heightPx * 2 });
    }
  });

  it("honours the scale", async () => {
    const spec = topSendersSpec(sampleReport())!;
    const png = await renderChart(spec.option, {
      widthPx: 300,
      heightPx: 200,
      scale: 1,
      theme: "dark",
    });
    expect(pngSize(png)).toEqual({ width: 300, height: 200 });
  });

  it("rejects sizes that are not whole positive pixels", async () => {
    const spec = topSendersSpec(sampleReport())!;
    await expect(renderChart(spec.option, { widthPx: 0, heightPx: 100 })).rejects.toThrow(
      ChartSizeError,
    );
    await expect(renderChart(spec.option, { widthPx: 10.5, heightPx: 100 })).rejects.toThrow(
      ChartSizeError,
    );
  });
});

describe("renderReportCharts", () => {
  it("returns the album in order with names, PNGs and captions", async () => {
    const charts = await renderReportCharts(sampleReport({ language: "en" }), {
      language: "ru",
      theme: "dark",
    });
    expect(charts.map((chart) => chart.name)).toEqual([
      "01-top-senders.png",
      "02-activity-punchcard.png",
      "03-timeline.png",
      "04-top-emoji.png",
      "05-top-reactions.png",
      "06-top-words.png",
    ]);
    expect(charts[0]!.caption.startsWith("Самые активные — ")).toBe(true);
    for (const chart of charts) expect(pngSize(chart.png).width).toBe(1280);
  });

  it("sends one 'not enough data' image for an empty report", async () => {
    const empty = sampleReport({ days: 1, people: 1 });
    Object.assign(empty, { senders: [], channelSenders: [], emojis: [], reactions: [], words: [] });
    empty.punchcard = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    const charts = await renderReportCharts(empty);
    expect(charts.map((chart) => chart.name)).toEqual(["01-not-enough-data.png"]);
    expect(pngSize(charts[0]!.png)).toEqual({ width: 1280, height: 560 });
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(renderReportCharts(sampleReport(), { signal: controller.signal })).rejects.toThrow(
      "This operation was aborted",
    );
  });
});

describe("bundled fonts", () => {
  const CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя";
  // Characters the charts draw besides letters: Intl's separators and dashes, ellipsis, "~", "·".
  const PUNCTUATION = "0123456789.,:–…~·\u00A0\u2009\u202F";
  const EMOJI_CODE_POINTS = {
    "😂": 0x1f602,
    "👍": 0x1f44d,
    "🏽": 0x1f3fd,
    "🇷": 0x1f1f7,
    "🇺": 0x1f1fa,
    "⭐": 0x2b50,
  };

  beforeAll(() => {
    registerChartFonts();
  });

  it("come from the project's node_modules and are registered under their own names", () => {
    const files = chartFontFiles();
    expect(files.map((file) => file.family)).toEqual([
      TEXT_FONT_FAMILY,
      TEXT_FONT_FAMILY,
      EMOJI_FONT_FAMILY,
    ]);
    for (const file of files) {
      expect(file.path).toContain(`${process.cwd()}/node_modules/`);
      expect(existsSync(file.path)).toBe(true);
    }
    expect(GlobalFonts.has(TEXT_FONT_FAMILY)).toBe(true);
    expect(GlobalFonts.has(EMOJI_FONT_FAMILY)).toBe(true);
  });

  it("map Cyrillic and the punctuation the charts use to glyphs in the text font (cmap)", () => {
    for (const file of chartFontFiles().filter((entry) => entry.family === TEXT_FONT_FAMILY)) {
      const coverage = readFontCoverage(readFileSync(file.path));
      expect(coverage.missing(CYRILLIC + PUNCTUATION), file.path).toEqual([]);
      // The check can fail: the text font has no emoji.
      expect(coverage.missing("😂")).toEqual([0x1f602]);
    }
  });

  it("have a glyph for every character of every chart text in both languages", () => {
    const regular = chartFontFiles()[0]!;
    const coverage = readFontCoverage(readFileSync(regular.path));
    for (const language of ["en", "ru"] as const) {
      const texts = Object.values(chartTexts(language)).map(
        (text: string | ((zone: string) => string)) =>
          typeof text === "string" ? text : text("Europe/Moscow"),
      );
      expect(coverage.missing(texts.join(""))).toEqual([]);
    }
  });

  it("map 😂, 👍, skin tones, regional indicators and ⭐ to glyphs in the emoji font (cmap)", () => {
    const emojiFile = chartFontFiles().find((entry) => entry.family === EMOJI_FONT_FAMILY)!;
    const coverage = readFontCoverage(readFileSync(emojiFile.path));
    for (const codePoint of Object.values(EMOJI_CODE_POINTS))
      expect(coverage.has(codePoint)).toBe(true);
    expect(coverage.has(0x10fffd)).toBe(false);
  });

  it("tell drawable text from text that would fall back to a system font", () => {
    expect(canDrawText("Привет, world 👋🏽 🇷🇺 ❤\uFE0F")).toBe(true);
    expect(canDrawText("これ")).toBe(false);
    expect(drawableText("ok これ")).toBe("ok \uFFFD\uFFFD");
  });

  it("refuses WOFF2, which this reader cannot decompress", () => {
    const woff2 = Buffer.from("wOF2\0\0\0\0\0\0\0\0", "latin1");
    expect(() => readFontCoverage(woff2)).toThrow(FontFormatError);
  });

  /** Pixels clearly coloured (not grey or black) when `text` is drawn alone in the chart font. */
  function colouredPixels(text: string): number {
    const canvas = createCanvas(96, 96);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, 96, 96);
    context.fillStyle = "#000000";
    context.font = `48px ${CHART_FONT_FAMILY}`;
    context.fillText(text, 8, 64);
    const { data } = context.getImageData(0, 0, 96, 96);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      const [red, green, blue] = [data[index]!, data[index + 1]!, data[index + 2]!];
      if (Math.max(red, green, blue) - Math.min(red, green, blue) > 80) count++;
    }
    return count;
  }

  function advance(text: string): number {
    const context = createCanvas(10, 10).getContext("2d");
    context.font = `48px ${CHART_FONT_FAMILY}`;
    return context.measureText(text).width;
  }

  it("draw 😂, 👍🏽 and 🇷🇺 in colour, each as one glyph, unlike a missing code point", () => {
    const single = advance("😂");
    for (const emoji of ["😂", "👍🏽", "🇷🇺"]) {
      expect(colouredPixels(emoji), emoji).toBeGreaterThan(300);
      // A sequence the font cannot join would be two glyphs wide (👍 + 🏽, 🇷 + 🇺).
      expect(advance(emoji), emoji).toBeCloseTo(single, 1);
    }
    // U+10FFFD is in no font: it falls back to a monochrome box.
    expect(colouredPixels("\u{10FFFD}")).toBe(0);
  });
});
