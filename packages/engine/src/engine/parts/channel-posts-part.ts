import type { Message } from "../../model/message.js";
import { maxOrNull } from "../nullable-math.js";
import { linkHost } from "../text/link-host.js";
import type { MessageFacts } from "../message-facts.js";

/** Posts each top and bottom list keeps (per stored month, and overall). */
export const POST_LIST_SIZE = 10;
/**
 * Posts of the last this many days of a report (its last day included) are
 * still collecting views: they are left out of the bottom lists.
 */
export const YOUNG_POST_DAYS = 7;

/** What a post carries, as the channel figures group it (see {@link postKindOf}). */
export type PostKind = "photo" | "video" | "text" | "link" | "other";
/** Every {@link PostKind}, in the order reports list them. */
export const POST_KINDS: readonly PostKind[] = ["photo", "video", "text", "link", "other"];

/** Text length groups in characters (code points, captions included), see {@link lengthBucketOf}. */
export type PostLength = "0" | "1-100" | "101-500" | "501-1000" | "1001+";
/** Every {@link PostLength}, shortest first. */
export const POST_LENGTHS: readonly PostLength[] = ["0", "1-100", "101-500", "501-1000", "1001+"];

/** What a post is ranked by. */
export type PostMetric = "views" | "forwards" | "reactions";
/** Every {@link PostMetric}. */
export const POST_METRICS: readonly PostMetric[] = ["views", "forwards", "reactions"];

/** One post as the lists keep it: its id, time and counts, never its text. */
export interface PostRecord {
  id: number;
  dateUnix: number;
  /** Local day index (days since 1970-01-01 in the report's zone). */
  day: number;
  views: number;
  /** 0 when the source gives no forward count. */
  forwards: number;
  /** All reactions added up (emoji, custom and paid). */
  reactions: number;
  kind: PostKind;
  length: PostLength;
}

/**
 * The kind of a post: `photo`; `video` (a video, a GIF animation or a round
 * video message); `link` (a text post, no media, with at least one `link` or
 * `text_link` entity with a web address, as `links` counts them); `text` (a
 * text post without one); `other` for the rest
 * (files, voice, polls, stickers…). A photo with a link in its caption is a photo.
 */
export function postKindOf(message: Pick<Message, "kind" | "entities">): PostKind {
  switch (message.kind) {
    case "photo":
      return "photo";
    case "video":
    case "animation":
    case "video_note":
      return "video";
    case "text":
      return message.entities.some(
        (entity) =>
          (entity.type === "link" || entity.type === "text_link") &&
          linkHost(entity.value) !== null,
      )
        ? "link"
        : "text";
    default:
      return "other";
  }
}

/** The length group of a text of `characters` code points: 0, 1–100, 101–500, 501–1000, over 1000. */
export function lengthBucketOf(characters: number): PostLength {
  if (characters === 0) return "0";
  if (characters <= 100) return "1-100";
  if (characters <= 500) return "101-500";
  if (characters <= 1000) return "501-1000";
  return "1001+";
}

/** Top order: the larger count first, then the lower id (and earlier date, across chats). */
function compareTop(metric: PostMetric): (a: PostRecord, b: PostRecord) => number {
  return (a, b) => b[metric] - a[metric] || a.id - b.id || a.dateUnix - b.dateUnix;
}

/** Bottom order: the smaller count first, then the lower id (and earlier date, across chats). */
function compareBottom(metric: PostMetric): (a: PostRecord, b: PostRecord) => number {
  return (a, b) => a[metric] - b[metric] || a.id - b.id || a.dateUnix - b.dateUnix;
}

/** The first {@link POST_LIST_SIZE} of `posts` in `order`. */
function firstPosts(
  posts: readonly PostRecord[],
  order: (a: PostRecord, b: PostRecord) => number,
): PostRecord[] {
  return [...posts].sort(order).slice(0, POST_LIST_SIZE);
}

type PerMetric<T> = Record<PostMetric, T>;

function perMetric<T>(make: (metric: PostMetric) => T): PerMetric<T> {
  return { views: make("views"), forwards: make("forwards"), reactions: make("reactions") };
}

/** Serialised {@link ChannelPostsPart}. */
export interface ChannelPostsPartJson {
  newestDay: number | null;
  top: PerMetric<PostRecord[]>;
  settledBottom: PerMetric<PostRecord[]>;
  recent: PostRecord[];
  /** 168 cells, weekday × 24 + hour (weekday 0 = Monday). */
  postsByCell: number[];
  viewsByCell: number[];
  /** Per kind and per length group: `[views, posts]` pairs, views ascending. */
  viewsByKind: Record<string, [number, number][]>;
  viewsByLength: Record<string, [number, number][]>;
}

