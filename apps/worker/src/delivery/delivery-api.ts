import { setTimeout as sleep } from "node:timers/promises";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, HttpError, type Transformer } from "grammy";

/** Network failures retried before a delivery call gives up. */
const NETWORK_ATTEMPTS = 3;
const NETWORK_FIRST_DELAY_MS = 1000;

/**
 * The Bot API client of the worker: grammY's `Api` (never a `Bot` — only the
 * bot process may poll getUpdates) with `@grammyjs/auto-retry` for 429
 * `retry_after` and 5xx answers, and a bounded retry of network errors.
 *
 * @param token the bot's token (BotFather)
 * @param options.apiRoot another Bot API server, e.g. the sandbox's fake one
 * @example const api = createDeliveryApi(process.env.BOT_TOKEN!, { apiRoot: "http://127.0.0.1:8081" });
 */
export function createDeliveryApi(token: string, options: { apiRoot?: string } = {}): Api {
  const api = new Api(token, options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot });
  // Installed first, so it runs inside auto-retry: auto-retry alone retries network
  // errors forever (ignoring maxRetryAttempts), which would hang a job for good.
  api.config.use(retryNetworkErrors(NETWORK_ATTEMPTS, NETWORK_FIRST_DELAY_MS));
  // A 5xx may come after Telegram has posted the message: resending could post it twice, so
  // 5xx answers are not retried here (the delivery journal treats them as "may have gone out").
  api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      maxDelaySeconds: 60,
      rethrowHttpErrors: true,
      rethrowInternalServerErrors: true,
    }),
  );
  return api;
}

/** Methods that post a new message: sent twice, they show twice. */
const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendMediaGroup", "sendDocument"]);

/** Network errors that happen before a request reaches the server: it is safe to send again. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

/**
 * Retries a call that failed on the network (no answer) `attempts` times in all,
 * doubling the pause. A send whose connection broke after the request went out
 * may have been posted: it is not sent again (the delivery journal decides).
 */
function retryNetworkErrors(attempts: number, firstDelayMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= attempts || signal?.aborted === true)
          throw error;
        if (SEND_METHODS.has(method) && !NOT_SENT_CODES.has(networkCode(error))) throw error;
        await sleep(firstDelayMs * 2 ** (attempt - 1), undefined, {
          signal: signal as unknown as AbortSignal | undefined,
        });
      }
    }
  };
}

/** The system error code (`ECONNRESET`…) under a grammY HttpError, or "" when there is none. */
function networkCode(error: HttpError): string {
  const cause = error.error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = cause?.code ?? cause?.cause?.code;
  return typeof code === "string" ? code : "";
}
