/**
 * A channel's post figures as both summaries show them (summary.md and the
 * summary the worker sends), worded once: the best time to post, reactions
 * and forwards per 1,000 views, views by kind and length, and the top and
 * bottom posts with their links. Each summary puts them in its own markup.
 */
import type { PostMetric } from "../engine/parts/channel-posts-part.js";
import type { ChannelPostEntry, PostGroupViews, ReportJson } from "../engine/report-json.js";
import { textsPerLanguage, type TextLanguage } from "../i18n/fluent-texts.js";
import { postKindName, postLengthName } from "../i18n/message-kind-texts.js";
import { sharedTexts } from "../i18n/shared-texts.js";
import { summaryStrings } from "./summary-strings.js";

/** One post of a list: when, what, its count, and where it opens. */
export interface SummaryPost {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** The post kind's name. */
  kind: string;
  /** The ranked count with its unit: "300 views". */
  count: string;
  link: string | null;
}

/** One top or bottom list with its heading. */
export interface SummaryPostList {
  metric: PostMetric;
  bottom: boolean;
  heading: string;
  posts: SummaryPost[];
}

/** What the summaries show of a channel's posts. */
export interface ChannelPostsSummary {
  heading: string;
  /** Null when no weekday × hour has enough posts. */
  bestTime: string | null;
  per1000Views: string;
  /** Null when fewer than two kinds (or length groups) have posts. */
  byKind: string | null;
  byLength: string | null;
  /**
   * Non-empty lists of metrics some post has any of, in the order asked
   * for; for each metric the top list before the bottom one.
   */
  lists: SummaryPostList[];
}

/** Which lists and how many posts of each a summary shows. */
export interface ChannelPostsSummaryOptions {
  posts: number;
  metrics: readonly PostMetric[];
}

interface PostTexts {
  heading: string;
  bestTime: (args: Record<string, string>) => string;
  per1000Views: (reactions: string, forwards: string) => string;
  viewsByKind: (groups: string) => string;
  viewsByLength: (groups: string) => string;
  listHeading: (metric: PostMetric, bottom: boolean, days: string) => string;
  postCount: (metric: PostMetric, count: number, formatted: string) => string;
}

function loadPostTexts(language: TextLanguage): PostTexts {
  const fluent = sharedTexts(language);
  const bestTime = fluent.format("summary-best-time");
  const per1000 = fluent.format("summary-per-1000-views");
  const byKind = fluent.format("summary-views-by-kind");
  const byLength = fluent.format("summary-views-by-length");
  const metrics: readonly PostMetric[] = ["views", "forwards", "reactions"];
  const tops = new Map(metrics.map((metric) => [metric, fluent.text(`summary-top-${metric}`)]));
  const bottoms = new Map(
    metrics.map((metric) => [metric, fluent.format(`summary-bottom-${metric}`)]),
  );
  const counts = new Map(
    metrics.map((metric) => [metric, fluent.format(`summary-post-${metric}`)]),
  );
  return {
    heading: fluent.text("summary-channel-posts"),
    bestTime: (args) => bestTime(args),
    per1000Views: (reactions, forwards) => per1000({ reactions, forwards }),
    viewsByKind: (groups) => byKind({ groups }),
    viewsByLength: (groups) => byLength({ groups }),
    listHeading: (metric, bottom, days) =>
      bottom ? bottoms.get(metric)!({ days }) : tops.get(metric)!,
    postCount: (metric, count, formatted) => counts.get(metric)!({ count: formatted, n: count }),
  };
}

const postTexts = textsPerLanguage(loadPostTexts);

/**
 * The post figures of a channel report in its language; null unless the
 * report has posts with views.
 *
 * @example channelPostsSummary(report, { posts: 3, metrics: ["views"] })?.bestTime
 */
export function channelPostsSummary(
  report: ReportJson,
  options: ChannelPostsSummaryOptions,
): ChannelPostsSummary | null {
  const stats = report.channel?.postStats;
  if (stats === undefined || stats.byKind.length === 0) return null;
  const { language } = report;
  const texts = postTexts(language);
  const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const decimals = new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  });
  const hour = (value: number): string => `${String(value % 24).padStart(2, "0")}:00`;
  const best = stats.bestHour;
  const groups = <Key extends string>(
    list: readonly PostGroupViews<Key>[],
    name: (key: Key) => string,
  ): string | null =>
    list.length < 2
      ? null
      : list
          .map(
            (group) =>
              `${name(group.key)} ${numbers.format(group.meanViews)} / ${numbers.format(group.medianViews)}`,
          )
          .join(" · ");
  const kindName = postKindName(language);
  const entry =
    (metric: PostMetric) =>
    (post: ChannelPostEntry): SummaryPost => ({
      date: post.date.slice(0, 10),
      kind: kindName(post.kind),
      count: texts.postCount(metric, post[metric], numbers.format(post[metric])),
      link: post.link,
    });
  // A metric no post has any of (no forwards at all, reactions turned off) ranks nothing.
  const ranked = options.metrics.filter((metric) => (stats.top[metric][0]?.[metric] ?? 0) > 0);
  const lists: SummaryPostList[] = ranked.flatMap((metric) =>
    [false, true].flatMap((bottom) => {
      const posts = (bottom ? stats.bottom : stats.top)[metric].slice(0, options.posts);
      if (posts.length === 0) return [];
      return [
        {
          metric,
          bottom,
          heading: texts.listHeading(metric, bottom, String(stats.youngDays)),
          posts: posts.map(entry(metric)),
        },
      ];
    }),
  );
  const byKind = groups(stats.byKind, kindName);
  const byLength = groups(stats.byLength, postLengthName(language));
  return {
    heading: texts.heading,
    bestTime:
      best === null
        ? null
        : texts.bestTime({
            weekday: summaryStrings(language).weekdays[best.weekday] ?? "",
            from: hour(best.hour),
            to: hour(best.hour + 1),
            views: numbers.format(best.viewsPerPost),
            posts: numbers.format(best.posts),
          }),
    per1000Views: texts.per1000Views(
      decimals.format(stats.reactionsPer1000Views),
      decimals.format(stats.forwardsPer1000Views),
    ),
    byKind: byKind === null ? null : texts.viewsByKind(byKind),
    byLength: byLength === null ? null : texts.viewsByLength(byLength),
    lists,
  };
}
