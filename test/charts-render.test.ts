import { existsSync, readFileSync } from "node:fs";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CHART_FONT_FAMILY,
  ChartSizeError,
  canDrawText,
  chartFontFamilyFor,
  chartFontFiles,
  drawableText,
  drawShapedText,
  chartTexts,
  EMOJI_FONT_FAMILY,
  emojiSpec,
  FontFormatError,
  lazyFontFilesFor,
  measureShapedText,
  MISSING_GLYPH,
  parseUnicodeRange,
  planReportCharts,
  readFontCoverage,
  registerChartFonts,
  renderChart,
  renderReportCharts,
  shapingPieces,
  TEXT_FONT_FAMILY,
  topSendersSpec,
  wordsSpec,
} from "@tgstats/charts";
import { createMessage, ReportBuilder, toReportJson, type ReportJson } from "@tgstats/engine";
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
    // Six message charts, reactions received, two people charts, three channel charts (posts and
    // views per month, best time to post, views by kind and length) and the members chart.
    expect(planned).toHaveLength(13);
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
      "04-active-people.png",
      "05-retention.png",
      "06-top-emoji.png",
      "07-top-reactions.png",
      "08-reactions-received.png",
      "09-top-words.png",
      "10-members.png",
    ]);
    expect(charts[0]!.caption.startsWith("Самые активные — ")).toBe(true);
    for (const chart of charts) expect(pngSize(chart.png).width).toBe(1280);
  });

  it("sends one 'not enough data' image for an empty report", async () => {
    const empty = sampleReport({ days: 1, people: 1 });
    Object.assign(empty, {
      senders: [],
      channelSenders: [],
      emojis: [],
      reactions: [],
      words: [],
      members: null,
    });
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
      // Every text, functions called with a zone-like value for each of their parameters.
      const texts = Object.values(chartTexts(language)).map(
        (text: string | ((...values: string[]) => string)) =>
          typeof text === "string"
            ? text
            : text(...Array.from({ length: text.length }, () => "Europe/Moscow")),
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
    expect(canDrawText("これ یاری")).toBe(true);
    // U+10FFFD is a private-use code point no font has.
    expect(canDrawText("ok \u{10FFFD}")).toBe(false);
    expect(drawableText("ok \u{10FFFD}")).toBe("ok \uFFFD");
  });

  it("refuses a file that is no font", () => {
    expect(() => readFontCoverage(Buffer.from("GIF89a\0\0\0\0\0\0", "latin1"))).toThrow(
      FontFormatError,
    );
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

describe("ZWJ emoji sequences led by a text-default character", () => {
  const ZWJ = "\u200D";
  const VS16 = "\uFE0F";
  const SEQUENCES = {
    heartOnFire: `❤${VS16}${ZWJ}🔥`,
    rainbowFlag: `🏳${VS16}${ZWJ}🌈`,
    mendingHeart: `❤${VS16}${ZWJ}🩹`,
    transgenderFlag: `🏳${VS16}${ZWJ}⚧${VS16}`,
    brokenChain: `⛓${VS16}${ZWJ}💥`,
  };
  const FONT = `48px ${CHART_FONT_FAMILY}`;

  beforeAll(() => {
    registerChartFonts();
  });

  function context(widthPx: number) {
    const canvas = createCanvas(widthPx, 96);
    const drawing = canvas.getContext("2d");
    drawing.fillStyle = "#ffffff";
    drawing.fillRect(0, 0, widthPx, 96);
    drawing.fillStyle = "#000000";
    drawing.font = FONT;
    drawing.textBaseline = "alphabetic";
    return drawing;
  }

  /** Pixels drawn on (not white) in columns [fromX, toX). */
  function inkedPixels(drawing: ReturnType<typeof context>, fromX: number, toX: number): number {
    const { data } = drawing.getImageData(fromX, 0, toX - fromX, 96);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      if (Math.min(data[index]!, data[index + 1]!, data[index + 2]!) < 200) count++;
    }
    return count;
  }

  it("are cut around, and only they", () => {
    expect(shapingPieces("no joiner 🔥")).toBeNull();
    expect(shapingPieces(`👨${ZWJ}👩${ZWJ}👧`)).toBeNull();
    expect(shapingPieces(`Fire ${SEQUENCES.heartOnFire}!`)).toEqual([
      { text: "Fire ", carried: false },
      { text: SEQUENCES.heartOnFire, carried: true },
      { text: "!", carried: false },
    ]);
  });

  it("are measured and drawn as one colour glyph, where Skia alone draws two", () => {
    const drawing = context(10);
    const oneGlyph = drawing.measureText("😂").width;
    for (const [name, sequence] of Object.entries(SEQUENCES)) {
      expect(measureShapedText(drawing, sequence), name).toBeCloseTo(oneGlyph, 1);
    }
    // What the workaround is for: Skia's shaper splits these (two glyphs wide).
    expect(drawing.measureText(SEQUENCES.heartOnFire).width).toBeCloseTo(2 * oneGlyph, 1);
    expect(drawing.measureText(SEQUENCES.rainbowFlag).width).toBeCloseTo(2 * oneGlyph, 1);
  });

  it("draw one glyph in its own place whatever the alignment, the carrier clipped away", () => {
    const oneGlyph = Math.ceil(context(10).measureText("😂").width);
    for (const sequence of Object.values(SEQUENCES)) {
      // Left-aligned at x = 100: colour only in [100, 100 + one glyph).
      const left = context(300);
      left.textAlign = "left";
      drawShapedText(left, "fillText", sequence, 100, 70);
      expect(inkedPixels(left, 0, 100), sequence).toBe(0);
      expect(inkedPixels(left, 100, 100 + oneGlyph), sequence).toBeGreaterThan(300);
      expect(inkedPixels(left, 100 + oneGlyph + 2, 300), sequence).toBe(0);
      // Right-aligned at x = 200: the same glyph ends there.
      const right = context(300);
      right.textAlign = "right";
      drawShapedText(right, "fillText", sequence, 200, 70);
      expect(inkedPixels(right, 0, 200 - oneGlyph - 2), sequence).toBe(0);
      expect(inkedPixels(right, 200 - oneGlyph, 200), sequence).toBeGreaterThan(300);
      expect(right.textAlign).toBe("right");
    }
  });

  it("stay whole on the emoji chart, none dropped", async () => {
    const report = sampleReport({ language: "en" });
    // The report keeps emoji without U+FE0F; the chart puts it back.
    report.emojis = Object.values(SEQUENCES).map((emoji, index) => ({
      emoji: emoji.replaceAll(VS16, ""),
      count: 50 - index,
    }));
    // Every code point is in the bundled fonts (cmap), so none is shown by code point.
    for (const sequence of Object.values(SEQUENCES)) expect(canDrawText(sequence)).toBe(true);
    const spec = emojiSpec(report)!;
    const yAxis = spec.option.yAxis as { data: string[] };
    expect(yAxis.data).toEqual(Object.values(SEQUENCES));
    const png = await renderChart(spec.option, { widthPx: spec.widthPx, heightPx: spec.heightPx });
    expect(pngSize(png)).toEqual({ width: spec.widthPx * 2, height: spec.heightPx * 2 });
  });
});

describe("fonts of every script", () => {
  // Names and words as Telegram users write them, with the package whose font must draw them.
  // null: the text font (Noto Sans) has the script itself.
  const SAMPLES: [script: string, text: string, packageName: string | null][] = [
    ["Persian", "یاری حافظه کتابخانه‌ها", "@fontsource-variable/noto-sans-arabic"],
    ["Arabic", "مرحبا بالعالم", "@fontsource-variable/noto-sans-arabic"],
    ["Urdu", "اردو ٹھیک ہے", "@fontsource-variable/noto-sans-arabic"],
    ["Hebrew", "שלום עולם", "@fontsource-variable/noto-sans-hebrew"],
    ["Hindi", "नमस्ते दुनिया", null],
    ["Bengali", "বাংলা ভাষা", "@fontsource-variable/noto-sans-bengali"],
    ["Tamil", "தமிழ் மொழி", "@fontsource-variable/noto-sans-tamil"],
    ["Telugu", "తెలుగు భాష", "@fontsource-variable/noto-sans-telugu"],
    ["Gujarati", "ગુજરાતી ભાષા", "@fontsource-variable/noto-sans-gujarati"],
    ["Punjabi", "ਪੰਜਾਬੀ ਭਾਸ਼ਾ", "@fontsource-variable/noto-sans-gurmukhi"],
    ["Kannada", "ಕನ್ನಡ ಭಾಷೆ", "@fontsource-variable/noto-sans-kannada"],
    ["Malayalam", "മലയാളം ഭാഷ", "@fontsource-variable/noto-sans-malayalam"],
    ["Sinhala", "සිංහල භාෂාව", "@fontsource-variable/noto-sans-sinhala"],
    ["Thai", "สวัสดีครับ", "@fontsource-variable/noto-sans-thai"],
    ["Georgian", "გამარჯობა ნინო", "@fontsource-variable/noto-sans-georgian"],
    ["Armenian", "Բարեւ Արամ", "@fontsource-variable/noto-sans-armenian"],
    ["Chinese (simplified)", "王小明 中文聊天统计", "@fontsource-variable/noto-sans-sc"],
    ["Chinese (traditional)", "繁體中文聊天統計", "@fontsource-variable/noto-sans-sc"],
    ["Japanese", "田中 たろう カタカナ", "@fontsource-variable/noto-sans-sc"],
    ["Korean", "김민준 안녕하세요", "@fontsource-variable/noto-sans-kr"],
    ["Mathematical bold", "𝐑𝐮𝐬𝐭𝐚𝐦", "@fontsource/noto-sans-math"],
    ["Mathematical script and double-struck", "𝓜𝓪𝓻𝓲𝓪 𝕁𝕠𝕙𝕟", "@fontsource/noto-sans-math"],
  ];

  it("parses a CSS unicode-range", () => {
    expect(parseUnicodeRange("U+0600-06FF,U+200C, U+1d400-1d7ff")).toEqual([
      [0x600, 0x6ff],
      [0x200c, 0x200c],
      [0x1d400, 0x1d7ff],
    ]);
  });

  it("are not needed for Latin, Greek, Cyrillic and emoji, so such a chart loads none", () => {
    expect(lazyFontFilesFor(["Привет, world! Ελληνικά 👋🏽 🇺🇦 № 1 234,5 ₽ € …"])).toEqual([]);
  });

  it.each(SAMPLES)(
    "%s comes from the right package and its files map every letter (cmap)",
    (_, text, packageName) => {
      const files = lazyFontFilesFor([text]);
      expect(files[0]?.packageName ?? null).toBe(packageName);
      const coverages = [
        ...chartFontFiles()
          .filter((file) => !file.path.includes("Bold"))
          .map((file) => readFontCoverage(readFileSync(file.path))),
        ...files.map((file) => readFontCoverage(readFileSync(file.path))),
      ];
      const missing = Array.from(text).filter(
        (char) =>
          !/\p{Default_Ignorable_Code_Point}/u.test(char) &&
          !coverages.some((coverage) => coverage.has(char.codePointAt(0)!)),
      );
      expect(missing).toEqual([]);
      expect(drawableText(text)).toBe(text);
    },
  );

  it("reads the cmap of WOFF2 files like that of the same font as WOFF", () => {
    const emoji = chartFontFiles().find((file) => file.family === EMOJI_FONT_FAMILY)!.path;
    const woff = readFontCoverage(readFileSync(emoji));
    const woff2 = readFontCoverage(readFileSync(emoji.replace(/\.woff$/, ".woff2")));
    expect(woff2.ranges).toEqual(woff.ranges);
  });

  /** Dark pixels of `text` drawn alone with the fonts a chart would use for it. */
  function inkMask(text: string): Uint8Array {
    const canvas = createCanvas(160, 64);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, 160, 64);
    context.fillStyle = "#000000";
    context.font = `40px ${chartFontFamilyFor([text])}`;
    context.fillText(text, 8, 48);
    const { data } = context.getImageData(0, 0, 160, 64);
    return Uint8Array.from({ length: 160 * 64 }, (_, index) => (data[index * 4]! < 128 ? 1 : 0));
  }

  function differingPixels(a: Uint8Array, b: Uint8Array): number {
    let count = 0;
    for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) count++;
    return count;
  }

  it("shape Arabic script right to left with joined letters", () => {
    const salam = inkMask("سلام");
    const ink = salam.reduce((sum, pixel) => sum + pixel, 0);
    expect(ink).toBeGreaterThan(200);
    // The same word as presentation forms in visual order, forced left to right: initial
    // seen U+FEB3, final lam-alef ligature U+FEFC, isolated meem U+FEE1, drawn right to left.
    const visual = "\u202D\uFEE1\uFEFC\uFEB3\u202C";
    expect(differingPixels(salam, inkMask(visual))).toBeLessThan(ink / 10);
    // Left to right (no bidi) or unjoined (no shaping) would look far apart.
    const mirrored = "\u202D\uFEB3\uFEFC\uFEE1\u202C";
    const isolated = "\u202D\uFEE1\uFE8D\uFEDD\uFEB1\u202C";
    expect(differingPixels(salam, inkMask(mirrored))).toBeGreaterThan(ink / 2);
    expect(differingPixels(salam, inkMask(isolated))).toBeGreaterThan(ink / 2);
  });
});

