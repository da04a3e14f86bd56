import { createMessage, type Message, type Sender } from "@tgstats/engine";

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

/**
 * Message `id` from `sender` at an ISO instant, text `m<id>`; with `join`, a
 * service record of `sender` joining by link instead (history counts it,
 * search does not).
 */
export function messageAt(id: number, iso: string, sender: Sender, join = false): Message {
  if (join)
    return makeMessage({
      id,
      dateUnix: unix(iso),
      sender,
      kind: "service",
      serviceAction: "join_group_by_link",
      service: { type: "joined_by_link", inviter: null },
    });
  return makeMessage({ id, dateUnix: unix(iso), sender, text: `m${id}` });
}
