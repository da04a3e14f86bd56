import { isRegularMessage, peerKey, type Message } from "../model/message.js";
import { RepliesPart } from "./parts/replies-part.js";
import { ReplyChainsPart } from "./parts/reply-chains-part.js";
import { WordsPart } from "./parts/words-part.js";
import { ReportState } from "./report-state.js";
import {
  resolveReportOptions,
  type ReportOptions,
  type ResolvedReportOptions,
} from "./report-options.js";
import { analyzeText, type TextAnalysis } from "./text/index.js";
import type { MessageFacts } from "./message-facts.js";
import { senderIdKeys } from "../export-reader/id-filters.js";

const NO_TEXT: TextAnalysis = { wordCount: 0, characters: 0, terms: [], bigrams: [], emojis: [] };

/**
 * Folds messages one at a time into a {@link ReportState}: one pass, any order,
 * memory bounded by the aggregates (not by the number of messages).
 *
 * @example
 * const builder = new ReportBuilder({ timeZone: "Europe/Moscow" });
 * for (const message of messages) builder.add(message);
 * const report = toReportJson(builder.state, { chat });
 */
export class ReportBuilder {
  readonly options: ResolvedReportOptions;
  readonly state: ReportState;
  /**
   * With a sender filter, the same period of the whole chat (every sender),
   * for a member card to compare against; null without a filter.
   */
  readonly group: ReportState | null;
  private readonly groupBuilder: ReportBuilder | null;
  private readonly senderFilter: string | null;
  /** Peer keys the sender filter names by id (any export's id form), or null for a name. */
  private readonly senderKeys: ReadonlySet<string> | null;

  /** @throws ReportOptionsError for an unknown zone, a malformed date or a reversed range. */
  constructor(options: ReportOptions) {
    this.options = resolveReportOptions(options);
    const { clock, replyWindowIds, termCounter } = this.options;
    this.state = new ReportState(clock.zone, {
      ...(termCounter === undefined ? {} : { words: WordsPart.withOptions(termCounter) }),
      replies: new RepliesPart(replyWindowIds),
      replyChains: new ReplyChainsPart(replyWindowIds),
    });
    this.senderFilter = this.options.sender?.toLowerCase() ?? null;
    const keys = this.senderFilter === null ? null : senderIdKeys(this.senderFilter);
    this.senderKeys = keys === null ? null : new Set(keys);
    this.groupBuilder =
      this.senderFilter === null ? null : new ReportBuilder({ ...options, sender: null });
    this.group = this.groupBuilder?.state ?? null;
  }

  /**
   * Folds one message in, unless the date or sender filter excludes it; with
   * a sender filter, the others' messages still pair with the sender's in
   * the replies part ("who answers them") and may answer their questions,
   * and every message goes into {@link group}. A message before the period
   * (`fromDate`) goes into the days part only: it holds the previous period
   * and people's first messages.
   */
  add(message: Message): void {
    this.groupBuilder?.add(message);
    const local = this.options.clock.localTime(message.dateUnix);
    const { fromDay, toDay } = this.options;
    if (toDay !== null && local.dayIndex > toDay) return;
    const senderKey = message.sender === null ? null : peerKey(message.sender);
    const matches = this.senderFilter === null || this.matchesSender(message, senderKey);
    if (fromDay !== null && local.dayIndex < fromDay) {
      // Before the period: the previous period and first messages, for the days part alone.
      if (matches) this.state.days.add({ message, senderKey, local, text: NO_TEXT });
      else this.state.days.markStart(message);
      return;
    }
    const regular = isRegularMessage(message);
    if (!matches) {
      this.state.days.markStart(message);
      if (regular) {
        const context = { message, senderKey, local, text: NO_TEXT };
        this.state.replies.addContext(context);
        this.state.questions.addContext(context);
      }
      return;
    }
    const text = regular && message.text !== "" ? analyzeText(message.text) : NO_TEXT;
    const facts: MessageFacts = { message, senderKey, local, text };
    const state = this.state;
    state.totals.add(facts);
    state.days.add(facts);
    if (message.kind === "service") state.membership.add(facts);
    if (!regular) return;
    state.senders.add(facts);
    state.activity.add(facts);
    state.emoji.add(facts);
    state.words.add(facts);
    state.replies.add(facts);
    state.channel.add(facts);
    state.channelPosts.add(facts);
    state.content.add(facts);
    state.conversations.add(facts);
    state.questions.add(facts);
    state.replyChains.add(facts);
    state.people.add(facts);
    state.reactions.add(facts);
  }

  /** Folds a batch in (the export reader yields batches). */
  addBatch(messages: readonly Message[]): void {
    for (const message of messages) this.add(message);
  }

  private matchesSender(message: Message, senderKey: string | null): boolean {
    if (senderKey !== null && this.senderKeys?.has(senderKey) === true) return true;
    const name = message.sender?.name;
    return name !== undefined && name !== null && name.toLowerCase() === this.senderFilter;
  }
}

/**
 * Folds a whole message stream into a report state.
 *
 * @param messages any async iterable of messages (export reader, MTProto adapter)
 * @param options zone, filters
 * @param signal aborts between messages
 */
export async function buildReportState(
  messages: AsyncIterable<Message>,
  options: ReportOptions,
  signal?: AbortSignal,
): Promise<ReportState> {
  const builder = new ReportBuilder(options);
  for await (const message of messages) {
    signal?.throwIfAborted();
    builder.add(message);
  }
  return builder.state;
}
