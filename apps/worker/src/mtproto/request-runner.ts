import { setTimeout as sleepMs } from "node:timers/promises";
import { errors, type Api, type TelegramClient } from "telegram";
import { UpdateConnectionState } from "telegram/network/index.js";
import {
  AUTH_KEY_NOT_FOUND,
  FloodWaitDelayError,
  SESSION_ERROR_CODES,
  SessionInvalidError,
  TelegramConnectionError,
  TelegramNoAnswerError,
} from "./errors.js";

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

/** Default of {@link RequestRunnerOptions.requestTimeoutMs}. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Default of {@link RequestRunnerOptions.reconnects}. */
const DEFAULT_RECONNECTS = 1;

/** How the adapter sends requests. */
export interface RequestRunnerOptions {
  /** FLOOD_WAITs up to this many seconds are slept; longer ones are thrown. */
  floodSleepThresholdSeconds: number;
  sleep: Sleep;
  /** Aborts every request of the account (process shutdown). */
  signal?: AbortSignal;
  /** Awaited before each request is sent, e.g. while the session's lease is paused. */
  gate?: RequestGate;
  /**
   * Longest wait for one answer (default 30 s). GramJS itself never gives up
   * on a request whose connection was lost; after this the connection is
   * renewed and the request sent again.
   */
  requestTimeoutMs?: number;
  /** Fresh connections tried for one unanswered request before it fails (default 1). */
  reconnects?: number;
}

/** The deadline of one request passed. */
class NoAnswerInTime extends Error {}

/**
 * Sends MTProto requests for the adapter: counts them by method, sleeps short
 * FLOOD_WAITs, turns long ones into {@link FloodWaitDelayError} and dead
 * sessions into {@link SessionInvalidError}. Every request has a deadline:
 * one that gets no answer is sent again on a fresh connection, then fails
 * with {@link TelegramNoAnswerError}; a forgotten auth key (GramJS's "broken"
 * connection state) fails every request at once.
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
  /** Connections renewed because a request got no answer. */
  reconnectCount = 0;
  /** Aborted (with a SessionInvalidError) once the server has forgotten the auth key. */
  private readonly broken = new AbortController();
  private readonly timeoutMs: number;

  constructor(
    private readonly client: TelegramClient,
    private readonly options: RequestRunnerOptions,
  ) {
    client.floodSleepThreshold = 0;
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    // GramJS reports a transport -404 only as this state; its requests then wait forever.
    client.addEventHandler((update: unknown) => {
      if (update instanceof UpdateConnectionState && update.state === UpdateConnectionState.broken)
        this.broken.abort(new SessionInvalidError(AUTH_KEY_NOT_FOUND));
    });
  }

  /**
   * Sends `request`, retrying after short flood waits and on a fresh connection after no answer.
   * With `dcId`, it goes to that data centre over GramJS's exported sender (statistics live on
   * the chat's `stats_dc`); without, to the account's own.
   */
  async call<R extends Api.AnyRequest>(
    request: R,
    signal?: AbortSignal,
    dcId?: number,
  ): Promise<R["__response"]> {
    const combined = combineSignals(this.options.signal, signal);
    const reconnects = this.options.reconnects ?? DEFAULT_RECONNECTS;
    let waits = 0;
    for (let connection = 1; ;) {
      await this.options.gate?.(combined);
      combined?.throwIfAborted();
      this.throwIfBroken();
      increment(this.counts, request.className);
      try {
        const sent =
          dcId === undefined ? this.client.invoke(request) : this.client.invoke(request, dcId);
        return await this.answer(sent, combined);
      } catch (error) {
        if (error instanceof errors.FloodWaitError) {
          increment(this.floodWaits, request.className);
          if (error.seconds > this.options.floodSleepThresholdSeconds || waits >= MAX_SHORT_WAITS)
            throw new FloodWaitDelayError(error.seconds, request.className);
          waits++;
          await this.options.sleep(error.seconds * 1000, combined);
          continue;
        }
        if (!isConnectionLoss(error)) throw mapRpcError(error);
        // Another DC's connection is GramJS's exported sender: renewing the home one would not
        // help it, so it fails at once (its requests, Telegram's statistics, are extras).
        if (connection > reconnects || dcId !== undefined)
          throw new TelegramNoAnswerError(request.className, this.timeoutMs, connection);
        connection++;
        // A new connection uses the session too: not while the lease is paused.
        await this.options.gate?.(combined);
        await this.reconnect(combined);
      }
    }
  }

  /**
   * Opens the client's connection within one request deadline: GramJS's
   * `connect()` waits for its first request's answer, which a forgotten key
   * or a silent network never brings.
   */
  async connect(signal?: AbortSignal): Promise<boolean> {
    try {
      return await this.answer(this.client.connect(), combineSignals(this.options.signal, signal));
    } catch (error) {
      if (error instanceof NoAnswerInTime)
        throw new TelegramNoAnswerError("connect", this.timeoutMs, 1);
      throw mapRpcError(error);
    }
  }

  /** Drops the connection and opens a new one. */
  private async reconnect(signal: AbortSignal | undefined): Promise<void> {
    this.reconnectCount++;
    await this.client.disconnect().catch(() => undefined);
    if (!(await this.connect(signal))) throw new TelegramConnectionError(1);
  }

  private throwIfBroken(): void {
    if (this.broken.signal.aborted) throw this.broken.signal.reason as Error;
  }

  /** `promise`, unless the caller aborts, the auth key breaks or the deadline passes first. */
  private async answer<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    this.throwIfBroken();
    const broken = this.broken.signal;
    let timer: NodeJS.Timeout | undefined;
    let onBroken: (() => void) | undefined;
    // Listeners, not AbortSignal.any: a signal derived from the account-long one per request piles up.
    const interrupted = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new NoAnswerInTime());
      }, this.timeoutMs);
      onBroken = () => {
        reject(broken.reason as Error);
      };
      broken.addEventListener("abort", onBroken, { once: true });
    });
    try {
      return await raceAbort(Promise.race([promise, interrupted]), signal);
    } finally {
      clearTimeout(timer);
      if (onBroken !== undefined) broken.removeEventListener("abort", onBroken);
    }
  }
}

/** GramJS's ways of saying a connection is gone, and a request deadline that passed. */
function isConnectionLoss(error: unknown): boolean {
  if (error instanceof NoAnswerInTime) return true;
  // GramJS rejects pending requests with this plain string once reconnectRetries are spent.
  if (typeof error === "string") return error.startsWith("Maximum reconnection retries");
  return (
    error instanceof Error && error.message.startsWith("Cannot send requests while disconnected")
  );
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
