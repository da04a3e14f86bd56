/** Request budget per MTProto method, e.g. `{ "messages.GetHistory": { requests: 30, perSeconds: 30 } }`. */
export interface FloodPolicy {
  [method: string]: { requests: number; perSeconds: number };
}

/**
 * A token bucket per method in which every token comes back `perSeconds`
 * after it was taken (a sliding window). An empty bucket answers with the
 * seconds until the oldest token returns, rounded up: Telegram's FLOOD_WAIT_X.
 */
export class FloodLimiter {
  private readonly taken = new Map<string, number[]>();

  constructor(private readonly policy: FloodPolicy) {
    for (const [method, rule] of Object.entries(policy))
      if (!(rule.requests >= 1 && rule.perSeconds > 0))
        throw new RangeError(
          `Flood policy for ${method} needs requests ≥ 1 and perSeconds > 0, got ${rule.requests}/${rule.perSeconds}`,
        );
  }

  /**
   * Takes a token for `method` at `nowMs`.
   *
   * @returns 0 when granted, else the seconds to wait (≥ 1)
   */
  take(method: string, nowMs: number): number {
    const rule = this.policy[method];
    if (rule === undefined) return 0;
    const windowMs = rule.perSeconds * 1000;
    let times = this.taken.get(method);
    if (times === undefined) {
      times = [];
      this.taken.set(method, times);
    }
    let expired = 0;
    while (expired < times.length && times[expired]! + windowMs <= nowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length < rule.requests) {
      times.push(nowMs);
      return 0;
    }
    return Math.max(1, Math.ceil((times[0]! + windowMs - nowMs) / 1000));
  }
}
