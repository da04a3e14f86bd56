import { describe, expect, it } from "vitest";
import { analyzeText, emojiKey, extractEmojiKeys } from "@tgstats/engine";

const VS16 = "\uFE0F";
const ZWJ = "\u200D";
const KEYCAP = "\u20E3";
const HEART = "\u2764";
const THUMBS_UP = "\u{1F44D}";
const MEDIUM_SKIN = "\u{1F3FD}";
const FLAG_RU = "\u{1F1F7}\u{1F1FA}";
const FAMILY = ["\u{1F468}", "\u{1F469}", "\u{1F467}", "\u{1F466}"].join(ZWJ);
const WHITE_FLAG = "\u{1F3F3}";
const RAINBOW = "\u{1F308}";
const SCOTLAND = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";

describe("extractEmojiKeys", () => {
  it("keeps sequences whole and drops U+FE0F", () => {
    const text = [
      HEART + VS16,
      THUMBS_UP + MEDIUM_SKIN,
      THUMBS_UP,
      FLAG_RU,
      FAMILY,
      "1" + VS16 + KEYCAP,
      "#" + VS16 + KEYCAP,
      WHITE_FLAG + VS16 + ZWJ + RAINBOW,
      SCOTLAND,
    ].join("");
    expect(extractEmojiKeys(text)).toEqual([
      HEART,
      THUMBS_UP + MEDIUM_SKIN,
      THUMBS_UP,
      FLAG_RU,
      FAMILY,
      "1" + KEYCAP,
      "#" + KEYCAP,
      WHITE_FLAG + ZWJ + RAINBOW,
      SCOTLAND,
    ]);
  });

  it("finds emoji between words, in order", () => {
    expect(extractEmojiKeys(`ok ${HEART}${VS16} fine ${THUMBS_UP}${MEDIUM_SKIN}!`)).toEqual([
      HEART,
      THUMBS_UP + MEDIUM_SKIN,
    ]);
  });

  it("plain digits, # and * are not emoji", () => {
    expect(extractEmojiKeys("0 1 2 12345 # * #1 *2")).toEqual([]);
  });

  it("text-default symbols count only with U+FE0F, in the BMP and above it", () => {
    // Emoji_Presentation=No (emoji-data.txt): © ® ™ ‼ ↔ ▶ ☺ ✌ ❤ in the BMP,
    // 🖍 🖊 🖌 🖋 🛍 🖥 🏳 above it (two UTF-16 units each, one code point).
    const textDefault = [
      "\u00A9",
      "\u00AE",
      "\u2122",
      "\u203C",
      "\u2194",
      "\u25B6",
      "\u263A",
      "\u270C",
      HEART,
      "\u{1F58D}",
      "\u{1F58A}",
      "\u{1F58C}",
      "\u{1F58B}",
      "\u{1F6CD}",
      "\u{1F5A5}",
      WHITE_FLAG,
    ];
    expect(extractEmojiKeys(textDefault.join(" "))).toEqual([]);
    expect(extractEmojiKeys(textDefault.join(""))).toEqual([]);
    expect(extractEmojiKeys(textDefault.map((char) => char + VS16).join(" "))).toEqual(textDefault);
  });

  it("emoji-default characters count alone, in the BMP and above it", () => {
    // Emoji_Presentation=Yes: ⌚ ☕ ⚽ ✅ ❌ ⭐ 😀 🫨 🏴, and a lone skin tone 🏽.
    const emojiDefault = [
      "\u231A",
      "\u2615",
      "\u26BD",
      "\u2705",
      "\u274C",
      "\u2B50",
      "\u{1F600}",
      "\u{1FAE8}",
      "\u{1F3F4}",
      MEDIUM_SKIN,
    ];
    expect(extractEmojiKeys(emojiDefault.join(" "))).toEqual(emojiDefault);
    // U+FE0F changes nothing but is dropped from the key.
    expect(extractEmojiKeys(emojiDefault.map((char) => char + VS16).join(""))).toEqual(
      emojiDefault,
    );
  });

  it("sequences count whatever their first character's default", () => {
    const FIRE = "\u{1F525}";
    const TRANSGENDER = "\u26A7";
    const POINT_UP = "\u261D";
    const text = [
      WHITE_FLAG + VS16 + ZWJ + RAINBOW, // 🏳️‍🌈
      WHITE_FLAG + ZWJ + RAINBOW, // 🏳‍🌈 without U+FE0F
      HEART + VS16 + ZWJ + FIRE, // ❤️‍🔥
      WHITE_FLAG + VS16 + ZWJ + TRANSGENDER + VS16, // 🏳️‍⚧️
      POINT_UP + MEDIUM_SKIN, // ☝🏽: ☝ alone is text-default
      "1" + KEYCAP, // 1⃣ without U+FE0F
    ].join(" ");
    expect(extractEmojiKeys(text)).toEqual([
      WHITE_FLAG + ZWJ + RAINBOW,
      WHITE_FLAG + ZWJ + RAINBOW,
      HEART + ZWJ + FIRE,
      WHITE_FLAG + ZWJ + TRANSGENDER,
      POINT_UP + MEDIUM_SKIN,
      "1" + KEYCAP,
    ]);
    expect(extractEmojiKeys(`${POINT_UP} ${TRANSGENDER} ${FIRE}`)).toEqual([FIRE]);
  });

  it("U+FE0E (text presentation) means no emoji", () => {
    expect(extractEmojiKeys(`${HEART}\uFE0E ${THUMBS_UP}\uFE0E \u{1F5A5}\uFE0E`)).toEqual([]);
  });
});

