import { z } from "zod";
import { ActivityPart, type ActivityJson } from "./parts/activity-part.js";
import { ChannelPart, type ChannelJson } from "./parts/channel-part.js";
import { ContentPart, type ContentJson } from "./parts/content-part.js";
import { EmojiPart, type EmojiJson } from "./parts/emoji-part.js";
import { MembershipPart, type MembershipJson } from "./parts/membership-part.js";
import { ConversationsPart, type ConversationsJson } from "./parts/conversations-part.js";
import { QuestionsPart, type QuestionsJson } from "./parts/questions-part.js";
import { ReplyChainsPart, type ReplyChainsJson } from "./parts/reply-chains-part.js";
import { PeoplePart, type PeopleJson } from "./parts/people-part.js";
import { RepliesPart, type RepliesJson } from "./parts/replies-part.js";
import { SendersPart, type SendersJson } from "./parts/senders-part.js";
import { TotalsPart, type TotalsJson } from "./parts/totals-part.js";
import { WordsPart, type WordsJson } from "./parts/words-part.js";

/**
 * Version of {@link ReportStateJson}; cached or checkpointed states of another
 * version are rebuilt. Bumped when a count's meaning changes too (3: a lone
 * text-default emoji such as ❤ or 🖥 without U+FE0F is no longer counted,
 * a hashtag is no longer a word, and new parts).
 */
export const REPORT_STATE_VERSION = 3;

/** A report state as plain JSON: for caches and job checkpoints. Holds aggregates, never message text. */
export interface ReportStateJson {
  /** {@link REPORT_STATE_VERSION} when written; checked when read back. */
  version: number;
  timeZone: string;
  totals: TotalsJson;
  senders: SendersJson;
  activity: ActivityJson;
  emoji: EmojiJson;
  words: WordsJson;
  replies: RepliesJson;
  channel: ChannelJson;
  content: ContentJson;
  membership: MembershipJson;
  conversations: ConversationsJson;
  questions: QuestionsJson;
  replyChains: ReplyChainsJson;
  people: PeopleJson;
}

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
export class ReportState {
  constructor(
    /** The zone the local-time parts were computed in. */
    readonly timeZone: string,
    readonly totals = new TotalsPart(),
    readonly senders = new SendersPart(),
    readonly activity = new ActivityPart(),
    readonly emoji = new EmojiPart(),
    readonly words = new WordsPart(),
    readonly replies = new RepliesPart(),
    readonly channel = new ChannelPart(),
    readonly content = new ContentPart(),
    readonly membership = new MembershipPart(),
    readonly conversations = new ConversationsPart(),
    readonly questions = new QuestionsPart(),
    readonly replyChains = new ReplyChainsPart(),
    readonly people = new PeoplePart(),
  ) {}

  /**
   * The state of both histories together. Associative; equal to one fold over
   * both when they cover disjoint, contiguous id ranges (see {@link RepliesPart}).
   */
  merge(other: ReportState): ReportState {
    this.checkZone(other);
    return this.joinWith(other, this.replies.merge(other.replies));
  }

  /**
   * {@link merge} for a state only the caller holds, which it replaces: the
   * word counters of `other` are added into this state's instead of both
   * being copied (they are the large part). `other` is not changed.
   */
  mergeOwned(other: ReportState): ReportState {
    this.checkZone(other);
    this.words.absorb(other.words);
    return new ReportState(
      this.timeZone,
      this.totals.merge(other.totals),
      this.senders.merge(other.senders),
      this.activity.merge(other.activity),
      this.emoji.merge(other.emoji),
      this.words,
      this.replies.merge(other.replies),
      this.channel.merge(other.channel),
      this.content.merge(other.content),
      this.membership.merge(other.membership),
      this.conversations.merge(other.conversations),
      this.questions.merge(other.questions),
      this.replyChains.merge(other.replyChains),
      this.people.merge(other.people),
    );
  }

  /**
   * Figures of two different chats added together (an account overview).
   * Replies, conversations and questions differ from {@link merge}: they are
   * not followed across chats.
   */
  combineChats(other: ReportState): ReportState {
    this.checkZone(other);
    const joined = this.joinWith(other, this.replies.combineChats(other.replies));
    // No conversation or question runs from one chat into another.
    return new ReportState(
      joined.timeZone,
      joined.totals,
      joined.senders,
      joined.activity,
      joined.emoji,
      joined.words,
      joined.replies,
      joined.channel,
      joined.content,
      joined.membership,
      this.conversations.combineChats(other.conversations),
      this.questions.combineChats(other.questions),
      this.replyChains.combineChats(other.replyChains),
      joined.people,
    );
  }

