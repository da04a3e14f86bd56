import { createMessage, type Sender } from "@tgstats/engine";

/** A message with every field at its "absent" value, overridden by `fields`. */
export const makeMessage = createMessage;

/** Unix seconds of an ISO 8601 instant with an explicit offset, via Date (independent of ZoneClock). */
export function unix(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test date ${iso}`);
  return ms / 1000;
}

export const alice: Sender = { kind: "user", id: 1, name: "Alice" };
export const bob: Sender = { kind: "user", id: 2, name: "Bob" };
/** An anonymous admin of chat 100 posts as the group itself. */
export const groupAsAdmin: Sender = { kind: "channel", id: 100, name: "Test Group" };
