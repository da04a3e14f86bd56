import { increment, mergeCounts } from "../count-map.js";
import {
  addDelay,
  mergeHistograms,
  medianDelaySeconds,
  type DelayHistogram,
} from "../delay-histogram.js";
import type { MessageFacts } from "../message-facts.js";
import { linkHost } from "../text/link-host.js";
import { MIN_MESSAGES_AT_REST } from "./words-part.js";
import { peerKey, type Entity, type ForwardOrigin } from "../../model/message.js";

/** Serialised {@link ContentPart}. Holds hosts, tags, targets and names with counts, never a URL or text. */
export interface ContentJson {
  domains: Record<string, number>;
  linksBySender: Record<string, number>;
  mentions: Record<string, number>;
  hashtags: Record<string, number>;
  edited: number;
  /** Edit delay histogram: [bucket, count] pairs, buckets ascending. */
  editDelays: [number, number][];
  forwarded: number;
  forwardSources: Record<string, number>;
  viaBots: Record<string, number>;
}

/**
 * What people share: links by site and by sender, mentions, hashtags, edits
 * and forwards, read from the message model's entities and headers (both
 * sources fill them alike). Keeps only hosts, hashtags, mention targets,
 * forward sources and bot names with counts: a URL's path can carry private
 * data, so a link is reduced to its host before anything is counted.
 */
export class ContentPart {
  /** Links by host (see {@link linkHost}). */
  domains = new Map<string, number>();
  /** Links by sender key (messages without a sender count in {@link domains} only). */
  linksBySender = new Map<string, number>();
  /** `@username` (lower-cased) or `user123` for a mention by name. */
  mentions = new Map<string, number>();
  /** `#tag`, lower-cased. */
  hashtags = new Map<string, number>();
  /** Regular messages that were edited. */
  edited = 0;
  /** Seconds from sending to the last edit, of edits with an exact time. */
  editDelays: DelayHistogram = new Map();
  /** Regular messages that are forwards. */
  forwarded = 0;
  /** Forwards by source: its name, else its peer key; hidden sources are left out. */
  forwardSources = new Map<string, number>();
  /** Messages sent through an inline bot, by `@bot` (lower-cased). */
  viaBots = new Map<string, number>();

  /** Folds one regular message in. */
  add({ message, senderKey }: MessageFacts): void {
    if (message.entities.length > 0) this.addEntities(message.entities, senderKey);
    if (message.editedDateUnix !== null) {
      this.edited++;
      // An old export's local edit time is in an assumed zone: edited, but no delay.
      if (message.editedDateAssumed !== true)
        addDelay(this.editDelays, message.editedDateUnix - message.dateUnix);
    }
    if (message.forwardedFrom !== null) {
      this.forwarded++;
      const source = forwardSourceKey(message.forwardedFrom);
      if (source !== null) increment(this.forwardSources, source);
    }
    if (message.viaBot !== null && message.viaBot !== "")
      increment(this.viaBots, message.viaBot.toLowerCase());
  }

  /**
   * The part as it may be stored: hashtags used in fewer than `minMessages`
   * messages dropped, since a one-off hashtag is free text (the rule words
   * follow, see {@link MIN_MESSAGES_AT_REST}). Shares nothing it changes.
   */
  forRest(minMessages = MIN_MESSAGES_AT_REST): ContentPart {
    const stored = this.merge(new ContentPart());
    for (const [tag, messages] of stored.hashtags)
      if (messages < minMessages) stored.hashtags.delete(tag);
    return stored;
  }

  /** A new part with both inputs' counts added. */
  merge(other: ContentPart): ContentPart {
    const merged = new ContentPart();
    merged.domains = mergeCounts(this.domains, other.domains);
    merged.linksBySender = mergeCounts(this.linksBySender, other.linksBySender);
    merged.mentions = mergeCounts(this.mentions, other.mentions);
    merged.hashtags = mergeCounts(this.hashtags, other.hashtags);
    merged.edited = this.edited + other.edited;
    merged.editDelays = mergeHistograms(this.editDelays, other.editDelays);
    merged.forwarded = this.forwarded + other.forwarded;
    merged.forwardSources = mergeCounts(this.forwardSources, other.forwardSources);
    merged.viaBots = mergeCounts(this.viaBots, other.viaBots);
    return merged;
  }

  /** All links counted: the sum over {@link domains}. */
  get links(): number {
    let total = 0;
    for (const count of this.domains.values()) total += count;
    return total;
  }

  /** Edits with an exact time (the median's sample). */
  get timedEdits(): number {
    let total = 0;
    for (const count of this.editDelays.values()) total += count;
    return total;
  }

  /** The lower median of the edit delays; null when no edit had an exact time. */
  medianEditSeconds(): number | null {
    return medianDelaySeconds(this.editDelays);
  }

  toJSON(): ContentJson {
    return {
      domains: Object.fromEntries(this.domains),
      linksBySender: Object.fromEntries(this.linksBySender),
      mentions: Object.fromEntries(this.mentions),
      hashtags: Object.fromEntries(this.hashtags),
      edited: this.edited,
      editDelays: [...this.editDelays].sort((a, b) => a[0] - b[0]),
      forwarded: this.forwarded,
      forwardSources: Object.fromEntries(this.forwardSources),
      viaBots: Object.fromEntries(this.viaBots),
    };
  }

  static fromJSON(json: ContentJson): ContentPart {
    const part = new ContentPart();
    part.domains = new Map(Object.entries(json.domains));
    part.linksBySender = new Map(Object.entries(json.linksBySender));
    part.mentions = new Map(Object.entries(json.mentions));
    part.hashtags = new Map(Object.entries(json.hashtags));
    part.edited = json.edited;
    part.editDelays = new Map(json.editDelays);
    part.forwarded = json.forwarded;
    part.forwardSources = new Map(Object.entries(json.forwardSources));
    part.viaBots = new Map(Object.entries(json.viaBots));
    return part;
  }

  private addEntities(entities: readonly Entity[], senderKey: string | null): void {
    let tags: Set<string> | undefined;
    for (const entity of entities) {
      switch (entity.type) {
        case "link":
        case "text_link": {
          const host = linkHost(entity.value);
          if (host === null) break;
          increment(this.domains, host);
          if (senderKey !== null) increment(this.linksBySender, senderKey);
          break;
        }
        case "mention": {
          const name = entity.value.replace(/^@/, "").toLowerCase();
          if (name !== "") increment(this.mentions, `@${name}`);
          break;
        }
        case "mention_name":
          if (entity.userId !== undefined)
            increment(this.mentions, peerKey({ kind: "user", id: entity.userId }));
          break;
        case "hashtag": {
          const tag = entity.value.replace(/^#/, "").toLowerCase();
          // Once per message: the count is of messages, which the at-rest rule needs.
          if (tag !== "") (tags ??= new Set()).add(`#${tag}`);
          break;
        }
        default:
          break;
      }
    }
    for (const tag of tags ?? []) increment(this.hashtags, tag);
  }
}

/** A forward's source as the report names it: its name, else its peer key; null when hidden. */
function forwardSourceKey(origin: ForwardOrigin): string | null {
  if (origin.name !== null && origin.name !== "") return origin.name;
  return origin.peer === null ? null : peerKey(origin.peer);
}
