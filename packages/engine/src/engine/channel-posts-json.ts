/**
 * The `channel.posts` figures of a report from the {@link ChannelPostsPart}:
 * lists with dates and links, means per weekday × hour, kind and length.
 */
import { messageLink } from "../model/message-link.js";
import { dayIndexToIso, formatLocalIso, type ZoneClock } from "../time/zone-clock.js";
import {
  POST_KINDS,
  POST_LENGTHS,
  POST_LIST_SIZE,
  YOUNG_POST_DAYS,
  type ChannelPostsPart,
  type PostRecord,
} from "./parts/channel-posts-part.js";
import type { ChannelPostsJson, PostGroupViews, PostHour } from "./report-json.js";

/** A weekday × hour cell needs this many posts to be the best time to post: one post is luck. */
export const BEST_HOUR_MIN_POSTS = 3;

/** What a post link needs of the report's chat. */
export interface PostLinkChat {
  id: number | null;
  /** The export's chat type: only channels and supergroups have message links. */
  type: string;
  /** Public username, when known (MTProto); links then read `t.me/<username>/<id>`. */
  username?: string | null;
}

/**
 * The link of a post of the report's chat; null where Telegram has none
 * (basic groups, private chats, combined reports). The one place the report
 * forms post links.
 *
 * @example postLink({ id: 1234, type: "public_channel", username: "news" }, 7) // "https://t.me/news/7"
 */
export function postLink(chat: PostLinkChat, messageId: number): string | null {
  if (chat.id === null || !/_(channel|supergroup)$/.test(chat.type)) return null;
  return messageLink({ kind: "channel", id: chat.id, username: chat.username ?? null }, messageId);
}

/** Two decimals. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The report's `channel.posts`.
 *
 * @param endDay the report's last local day: posts of it and the 6 days before are too young for the bottom lists
 * @param totals all views, forwards and reactions of posts with views (the channel part's)
 */
export function channelPostsJson(
  part: ChannelPostsPart,
  context: {
    chat: PostLinkChat;
    clock: ZoneClock;
    endDay: number | null;
    totals: { views: number; forwards: number; reactions: number };
  },
): ChannelPostsJson {
  const { chat, clock, totals } = context;
  const endDay = Math.max(context.endDay ?? part.newestDay ?? 0, part.newestDay ?? 0);
  const entry = (post: PostRecord) => ({
    id: post.id,
    date: formatLocalIso(post.dateUnix, clock),
    link: postLink(chat, post.id),
    views: post.views,
    forwards: post.forwards,
    reactions: post.reactions,
    kind: post.kind,
    length: post.length,
  });
  const list = (posts: readonly PostRecord[]) => posts.map(entry);
  const byHour = hourCells(part);
  let bestHour: PostHour | null = null;
  for (const cell of byHour)
    if (
      cell.posts >= BEST_HOUR_MIN_POSTS &&
      (bestHour === null || cell.viewsPerPost > bestHour.viewsPerPost)
    )
      bestHour = cell;
  const per1000 = (count: number): number =>
    totals.views === 0 ? 0 : round2((count * 1000) / totals.views);
  return {
    listSize: POST_LIST_SIZE,
    youngDays: YOUNG_POST_DAYS,
    bottomThrough: part.newestDay === null ? null : dayIndexToIso(endDay - YOUNG_POST_DAYS),
    top: {
      views: list(part.topPosts("views")),
      forwards: list(part.topPosts("forwards")),
      reactions: list(part.topPosts("reactions")),
    },
    bottom: {
      views: list(part.bottomPosts("views", endDay)),
      forwards: list(part.bottomPosts("forwards", endDay)),
      reactions: list(part.bottomPosts("reactions", endDay)),
    },
    byHour,
    bestHour,
    bestHourMinPosts: BEST_HOUR_MIN_POSTS,
    reactionsPer1000Views: per1000(totals.reactions),
    forwardsPer1000Views: per1000(totals.forwards),
    byKind: groupViews(part, "kind", POST_KINDS),
    byLength: groupViews(part, "length", POST_LENGTHS),
  };
}

/** Cells with posts, weekday then hour. */
function hourCells(part: ChannelPostsPart): PostHour[] {
  const cells: PostHour[] = [];
  part.postsByCell.forEach((posts, cell) => {
    if (posts === 0) return;
    cells.push({
      weekday: Math.floor(cell / 24),
      hour: cell % 24,
      posts,
      viewsPerPost: round2(part.viewsByCell[cell]! / posts),
    });
  });
  return cells;
}

function groupViews<Key extends string>(
  part: ChannelPostsPart,
  group: "kind" | "length",
  keys: readonly Key[],
): PostGroupViews<Key>[] {
  return keys.flatMap((key) => {
    const pairs = part.viewsOf(group, key);
    let posts = 0;
    let views = 0;
    for (const [postViews, count] of pairs) {
      posts += count;
      views += postViews * count;
    }
    if (posts === 0) return [];
    return [{ key, posts, meanViews: round2(views / posts), medianViews: medianOf(pairs, posts) }];
  });
}

/** The ⌈n/2⌉-th smallest of `[value, count]` pairs sorted by value. */
function medianOf(pairs: readonly [number, number][], total: number): number {
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const [value, count] of pairs) {
    seen += count;
    if (seen >= rank) return value;
  }
  return pairs.at(-1)?.[0] ?? 0;
}

/** The figures of no posts, for reports made without messages (previews, chart tests). */
export function emptyChannelPostsJson(): ChannelPostsJson {
  const none = { views: [], forwards: [], reactions: [] };
  return {
    listSize: POST_LIST_SIZE,
    youngDays: YOUNG_POST_DAYS,
    bottomThrough: null,
    top: { ...none },
    bottom: { ...none },
    byHour: [],
    bestHour: null,
    bestHourMinPosts: BEST_HOUR_MIN_POSTS,
    reactionsPer1000Views: 0,
    forwardsPer1000Views: 0,
    byKind: [],
    byLength: [],
  };
}