describe("charts of every script", () => {
  function reportOf(texts: [text: string, times: number][]): ReportJson {
    const builder = new ReportBuilder({ timeZone: "UTC" });
    let id = 0;
    for (const [text, times] of texts) {
      for (let time = 0; time < times; time++) {
        id++;
        const sender = {
          kind: "user" as const,
          id: (id % 2) + 1,
          name: id % 2 ? "یاری" : "王小明",
        };
        builder.add(createMessage({ id, dateUnix: 1_700_000_000 + id * 60, sender, text }));
      }
    }
    return toReportJson(builder.state, {
      chat: { id: 1, name: "گروه", type: "private_supergroup" },
    });
  }

  function barLabels(option: unknown): string[][] {
    const yAxis = (option as { yAxis: { data: string[] } | { data: string[] }[] }).yAxis;
    return (Array.isArray(yAxis) ? yAxis : [yAxis]).map((axis) => axis.data);
  }

  it("list a Persian chat's top words and phrases as the JSON report does", () => {
    // در, است and از are Persian stopwords.
    const report = reportOf([
      ["در کتابخانه حافظه است", 3],
      ["از کتابخانه مدل", 2],
      ["پایتون", 1],
    ]);
    expect(report.words).toEqual([
      { word: "کتابخانه", count: 5 },
      { word: "حافظه", count: 3 },
      { word: "مدل", count: 2 },
      { word: "پایتون", count: 1 },
    ]);
    expect(report.bigrams).toEqual([
      { words: "کتابخانه حافظه", count: 3 },
      { words: "کتابخانه مدل", count: 2 },
    ]);
    const spec = wordsSpec(report, { language: "en" })!;
    expect(barLabels(spec.option)).toEqual([
      ["کتابخانه", "حافظه", "مدل", "پایتون"],
      ["کتابخانه حافظه", "کتابخانه مدل"],
    ]);
    expect(JSON.stringify(spec.option)).not.toContain(MISSING_GLYPH);
  });

  it("list a Chinese chat's top words, segmented, as the JSON report does", () => {
    // 我们 ("we") is a stopword, 去 one character: neither is a term.
    const report = reportOf([
      ["我们去北京", 4],
      ["天气很好", 2],
      ["很好", 1],
    ]);
    expect(report.words).toEqual([
      { word: "北京", count: 4 },
      { word: "很好", count: 3 },
      { word: "天气", count: 2 },
    ]);
    const spec = wordsSpec(report, { language: "en" })!;
    expect(barLabels(spec.option)[0]).toEqual(["北京", "很好", "天气"]);
  });

  it("draw every sender's name; a character no font has shows U+FFFD and a note says so", async () => {
    const report = sampleReport({ language: "en" });
    const names = ["یاری", "𝐑𝐮𝐬𝐭𝐚𝐦", "王小明", "ნინო", "राहुल", "สมชาย", "דוד", "김민준"];
    report.senders = names.map((name, index) => ({
      ...report.senders[0]!,
      id: `user${index}`,
      name,
      messages: 100 - index,
    }));
    report.channelSenders = [];
    const spec = topSendersSpec(report)!;
    expect(barLabels(spec.option)[0]).toEqual(names);
    expect(JSON.stringify(spec.option)).not.toContain(chartTexts("en").missingGlyphs);

    report.senders[0]!.name = "Oleg \u{10FFFD}";
    const marked = topSendersSpec(report)!;
    expect(barLabels(marked.option)[0]![0]).toBe("Oleg \uFFFD");
    expect(JSON.stringify(marked.option)).toContain(chartTexts("en").missingGlyphs);
    expect(marked.heightPx).toBe(spec.heightPx + 26);
    const png = await renderChart(marked.option, {
      widthPx: marked.widthPx,
      heightPx: marked.heightPx,
    });
    expect(pngSize(png)).toEqual({ width: marked.widthPx * 2, height: marked.heightPx * 2 });
  });
});
