/**
 * What becomes of one request on the emulated network: answered, never
 * answered (the connection was lost without a word), or refused at the
 * transport level because the server forgot the auth key (error -404).
 */
export type Delivery = "answer" | "no-answer" | "auth-key-unknown";

/** When a fault strikes: after this many more requests were answered (default 0: the next one). */
export interface FaultTiming {
  afterRequests?: number;
}

/**
 * The emulated network between the client and Telegram: its connections and
 * the faults a test puts on them. GramJS, left to itself, waits forever for
 * an answer on a lost connection and only reports a "broken" state for a
 * forgotten auth key; these faults let tests see the adapter cope with both.
 */
export class NetworkFaults {
  /** Connections opened so far. */
  connections = 0;
  /** Requests that got no answer (lost connection or forgotten key). */
  unanswered = 0;
  private dropIn: number | null = null;
  private dropPermanent = false;
  private dropped: number | null = null;
  private unreachable = false;
  private forgetIn: number | null = null;
  private keyForgotten = false;

  /** Opens a connection: its id, or null while Telegram cannot be reached. */
  open(): number | null {
    if (this.unreachable) return null;
    this.connections++;
    return this.connections;
  }

  /**
   * Loses the current connection: the request that strikes it and every later
   * one on it get no answer. `permanent`: no new connection can be opened either.
   */
  dropConnection(options: FaultTiming & { permanent?: boolean } = {}): void {
    this.dropIn = options.afterRequests ?? 0;
    this.dropPermanent = options.permanent === true;
  }

  /** Makes the server forget the session's auth key: every later request is refused with -404. */
  forgetAuthKey(options: FaultTiming = {}): void {
    this.forgetIn = options.afterRequests ?? 0;
  }

  /** What happens to a request sent on `connection`. */
  deliver(connection: number): Delivery {
    const delivery = this.decide(connection);
    if (delivery !== "answer") this.unanswered++;
    return delivery;
  }

  private decide(connection: number): Delivery {
    if (this.keyForgotten) return "auth-key-unknown";
    if (connection === this.dropped) return "no-answer";
    if (this.forgetIn !== null && this.forgetIn-- <= 0) {
      this.forgetIn = null;
      this.keyForgotten = true;
      return "auth-key-unknown";
    }
    if (this.dropIn !== null && this.dropIn-- <= 0) {
      this.dropIn = null;
      this.dropped = connection;
      this.unreachable = this.dropPermanent;
      return "no-answer";
    }
    return "answer";
  }
}
