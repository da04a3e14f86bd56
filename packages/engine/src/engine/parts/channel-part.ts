import { dayIndexToIso } from "../../time/zone-clock.js";
import { increment, mergeCounts } from "../count-map.js";
import type { MessageFacts } from "../message-facts.js";

/** Serialised {@link ChannelPart}. */
export interface ChannelJson {
  postsWithViews: number;
  views: number;
  forwards: number;
  reactions: number;
  viewsMonthly: Record<string, number>;
}

/**
 * Channel post reach: views, forwards and reactions of posts that carry view
 * counts (read over MTProto; exports have none, so this part stays empty there).
 */
export class ChannelPart {
  postsWithViews = 0;
  views = 0;
  forwards = 0;
  reactions = 0;
  viewsMonthly = new Map<string, number>();

  /** Folds one regular message in; only posts with a view count matter. */
  add({ message, local }: MessageFacts): void {
    if (message.views === null) return;
    this.postsWithViews++;
    this.views += message.views;
    this.forwards += message.forwards ?? 0;
    for (const reaction of message.reactions) this.reactions += reaction.count;
    increment(this.viewsMonthly, dayIndexToIso(local.dayIndex).slice(0, 7), message.views);
  }

  /** A new part with both inputs' sums. */
  merge(other: ChannelPart): ChannelPart {
    const merged = new ChannelPart();
    merged.postsWithViews = this.postsWithViews + other.postsWithViews;
    merged.views = this.views + other.views;
    merged.forwards = this.forwards + other.forwards;
    merged.reactions = this.reactions + other.reactions;
    merged.viewsMonthly = mergeCounts(this.viewsMonthly, other.viewsMonthly);
    return merged;
  }

  toJSON(): ChannelJson {
    return {
      postsWithViews: this.postsWithViews,
      views: this.views,
      forwards: this.forwards,
      reactions: this.reactions,
      viewsMonthly: Object.fromEntries(this.viewsMonthly),
    };
  }

  static fromJSON(json: ChannelJson): ChannelPart {
    const part = new ChannelPart();
    Object.assign(part, json, { viewsMonthly: new Map(Object.entries(json.viewsMonthly)) });
    return part;
  }
}
