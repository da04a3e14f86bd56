/**
 * One language's Fluent messages from an `.ftl` file's text: the shared
 * package's summary, chart and note texts, and the worker's delivery and job
 * texts (each folder's `fluent-files.ts` reads them, or a bundle inlines them). Missing messages and variables fail loudly. The bot's own texts
 * go through @grammyjs/i18n instead (see apps/bot/src/i18n.ts).
 */
import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

/** Languages every text of tgstats is written in. */
export type TextLanguage = "en" | "ru";

/** The BCP 47 locale of each language, for Fluent's plural rules and for numbers and dates. */
export const TEXT_LOCALES: Readonly<Record<TextLanguage, string>> = { en: "en-US", ru: "ru-RU" };

/** Plural forms keyed by `Intl.PluralRules` categories; `other` is the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The plural form of a word for a count, by the language's plural rules.
 *
 * @example pluralForm(3, "ru", { one: "сообщение", few: "сообщения", many: "сообщений", other: "сообщения" }) // "сообщения"
 */
export function pluralForm(count: number, language: TextLanguage, forms: PluralForms): string {
  return forms[new Intl.PluralRules(TEXT_LOCALES[language]).select(count)] ?? forms.other;
}

// Counts tried for each plural category: small integers cover en and ru (and most
// languages); fractions reach `other` where no integer does (ru).
const PLURAL_SAMPLES = [...Array.from({ length: 201 }, (_, n) => n), 0.5, 1.5];

const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

/** A Fluent file's text and where it comes from (named in error messages). */
export interface FluentFile {
  file: string;
  text: string;
}

/**
 * One language's messages from a Fluent file, parsed once.
 * `useIsolating: false`: Fluent would otherwise wrap every placeable in
 * invisible bidi marks, which Telegram, Markdown files and charts show as they are.
 */
export class FluentTexts {
  /** Every message id the code has asked for, so a test can match them against the files. */
  readonly usedIds = new Set<string>();
  private readonly bundle: FluentBundle;

  /** Parses `text`, by default read from `file` now; throws on duplicate ids. */
  constructor(
    readonly file: string,
    readonly locale: string,
    text: string = readFileSync(file, "utf8"),
  ) {
    this.bundle = new FluentBundle(locale, { useIsolating: false });
    const errors = this.bundle.addResource(new FluentResource(text));
    if (errors.length > 0)
      throw new Error(`${file}: ${errors.map((error) => error.message).join("; ")}; fix the file`);
  }

  /** A message without placeables, formatted now. */
  text(id: string): string {
    return this.format(id)({});
  }

  /** Weekday names, Monday first, from the messages `weekday-monday` … `weekday-sunday`. */
  weekdays(): string[] {
    return WEEKDAYS.map((day) => this.text(`weekday-${day}`));
  }

  /**
   * A message with placeables: its id is checked now, so a missing message fails
   * at start-up rather than in a job; it is formatted on each call. Pass numbers
   * the caller has formatted as strings: Fluent would format numbers its own way.
   */
  format(id: string): (args: Record<string, FluentVariable>) => string {
    const pattern = this.bundle.getMessage(this.use(id))?.value;
    if (pattern === null || pattern === undefined)
      throw new Error(`${this.file} has no value for message "${id}"; give it one`);
    return (args) => {
      const errors: Error[] = [];
      const text = this.bundle.formatPattern(pattern, args, errors);
      if (errors.length > 0)
        throw new Error(
          `${this.file}, message "${id}": ${errors.map((error) => error.message).join("; ")}; the message and the code must use the same variables`,
        );
      return text;
    };
  }

  /**
   * A plural message (`{ $count -> [one] … *[other] … }`) as forms by plural
   * category, each chosen by Fluent's own selector for a count of that category.
   * Variants keyed by exact numbers (`[0]`) are not kept apart.
   */
  pluralForms(id: string): PluralForms {
    const format = this.format(id);
    const rules = new Intl.PluralRules(this.locale);
    const forms: Partial<Record<Intl.LDMLPluralRule, string>> = {};
    for (const category of rules.resolvedOptions().pluralCategories) {
      const sample = PLURAL_SAMPLES.find((count) => rules.select(count) === category);
      if (sample === undefined)
        throw new Error(`no sample count for the plural category "${category}" of ${this.locale}`);
      forms[category] = format({ count: sample });
    }
    const { other } = forms;
    if (other === undefined) throw new Error(`${this.locale} has no "other" plural category`);
    return { ...forms, other };
  }

  private use(id: string): string {
    this.usedIds.add(id);
    if (!this.bundle.hasMessage(id))
      throw new Error(
        `${this.file} has no message "${id}"; add it (en.ftl and ru.ftl need the same ids)`,
      );
    return id;
  }
}

/**
 * A table of texts for every language, built now — call it when a module
 * loads, so a missing message stops the process at start-up — and the lookup
 * of a language's table.
 *
 * @example export const noteTexts = textsPerLanguage(loadNoteTexts);
 */
export function textsPerLanguage<T>(
  load: (language: TextLanguage) => T,
): (language: TextLanguage) => T {
  const tables: Record<TextLanguage, T> = { en: load("en"), ru: load("ru") };
  return (language) => tables[language];
}

/**
 * The messages of every language from its Fluent file, parsed now: call it
 * once, when the module owning the files loads.
 *
 * @example const texts = fluentTextsOf(fluentFiles); // fluentFiles from ../locales/fluent-files.js
 */
export function fluentTextsOf(
  files: Readonly<Record<TextLanguage, FluentFile>>,
): (language: TextLanguage) => FluentTexts {
  return textsPerLanguage(
    (language) =>
      new FluentTexts(files[language].file, TEXT_LOCALES[language], files[language].text),
  );
}
