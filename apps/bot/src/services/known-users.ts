import type { Redis } from "ioredis";
import { untilDeadline } from "./redis-deadline.js";

/** How long a username → id mapping is kept after the user was last seen. */
const KNOWN_USER_TTL_SECONDS = 90 * 86_400;

/**
 * Usernames the bot has seen, mapped to user ids. The Bot API cannot look a
 * user up by @username, and the engine filters senders by id (`user123`), so
 * `/stats @alice` works for users who have written to the bot or sent a
 * command where the bot is.
 */
export class KnownUsers {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Remembers a user's @username (no-op for users without one). */
  async remember(user: { id: number; username?: string }, signal: AbortSignal): Promise<void> {
    if (user.username === undefined) return;
    await untilDeadline(
      "remember user",
      signal,
      this.redis.set(this.key(user.username), String(user.id), "EX", KNOWN_USER_TTL_SECONDS),
    );
  }

  /** The user id of an @username (without the @), or null when the bot has not seen it. */
  async lookup(username: string, signal: AbortSignal): Promise<number | null> {
    const id = await untilDeadline("look up user", signal, this.redis.get(this.key(username)));
    return id === null ? null : Number(id);
  }

  private key(username: string): string {
    return `${this.prefix}:user:${username.toLowerCase()}`;
  }
}
