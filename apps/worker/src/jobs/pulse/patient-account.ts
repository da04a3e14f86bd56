import { FloodWaitDelayError } from "../../mtproto/errors.js";
import type { Sleep } from "../../mtproto/request-runner.js";
import type { HistoryChat } from "../history-account.js";
import type { DialogCountingAccount } from "./dialog-months.js";

/** Flood waits up to this long are waited out inside the count instead of delaying the job. */
export const PULSE_WAIT_INLINE_MAX_SECONDS = 60;
/** Waits in a row for one request before it goes to the job as a delay (its status says so). */
const MAX_INLINE_WAITS = 5;

/**
 * The account with its counting requests retried after a flood wait of up
 * to `maxWaitSeconds`, slept here, at most {@link MAX_INLINE_WAITS} times a request. Why: a job delay restarts the dialog being
 * counted, and one that needs more requests than Telegram's window allows
 * (a chat read page by page) would restart for ever; a longer wait still
 * delays the job, which resumes after the dialogs already stored.
 */
export function patientAccount<Chat extends HistoryChat>(
  account: DialogCountingAccount<Chat>,
  sleep: Sleep,
  signal: AbortSignal,
  maxWaitSeconds = PULSE_WAIT_INLINE_MAX_SECONDS,
): DialogCountingAccount<Chat> {
  const patiently = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let waits = 0; ; waits++) {
      try {
        return await call();
      } catch (error) {
        const short = error instanceof FloodWaitDelayError && error.seconds <= maxWaitSeconds;
        if (!short || waits >= MAX_INLINE_WAITS) throw error;
        await sleep(error.seconds * 1000, signal);
      }
    }
  };
  return {
    me: account.me,
    countMessagesAt: (chat, dateUnix, callSignal) =>
      patiently(() => account.countMessagesAt(chat, dateUnix, callSignal)),
    countOwnMessages: (chat, range, callSignal) =>
      patiently(() => account.countOwnMessages(chat, range, callSignal)),
    fetchHistoryPage: (chat, page, callSignal) =>
      patiently(() => account.fetchHistoryPage(chat, page, callSignal)),
  };
}
