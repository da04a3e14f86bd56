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
      HEART,
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

  it("text-default symbols count only with U+FE0F, except Misc Symbols and Dingbats", () => {
    // © ® ™ ‼ ↔ ▶ without U+FE0F are typography.
    expect(extractEmojiKeys("\u00A9 \u00AE \u2122 \u203C \u2194 \u25B6")).toEqual([]);
    expect(extractEmojiKeys(`\u00A9${VS16} \u2122${VS16} \u203C${VS16}`)).toEqual([
      "\u00A9",
      "\u2122",
      "\u203C",
    ]);
    // ☺ ✌ ❤ are typed bare and meant as emoji.
    expect(extractEmojiKeys(`\u263A \u270C ${HEART}`)).toEqual(["\u263A", "\u270C", HEART]);
  });

  it("U+FE0E (text presentation) means no emoji", () => {
    expect(extractEmojiKeys(`${HEART}\uFE0E ${THUMBS_UP}\uFE0E`)).toEqual([]);
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
    // Code points: 2 + 1 + 2 + 2 + 7 + 1 (space) + 3.
    expect(analyzeText(text)).toEqual({
      wordCount: 1,
      characters: 18,
      terms: ["wow"],
      bigrams: [],
      emojis: [HEART, HEART, THUMBS_UP + MEDIUM_SKIN, FLAG_RU, FAMILY],
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

  it("an emoji stuck to a URL is still counted", () => {
    expect(analyzeText(`https://x.io/${THUMBS_UP}`).emojis).toEqual([THUMBS_UP]);
    expect(analyzeText(`https://x.io/${THUMBS_UP}`).wordCount).toBe(0);
  });
});
