/**
 * The schema of a stored report state, apart from the state itself: zod adds
 * ~15 MB to a thread, and the range threads fold states but never read one back.
 */
import { z } from "zod";
import { PART_NAMES, REPORT_STATE_VERSION, type ReportStateJson } from "./report-state.js";

const reportStateShapeSchema = z.object({
  version: z.literal(REPORT_STATE_VERSION),
  timeZone: z.string(),
  ...Object.fromEntries(PART_NAMES.map((name) => [name, z.object({}).loose()])),
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
