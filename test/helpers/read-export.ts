import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createMessage,
  readExportChats,
  ZoneClock,
  type ChatInfo,
  type ExportChatSection,
  type ExportChatStats,
  type Message,
  type ReadExportOptions,
} from "@tgstats/engine";

/** Folder of the export-reader's own fixtures. */
export const EXPORT_FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "fixtures",
  "export",
);

/** Path of one export-reader fixture. */
export function exportFixture(name: string): string {
  return path.join(EXPORT_FIXTURES, name);
}

/** Everything the reader produced for one chat. */
export interface ReadChat {
  info: ChatInfo;
  section: ExportChatSection;
  messages: Message[];
  stats: ExportChatStats;
}

/** Reads every chat and every message of an export. */
export async function readAll(
  file: string,
  options: Partial<ReadExportOptions> = {},
): Promise<ReadChat[]> {
  const chats: ReadChat[] = [];
  const full: ReadExportOptions = { assumedTimeZone: new ZoneClock("UTC"), ...options };
  for await (const chat of readExportChats(file, full)) {
    const messages: Message[] = [];
    for await (const batch of chat.batches()) messages.push(...batch);
    chats.push({ info: chat.info, section: chat.section, messages, stats: { ...chat.stats } });
  }
  return chats;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Unix seconds of a UTC wall-clock time, computed without the code under test. */
export function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** A message with every field at its "absent" value, overridden by `fields`. */
export const expectedMessage = createMessage;
