import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyzeText,
  extractEmojiKeys,
  isStopword,
  normalizeWord,
  type TextAnalysis,
} from "@tgstats/engine";

function analysis(
  partial: Partial<TextAnalysis> & Pick<TextAnalysis, "wordCount" | "characters">,
): TextAnalysis {
  return { terms: [], bigrams: [], emojis: [], ...partial };
}

describe("analyzeText: Latin", () => {
  it("drops stopwords from terms and breaks phrases at them", () => {
    expect(analyzeText("The quick brown fox jumps over the lazy dog")).toEqual(
      analysis({
        wordCount: 9,
        characters: 43,
        terms: ["quick", "brown", "fox", "jumps", "lazy", "dog"],
        bigrams: ["quick brown", "brown fox", "fox jumps", "lazy dog"],
      }),
    );
  });

  it("keeps apostrophe words whole and normalises ’ to '", () => {
    // I: one letter and a stopword; don't, it's: chat fillers.
    expect(analyzeText("I don't think it’s Bob's car")).toEqual(
      analysis({
        wordCount: 6,
        characters: 28,
        terms: ["think", "bob's", "car"],
        bigrams: ["bob's car"],
      }),
    );
  });

  it("keeps hyphenated words whole and drops 1-letter words", () => {
    expect(analyzeText("well-known x-ray, x y z")).toEqual(
      analysis({
        wordCount: 5,
        characters: 23,
        terms: ["well-known", "x-ray"],
        bigrams: ["well-known x-ray"],
      }),
    );
  });
});

describe("analyzeText: Cyrillic", () => {
  it("Russian: stopwords, ё → е, commas do not break phrases", () => {
    // Ещё → еще and раз, тоже: stopwords.
    expect(analyzeText("Ещё раз: Кошка спит, собака — тоже спит.")).toEqual(
      analysis({
        wordCount: 7,
        characters: 40,
        terms: ["кошка", "спит", "собака", "спит"],
        bigrams: ["кошка спит", "спит собака"],
      }),
    );
    expect(analyzeText("Ёлка и елка")).toEqual(
      analysis({ wordCount: 3, characters: 11, terms: ["елка", "елка"] }),
    );
  });

  it("Russian hyphenated words stay whole", () => {
    // сказал is in the Russian stopword list.
    expect(analyzeText("Кто-то сказал по-русски")).toEqual(
      analysis({ wordCount: 3, characters: 23, terms: ["кто-то", "по-русски"] }),
    );
  });

  it("Ukrainian: ', ’ and ʼ inside a word give one term", () => {
    expect(analyzeText("П’ять хвилин, пʼять котів і п'ять собак")).toEqual(
      analysis({
        wordCount: 7,
        characters: 39,
        terms: ["п'ять", "хвилин", "п'ять", "котів", "п'ять", "собак"],
        bigrams: ["п'ять хвилин", "хвилин п'ять", "п'ять котів", "п'ять собак"],
      }),
    );
  });

  it("Ukrainian stopwords", () => {
    expect(analyzeText("Це що таке? Ще щось")).toEqual(
      analysis({ wordCount: 5, characters: 19, terms: ["таке"] }),
    );
  });
});

describe("analyzeText: tokens that are not words", () => {
  it("skips URLs, emails and mentions; counts bot commands as words but not terms", () => {
    const text =
      "/start@TgStatsBot see https://Example.com/a?b=1, www.foo.org and t.me/durov; mail john.doe@mail.ru or @alice_99 about and/or links";
    // Words: /start@TgStatsBot, see, and, mail, or, about, and, or, links.
    expect(analyzeText(text)).toEqual(
      analysis({ wordCount: 9, characters: text.length, terms: ["see", "mail", "links"] }),
    );
  });

  it("a URL, email or mention between two terms breaks the phrase", () => {
    expect(analyzeText("cats https://x.io dogs @bob birds a@b.co fish").bigrams).toEqual([]);
    expect(analyzeText("cats https://x.io dogs @bob birds a@b.co fish").terms).toEqual([
      "cats",
      "dogs",
      "birds",
      "fish",
    ]);
  });

  it("a slash inside a chunk is no bot command", () => {
    expect(analyzeText("cats/dogs")).toEqual(
      analysis({ wordCount: 2, characters: 9, terms: ["cats", "dogs"], bigrams: ["cats dogs"] }),
    );
  });

  it("hashtags are not words (they are counted apart, as hashtags) and end a phrase", () => {
    // Words: and, rocks, cats, dogs (and: stopword); no bigram spans "#x".
    expect(analyzeText("#ТопСлова #2024 #a and #tgstats rocks cats #x dogs")).toEqual(
      analysis({
        wordCount: 4,
        characters: 50,
        terms: ["rocks", "cats", "dogs"],
        bigrams: ["rocks cats"],
      }),
    );
  });

  it("numbers are words but not terms; . , : join digits; a word with a letter is a term", () => {
    // Words: meeting, at, 12:30, 3.14, pi, 1,000, people, in, 2024г.
    expect(analyzeText("Meeting at 12:30, 3.14 pi, 1,000 people in 2024г")).toEqual(
      analysis({ wordCount: 9, characters: 48, terms: ["meeting", "pi", "people", "2024г"] }),
    );
  });
});

