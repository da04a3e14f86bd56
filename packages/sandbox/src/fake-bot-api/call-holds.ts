import type { FakeBotApiCall } from "./types.js";

/**
 * When a held call stops: `before` the method runs (nothing reaches the chat),
 * or `after` it ran and before the answer is written (the chat shows it, the
 * client does not know).
 */
export type HoldPhase = "before" | "after";

/** A call the server holds, for tests that kill a client while it waits. */
export interface HeldCall {
  /** Resolves with the call's record once a matching request is being held. */
  reached: Promise<FakeBotApiCall>;
  /** Lets the held request go on (a request whose client went away is dropped). */
  release(): void;
}

interface Hold {
  method: string;
  phase: HoldPhase;
  reach: (call: FakeBotApiCall) => void;
  released: Promise<void>;
}

/** The holds asked for, each catching the next call of its method once. */
export class CallHolds {
  private readonly pending: Hold[] = [];

  /** Holds the next call of `method` at `phase`. */
  add(method: string, phase: HoldPhase): HeldCall {
    let reach: (call: FakeBotApiCall) => void = () => undefined;
    let release: () => void = () => undefined;
    const reached = new Promise<FakeBotApiCall>((resolve) => (reach = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.pending.push({ method: method.toLowerCase(), phase, reach, released });
    return { reached, release };
  }

  /** Waits, when a hold catches this call at this phase, until it is released or `signal` aborts. */
  async pass(call: FakeBotApiCall, phase: HoldPhase, signal: AbortSignal): Promise<void> {
    const index = this.pending.findIndex(
      (hold) => hold.method === call.method.toLowerCase() && hold.phase === phase,
    );
    if (index < 0) return;
    const [hold] = this.pending.splice(index, 1);
    hold!.reach(call);
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await Promise.race([hold!.released, aborted]);
  }
}
