import type { Message, Sender } from "@tgstats/shared";

/** A message with every field at its empty value, overridden by `fields`. */
export function makeMessage(fields: Partial<Message> & Pick<Message, "id" | "dateUnix">): Message {
  return {
    sender: null,
    authorSignature: null,
    kind: "text",
    text: "",
    entities: [],
    replyToId: null,
    forwardedFrom: null,
    viaBot: null,
    editedDateUnix: null,
    reactions: [],
    stickerEmoji: null,
    views: null,
    forwards: null,
    serviceAction: null,
    ...fields,
  };
}

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
