import type { Redis } from "ioredis";
import { isLanguage, type Language } from "../i18n.js";
import { zoneClock } from "../zone-clocks.js";
import { untilDeadline } from "./redis-deadline.js";

/** What a chat has set with /lang, /tz and /settings; null means "not set". */
export interface ChatSettings {
  language: Language | null;
  timeZone: string | null;
  /** Only group admins (and owners) may ask for this group's statistics. */
  adminsOnly: boolean;
  /** Send the interactive page (report.html) with each report; on unless turned off. */
  htmlPage: boolean;
}

/** A chat that has set nothing. */
export const DEFAULT_CHAT_SETTINGS: Readonly<ChatSettings> = {
  language: null,
  timeZone: null,
  adminsOnly: false,
  htmlPage: true,
};

/**
 * Per-chat settings in Redis: one small hash per chat (`<prefix>:chat:<id>`),
 * kept without expiry because users set them once.
 */
export class ChatSettingsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The chat's settings; values that are no longer valid (a zone removed from tzdata) read as unset. */
  async load(chatId: number, signal: AbortSignal): Promise<ChatSettings> {
    const fields = await untilDeadline(
      "load chat settings",
      signal,
      this.redis.hgetall(this.key(chatId)),
    );
    const language = fields.language ?? "";
    const timeZone = fields.timeZone ?? "";
    return {
      language: isLanguage(language) ? language : null,
      timeZone: timeZone !== "" && zoneClock(timeZone) !== null ? timeZone : null,
      adminsOnly: fields.adminsOnly === "1",
      // Stored only once turned off or on again: a missing field is the default, on.
      htmlPage: fields.htmlPage !== "0",
    };
  }

  /** Changes some settings; null removes one (back to the default). */
  async update(chatId: number, change: Partial<ChatSettings>, signal: AbortSignal): Promise<void> {
    const key = this.key(chatId);
    const set: Record<string, string> = {};
    const removed: string[] = [];
    for (const [field, value] of Object.entries(change)) {
      if (value === null) removed.push(field);
      else set[field] = typeof value === "boolean" ? (value ? "1" : "0") : value;
    }
    const transaction = this.redis.multi();
    if (Object.keys(set).length > 0) transaction.hset(key, set);
    if (removed.length > 0) transaction.hdel(key, ...removed);
    await untilDeadline("save chat settings", signal, transaction.exec());
  }

  /**
   * Moves a chat's settings to its new id (a group upgraded to a supergroup
   * gets one). Settings already made under the new id win; the old key goes.
   *
   * @returns whether settings were moved
   */
  async move(fromChatId: number, toChatId: number, signal: AbortSignal): Promise<boolean> {
    if (fromChatId === toChatId) return false;
    const results = await untilDeadline(
      "move chat settings",
      signal,
      this.redis
        .multi()
        .copy(this.key(fromChatId), this.key(toChatId))
        .del(this.key(fromChatId))
        .exec(),
    );
    return results?.[0]?.[1] === 1;
  }

  private key(chatId: number): string {
    return `${this.prefix}:chat:${chatId}`;
  }
}
