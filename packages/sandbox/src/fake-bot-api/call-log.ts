import type { FakeBotApiCall } from "./types.js";

/** No call matched within the time given; the message lists the last calls seen. */
export class WaitForCallTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly lastCalls: readonly FakeBotApiCall[],
  ) {
    const seen = lastCalls.map(
      (call) => `${call.method}(${call.chatId ?? "-"})${call.ok ? "" : ` → ${call.errorCode}`}`,
    );
    super(
      `No matching Bot API call within ${timeoutMs} ms; last calls: ${seen.join(", ") || "none"}. ` +
        "Check that the bot and worker use this server's apiRoot and token, or raise the timeout.",
    );
    this.name = "WaitForCallTimeoutError";
  }
}

interface Waiter {
  predicate: (call: FakeBotApiCall) => boolean;
  resolve: (call: FakeBotApiCall) => void;
}

/** Every call the server answered, in the order the answers were sent, with waiting and listeners. */
export class CallLog {
  readonly calls: FakeBotApiCall[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(call: FakeBotApiCall) => void>();

  /** Records a call and wakes whoever waits for it. */
  add(call: FakeBotApiCall): void {
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);
    for (const waiter of this.waiters)
      if (waiter.predicate(call)) {
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
  }

  /**
   * The first call (already recorded or still to come) matching `predicate`.
   *
   * @throws WaitForCallTimeoutError after `timeoutMs`
   */
  waitFor(
    predicate: (call: FakeBotApiCall) => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<FakeBotApiCall> {
    const done = this.calls.find(predicate);
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        predicate,
        resolve: (call) => {
          finish();
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new WaitForCallTimeoutError(timeoutMs, this.calls.slice(-10)));
      }, timeoutMs);
      const onAbort = (): void => {
        finish();
        reject(signal?.reason instanceof Error ? signal.reason : new Error("waitFor aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** Calls `listener` for every later call; returns the function that stops it. */
  onCall(listener: (call: FakeBotApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** One line of `transcript.jsonl`. */
export interface TranscriptEntry {
  atMs: number;
  method: string;
  chat: number | null;
  ok: boolean;
  errorCode?: number;
  description?: string;
  text?: string;
  caption?: string;
  files?: string[];
  messageIds?: number[];
}

/**
 * A call as one JSON line (no trailing newline): method, chat, text or
 * caption, file names — never file bytes.
 *
 * @example transcriptLine(call) // '{"atMs":12,"method":"sendMessage","chat":-1001,"ok":true,"text":"Queued"}'
 */
export function transcriptLine(call: FakeBotApiCall): string {
  const entry: TranscriptEntry = {
    atMs: call.atMs,
    method: call.method,
    chat: call.chatId,
    ok: call.ok,
  };
  if (call.errorCode !== undefined) entry.errorCode = call.errorCode;
  if (call.description !== undefined) entry.description = call.description;
  if (call.text !== undefined) entry.text = call.text;
  if (call.caption !== undefined) entry.caption = call.caption;
  if (call.files.length > 0) entry.files = call.files.map((file) => file.name);
  if (call.messageIds.length > 0) entry.messageIds = call.messageIds;
  return JSON.stringify(entry);
}
