import { readExportChats } from "../export-reader/read-export.js";
import { ChatTally, toPulseJson, type PulseJson } from "../pulse/account-pulse.js";
import { ZoneClock } from "../time/zone-clock.js";

/** Options of {@link pulseFromExport}. */
export interface ExportPulseOptions {
  /** IANA zone of the months (default UTC). */
  timeZone?: string;
  /** Months shown (default 24). */
  months?: number;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * The pulse of every chat in a Telegram Desktop export (a full-account export
 * gives the whole account; a single-chat export, that chat): messages per
 * chat per month, trends and the owner's share. Streams the file once.
 *
 * @throws UnknownTimeZoneError, ExportFormatError
 * @example
 * const pulse = await pulseFromExport("result.json", { timeZone: "Europe/Berlin" });
 */
export async function pulseFromExport(
  exportPath: string,
  options: ExportPulseOptions = {},
): Promise<PulseJson> {
  const timeZone = options.timeZone ?? "UTC";
  const clock = new ZoneClock(timeZone);
  let ownerId: number | null = null;
  const tallies: ChatTally[] = [];
  const chats = readExportChats(exportPath, {
    assumedTimeZone: clock,
    signal: options.signal,
    onProgress: options.onProgress,
    onAccountOwner: (userId) => {
      ownerId = userId;
    },
  });
  for await (const chat of chats) {
    // The owner's id comes before the chats in a full export, so every tally knows it.
    const tally = new ChatTally(chat.info, chat.section === "left_chats");
    for await (const batch of chat.batches())
      for (const message of batch) tally.countMessage(message, clock, ownerId);
    tallies.push(tally);
  }
  return toPulseJson(tallies, { months: options.months, timeZoneName: clock.name, ownerId });
}
