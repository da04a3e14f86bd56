import { TEXT_LOCALES, type FirstLookJson } from "@tgstats/engine";
import { apiSignal } from "@tgstats/platform";
import type { Api } from "grammy";
import { truncateChars } from "./deliver-report.js";
import { recordStep, unrecordedJournal, type JobDeliveryJournal } from "./delivery-journal.js";
import { workerTexts, type DeliveryLanguage } from "./delivery-texts.js";

/** The journal step of a job's first look: one per job, whatever its attempts. */
export const FIRST_LOOK_STEP = "first-look";
/** Names are cut to this many characters, so 10 of them never push the message past Telegram's limit. */
const NAME_MAX_CHARS = 64;

/**
 * The first look as one plain-text message (names are sent as they are, with
 * no markup to escape): title, period, messages, active days, one line per month, the top
 * writers, then what the figures count.
 *
 * @example firstLookText(json, "en") // "👀 First look at Big chat: an estimate…\n\nPeriod: …"
 */
export function firstLookText(json: FirstLookJson, language: DeliveryLanguage): string {
  const texts = FIRST_LOOK_TEXTS[language];
  const numbers = new Intl.NumberFormat(TEXT_LOCALES[language]);
  const number = (value: number) => numbers.format(value);
  const asked = number(json.peopleAsked);
  const lines = [
    texts.title({ chat: cut(json.chat.name ?? "—"), minutes: number(json.toRead.minutes) }),
    "",
    texts.period({ from: json.period.from, to: json.period.to, zone: json.timeZone }),
    texts.messages({ messages: number(json.messages) }),
    texts.activeDays({
      from: json.activeDays.from,
      to: json.activeDays.to,
      active: number(json.activeDays.active),
      days: number(json.activeDays.days),
    }),
    "",
    texts.months,
    ...json.months.map((month) => `${month.month}: ${number(month.messages)}`),
    "",
  ];
  // No one asked (a channel's posts are the channel's; no candidate the account could address): no section.
  if (json.peopleAsked === 0) lines.pop();
  else if (json.topWriters.length === 0) lines.push(texts.noWriters({ asked }));
  else
    lines.push(
      texts.writers({ asked }),
      ...json.topWriters.map(
        (writer, index) => `${index + 1}. ${cut(writer.name)} — ${number(writer.messages)}`,
      ),
    );
  lines.push("", texts.note);
  return lines.join("\n");
}

function loadTexts(language: DeliveryLanguage) {
  const fluent = workerTexts(language);
  return {
    title: fluent.format("first-look-title"),
    period: fluent.format("first-look-period"),
    messages: fluent.format("first-look-messages"),
    activeDays: fluent.format("first-look-active-days"),
    months: fluent.text("first-look-months"),
    writers: fluent.format("first-look-writers"),
    noWriters: fluent.format("first-look-no-writers"),
    note: fluent.text("first-look-note"),
  };
}

// Built at module load, so a missing message stops the worker at start-up.
const FIRST_LOOK_TEXTS = { en: loadTexts("en"), ru: loadTexts("ru") };

/**
 * Sends the first look once per job: the step is claimed in the journal
 * before it is sent, so an attempt that resumes a killed one (or runs beside
 * it) never sends it again, even when the first one died mid-send.
 *
 * @returns the id of the message sent, or null when the journal has the step already
 */
export async function deliverFirstLook(
  api: Api,
  input: { chatId: number; text: string; journal?: JobDeliveryJournal },
  signal?: AbortSignal,
): Promise<number | null> {
  const journal = input.journal ?? unrecordedJournal();
  if (!(await journal.claim(FIRST_LOOK_STEP))) return null;
  const [id] = await recordStep(journal, FIRST_LOOK_STEP, async () => {
    const message = await api.sendMessage(
      input.chatId,
      input.text,
      { link_preview_options: { is_disabled: true } },
      apiSignal(signal),
    );
    return [message.message_id];
  });
  return id ?? null;
}

function cut(name: string): string {
  return truncateChars(name, NAME_MAX_CHARS);
}
