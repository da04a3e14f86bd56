import type { Transformer } from "grammy";
import type { SecretScrubber } from "@tgstats/platform";

/** Payload fields that become visible text in a chat. */
const TEXT_FIELDS = ["text", "caption"] as const;

function scrubTexts<T extends object>(payload: T, scrubber: SecretScrubber): T {
  const copy = { ...payload } as Record<string, unknown>;
  for (const field of TEXT_FIELDS) {
    const value = copy[field];
    if (typeof value === "string") copy[field] = scrubber.scrub(value);
  }
  if (Array.isArray(copy.media))
    copy.media = (copy.media as unknown[]).map((item) =>
      typeof item === "object" && item !== null ? scrubTexts(item, scrubber) : item,
    );
  return copy as T;
}

/**
 * A Bot API transformer that scrubs secrets from every text and caption the
 * worker sends, whatever built it (an error's message told to the user, a
 * summary): the last gate before a chat.
 *
 * @example api.config.use(scrubOutgoingTexts(scrubber));
 */
export function scrubOutgoingTexts(scrubber: SecretScrubber): Transformer {
  return (prev, method, payload, signal) =>
    prev(method, scrubber.isEmpty ? payload : scrubTexts(payload, scrubber), signal);
}
