import { setTimeout as sleepMs } from "node:timers/promises";
import { errors, type Api, type TelegramClient } from "telegram";
import { FloodWaitDelayError, SESSION_ERROR_CODES, SessionInvalidError } from "./errors.js";

/** Waits `ms` milliseconds unless `signal` aborts first (then rejects with its reason). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real-time {@link Sleep}. */
export const realSleep: Sleep = async (ms, signal) => {
  await sleepMs(ms, undefined, signal === undefined ? undefined : { signal });
};

/** Resolves when a request may be sent (rejects when none may be sent any more). */
export type RequestGate = (signal?: AbortSignal) => Promise<void>;

/** Short flood waits slept in a row before the request is given up as a {@link FloodWaitDelayError}. */
const MAX_SHORT_WAITS = 5;

/** How the adapter sends requests. */
export interface RequestRunnerOptions {
  /** FLOOD_WAITs up to this many seconds are slept; longer ones are thrown. */
  floodSleepThresholdSeconds: number;
  sleep: Sleep;
  /** Aborts every request of the account (process shutdown). */
  signal?: AbortSignal;
  /** Awaited before each request is sent, e.g. while the session's lease is paused. */
  gate?: RequestGate;
}

/**
 * Sends MTProto requests for the adapter: counts them by method, sleeps short
 * FLOOD_WAITs, turns long ones into {@link FloodWaitDelayError} and dead
 * sessions into {@link SessionInvalidError}.
 *
 * GramJS can sleep flood waits itself (`floodSleepThreshold`), but its sleep
 * cannot be aborted and cannot run on a test clock; so the client's own
 * threshold is set to 0 and the waiting happens here.
 */
export class RequestRunner {
  /** Requests sent (every attempt), by method name. */
  readonly counts = new Map<string, number>();
  /** FLOOD_WAIT answers received, by method name. */
  readonly floodWaits = new Map<string, number>();

  constructor(
    private readonly client: TelegramClient,
    private readonly options: RequestRunnerOptions,
  ) {
    client.floodSleepThreshold = 0;
  }

  /** Sends `request`, retrying after short flood waits. */
  async call<R extends Api.AnyRequest>(request: R, signal?: AbortSignal): Promise<R["__response"]> {
    const combined = combineSignals(this.options.signal, signal);
    for (let waits = 0; ; waits++) {
      await this.options.gate?.(combined);
      combined?.throwIfAborted();
      increment(this.counts, request.className);
      try {
        return await raceAbort(this.client.invoke(request), combined);
      } catch (error) {
        if (!(error instanceof errors.FloodWaitError)) throw mapRpcError(error);
        increment(this.floodWaits, request.className);
        if (error.seconds > this.options.floodSleepThresholdSeconds || waits >= MAX_SHORT_WAITS)
          throw new FloodWaitDelayError(error.seconds, request.className);
        await this.options.sleep(error.seconds * 1000, combined);
      }
    }
  }
}

/** Session errors become {@link SessionInvalidError}; anything else passes through. */
export function mapRpcError(error: unknown): unknown {
  if (error instanceof errors.RPCError && SESSION_ERROR_CODES.has(error.errorMessage))
    return new SessionInvalidError(error.errorMessage);
  return error;
}

/** The RPC error code (`CHANNEL_PRIVATE`…) of a GramJS error, or null for other errors. */
export function rpcErrorCode(error: unknown): string | null {
  return error instanceof errors.RPCError ? error.errorMessage : null;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function combineSignals(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}

/**
 * `promise`, or a rejection as soon as `signal` aborts. GramJS cannot cancel a
 * request in flight; its late answer is dropped.
 */
export async function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return promise;
  signal.throwIfAborted();
  // An answer that arrives after the abort must not become an unhandled rejection.
  promise.catch(() => undefined);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener("abort", onAbort);
  }
}
