/** The queue every stats request goes to unless it needs one particular account. */
export const STATS_QUEUE = "tgstats-stats";

/**
 * Stream options of every tgstats queue (bot, workers and dashboard alike:
 * the last to open a queue sets them). Events carry job ids and results (ids
 * and counts), and only the latest thousand are kept.
 */
export const QUEUE_STREAMS = { events: { maxLen: 1000 } } as const;

/** Largest file the Bot API lets a bot download (getFile). */
export const BOT_API_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * The queue of jobs only one account can run (chats only it can read, parts
 * of a split fetch): consumed by the worker holding that account.
 *
 * @example accountQueueName(777000001) // "tgstats-stats-account-777000001"
 */
export function accountQueueName(accountId: number): string {
  return `${STATS_QUEUE}-account-${accountId}`;
}
