import { ActivityPart, type ActivityJson } from "./parts/activity-part.js";
import { ChannelPart, type ChannelJson } from "./parts/channel-part.js";
import { ChannelPostsPart, type ChannelPostsPartJson } from "./parts/channel-posts-part.js";
import { ContentPart, type ContentJson } from "./parts/content-part.js";
import { EmojiPart, type EmojiJson } from "./parts/emoji-part.js";
import { MembershipPart, type MembershipJson } from "./parts/membership-part.js";
import { DaysPart, type DaysJson } from "./parts/days-part.js";
import { ConversationsPart, type ConversationsJson } from "./parts/conversations-part.js";
import { QuestionsPart, type QuestionsJson } from "./parts/questions-part.js";
import { ReactionsPart, type ReactionsJson } from "./parts/reactions-part.js";
import { ReplyChainsPart, type ReplyChainsJson } from "./parts/reply-chains-part.js";
import { PeoplePart, type PeopleJson } from "./parts/people-part.js";
import { RepliesPart, type RepliesJson } from "./parts/replies-part.js";
import { SendersPart, type SendersJson } from "./parts/senders-part.js";
import { TotalsPart, type TotalsJson } from "./parts/totals-part.js";
import { WordsPart, type WordsJson } from "./parts/words-part.js";
import type { PeerRef } from "../model/message.js";

/**
 * Version of {@link ReportStateJson}; cached or checkpointed states of another
 * version are rebuilt. Bumped when a count's meaning changes too (3: a lone
 * text-default emoji such as ❤ or 🖥 without U+FE0F is no longer counted,
 * a hashtag is no longer a word, and new parts; 4: the days part; 5: people
 * keep the day of their last message; 6: channel posts one by one; 7: the
 * reactions part).
 */
export const REPORT_STATE_VERSION = 7;

/**
 * Every part of a report state, once: how to make an empty one and how to
 * read one back. Merging, storing and reading back go over this table, so a
 * part added here takes part in all of them.
 */
const PARTS = {
  totals: { empty: () => new TotalsPart(), read: (json: TotalsJson) => TotalsPart.fromJSON(json) },
  senders: {
    empty: () => new SendersPart(),
    read: (json: SendersJson) => SendersPart.fromJSON(json),
  },
  activity: {
    empty: () => new ActivityPart(),
    read: (json: ActivityJson) => ActivityPart.fromJSON(json),
  },
  emoji: { empty: () => new EmojiPart(), read: (json: EmojiJson) => EmojiPart.fromJSON(json) },
  words: { empty: () => new WordsPart(), read: (json: WordsJson) => WordsPart.fromJSON(json) },
  replies: {
    empty: () => new RepliesPart(),
    read: (json: RepliesJson) => RepliesPart.fromJSON(json),
  },
  channel: {
    empty: () => new ChannelPart(),
    read: (json: ChannelJson) => ChannelPart.fromJSON(json),
  },
  channelPosts: {
    empty: () => new ChannelPostsPart(),
    read: (json: ChannelPostsPartJson) => ChannelPostsPart.fromJSON(json),
  },
  content: {
    empty: () => new ContentPart(),
    read: (json: ContentJson) => ContentPart.fromJSON(json),
  },
  membership: {
    empty: () => new MembershipPart(),
    read: (json: MembershipJson) => MembershipPart.fromJSON(json),
  },
  conversations: {
    empty: () => new ConversationsPart(),
    read: (json: ConversationsJson) => ConversationsPart.fromJSON(json),
  },
  questions: {
    empty: () => new QuestionsPart(),
    read: (json: QuestionsJson) => QuestionsPart.fromJSON(json),
  },
  replyChains: {
    empty: () => new ReplyChainsPart(),
    read: (json: ReplyChainsJson) => ReplyChainsPart.fromJSON(json),
  },
  people: { empty: () => new PeoplePart(), read: (json: PeopleJson) => PeoplePart.fromJSON(json) },
  days: { empty: () => new DaysPart(), read: (json: DaysJson) => DaysPart.fromJSON(json) },
  reactions: {
    empty: () => new ReactionsPart(),
    read: (json: ReactionsJson) => ReactionsPart.fromJSON(json),
  },
};

