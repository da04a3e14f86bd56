/**
 * The stats job's own messages to the requester, per language, read from the
 * worker's Fluent files (`../locales/<language>.ftl`).
 */
import { workerTexts } from "../delivery/delivery-texts.js";

/** The stats job's own messages to the requester, per language. */
export interface JobTexts {
  floodWait: (seconds: number, resumeAtMs: number, timeZone: string) => string;
  accountLoggedOut: string;
  chatNotAccessible: (accountUsername: string | null) => string;
  failed: string;
  /** The chat was forgotten (/forget) while the job ran. */
  forgotten: string;
  /** Shown while other accounts read parts of the history in parallel. */
  readingInParallel: (accounts: number) => string;
  overviewTitle: string;
  messagesUnit: string;
}

function clockTime(ms: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(ms);
}

function loadJobTexts(language: "en" | "ru"): JobTexts {
  const fluent = workerTexts(language);
  const floodWait = fluent.format("flood-wait");
  const chatNotAccessible = fluent.text("chat-not-accessible");
  const chatNotAccessibleNamed = fluent.format("chat-not-accessible-named");
  const readingInParallel = fluent.format("reading-in-parallel");
  // Numbers go in as strings: Fluent would group their digits ("1,000").
  return {
    floodWait: (seconds, at, zone) =>
      floodWait({
        minutes: String(Math.ceil(seconds / 60)),
        time: clockTime(at, zone, language),
        zone,
      }),
    accountLoggedOut: fluent.text("account-logged-out"),
    chatNotAccessible: (username) =>
      username === null ? chatNotAccessible : chatNotAccessibleNamed({ username }),
    failed: fluent.text("job-failed"),
    forgotten: fluent.text("job-forgotten"),
    // A number here (at most a few accounts): Russian picks the noun's form by it.
    readingInParallel: (accounts) => readingInParallel({ accounts }),
    overviewTitle: fluent.text("overview-title"),
    messagesUnit: fluent.text("overview-messages-unit"),
  };
}

// Built at module load, so a missing message stops the worker at start-up.
const JOB_TEXTS = { en: loadJobTexts("en"), ru: loadJobTexts("ru") };

/** The job texts of a language. */
export function jobTexts(language: "en" | "ru"): JobTexts {
  return language === "ru" ? JOB_TEXTS.ru : JOB_TEXTS.en;
}
