import { eng, rus, ukr } from "stopword";

/**
 * Chat fillers and contractions the `stopword` lists lack; kept short on
 * purpose, since every entry hides a word from "top words" in every chat.
 */
const CHAT_FILLERS = [
  "not no yes so just will ok okay oh yeah lol don't i'm it's that's can't didn't doesn't isn't i'll you're let's",
  "просто очень вообще типа короче ок ага угу щас ща ладно", // Russian
  "дуже треба буде", // Ukrainian
].flatMap((line) => line.split(" "));

const APOSTROPHE_OR_YO = /[’ʼё]/g;
const HAS_APOSTROPHE_OR_YO = /[’ʼё]/;

function normalizeChar(char: string): string {
  return char === "ё" ? "е" : "'";
}

/**
 * Normalises a lower-cased word the way {@link analyzeText} does: ’ and ʼ
 * become ', ё becomes е (Russian writers use both spellings of one word).
 * @example normalizeWord("п’ять") === "п'ять"; normalizeWord("ещё") === "еще"
 */
export function normalizeWord(lowerCaseText: string): string {
  return HAS_APOSTROPHE_OR_YO.test(lowerCaseText)
    ? lowerCaseText.replace(APOSTROPHE_OR_YO, normalizeChar)
    : lowerCaseText;
}

/** English, Russian and Ukrainian stopwords (from `stopword`) plus {@link CHAT_FILLERS}, normalised. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  [...eng, ...rus, ...ukr, ...CHAT_FILLERS].map((word) => normalizeWord(word.toLowerCase())),
);

/**
 * True for a word that "top words" leaves out: an English, Russian or
 * Ukrainian stopword or a common chat filler.
 * @param lowerCaseWord a lower-cased word; ’/ʼ and ё are normalised here.
 * @example isStopword("the") === true; isStopword("ещё") === true; isStopword("кот") === false
 */
export function isStopword(lowerCaseWord: string): boolean {
  return STOPWORDS.has(normalizeWord(lowerCaseWord));
}
