/** Text analysis for the engine: words, terms, phrases and emoji of a message, and a mergeable top-terms counter. */
export { analyzeText, type TextAnalysis } from "./analyze-text.js";
export { emojiKey, extractEmojiKeys } from "./emoji.js";
export { isStopword, normalizeWord } from "./stopwords.js";
export {
  DEFAULT_TERM_COUNTER_OPTIONS,
  TermCounter,
  TermCounterError,
  type TermCounterJson,
  type TermCounterOptions,
} from "./term-counter.js";
export { linkHost } from "./link-host.js";