/**
 * Channel posts one by one: the top and bottom posts by views, forwards and
 * reactions, views by posting weekday × hour, and the views of each post kind
 * and length group (their exact distributions, for medians). Only posts with
 * a view count (read over MTProto; exports have none) count.
 *
 * The bottom lists leave out young posts, whose views are still growing; the
 * part cannot know the report's end, so it keeps, besides the bottom posts
 * older than {@link YOUNG_POST_DAYS} days before its newest post
 * (`settledBottom`), the bottom posts of each of those last days (`recent`),
 * from which {@link bottomPosts} picks the ones old enough.
 */
export class ChannelPostsPart {
  /** Local day of the newest post; null before the first. */
  newestDay: number | null = null;
  top: PerMetric<PostRecord[]> = perMetric(() => []);
  settledBottom: PerMetric<PostRecord[]> = perMetric(() => []);
  /** Posts of the days after `newestDay − YOUNG_POST_DAYS`, per day the bottom ones of each metric. */
  recent: PostRecord[] = [];
  postsByCell: number[] = new Array<number>(168).fill(0);
  viewsByCell: number[] = new Array<number>(168).fill(0);
  /** Kind → views → posts. */
  viewsByKind = new Map<string, Map<number, number>>();
  /** Length group → views → posts. */
  viewsByLength = new Map<string, Map<number, number>>();

  /** Folds one regular message in; only one with a view count is a post here. */
  add({ message, local, text }: MessageFacts): void {
    if (message.views === null) return;
    let reactions = 0;
    for (const reaction of message.reactions) reactions += reaction.count;
    const post: PostRecord = {
      id: message.id,
      dateUnix: message.dateUnix,
      day: local.dayIndex,
      views: message.views,
      forwards: message.forwards ?? 0,
      reactions,
      kind: postKindOf(message),
      length: lengthBucketOf(text.characters),
    };
    const cell = local.weekday * 24 + local.hour;
    this.postsByCell[cell]! += 1;
    this.viewsByCell[cell]! += post.views;
    countView(this.viewsByKind, post.kind, post.views, 1);
    countView(this.viewsByLength, post.length, post.views, 1);
    for (const metric of POST_METRICS)
      this.top[metric] = firstPosts([...this.top[metric], post], compareTop(metric));
    this.placeForBottom(
      [post],
      this.newestDay === null ? post.day : Math.max(this.newestDay, post.day),
    );
  }

  /** A new part with both inputs' posts. */
  merge(other: ChannelPostsPart): ChannelPostsPart {
    const merged = new ChannelPostsPart();
    for (const metric of POST_METRICS) {
      merged.top[metric] = firstPosts(
        [...this.top[metric], ...other.top[metric]],
        compareTop(metric),
      );
      merged.settledBottom[metric] = firstPosts(
        [...this.settledBottom[metric], ...other.settledBottom[metric]],
        compareBottom(metric),
      );
    }
    const newest = maxOrNull(this.newestDay, other.newestDay);
    if (newest !== null) merged.placeForBottom([...this.recent, ...other.recent], newest);
    merged.postsByCell = this.postsByCell.map((posts, cell) => posts + other.postsByCell[cell]!);
    merged.viewsByCell = this.viewsByCell.map((views, cell) => views + other.viewsByCell[cell]!);
    merged.viewsByKind = mergeViews(this.viewsByKind, other.viewsByKind);
    merged.viewsByLength = mergeViews(this.viewsByLength, other.viewsByLength);
    return merged;
  }

  /** The {@link POST_LIST_SIZE} posts with the most of `metric`; ties go to the lower id. */
  topPosts(metric: PostMetric): PostRecord[] {
    return this.top[metric];
  }

  /**
   * The {@link POST_LIST_SIZE} posts with the least of `metric` among those
   * at least {@link YOUNG_POST_DAYS} days old on `endDay` (the report's last
   * local day: a post of day `endDay − 7` is in, one of `endDay − 6` is
   * not); ties go to the lower id.
   */
  bottomPosts(metric: PostMetric, endDay: number): PostRecord[] {
    const settled = this.recent.filter((post) => post.day <= endDay - YOUNG_POST_DAYS);
    return firstPosts([...this.settledBottom[metric], ...settled], compareBottom(metric));
  }

