/** The queue every stats request goes to unless it needs one particular account. */
export const STATS_QUEUE = "tgstats-stats";

/** BullMQ key prefix of every tgstats queue, so one Redis can host other apps too. */
export const QUEUE_PREFIX = "tgstats";

/** Largest file the Bot API lets a bot download (getFile). */
export const BOT_API_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;
