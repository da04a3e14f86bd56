/**
 * Chart texts, one table per report language, read from the shared package's
 * Fluent files (../locales/<language>.ftl) when this module loads, so a
 * missing message stops the process at start-up.
 */
import {
  messageKindName,
  postKindName,
  postLengthName,
  sharedTexts,
  textsPerLanguage,
  type PostKind,
  type PostLength,
} from "@tgstats/engine";

/** Languages a report (and so a chart) can be written in. */
export type ChartLanguage = "en" | "ru";

/** Every text a chart draws or captions with. */
export interface ChartTexts {
  topSenders: string;
  people: string;
  channels: string;
  deletedAccount: string;
  /** Punch card title; the zone is part of it so no one reads hours in the wrong zone. */
  punchcard: (zone: string) => string;
  messagesPerDay: string;
  messagesPerWeek: string;
  messagesPerMonth: string;
  average7Days: string;
  average4Weeks: string;
  average3Months: string;
  topEmoji: string;
  topReactions: string;
  topWordsAndPhrases: string;
  words: string;
  phrases: string;
  /** Marks counts that may be low when word counting was approximate ("≈" is not in Noto Sans). */
  approximate: string;
  /** Says that U+FFFD in a label stands for characters no bundled font has. */
  missingGlyphs: string;
  /** Label of a Telegram custom emoji, before the end of its id (or after its emoji). */
  customEmoji: string;
  /** After the star of a paid reaction: "Stars". */
  stars: string;
  /** Title of the chart of reactions received per person. */
  reactionsReceived: string;
  /** Says that emoji labelled by code point or as custom have no picture in the chart font. */
  emojiWithoutGlyph: string;
  activePeople: string;
  newcomers: string;
  regulars: string;
  retention: string;
  retentionHint: string;
  monthsAfter: string;
  channelPosts: string;
  postsPerMonth: string;
  viewsPerPost: string;
  /** Title of a channel's views per post by weekday × hour; the zone is part of it. */
  bestTimeToPost: (zone: string) => string;
  postViews: string;
  viewsByKind: string;
  viewsByLength: string;
  /** A channel post kind's name ("link" → "Text with a link"). */
  postKind: (kind: PostKind) => string;
  /** A post length group's name ("0" → "No text"). */
  postLength: (length: PostLength) => string;
  members: string;
  membersJoined: string;
  membersLeft: string;
  membersNet: string;
  /** Title of the who-answers-whom heat map. */
  replyMatrix: string;
  /** How to read it: rows reply, columns are replied to. */
  replyMatrixHint: string;
  notEnoughData: string;
  notEnoughDataHint: string;
  untitledChat: string;
  /** Title of the message kinds chart. */
  messageKinds: string;
  /** A message kind's name ("photo" → "Photo"). */
  messageKind: (kind: string) => string;
  /** Title of a member's weekday × hour card beside the group's, with the zone. */
  cardPunchcard: (name: string, zone: string) => string;
  /** Title of a member's message kinds beside the group's. */
  cardKinds: (name: string) => string;
  /** Label of the group's half of a member card chart. */
  cardGroup: string;
  /** Titles of the charts of Telegram's own statistics. */
  tgGrowthMembers: string;
  tgGrowthFollowers: string;
  tgSources: string;
  tgNewMembersBySource: string;
  tgNewFollowersBySource: string;
  tgLanguages: string;
}

function loadChartTexts(language: ChartLanguage): ChartTexts {
  const fluent = sharedTexts(language);
  const punchcard = fluent.format("chart-punchcard");
  const cardPunchcard = fluent.format("chart-card-punchcard");
  const cardKinds = fluent.format("chart-card-kinds");
  const bestTime = fluent.format("chart-best-time-to-post");
  return {
    topSenders: fluent.text("top-senders"),
    people: fluent.text("chart-people"),
    channels: fluent.text("channel-senders"),
    deletedAccount: fluent.text("deleted-account"),
    punchcard: (zone) => punchcard({ zone }),
    messagesPerDay: fluent.text("chart-messages-per-day"),
    messagesPerWeek: fluent.text("chart-messages-per-week"),
    messagesPerMonth: fluent.text("chart-messages-per-month"),
    average7Days: fluent.text("chart-average-7-days"),
    average4Weeks: fluent.text("chart-average-4-weeks"),
    average3Months: fluent.text("chart-average-3-months"),
    topEmoji: fluent.text("chart-top-emoji"),
    topReactions: fluent.text("chart-top-reactions"),
    topWordsAndPhrases: fluent.text("chart-top-words-and-phrases"),
    words: fluent.text("chart-words"),
    phrases: fluent.text("chart-phrases"),
    approximate: fluent.text("chart-approximate"),
    missingGlyphs: fluent.text("chart-missing-glyphs"),
    customEmoji: fluent.text("chart-custom-emoji"),
    stars: fluent.text("reaction-paid"),
    reactionsReceived: fluent.text("summary-reactions-received"),
    emojiWithoutGlyph: fluent.text("chart-emoji-without-glyph"),
    activePeople: fluent.text("chart-active-people"),
    newcomers: fluent.text("chart-newcomers"),
    regulars: fluent.text("chart-regulars"),
    retention: fluent.text("chart-retention"),
    retentionHint: fluent.text("chart-retention-hint"),
    monthsAfter: fluent.text("chart-months-after"),
    channelPosts: fluent.text("chart-channel-posts"),
    postsPerMonth: fluent.text("chart-posts-per-month"),
    viewsPerPost: fluent.text("chart-views-per-post"),
    bestTimeToPost: (zone) => bestTime({ zone }),
    postViews: fluent.text("chart-post-views"),
    viewsByKind: fluent.text("chart-views-by-kind"),
    viewsByLength: fluent.text("chart-views-by-length"),
    postKind: postKindName(language),
    postLength: postLengthName(language),
    members: fluent.text("chart-members"),
    membersJoined: fluent.text("chart-members-joined"),
    membersLeft: fluent.text("chart-members-left"),
    membersNet: fluent.text("chart-members-net"),
    replyMatrix: fluent.text("chart-reply-matrix"),
    replyMatrixHint: fluent.text("chart-reply-matrix-hint"),
    notEnoughData: fluent.text("chart-not-enough-data"),
    notEnoughDataHint: fluent.text("chart-not-enough-data-hint"),
    untitledChat: fluent.text("untitled-chat"),
    messageKinds: fluent.text("chart-message-kinds"),
    messageKind: messageKindName(language),
    cardPunchcard: (name, zone) => cardPunchcard({ name, zone }),
    cardKinds: (name) => cardKinds({ name }),
    cardGroup: fluent.text("chart-card-group"),
    tgGrowthMembers: fluent.text("chart-tg-growth-members"),
    tgGrowthFollowers: fluent.text("chart-tg-growth-followers"),
    tgSources: fluent.text("chart-tg-sources"),
    tgNewMembersBySource: fluent.text("summary-tg-new-members-by-source"),
    tgNewFollowersBySource: fluent.text("summary-tg-new-followers-by-source"),
    tgLanguages: fluent.text("summary-tg-languages"),
  };
}

/** The chart texts of a language. */
export const chartTexts = textsPerLanguage(loadChartTexts);