type PartName = keyof typeof PARTS;
/** The names of the parts, in the order of the table. */
export const PART_NAMES = Object.keys(PARTS) as PartName[];

/** The parts of a {@link ReportState}, by name. */
export type ReportParts = { [K in PartName]: ReturnType<(typeof PARTS)[K]["empty"]> };

/** What every part does; each part's own `merge` and `toJSON` fit it. */
interface Part<T> {
  merge(other: T): T;
  toJSON(): unknown;
}

/** A report state as plain JSON: for caches and job checkpoints. Holds aggregates, never message text. */
export type ReportStateJson = {
  /** {@link REPORT_STATE_VERSION} when written; checked when read back. */
  version: number;
  timeZone: string;
} & { [K in PartName]: Parameters<(typeof PARTS)[K]["read"]>[0] };

/** Thrown when two states cannot be merged because they were computed differently. */
export class ReportMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportMergeError";
  }
}

/**
 * The folded aggregates of a history: every part can absorb one more message
 * and be merged with the same part of another history.
 */
export class ReportState implements ReportParts {
  readonly totals!: TotalsPart;
  readonly senders!: SendersPart;
  readonly activity!: ActivityPart;
  readonly emoji!: EmojiPart;
  readonly words!: WordsPart;
  readonly replies!: RepliesPart;
  readonly channel!: ChannelPart;
  readonly channelPosts!: ChannelPostsPart;
  readonly content!: ContentPart;
  readonly membership!: MembershipPart;
  readonly conversations!: ConversationsPart;
  readonly questions!: QuestionsPart;
  readonly replyChains!: ReplyChainsPart;
  readonly people!: PeoplePart;
  readonly days!: DaysPart;
  readonly reactions!: ReactionsPart;

  /**
   * @param timeZone the zone the local-time parts were computed in
   * @param parts the parts that are not empty (built with options, merged, read back)
   */
  constructor(
    readonly timeZone: string,
    parts: Partial<ReportParts> = {},
  ) {
    for (const name of PART_NAMES)
      Object.assign(this, { [name]: parts[name] ?? PARTS[name].empty() });
  }

  /**
   * The state of both histories together. Associative; equal to one fold over
   * both when they cover disjoint, contiguous id ranges (see {@link RepliesPart}).
   */
  merge(other: ReportState): ReportState {
    this.checkZone(other);
    return this.joinWith(other, {});
  }

  /**
   * {@link merge} for a state only the caller holds, which it replaces: the
   * word counters of `other` are added into this state's instead of both
   * being copied (they are the large part). `other` is not changed.
   */
  mergeOwned(other: ReportState): ReportState {
    this.checkZone(other);
    this.words.absorb(other.words);
    return this.joinWith(other, { words: this.words });
  }

  /**
   * Figures of two different chats added together (an account overview).
   * Replies, conversations, questions and reply chains differ from
   * {@link merge}: none is followed from one chat into another. The most
   * reacted messages are kept only where tagged with their chat ({@link inChat}).
   */
  combineChats(other: ReportState): ReportState {
    this.checkZone(other);
    return this.joinWith(other, {
      replies: this.replies.combineChats(other.replies),
      conversations: this.conversations.combineChats(other.conversations),
      questions: this.questions.combineChats(other.questions),
      replyChains: this.replyChains.combineChats(other.replyChains),
      days: this.days.combineChats(other.days),
      reactions: this.reactions.combineChats(other.reactions),
    });
  }

