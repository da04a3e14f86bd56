import { getUpdatesConflict } from "./bot-api-error.js";

/** Update kinds Telegram leaves out unless `allowed_updates` names them. */
const OPT_IN_KINDS = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/** A getUpdates request in the shape the queue needs. */
export interface GetUpdatesRequest {
  offset: number | null;
  limit: number;
  timeoutSeconds: number;
  /** null keeps the previous setting, as Telegram does. */
  allowedUpdates: string[] | null;
}

interface PendingPoll {
  request: GetUpdatesRequest;
  resolve: (updates: Record<string, unknown>[]) => void;
  reject: (error: Error) => void;
  cleanup: () => void;
}

/**
 * Updates waiting for the bot, served by getUpdates with Telegram's
 * semantics: `offset` confirms (and forgets) earlier updates, a long poll
 * waits up to `timeout` seconds for the next push, and a second concurrent
 * poll ends the first with 409 Conflict.
 */
export class UpdateQueue {
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 1;
  private allowed: Set<string> | null = null;
  private pending: PendingPoll | null = null;

  /** Updates pushed but not yet confirmed by an offset. */
  get size(): number {
    return this.updates.length;
  }

  /**
   * Queues an update; `update_id` is assigned when absent.
   *
   * @returns the update as queued (with its `update_id`)
   */
  push(update: object): Record<string, unknown> {
    const queued = structuredClone(update) as Record<string, unknown>;
    const given = queued.update_id;
    if (typeof given === "number") this.nextUpdateId = Math.max(this.nextUpdateId, given + 1);
    else queued.update_id = this.nextUpdateId++;
    this.updates.push(queued);
    this.wake();
    return queued;
  }

  /** Forgets every queued update (deleteWebhook with drop_pending_updates). */
  drop(): void {
    this.updates = [];
  }

  /**
   * Answers a getUpdates call: at once when updates are ready (or timeout is
   * 0), else when one is pushed, the timeout passes, or `signal` aborts.
   */
  get(request: GetUpdatesRequest, signal: AbortSignal): Promise<Record<string, unknown>[]> {
    if (request.allowedUpdates !== null)
      this.allowed = request.allowedUpdates.length === 0 ? null : new Set(request.allowedUpdates);
    // Telegram ends a poll still waiting when another one arrives.
    this.pending?.reject(getUpdatesConflict());
    const ready = this.take(request);
    if (ready.length > 0 || request.timeoutSeconds <= 0 || signal.aborted)
      return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish([]), request.timeoutSeconds * 1000);
      const onAbort = (): void => finish([]);
      signal.addEventListener("abort", onAbort, { once: true });
      const poll: PendingPoll = {
        request,
        resolve: (updates) => finish(updates),
        reject: (error) => {
          poll.cleanup();
          reject(error);
        },
        cleanup: () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          if (this.pending === poll) this.pending = null;
        },
      };
      const finish = (updates: Record<string, unknown>[]): void => {
        poll.cleanup();
        resolve(updates);
      };
      this.pending = poll;
    });
  }

  /** Ends a waiting poll with no updates (on close). */
  close(): void {
    this.pending?.resolve([]);
  }

  private wake(): void {
    const poll = this.pending;
    if (poll === null) return;
    const ready = this.take(poll.request);
    if (ready.length > 0) poll.resolve(ready);
  }

  /** Confirms updates below the offset, drops kinds not allowed, returns up to `limit`. */
  private take(request: GetUpdatesRequest): Record<string, unknown>[] {
    const { offset } = request;
    if (offset !== null && offset < 0) this.updates = this.updates.slice(offset);
    else if (offset !== null && offset > 0)
      this.updates = this.updates.filter((update) => (update.update_id as number) >= offset);
    this.updates = this.updates.filter((update) => this.isAllowed(update));
    return this.updates.slice(0, request.limit);
  }

  private isAllowed(update: Record<string, unknown>): boolean {
    const kind = Object.keys(update).find((key) => key !== "update_id");
    if (kind === undefined) return false;
    return this.allowed === null ? !OPT_IN_KINDS.has(kind) : this.allowed.has(kind);
  }
}
