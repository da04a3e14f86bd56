import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, HttpError, type Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { ReadinessCheck } from "@tgstats/platform";
import { apiSignal } from "@tgstats/platform";

/** The first getMe retry waits this long; each next one twice as long, up to {@link MAX_RETRY_MS}. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** One getMe attempt gives up after this long: a dropped route never answers at all. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** While polling keeps failing, the log repeats the failure at most this often. */
const REPEAT_LOG_MS = 60_000;

/**
 * The Bot API refused the bot's token (401, or 404 for a token that is no
 * token or a `BOT_API_ROOT` that is no Bot API): nothing works until an
 * operator fixes the setting, so the bot stops rather than retry.
 */
export class BotTokenRejectedError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(
      errorCode === 401
        ? `The Bot API rejected BOT_TOKEN (${errorCode} ${description}): copy your bot's token from @BotFather (/mybots → your bot → API Token) into BOT_TOKEN; a revoked token must be replaced there.`
        : `The Bot API answered ${errorCode} ${description} to getMe: BOT_TOKEN is not a bot's token (copy it from @BotFather), or BOT_API_ROOT is not a Bot API server (unset it for Telegram's).`,
    );
    this.name = "BotTokenRejectedError";
  }
}

/** {@link BotTokenRejectedError} for an answer that rejects the token, else null. */
export function tokenRejection(error: unknown): BotTokenRejectedError | null {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)
    ? new BotTokenRejectedError(error.error_code, error.description)
    : null;
}

/** The bot's contact with the Bot API: who it is, and whether it can reach it. */
export interface BotApiLink {
  /**
   * Asks getMe until it answers, logging every failure with the next retry
   * (1 s, doubling to 30 s), and sets the bot's identity.
   *
   * @throws {BotTokenRejectedError} when the token is refused
   * @throws the signal's reason when it aborts first
   */
  identify(bot: Pick<Bot, "api" | "botInfo">, signal: AbortSignal): Promise<UserFromGetMe>;
  /** An API transformer that logs failed and recovered polling (install it on `bot.api`). */
  pollingMonitor: Transformer;
  /** `/readyz` check: getMe answered and the last poll did not fail. */
  readiness: ReadinessCheck;
}

/**
 * Creates the bot's {@link BotApiLink}. Failures are logged by their kind
 * (`ECONNREFUSED`, `502 Bad Gateway`…), never by the underlying message,
 * which holds the request URL and with it the token.
 *
 * @example const link = createBotApiLink({ logger }); bot.api.config.use(link.pollingMonitor); await link.identify(bot, signal);
 */
export function createBotApiLink(deps: { logger: Logger }): BotApiLink {
  const { logger } = deps;
  let identified = false;
  let pollingFailures = 0;
  let pollingDownSinceMs = 0;
  let lastLoggedMs = 0;

  const notePollingFailure = (error: unknown): void => {
    const nowMs = Date.now();
    pollingFailures += 1;
    if (pollingFailures === 1) pollingDownSinceMs = nowMs;
    if (pollingFailures > 1 && nowMs - lastLoggedMs < REPEAT_LOG_MS) return;
    lastLoggedMs = nowMs;
    logger.warn(
      {
        failures: pollingFailures,
        downMs: nowMs - pollingDownSinceMs,
        reason: failureReason(error),
      },
      "polling the Bot API for updates failed; retrying",
    );
  };

  return {
    async identify(bot, signal) {
      for (let attempt = 1, retryInMs = FIRST_RETRY_MS; ; attempt += 1) {
        const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]);
        try {
          const me = await bot.api.getMe(apiSignal(attemptSignal));
          bot.botInfo = me;
          identified = true;
          return me;
        } catch (error) {
          signal.throwIfAborted();
          const rejection = tokenRejection(error);
          if (rejection !== null) throw rejection;
          const reason = attemptSignal.aborted
            ? `no answer within ${ATTEMPT_TIMEOUT_MS} ms`
            : failureReason(error);
          logger.warn(
            { attempt, retryInMs, reason },
            "cannot identify the bot: getMe failed; retrying",
          );
          await sleep(retryInMs, undefined, { signal });
          retryInMs = Math.min(2 * retryInMs, MAX_RETRY_MS);
        }
      }
    },
    pollingMonitor: async (prev, method, payload, signal) => {
      if (method !== "getUpdates") return prev(method, payload, signal);
      try {
        const result = await prev(method, payload, signal);
        if (pollingFailures > 0) {
          logger.info(
            { failures: pollingFailures, downMs: Date.now() - pollingDownSinceMs },
            "Bot API reachable again; polling",
          );
          pollingFailures = 0;
        }
        return result;
      } catch (error) {
        // A stop aborts the long poll; a refused token or a second poller stops the runner itself.
        if (signal?.aborted !== true && !stopsPolling(error)) notePollingFailure(error);
        throw error;
      }
    },
    readiness: () => Promise.resolve(identified && pollingFailures === 0),
  };
}

/** 401 and 409: the answers the runner does not retry (main reports them when polling ends). */
function stopsPolling(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409);
}

/** What went wrong, without the message of a network error (it names the URL, token included). */
function failureReason(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  if (error instanceof HttpError) {
    const cause = error.error as { code?: unknown; type?: unknown; name?: unknown } | undefined;
    const kind = [cause?.code, cause?.type, cause?.name].find((part) => typeof part === "string");
    return `network: ${typeof kind === "string" ? kind : "unknown"}`;
  }
  return error instanceof Error ? error.name : "unknown";
}