  /**
   * This state with the messages it lists by id (the most reacted) tagged as
   * being in `chat`, so they stay apart from another chat's in {@link combineChats}.
   */
  inChat(chat: PeerRef): ReportState {
    return new ReportState(this.timeZone, {
      ...this.parts(),
      reactions: this.reactions.inChat(chat),
    });
  }

  /**
   * This state with another days part: the worker's, merged from more months
   * than the period (the previous period and people's first days), which no
   * other part may count. Shares the other parts with this state.
   */
  withDays(days: DaysPart): ReportState {
    return new ReportState(this.timeZone, { ...this.parts(), days });
  }

  /**
   * The state as it may be stored: rare words, phrases and hashtags dropped
   * (see {@link WordsPart.forRest}, {@link ContentPart.forRest}) and, with
   * `keepReplyIndex`, reply indexes (replies, reply chains) of only the ids
   * it accepts (see {@link RepliesPart.withIndexOnly}). Shares the other
   * parts with this state, so use it in place of this one.
   */
  forRest(keepReplyIndex?: (id: number) => boolean): ReportState {
    return new ReportState(this.timeZone, {
      ...this.parts(),
      words: this.words.forRest(),
      content: this.content.forRest(),
      ...(keepReplyIndex === undefined
        ? {}
        : {
            replies: this.replies.withIndexOnly(keepReplyIndex),
            replyChains: this.replyChains.withIndexOnly(keepReplyIndex),
          }),
    });
  }

  toJSON(): ReportStateJson {
    return this.jsonWith(this.words.toJSON());
  }

  /**
   * {@link toJSON} for a state handed to another thread and read back there
   * at once: the same content, word lists unsorted (see
   * {@link TermCounter.toUnsortedJSON}). Not for storage: equal states may
   * give different JSON.
   */
  toTransferJSON(): ReportStateJson {
    return this.jsonWith(this.words.toUnsortedJSON());
  }

  static fromJSON(json: ReportStateJson): ReportState {
    if (json.version !== REPORT_STATE_VERSION)
      throw new ReportMergeError(
        `Report state version ${json.version} is not ${REPORT_STATE_VERSION}; rebuild it from the messages.`,
      );
    const parts = Object.fromEntries(
      PART_NAMES.map((name) => [
        name,
        (PARTS[name].read as (part: unknown) => unknown)(json[name]),
      ]),
    ) as ReportParts;
    return new ReportState(json.timeZone, parts);
  }

  private parts(): ReportParts {
    return Object.fromEntries(PART_NAMES.map((name) => [name, this[name]])) as ReportParts;
  }

  private jsonWith(words: WordsJson): ReportStateJson {
    const parts = Object.fromEntries(
      PART_NAMES.map((name) => [name, name === "words" ? words : this[name].toJSON()]),
    ) as Omit<ReportStateJson, "version" | "timeZone">;
    return { version: REPORT_STATE_VERSION, timeZone: this.timeZone, ...parts };
  }

  private checkZone(other: ReportState): void {
    if (other.timeZone !== this.timeZone)
      throw new ReportMergeError(
        `Cannot merge reports computed in ${this.timeZone} and ${other.timeZone}; compute both in one zone.`,
      );
  }

  /** Every part merged with `other`'s, but for those `given`, which are taken as they are. */
  private joinWith(other: ReportState, given: Partial<ReportParts>): ReportState {
    const merged = Object.fromEntries(
      PART_NAMES.map((name) => [
        name,
        given[name] ?? (this[name] as Part<ReportParts[typeof name]>).merge(other[name]),
      ]),
    ) as ReportParts;
    return new ReportState(this.timeZone, merged);
  }
}

/**
 * `a.merge(b)` for any number of states, left to right.
 *
 * @example mergeReportStates([january, february, march])
 */
export function mergeReportStates(states: readonly ReportState[]): ReportState {
  const [first, ...rest] = states;
  if (first === undefined)
    throw new ReportMergeError("Nothing to merge: pass at least one report state.");
  return rest.reduce((merged, state) => merged.merge(state), first);
}