  /** The posts counted in each kind and length group: `[views, posts]` pairs, views ascending. */
  viewsOf(group: "kind" | "length", key: string): [number, number][] {
    const counts = (group === "kind" ? this.viewsByKind : this.viewsByLength).get(key);
    return counts === undefined ? [] : [...counts].sort((a, b) => a[0] - b[0]);
  }

  toJSON(): ChannelPostsPartJson {
    const sortRecords = (posts: readonly PostRecord[]): PostRecord[] =>
      [...posts].sort((a, b) => a.day - b.day || a.id - b.id || a.dateUnix - b.dateUnix);
    const views = (map: ReadonlyMap<string, Map<number, number>>, group: "kind" | "length") =>
      Object.fromEntries(
        [...map.keys()].sort().map((key) => [key, this.viewsOf(group, key)] as const),
      );
    return {
      newestDay: this.newestDay,
      top: perMetric((metric) => this.top[metric]),
      settledBottom: perMetric((metric) => this.settledBottom[metric]),
      recent: sortRecords(this.recent),
      postsByCell: this.postsByCell,
      viewsByCell: this.viewsByCell,
      viewsByKind: views(this.viewsByKind, "kind"),
      viewsByLength: views(this.viewsByLength, "length"),
    };
  }

  static fromJSON(json: ChannelPostsPartJson): ChannelPostsPart {
    const part = new ChannelPostsPart();
    const readViews = (record: Record<string, [number, number][]>) =>
      new Map(Object.entries(record).map(([key, pairs]) => [key, new Map(pairs)]));
    Object.assign(part, {
      newestDay: json.newestDay,
      top: perMetric((metric) => [...json.top[metric]]),
      settledBottom: perMetric((metric) => [...json.settledBottom[metric]]),
      recent: [...json.recent],
      postsByCell: [...json.postsByCell],
      viewsByCell: [...json.viewsByCell],
      viewsByKind: readViews(json.viewsByKind),
      viewsByLength: readViews(json.viewsByLength),
    });
    return part;
  }

  /**
   * Moves the newest day up to `newestDay` and files `posts` (and the
   * recent posts the move settles) under the bottom lists: settled ones when
   * old enough, else among the recent ones, trimmed per day.
   */
  private placeForBottom(posts: readonly PostRecord[], newestDay: number): void {
    const cutoffDay = newestDay - YOUNG_POST_DAYS;
    const candidates = this.newestDay === newestDay ? posts : [...this.recent, ...posts];
    if (this.newestDay !== newestDay) this.recent = [];
    this.newestDay = newestDay;
    const settling = candidates.filter((post) => post.day <= cutoffDay);
    if (settling.length > 0)
      for (const metric of POST_METRICS)
        this.settledBottom[metric] = firstPosts(
          [...this.settledBottom[metric], ...settling],
          compareBottom(metric),
        );
    const young = candidates.filter((post) => post.day > cutoffDay);
    if (young.length > 0) this.recent = trimPerDay([...this.recent, ...young]);
  }
}

/** Per day, only the posts among that day's bottom {@link POST_LIST_SIZE} by some metric. */
function trimPerDay(posts: readonly PostRecord[]): PostRecord[] {
  const byDay = new Map<number, PostRecord[]>();
  for (const post of posts) {
    const day = byDay.get(post.day);
    if (day === undefined) byDay.set(post.day, [post]);
    else day.push(post);
  }
  const kept: PostRecord[] = [];
  for (const dayPosts of byDay.values()) {
    if (dayPosts.length <= POST_LIST_SIZE) {
      kept.push(...dayPosts);
      continue;
    }
    const keep = new Set<PostRecord>();
    for (const metric of POST_METRICS)
      for (const post of firstPosts(dayPosts, compareBottom(metric))) keep.add(post);
    kept.push(...dayPosts.filter((post) => keep.has(post)));
  }
  return kept;
}

function countView(
  map: Map<string, Map<number, number>>,
  key: string,
  views: number,
  posts: number,
): void {
  let counts = map.get(key);
  if (counts === undefined) map.set(key, (counts = new Map<number, number>()));
  counts.set(views, (counts.get(views) ?? 0) + posts);
}

function mergeViews(
  a: ReadonlyMap<string, Map<number, number>>,
  b: ReadonlyMap<string, Map<number, number>>,
): Map<string, Map<number, number>> {
  const merged = new Map<string, Map<number, number>>();
  for (const source of [a, b])
    for (const [key, counts] of source)
      for (const [views, posts] of counts) countView(merged, key, views, posts);
  return merged;
}
