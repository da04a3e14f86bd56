import { ReportBuilder } from "../engine/report-builder.js";
import type { ReportOptions } from "../engine/report-options.js";
import type { ReportState, ReportStateJson } from "../engine/report-state.js";
import type { MessageRange, RangeChat } from "../export-reader/message-ranges.js";
import { MessageRangeReader } from "../export-reader/read-message-range.js";
import type { ExportChatStats } from "../export-reader/types.js";

/** One range folded on its own: its report state, reader stats and the ids it held. */
export interface RangeFold {
  state: ReportState;
  /** The range unfiltered, with a sender filter (see {@link ReportBuilder.group}); else null. */
  group: ReportState | null;
  stats: ExportChatStats;
  /** Pages of the range's {@link IdSet}, to find ids that occur in two ranges. */
  idPages: Map<number, Uint32Array>;
}

/** A {@link RangeFold} as it crosses threads (structured clone). */
export interface RangeFoldMessage {
  state: ReportStateJson;
  group: ReportStateJson | null;
  stats: ExportChatStats;
  idPages: Map<number, Uint32Array>;
}

/**
 * Reads one range of a chat's messages and folds it into a fresh report state.
 *
 * @throws RangeReadError when the range does not read as whole messages
 */
export async function foldMessageRange(
  chat: RangeChat,
  range: MessageRange,
  options: ReportOptions,
  signal?: AbortSignal,
  onBytes?: (bytes: number) => void,
): Promise<RangeFold> {
  const builder = new ReportBuilder(options);
  const reader = new MessageRangeReader(chat, range, builder.options.clock);
  for await (const batch of reader.batches({ signal, onBytes })) builder.addBatch(batch);
  return {
    state: builder.state,
    group: builder.group,
    stats: reader.stats,
    idPages: reader.seenIds.toPages(),
  };
}
