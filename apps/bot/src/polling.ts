import type { RunOptions } from "@grammyjs/runner";
import type { Update } from "grammy/types";

/** Polling retries a failed getUpdates this often. */
const POLL_RETRY_MS = 1_000;

/**
 * How the bot long-polls (grammY runner): only messages, a failed getUpdates
 * retried every second (the runner's default backoff doubles without a
 * ceiling: after an hour away the bot would stay deaf for another), silent
 * (the polling monitor logs failures; the runner's own lines would print the
 * token). Updates run concurrently, up to the runner's default 500 at once;
 * `sequentialize` in createBot keeps one chat's updates in order. Shared with
 * the bot benchmark, so it measures what production runs.
 */
export const BOT_RUNNER_OPTIONS: RunOptions<Update> = {
  runner: {
    fetch: { allowed_updates: ["message"] },
    retryInterval: POLL_RETRY_MS,
    silent: true,
  },
};
