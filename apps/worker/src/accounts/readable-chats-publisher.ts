import type { Logger } from "pino";
import type { ChatDirectory, ReaderAccount } from "@tgstats/platform";

/** What the publisher needs of the account: who it is and what it can read. */
export interface ReadableChatsSource {
  readonly me: { id: number; username: string | null };
  readableChatIds(signal?: AbortSignal): Promise<number[]>;
}

/** Options of {@link startReadableChatsPublisher}. */
export interface ReadableChatsPublisherOptions {
  account: ReadableChatsSource;
  directory: ChatDirectory;
  /** How often the dialogs are read again (the bot learns of a new group within this time). */
  refreshMs: number;
  logger: Logger;
  /** Stops the refreshes (worker shutdown). */
  signal: AbortSignal;
}

/**
 * Publishes the account's readable chats to the chat directory now and every
 * `refreshMs`, each time valid for three refreshes: a worker that stops
 * drops out of routing by itself, while one failed refresh (a flood wait, a
 * Redis hiccup) changes nothing.
 */
export function startReadableChatsPublisher(options: ReadableChatsPublisherOptions): void {
  const { account, directory, logger, signal } = options;
  const me: ReaderAccount = { id: account.me.id, username: account.me.username };
  let running = false;
  const publishOnce = async (): Promise<void> => {
    // A refresh slower than the interval (a huge account, flood waits) must not run twice at once.
    if (running) return;
    running = true;
    try {
      const chatIds = await account.readableChatIds(signal);
      await directory.publish(me, chatIds, options.refreshMs * 3);
      logger.info(
        { step: "routing", account: me.id, chats: chatIds.length },
        "readable chats published",
      );
    } catch (error) {
      if (signal.aborted) return;
      logger.warn(
        { step: "routing", account: me.id, err: error },
        "could not publish readable chats; retrying at the next refresh",
      );
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void publishOnce(), options.refreshMs);
  timer.unref();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  void publishOnce();
}