describe("emojiKey", () => {
  it("strips every U+FE0F and nothing else", () => {
    expect(emojiKey(HEART + VS16)).toBe(HEART);
    expect(emojiKey(THUMBS_UP + MEDIUM_SKIN)).toBe(THUMBS_UP + MEDIUM_SKIN);
    expect(emojiKey(WHITE_FLAG + VS16 + ZWJ + RAINBOW)).toBe(WHITE_FLAG + ZWJ + RAINBOW);
    expect(emojiKey("1" + VS16 + KEYCAP)).toBe("1" + KEYCAP);
  });
});

describe("analyzeText: emoji", () => {
  it("emoji never become words; keycap digits neither", () => {
    // Code points: 3 keycaps of 3, the digit 3, three spaces.
    expect(analyzeText(`1${VS16}${KEYCAP} 2${VS16}${KEYCAP} 3 #${VS16}${KEYCAP}`)).toEqual({
      wordCount: 1,
      characters: 13,
      terms: [],
      bigrams: [],
      emojis: ["1" + KEYCAP, "2" + KEYCAP, "#" + KEYCAP],
    });
  });

  it("a keycap inside a word splits it", () => {
    expect(analyzeText(`xy1${VS16}${KEYCAP}cd`)).toEqual({
      wordCount: 2,
      characters: 7,
      terms: ["xy", "cd"],
      bigrams: [],
      emojis: ["1" + KEYCAP],
    });
  });

  it("counts the sequence mix; code points for characters", () => {
    const text = `${HEART}${VS16}${HEART}${THUMBS_UP}${MEDIUM_SKIN}${FLAG_RU}${FAMILY} wow`;
    // Code points: 2 + 1 + 2 + 2 + 7 + 1 (space) + 3. The bare ❤ is text.
    expect(analyzeText(text)).toEqual({
      wordCount: 1,
      characters: 18,
      terms: ["wow"],
      bigrams: [],
      emojis: [HEART, THUMBS_UP + MEDIUM_SKIN, FLAG_RU, FAMILY],
    });
  });

  it("© without U+FE0F is neither an emoji nor a word", () => {
    expect(analyzeText("\u00A9 2024 Acme")).toEqual({
      wordCount: 2,
      characters: 11,
      terms: ["acme"],
      bigrams: [],
      emojis: [],
    });
  });

  it("a text-default symbol without U+FE0F is text: no emoji, no phrase break", () => {
    // Code points: 3 + 1 + 1 (🖥) + 1 + 4 + 1 + 2 (🖥 U+FE0F) = 13; 🖥 and → alike sit between words.
    expect(analyzeText("new \u{1F5A5} desk \u{1F5A5}\uFE0F")).toEqual({
      wordCount: 2,
      characters: 13,
      terms: ["new", "desk"],
      bigrams: ["new desk"],
      emojis: ["\u{1F5A5}"],
    });
  });

  it("an emoji stuck to a URL is still counted", () => {
    expect(analyzeText(`https://x.io/${THUMBS_UP}`).emojis).toEqual([THUMBS_UP]);
    expect(analyzeText(`https://x.io/${THUMBS_UP}`).wordCount).toBe(0);
  });
});
