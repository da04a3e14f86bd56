import type { Api } from "grammy";

/** The AbortSignal type grammY's Node typings use (from the `abort-controller` package). */
export type ApiSignal = NonNullable<Parameters<Api["getMe"]>[0]>;

/**
 * Node's AbortSignal as grammY's parameter type. grammY's typings name the
 * `abort-controller` polyfill, which Node's signal does not match on paper;
 * at run time grammY only reads `aborted` and listens for "abort".
 *
 * @example await api.getChatMember(chatId, userId, apiSignal(AbortSignal.timeout(5000)));
 */
export function apiSignal(signal: AbortSignal): ApiSignal {
  return signal as unknown as ApiSignal;
}
