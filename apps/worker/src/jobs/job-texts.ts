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
  /** The target is a person, a bot, the account itself or its Saved Messages. */
  chatNotReportable: string;
  /** The account overview was asked for someone not in OWNER_IDS, or outside their private chat. */
  overviewNotAllowed: string;
  /** The account's budget of username lookups is spent until `resumeAtMs`. */
  usernameLookupsLimited: (seconds: number, resumeAtMs: number, timeZone: string) => string;
  /** No public chat has the @username asked for (`target` includes the @). */
  chatNotFound: (target: string) => string;
  /** Telegram wants the reading account to be an admin of the chat. */
  chatAdminRequired: (accountUsername: string | null) => string;
  /** Telegram did not answer, even on a fresh connection. */
  telegramNoAnswer: string;
  failed: string;
  /** The chat was forgotten (/forget) while the job ran. */
  forgotten: string;
  /** Shown while other accounts read parts of the history in parallel. */
  readingInParallel: (accounts: number) => string;
  overviewTitle: string;
  messagesUnit: string;
  /** Progress of the account overview: dialogs counted so far. */
  countingChats: (done: number, total: number) => string;
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
  const lookupsLimited = fluent.format("username-lookups-limited");
  const chatNotAccessible = fluent.text("chat-not-accessible");
  const chatNotAccessibleNamed = fluent.format("chat-not-accessible-named");
  const readingInParallel = fluent.format("reading-in-parallel");
  const countingChats = fluent.format("overview-counting");
  const numbers = new Intl.NumberFormat(language);
  const chatNotFound = fluent.format("chat-not-found");
  const chatAdminRequired = fluent.text("chat-admin-required");
  const chatAdminRequiredNamed = fluent.format("chat-admin-required-named");
  // Numbers go in as strings: Fluent would group their digits ("1,000").
  const waitArgs = (seconds: number, at: number, zone: string) => ({
    minutes: String(Math.ceil(seconds / 60)),
    time: clockTime(at, zone, language),
    zone,
  });
  return {
    floodWait: (seconds, at, zone) => floodWait(waitArgs(seconds, at, zone)),
    usernameLookupsLimited: (seconds, at, zone) => lookupsLimited(waitArgs(seconds, at, zone)),
    chatNotReportable: fluent.text("chat-not-reportable"),
    overviewNotAllowed: fluent.text("overview-not-allowed"),
    accountLoggedOut: fluent.text("account-logged-out"),
    chatNotAccessible: (username) =>
      username === null ? chatNotAccessible : chatNotAccessibleNamed({ username }),
    chatNotFound: (target) => chatNotFound({ target }),
    chatAdminRequired: (username) =>
      username === null ? chatAdminRequired : chatAdminRequiredNamed({ username }),
    telegramNoAnswer: fluent.text("telegram-no-answer"),
    failed: fluent.text("job-failed"),
    forgotten: fluent.text("job-forgotten"),
    // A number here (at most a few accounts): Russian picks the noun's form by it.
    readingInParallel: (accounts) => readingInParallel({ accounts }),
    overviewTitle: fluent.text("overview-title"),
    messagesUnit: fluent.text("overview-messages-unit"),
    countingChats: (done, total) =>
      countingChats({ done: numbers.format(done), total: numbers.format(total) }),
  };
}

// Built at module load, so a missing message stops the worker at start-up.
const JOB_TEXTS = { en: loadJobTexts("en"), ru: loadJobTexts("ru") };

/** The job texts of a language. */
export function jobTexts(language: "en" | "ru"): JobTexts {
  return language === "ru" ? JOB_TEXTS.ru : JOB_TEXTS.en;
}
