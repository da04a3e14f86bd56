import type { Api } from "grammy";

/** The AbortSignal type grammY's Node typings use (from the `abort-controller` package). */
export type ApiSignal = NonNullable<Parameters<Api["getMe"]>[0]>;

/**
 * Node's AbortSignal as grammY's parameter type. grammY's typings name the
 * `abort-controller` polyfill, which Node's own signal does not match on
 * paper; at run time grammY only reads `aborted` and listens for "abort",
 * which Node's signal does.
 *
 * @example await api.sendMessage(chatId, text, {}, apiSignal(signal));
 */
export function apiSignal(signal: AbortSignal): ApiSignal;
export function apiSignal(signal: AbortSignal | undefined): ApiSignal | undefined;
export function apiSignal(signal: AbortSignal | undefined): ApiSignal | undefined {
  return signal as unknown as ApiSignal | undefined;
}
