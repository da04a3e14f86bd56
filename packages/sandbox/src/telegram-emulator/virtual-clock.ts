import type { Sleep } from "@tgstats/worker/mtproto";

/**
 * A clock that only moves when something sleeps on it, so tests and
 * benchmarks can run hours of flood waits and latency in milliseconds. Meant
 * for one sequential caller: a sleep advances the time at once.
 *
 * @example
 * const clock = new VirtualClock();
 * const emulator = new TelegramEmulator({ …, now: clock.now, sleep: clock.sleep });
 */
export class VirtualClock {
  private currentMs: number;
  /** Virtual time spent sleeping so far. */
  sleptMs = 0;

  constructor(startMs = 0) {
    this.currentMs = startMs;
  }

  /** The virtual time in milliseconds. */
  readonly now = (): number => this.currentMs;

  /** Advances the time by `ms` and yields once to the event loop. */
  readonly sleep: Sleep = async (ms, signal) => {
    signal?.throwIfAborted();
    this.advance(ms);
    await Promise.resolve();
  };

  /** Moves the time forward without sleeping. */
  advance(ms: number): void {
    this.currentMs += Math.max(0, ms);
    this.sleptMs += Math.max(0, ms);
  }
}