  /**
   * The state as it may be stored: rare words, phrases and hashtags dropped
   * (see {@link WordsPart.forRest}, {@link ContentPart.forRest}) and, with `keepReplyIndex`, reply indexes (replies, reply chains) of
   * only the ids it accepts (see {@link RepliesPart.withIndexOnly}). Shares
   * the other parts with this state, so use it in place of this one.
   */
  forRest(keepReplyIndex?: (id: number) => boolean): ReportState {
    return new ReportState(
      this.timeZone,
      this.totals,
      this.senders,
      this.activity,
      this.emoji,
      this.words.forRest(),
      keepReplyIndex === undefined ? this.replies : this.replies.withIndexOnly(keepReplyIndex),
      this.channel,
      this.content.forRest(),
      this.membership,
      this.conversations,
      this.questions,
      keepReplyIndex === undefined
        ? this.replyChains
        : this.replyChains.withIndexOnly(keepReplyIndex),
      this.people,
    );
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
    return new ReportState(
      json.timeZone,
      TotalsPart.fromJSON(json.totals),
      SendersPart.fromJSON(json.senders),
      ActivityPart.fromJSON(json.activity),
      EmojiPart.fromJSON(json.emoji),
      WordsPart.fromJSON(json.words),
      RepliesPart.fromJSON(json.replies),
      ChannelPart.fromJSON(json.channel),
      ContentPart.fromJSON(json.content),
      MembershipPart.fromJSON(json.membership),
      ConversationsPart.fromJSON(json.conversations),
      QuestionsPart.fromJSON(json.questions),
      ReplyChainsPart.fromJSON(json.replyChains),
      PeoplePart.fromJSON(json.people),
    );
  }
  private jsonWith(words: WordsJson): ReportStateJson {
    return {
      version: REPORT_STATE_VERSION,
      timeZone: this.timeZone,
      totals: this.totals.toJSON(),
      senders: this.senders.toJSON(),
      activity: this.activity.toJSON(),
      emoji: this.emoji.toJSON(),
      words,
      replies: this.replies.toJSON(),
      channel: this.channel.toJSON(),
      content: this.content.toJSON(),
      membership: this.membership.toJSON(),
      conversations: this.conversations.toJSON(),
      questions: this.questions.toJSON(),
      replyChains: this.replyChains.toJSON(),
      people: this.people.toJSON(),
    };
  }

  private checkZone(other: ReportState): void {
    if (other.timeZone !== this.timeZone)
      throw new ReportMergeError(
        `Cannot merge reports computed in ${this.timeZone} and ${other.timeZone}; compute both in one zone.`,
      );
  }

  private joinWith(other: ReportState, replies: RepliesPart): ReportState {
    return new ReportState(
      this.timeZone,
      this.totals.merge(other.totals),
      this.senders.merge(other.senders),
      this.activity.merge(other.activity),
      this.emoji.merge(other.emoji),
      this.words.merge(other.words),
      replies,
      this.channel.merge(other.channel),
      this.content.merge(other.content),
      this.membership.merge(other.membership),
      this.conversations.merge(other.conversations),
      this.questions.merge(other.questions),
      this.replyChains.merge(other.replyChains),
      this.people.merge(other.people),
    );
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

const reportStateShapeSchema = z.object({
  version: z.literal(REPORT_STATE_VERSION),
  timeZone: z.string(),
  totals: z.object({}).loose(),
  senders: z.object({}).loose(),
  activity: z.object({}).loose(),
  emoji: z.object({}).loose(),
  words: z.object({}).loose(),
  replies: z.object({}).loose(),
  channel: z.object({}).loose(),
  content: z.object({}).loose(),
  membership: z.object({}).loose(),
  conversations: z.object({}).loose(),
  questions: z.object({}).loose(),
  replyChains: z.object({}).loose(),
  people: z.object({}).loose(),
});

/**
 * A {@link ReportStateJson} of this version read back from storage (a cache
 * entry, a checkpoint, a split part); another version does not match and is
 * rebuilt from the messages. The parts are checked for shape only: each part
 * reads its own fields back.
 */
export const reportStateJsonSchema = z.custom<ReportStateJson>(
  (value) => reportStateShapeSchema.safeParse(value).success,
  { message: `expected a report state of version ${REPORT_STATE_VERSION}` },
);