describe("analyzeText: phrases", () => {
  it("sentence punctuation and line breaks end a phrase; commas do not", () => {
    expect(analyzeText("big data. Big data\nbig data, big data! big data").bigrams).toEqual([
      "big data",
      "big data",
      "big data",
      "data big",
      "big data",
      "big data",
    ]);
  });

  it("an emoji ends a phrase and never becomes a word", () => {
    expect(analyzeText("good morning \u{1F31E} sunny day")).toEqual(
      analysis({
        wordCount: 4,
        characters: 24,
        terms: ["good", "morning", "sunny", "day"],
        bigrams: ["good morning", "sunny day"],
        emojis: ["\u{1F31E}"],
      }),
    );
  });
});

describe("analyzeText: scripts without spaces", () => {
  it("Chinese by Intl.Segmenter; a space next to it ends a phrase", () => {
    expect(analyzeText("hello world 今天天气很好")).toEqual(
      analysis({
        wordCount: 5,
        characters: 18,
        terms: ["hello", "world", "今天", "天气", "很好"],
        bigrams: ["hello world", "今天 天气", "天气 很好"],
      }),
    );
  });

  it("Japanese by Intl.Segmenter; Chinese stopwords left out", () => {
    // は is one character (never a term); 我们 ("we") is a Chinese stopword; the space ends the phrase.
    expect(analyzeText("東京タワーは大きい 我们北京")).toEqual(
      analysis({
        wordCount: 5,
        characters: 14,
        terms: ["東京タワー", "大きい", "北京"],
        bigrams: [],
      }),
    );
  });

  it("Thai by Intl.Segmenter", () => {
    expect(analyzeText("สวัสดีครับ")).toEqual(
      analysis({ wordCount: 2, characters: 10, terms: ["สวัสดี", "ครับ"], bigrams: ["สวัสดี ครับ"] }),
    );
  });

  it("Cyrillic and Han side by side split apart", () => {
    expect(analyzeText("Привет世界")).toEqual(
      analysis({
        wordCount: 2,
        characters: 8,
        terms: ["привет", "世界"],
        bigrams: ["привет 世界"],
      }),
    );
  });
});

describe("analyzeText: lengths", () => {
  it("counts code points: a surrogate pair once", () => {
    // Mathematical bold letters are astral letters: one word of 5 code points.
    expect(analyzeText("\u{1D407}\u{1D41E}\u{1D425}\u{1D425}\u{1D428} world")).toEqual(
      analysis({
        wordCount: 2,
        characters: 11,
        terms: ["\u{1D407}\u{1D41E}\u{1D425}\u{1D425}\u{1D428}", "world"],
        bigrams: ["\u{1D407}\u{1D41E}\u{1D425}\u{1D425}\u{1D428} world"],
      }),
    );
    expect(analyzeText("\u{20BB7}野家").characters).toBe(3);
  });

  it("empty and punctuation-only text", () => {
    expect(analyzeText("")).toEqual(analysis({ wordCount: 0, characters: 0 }));
    expect(analyzeText("?!… — ...")).toEqual(analysis({ wordCount: 0, characters: 9 }));
  });
});

describe("analyzeText: any input", () => {
  const pieces = fc.constantFrom(
    " ",
    ".",
    "-",
    "'",
    "’",
    "@",
    "#",
    "/",
    "1",
    "2",
    "a",
    "B",
    "ж",
    "Ё",
    "ʼ",
    "漢",
    "ก",
    "\u0301",
    "\uFE0F",
    "\u20E3",
    "\u00A9",
    "\u2764",
    "\u{1F44D}",
    "\u{1F3FD}",
    "\u{1F1F7}",
    "\u200D",
    "\u{1D400}",
    "\uD800",
    "https://x.io",
    "a@b.ru",
    "www.",
    ".com",
  );
  const texts = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join("")),
  );

  it("never throws and keeps its invariants", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { wordCount, characters, terms, bigrams, emojis } = analyzeText(text);
        expect(characters).toBe(Array.from(text).length);
        expect(emojis).toEqual(extractEmojiKeys(text));
        expect(wordCount).toBeGreaterThanOrEqual(terms.length);
        expect(bigrams.length).toBeLessThanOrEqual(Math.max(0, terms.length - 1));
        for (const term of terms) {
          expect(term).toBe(term.toLowerCase());
          expect(Array.from(term).length).toBeGreaterThanOrEqual(2);
          expect(term).not.toMatch(/\s|\uFE0F|\u20E3/u);
          expect(isStopword(term)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isStopword", () => {
  it("knows English, Russian and Ukrainian stopwords and normalises ’ and ё", () => {
    expect(["the", "and", "еще", "ещё", "что", "що", "це", "don’t"].map(isStopword)).toEqual(
      Array<boolean>(8).fill(true),
    );
    expect(["cat", "кот", "кіт", "п'ять"].map(isStopword)).toEqual(Array<boolean>(4).fill(false));
  });

  it("knows Persian, Arabic, Spanish, Portuguese, German, Turkish, Uzbek, Hindi and Chinese stopwords", () => {
    const stopwords = ["از", "است", "في", "el", "não", "und", "ve", "bilan", "билан", "और", "我们"];
    expect(stopwords.map(isStopword)).toEqual(Array<boolean>(stopwords.length).fill(true));
    const words = ["کتابخانه", "حافظه", "gato", "katze", "kitob", "北京"];
    expect(words.map(isStopword)).toEqual(Array<boolean>(words.length).fill(false));
  });

  it("normalizeWord", () => {
    expect(normalizeWord("п’ять")).toBe("п'ять");
    expect(normalizeWord("пʼять")).toBe("п'ять");
    expect(normalizeWord("всё")).toBe("все");
  });
});
