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
 * no markup to escape): title, period, messages, one line per month, the top
 * writers, then what the figures count.
 *
 * @example firstLookText(json, "en") // "👀 First look at Big chat: an estimate…\n\nPeriod: …"
 */
export function firstLookText(json: FirstLookJson, language: DeliveryLanguage): string {
  const fluent = workerTexts(language);
  const numbers = new Intl.NumberFormat(TEXT_LOCALES[language]);
  const number = (value: number) => numbers.format(value);
  const asked = number(json.peopleAsked);
  const lines = [
    fluent.format("first-look-title")({
      chat: cut(json.chat.name ?? "—"),
      minutes: number(json.toRead.minutes),
    }),
    "",
    fluent.format("first-look-period")({
      from: json.period.from,
      to: json.period.to,
      zone: json.timeZone,
    }),
    fluent.format("first-look-messages")({ messages: number(json.messages) }),
    "",
    fluent.text("first-look-months"),
    ...json.months.map((month) => `${month.month}: ${number(month.messages)}`),
    "",
  ];
  if (json.topWriters.length === 0) lines.push(fluent.format("first-look-no-writers")({ asked }));
  else
    lines.push(
      fluent.format("first-look-writers")({ asked }),
      ...json.topWriters.map(
        (writer, index) => `${index + 1}. ${cut(writer.name)} — ${number(writer.messages)}`,
      ),
    );
  lines.push("", fluent.text("first-look-note"));
  return lines.join("\n");
}

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
