/**
 * Every text the worker's delivery shows the requester, read from the
 * worker's Fluent files (`../locales/<language>.ftl`), which also hold the
 * stats job's own messages (see ../jobs/job-texts.ts).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

/** Languages the delivery speaks. */
export type DeliveryLanguage = "en" | "ru";

/** Plural forms keyed by `Intl.PluralRules` categories; `other` is the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The texts of one language. */
export interface DeliveryTexts {
  /** BCP 47 locale for numbers and dates. */
  locale: string;
  /** Progress while the total is not known yet. */
  readingStarted: string;
  /** "Reading history: 12,300 / 48,000 (26%)". */
  readingProgress: (fetched: string, total: string, percent: string) => string;
  etaUnderMinute: string;
  etaMinutes: (minutes: string) => string;
  etaHours: (hours: string, minutes: string) => string;
  /** The status message once everything is delivered, when it cannot be deleted. */
  done: string;
  /** First line of the summary and of the album caption. */
  title: (chat: string) => string;
  untitledChat: string;
  period: string;
  timeZone: string;
  sender: string;
  messages: string;
  people: string;
  words: string;
  activeDays: string;
  topSenders: string;
  busiestDay: string;
  busiestHour: string;
  messagesUnit: PluralForms;
  deletedAccount: string;
  noMessages: string;
  /** Weekday names, Monday first. */
  weekdays: readonly string[];
}

/** The folder with the worker's `en.ftl` and `ru.ftl`. */
export const WORKER_LOCALES_DIRECTORY = fileURLToPath(new URL("../locales", import.meta.url));

const LOCALES: Record<DeliveryLanguage, string> = { en: "en-US", ru: "ru-RU" };

// Counts tried for each plural category: small integers cover en and ru (and most
// languages); fractions reach `other` where no integer does (ru).
const PLURAL_SAMPLES = [...Array.from({ length: 201 }, (_, n) => n), 0.5, 1.5];

/**
 * One language's messages from a Fluent file, loaded synchronously once.
 * `useIsolating: false`: Fluent would otherwise wrap every placeable in
 * invisible bidi marks, which Telegram shows as they are.
 */
export class FluentTexts {
  /** Every message id the code has asked for, so a test can match them against the files. */
  readonly usedIds = new Set<string>();
  private readonly bundle: FluentBundle;

  /** Reads and parses `file`; throws on duplicate ids. */
  constructor(
    readonly file: string,
    readonly locale: string,
  ) {
    this.bundle = new FluentBundle(locale, { useIsolating: false });
    const errors = this.bundle.addResource(new FluentResource(readFileSync(file, "utf8")));
    if (errors.length > 0)
      throw new Error(`${file}: ${errors.map((error) => error.message).join("; ")}; fix the file`);
  }

  /** A message without placeables, formatted now. */
  text(id: string): string {
    return this.format(id)({});
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

const FLUENT_TEXTS: Record<DeliveryLanguage, FluentTexts> = {
  en: new FluentTexts(`${WORKER_LOCALES_DIRECTORY}/en.ftl`, LOCALES.en),
  ru: new FluentTexts(`${WORKER_LOCALES_DIRECTORY}/ru.ftl`, LOCALES.ru),
};

/** The worker's Fluent messages of a language (delivery and job texts). */
export function workerTexts(language: DeliveryLanguage): FluentTexts {
  return FLUENT_TEXTS[language];
}

const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

function loadDeliveryTexts(language: DeliveryLanguage): DeliveryTexts {
  const fluent = workerTexts(language);
  const readingProgress = fluent.format("reading-progress");
  const etaMinutes = fluent.format("eta-minutes");
  const etaHours = fluent.format("eta-hours");
  const title = fluent.format("summary-title");
  return {
    locale: fluent.locale,
    readingStarted: fluent.text("reading-started"),
    readingProgress: (fetched, total, percent) => readingProgress({ fetched, total, percent }),
    etaUnderMinute: fluent.text("eta-under-minute"),
    etaMinutes: (minutes) => etaMinutes({ minutes }),
    etaHours: (hours, minutes) => etaHours({ hours, minutes }),
    done: fluent.text("delivery-done"),
    title: (chat) => title({ chat }),
    untitledChat: fluent.text("untitled-chat"),
    period: fluent.text("summary-period"),
    timeZone: fluent.text("summary-time-zone"),
    sender: fluent.text("summary-sender"),
    messages: fluent.text("summary-messages"),
    people: fluent.text("summary-people"),
    words: fluent.text("summary-words"),
    activeDays: fluent.text("summary-active-days"),
    topSenders: fluent.text("summary-top-senders"),
    busiestDay: fluent.text("summary-busiest-day"),
    busiestHour: fluent.text("summary-busiest-hour"),
    messagesUnit: fluent.pluralForms("summary-messages-unit"),
    deletedAccount: fluent.text("deleted-account"),
    noMessages: fluent.text("summary-no-messages"),
    weekdays: WEEKDAYS.map((day) => fluent.text(`weekday-${day}`)),
  };
}

// Built at module load, so a missing message stops the worker at start-up.
const DELIVERY_TEXTS: Record<DeliveryLanguage, DeliveryTexts> = {
  en: loadDeliveryTexts("en"),
  ru: loadDeliveryTexts("ru"),
};

/** The delivery texts of a language. */
export function deliveryTexts(language: DeliveryLanguage): DeliveryTexts {
  return language === "ru" ? DELIVERY_TEXTS.ru : DELIVERY_TEXTS.en;
}

/**
 * The plural form of a word for a count, by the language's plural rules.
 *
 * @example pluralForm(3, "ru", { one: "сообщение", few: "сообщения", many: "сообщений", other: "сообщения" }) // "сообщения"
 */
export function pluralForm(count: number, language: DeliveryLanguage, forms: PluralForms): string {
  return forms[new Intl.PluralRules(deliveryTexts(language).locale).select(count)] ?? forms.other;
}
