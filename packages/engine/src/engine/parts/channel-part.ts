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
  /** Posts per author signature (see {@link ChannelPart.signedPosts}). */
  signedPosts: Record<string, number>;
  unsignedPosts: number;
}

/**
 * Channel posts: reach (views, forwards and reactions of posts that carry view
 * counts, read over MTProto; exports have none) and who signed them.
 */
export class ChannelPart {
  postsWithViews = 0;
  views = 0;
  forwards = 0;
  reactions = 0;
  viewsMonthly = new Map<string, number>();
  /**
   * Posts (regular messages sent as a channel: channel posts, anonymous
   * admins, "send as channel") per author signature (`author` in an export,
   * `post_author` over MTProto), trimmed.
   */
  signedPosts = new Map<string, number>();
  /** Posts without a signature (or with a blank one). */
  unsignedPosts = 0;

  /** Folds one regular message in: posts count by signature, those with a view count by reach. */
  add({ message, local }: MessageFacts): void {
    if (message.sender?.kind === "channel") {
      const signature = message.authorSignature?.trim() ?? "";
      if (signature === "") this.unsignedPosts++;
      else increment(this.signedPosts, signature);
    }
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
    merged.signedPosts = mergeCounts(this.signedPosts, other.signedPosts);
    merged.unsignedPosts = this.unsignedPosts + other.unsignedPosts;
    return merged;
  }

  toJSON(): ChannelJson {
    return {
      postsWithViews: this.postsWithViews,
      views: this.views,
      forwards: this.forwards,
      reactions: this.reactions,
      viewsMonthly: Object.fromEntries(this.viewsMonthly),
      signedPosts: Object.fromEntries(this.signedPosts),
      unsignedPosts: this.unsignedPosts,
    };
  }

  static fromJSON(json: ChannelJson): ChannelPart {
    const part = new ChannelPart();
    Object.assign(part, json, {
      viewsMonthly: new Map(Object.entries(json.viewsMonthly)),
      signedPosts: new Map(Object.entries(json.signedPosts)),
    });
    return part;
  }
}
