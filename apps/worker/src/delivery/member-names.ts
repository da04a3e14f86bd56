import type { ListedMember, SilentMember } from "@tgstats/engine";
import { GrammyError, type Api } from "grammy";
import { apiSignal } from "@tgstats/platform";
import { deliveryTexts, type DeliveryLanguage } from "./delivery-texts.js";
import {
  recordStep,
  unrecordedJournal,
  type DeliveryStepRecord,
  type JobDeliveryJournal,
} from "./delivery-journal.js";

/** Telegram's limit on a message's length; the list stops short of it. */
const MESSAGE_MAX_CHARS = 4096;
/** Room kept for the "…and N more" line. */
const MORE_LINE_RESERVE = 64;

/** Whose names go where: only ever to an admin of the reported chat, in private. */
export interface MemberNamesDelivery {
  /** The reported chat's Bot API id: the requester must be its creator or an admin. */
  chatId: number;
  /** The chat's name, for the message's first line. */
  chatName: string;
  /** Who asked: the names go to their private chat with the bot. */
  requesterId: number;
  /** Where the report went: told, without names, when the requester never started the bot. */
  replyChatId: number;
  neverWrote: readonly ListedMember[];
  silent: readonly SilentMember[];
  silentDays: number;
  language: DeliveryLanguage;
  /** Records each send, so a killed attempt's successor sends nothing twice; unrecorded without it. */
  journal?: JobDeliveryJournal;
}

/** How it went: the names sent, the note sent instead, or nothing to send or to whom. */
export type MemberNamesOutcome = "sent" | "not-started" | "not-admin" | "nothing" | "uncertain";

/**
 * Sends the names behind the member list's counts to the requester in
 * private, if they are the reported chat's creator or an admin now (asked
 * with getChatMember at sending time): names never go to the chat where the
 * report was posted. A requester who never started the bot (Telegram answers
 * 403, or 400 for a user the bot never saw) gets a note in the reply chat,
 * without names, saying how to get them. Each send is journaled like the
 * report's steps: one whose fate is unknown is not sent again.
 */
export async function deliverMemberNames(
  api: Api,
  input: MemberNamesDelivery,
  signal?: AbortSignal,
): Promise<MemberNamesOutcome> {
  if (input.neverWrote.length === 0 && input.silent.length === 0) return "nothing";
  if (!(await isChatAdmin(api, input.chatId, input.requesterId, signal))) return "not-admin";
  const journal = input.journal ?? unrecordedJournal();
  const records = await journal.read();
  const names = await sendOnce(journal, records, "member-names", async () => {
    try {
      const message = await api.sendMessage(
        input.requesterId,
        memberNamesText(input),
        { link_preview_options: { is_disabled: true } },
        apiSignal(signal),
      );
      return [message.message_id];
    } catch (error) {
      // Recorded as sent with no message: the next attempt knows the note is due, not the names.
      if (notStarted(error)) return [];
      throw error;
    }
  });
  if (names === "uncertain") return "uncertain";
  if (names.length > 0) return "sent";
  const note = await sendOnce(journal, records, "member-names-note", async () => {
    const message = await api.sendMessage(
      input.replyChatId,
      deliveryTexts(input.language).memberNamesNotStarted,
      {},
      apiSignal(signal),
    );
    return [message.message_id];
  });
  return note === "uncertain" ? "uncertain" : "not-started";
}

/**
 * The private message: who never wrote, then who is silent with the day of
 * their last message, cut to one Telegram message ("…and N more").
 */
export function memberNamesText(input: MemberNamesDelivery): string {
  const texts = deliveryTexts(input.language);
  const numbers = new Intl.NumberFormat(input.language);
  const lines = [texts.memberNamesTitle(input.chatName)];
  const groups: [string, string[]][] = [
    [
      texts.memberNamesNever(numbers.format(input.neverWrote.length)),
      input.neverWrote.map((member) => member.name),
    ],
    [
      texts.memberNamesSilent(
        numbers.format(input.silentDays),
        numbers.format(input.silent.length),
      ),
      input.silent.map((member) => `${member.name} — ${member.lastDate}`),
    ],
  ];
  let length = lines[0]!.length;
  let left = input.neverWrote.length + input.silent.length;
  for (const [heading, names] of groups) {
    if (names.length === 0) continue;
    for (const line of ["", heading, ...names]) {
      if (length + line.length + 1 > MESSAGE_MAX_CHARS - MORE_LINE_RESERVE) {
        lines.push("", texts.memberNamesMore(numbers.format(left)));
        return lines.join("\n");
      }
      lines.push(line);
      length += line.length + 1;
      if (line !== "" && line !== heading) left--;
    }
  }
  return lines.join("\n");
}

/** True when the user is the chat's creator or an admin; false when the bot cannot tell. */
export async function isChatAdmin(
  api: Api,
  chatId: number,
  userId: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    const member = await api.getChatMember(chatId, userId, apiSignal(signal));
    return member.status === "creator" || member.status === "administrator";
  } catch (error) {
    if (error instanceof GrammyError && error.error_code < 500) return false;
    throw error;
  }
}

/** Telegram's answers to a message for a user who never opened a private chat with the bot. */
function notStarted(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400);
}

/** Runs `send` unless the step is recorded: its message ids, or "uncertain" when an earlier attempt died in it. */
async function sendOnce(
  journal: JobDeliveryJournal,
  records: ReadonlyMap<string, DeliveryStepRecord>,
  step: string,
  send: () => Promise<number[]>,
): Promise<number[] | "uncertain"> {
  const record = records.get(step);
  if (record?.state === "sent") return record.messageIds;
  if (record?.state === "sending" || !(await journal.claim(step))) return "uncertain";
  return recordStep(journal, step, send);
}
