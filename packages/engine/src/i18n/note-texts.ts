/**
 * The caveats a report ends with (its `notes`), in the report's language, read
 * from the shared package's Fluent files when this module loads.
 */
import { textsPerLanguage } from "./fluent-texts.js";
import { sharedTexts, type SharedLanguage } from "./shared-texts.js";
import type { SkipReason } from "../export-reader/types.js";

/** The notes a report can carry; counts are passed as numbers and written as digits. */
export interface NoteTexts {
  /** Some messages were of a type the exporting Telegram could not export. */
  unsupportedMessages: (count: number) => string;
  /** Word counts of a large chat come from a sketch and may be low. */
  wordEstimates: (bound: number) => string;
  /** Rare words were dropped from the months at rest. */
  rareWordsDropped: (minMessages: number, wordBound: number, phraseBound: number) => string;
  /** Every report made from a Telegram Desktop export. */
  exportCoverage: string;
  /** Messages without a unix time had their local times read in `zone`. */
  assumedDates: (count: number, zone: string) => string;
  /** The history read does not begin at the chat's start, so newcomers are not compared. */
  newcomersUnknown: string;
  /** Entries of a `messages` array were left out, the first at file offset `firstByte`. */
  skippedEntries: (reason: SkipReason, count: number, firstByte: number) => string;
}

/** The Fluent message of each reason an export's entry is left out. */
const SKIPPED_MESSAGES: Readonly<Record<SkipReason, string>> = {
  "id-not-integer": "note-skipped-id-not-integer",
  "no-date": "note-skipped-no-date",
  "not-an-object": "note-skipped-not-an-object",
};

function loadNoteTexts(language: SharedLanguage): NoteTexts {
  const fluent = sharedTexts(language);
  const unsupported = fluent.format("note-unsupported-messages");
  const estimates = fluent.format("note-word-estimates");
  const rare = fluent.format("note-rare-words-dropped");
  const assumed = fluent.format("note-assumed-dates");
  const skipped = {
    "id-not-integer": fluent.format(SKIPPED_MESSAGES["id-not-integer"]),
    "no-date": fluent.format(SKIPPED_MESSAGES["no-date"]),
    "not-an-object": fluent.format(SKIPPED_MESSAGES["not-an-object"]),
  };
  // Numbers as plain digits, as the notes have always shown them.
  return {
    unsupportedMessages: (count) => unsupported({ count: String(count) }),
    wordEstimates: (bound) => estimates({ bound: String(bound) }),
    rareWordsDropped: (minMessages, wordBound, phraseBound) =>
      rare({
        minMessages: String(minMessages),
        wordBound: String(wordBound),
        phraseBound: String(phraseBound),
      }),
    exportCoverage: fluent.text("note-export-coverage"),
    assumedDates: (count, zone) => assumed({ count: String(count), zone }),
    newcomersUnknown: fluent.text("note-newcomers-unknown"),
    skippedEntries: (reason, count, firstByte) =>
      skipped[reason]({ count: String(count), byte: String(firstByte) }),
  };
}

/** The note texts of a language. */
export const noteTexts = textsPerLanguage(loadNoteTexts);
