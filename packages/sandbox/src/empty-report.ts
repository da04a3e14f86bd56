import {
  EXACT_WORD_STATS,
  REPORT_JSON_VERSION,
  type ReportJson,
  type SenderStats,
} from "@tgstats/engine";

/**
 * A report with no data at all, for tests that fill in what they need: no
 * messages, an empty punch card, no notes, in English and Moscow time.
 *
 * @example emptyReport({ senders: [senderStats("user1", "Alice", 10)] })
 */
export function emptyReport(overrides: Partial<ReportJson> = {}): ReportJson {
  return {
    version: REPORT_JSON_VERSION,
    chat: { id: 1, name: "Test chat", type: "private_group" },
    timezone: "Europe/Moscow",
    language: "en",
    filters: { from: null, to: null, sender: null },
    totals: {
      messages: 0,
      serviceMessages: 0,
      senders: 0,
      people: 0,
      words: 0,
      characters: 0,
      firstDate: "2024-03-01T09:15:00+03:00",
      lastDate: "2024-12-31T23:00:00+03:00",
      activeDays: 0,
      byKind: {},
    },
    senders: [],
    channelSenders: [],
    punchcard: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
    daily: {},
    weekly: {},
    monthly: {},
    emojis: [],
    stickers: [],
    reactions: [],
    reactionsReceived: { total: 0, messages: 0, karma: [], topMessages: [] },
    words: [],
    bigrams: [],
    wordStats: { ...EXACT_WORD_STATS },
    replies: emptyReplies(),
    conversations: emptyConversations(),
    questions: emptyQuestions(),
    highlights: { busiestDay: null, busiestHour: null, longestStreak: null, longestSilence: null },
    channel: null,
    links: { total: 0, domains: [], bySender: [] },
    mentions: [],
    hashtags: [],
    edits: { edited: 0, share: 0, timed: 0, medianSecondsToEdit: null, delayPrecision: 0.05 },
    forwards: { total: 0, sources: [], viaBots: [] },
    signatures: null,
    members: null,
    card: null,
    people: { monthly: [], weekly: [], cohorts: [], concentration: null },
    period: null,
    memberList: null,
    telegramStats: null,
    notes: [],
    ...overrides,
  };
}

/** One sender's row of a report with `messages` messages and nothing else counted. */
export function senderStats(
  id: string,
  name: string | null,
  messages: number,
  kind: SenderStats["kind"] = "user",
): SenderStats {
  return {
    id,
    kind,
    name,
    messages,
    words: 0,
    characters: 0,
    media: 0,
    stickers: 0,
    repliesGiven: 0,
    repliesReceived: 0,
  };
}

/** The replies of a report without any. */
export function emptyReplies(): ReportJson["replies"] {
  return {
    total: 0,
    resolved: 0,
    pairs: [],
    delayPrecision: 0.05,
    matrix: { people: [], counts: [] },
    fastest: [],
    fastestMinReplies: 5,
  };
}

/** The conversation figures of a report without messages. */
export function emptyConversations(): ReportJson["conversations"] {
  return {
    gapSeconds: 1800,
    count: 0,
    medianMessages: null,
    medianDurationSeconds: null,
    starters: [],
    silenceSeconds: 86_400,
    revivers: [],
    lastWords: [],
    outOfOrder: 0,
    longestReplyChain: 0,
  };
}

/** The question figures of a report without messages. */
export function emptyQuestions(): ReportJson["questions"] {
  return {
    answerWindowSeconds: 10_800,
    asked: 0,
    answered: 0,
    open: 0,
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, asked: 0, answered: 0 })),
    answerers: [],
    outOfOrder: 0,
  };
}
