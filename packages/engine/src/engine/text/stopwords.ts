import { ara, deu, eng, fas, hin, por, porBr, rus, spa, tur, ukr, zho } from "stopword";

/**
 * Chat fillers and contractions the `stopword` lists lack; kept short on
 * purpose, since every entry hides a word from "top words" in every chat.
 */
const CHAT_FILLERS = [
  "not no yes so just will ok okay oh yeah lol don't i'm it's that's can't didn't doesn't isn't i'll you're let's",
  "просто очень вообще типа короче ок ага угу щас ща ладно", // Russian
  "дуже треба буде", // Ukrainian
  "است این آن هست نیست هم یه یک خیلی", // Persian: `stopword`'s 48-word list lacks "is", "this"
  // Chinese: `stopword`'s list is single characters, which are never terms; these are the words Intl.Segmenter yields.
  "我们 你们 他们 这个 那个 什么 没有 一个 就是 可以 不是 自己 因为 所以 但是 如果 已经 还是 怎么",
].flatMap((line) => line.split(" "));

/**
 * Uzbek function words, Latin and Cyrillic script. Hand-kept because no
 * maintained package has Uzbek (`stopword` 3.1.5 and `stopwords-iso` 1.1.0
 * both lack it); short on purpose, like {@link CHAT_FILLERS}.
 */
const UZBEK = [
  "va bu shu u ular men sen biz siz bilan uchun ham lekin ammo yoki agar chunki emas edi bor yoʻq yo'q nima qanday endi hali juda bir",
  "ва бу шу улар мен сен биз сиз билан учун ҳам лекин аммо ёки агар чунки эмас эди йўқ нима қандай энди ҳали жуда бир",
].flatMap((line) => line.split(" "));

/** The `stopword` lists: English, Russian, Ukrainian and the largest other Telegram languages. */
const PACKAGE_LISTS = [eng, rus, ukr, fas, ara, spa, por, porBr, deu, tur, hin, zho];

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

/**
 * Stopwords of English, Russian, Ukrainian, Persian, Arabic, Spanish,
 * Portuguese, German, Turkish, Hindi and Chinese (from `stopword`), Uzbek,
 * and {@link CHAT_FILLERS}, normalised.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  [...PACKAGE_LISTS.flat(), ...UZBEK, ...CHAT_FILLERS].map((word) =>
    normalizeWord(word.toLowerCase()),
  ),
);

/**
 * True for a word that "top words" leaves out: a stopword of one of the
 * languages of {@link STOPWORDS} or a common chat filler.
 * @param lowerCaseWord a lower-cased word; ’/ʼ and ё are normalised here.
 * @example isStopword("the") === true; isStopword("ещё") === true; isStopword("кот") === false
 */
export function isStopword(lowerCaseWord: string): boolean {
  return STOPWORDS.has(normalizeWord(lowerCaseWord));
}
