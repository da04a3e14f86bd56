import { z } from "zod";

/**
 * The contract between the bot (producer) and the worker (consumer) of a stats
 * job. Both sides parse with these schemas, so a job written by another
 * version fails loudly instead of being half understood.
 */
export const STATS_JOB_SCHEMA_VERSION = 1;

/** Telegram's message ids are positive 32-bit integers. */
const MAX_MESSAGE_ID = 2 ** 31 - 1;

/**
 * A message id (0 as a lower bound: "from the start"). Anything else in job
 * data cannot come from tgstats and would fail every request.
 */
export const messageIdSchema = z.number().int().min(0).max(MAX_MESSAGE_ID);

/** A GetHistory offset: the page starts below it, so it is at most one above the highest id. */
export const historyOffsetSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_MESSAGE_ID + 1);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Which chat to report on. */
export const statsTargetSchema = z.discriminatedUnion("kind", [
  /** A chat the bot is in, by its Bot API id (`-100…` for supergroups and channels). */
  z.object({ kind: z.literal("bot-chat"), chatId: z.number().int() }),
  /**
   * A public chat by @username (without the @). `chatId`: the Bot API id the
   * name had when the request was authorised; a name that has since moved to
   * another chat is refused rather than reported.
   */
  z.object({
    kind: z.literal("username"),
    username: z.string().regex(/^[A-Za-z0-9_]{4,32}$/),
    chatId: z.number().int().optional(),
  }),
  /** The account's own overview: its chats ranked by message count. */
  z.object({ kind: z.literal("account-overview") }),
  /** A Telegram Desktop export (result.json) a user sent the bot as a document. */
  z.object({
    kind: z.literal("export-file"),
    fileId: z.string().min(1),
    fileName: z.string(),
    fileSizeBytes: z.number().int().nonnegative(),
  }),
]);

/** Where and in which language to answer. */
export const statsReplySchema = z.object({
  chatId: z.number().int(),
  /** The "Queued…" message the worker edits with progress; null to send a new one. */
  statusMessageId: z.number().int().nullable(),
  language: z.enum(["en", "ru"]),
  /**
   * Whether to send the interactive page (report.html) after the charts: the
   * chat's `/settings html` choice. A default rather than a new schema
   * version: a job queued before it existed reads as the page on.
   */
  htmlPage: z.boolean().default(true),
});

/** What to compute. */
export const statsOptionsSchema = z.object({
  timeZone: z.string().min(1),
  fromDate: isoDate.nullable(),
  toDate: isoDate.nullable(),
  /** Sender key (`user123`) or display name, or null for everyone. */
  sender: z.string().nullable(),
});

/**
 * Where a paused or interrupted job resumes: the walk it was in, the page
 * position and the partial aggregates so far (never message text), as the
 * job data stores it. The worker checks the aggregates by phase when it
 * restores them (its `chatCheckpointSchema`).
 */
export const statsCheckpointSchema = z.object({
  /**
   * `sync`: new messages into the cache; `split`: the same read, split into
   * id ranges other accounts fetch; `edges`: partial months of a date range;
   * `direct`: an uncached walk.
   */
  phase: z.enum(["sync", "split", "edges", "direct"]),
  /** Which walk of the phase (edges has up to two). */
  walkIndex: z.number().int().nonnegative(),
  /** The next page starts below this message id (GetHistory `offsetId`; 0 = newest). */
  offsetId: z.number().int(),
  fetchedMessages: z.number().int().nonnegative(),
  totalMessages: z.number().int().nonnegative(),
  historyRequests: z.number().int().nonnegative(),
  /** Partial aggregates of the phase: a reference to where they are stored, or inline. Checked, with the rest, when restored: a checkpoint that does not fit starts its walk over. */
  partial: z.unknown(),
  /**
   * True when the walk is of the basic group a supergroup was upgraded from
   * (read after the supergroup itself, whose months are then cached).
   */
  migratedFrom: z.boolean().optional(),
});

/**
 * What a finished job returns: ids and counts only, what a dashboard shows.
 * Results are copied into the queue's event stream, so no title or name goes in.
 */
export const statsJobResultSchema = z.object({
  schemaVersion: z.literal(STATS_JOB_SCHEMA_VERSION),
  /** The chat by its bare Telegram id (as in exports, not the Bot API's −100… id). */
  chat: z.object({ id: z.number().int() }),
  /** The Telegram account (user id) whose worker ran the job. */
  accountId: z.number().int(),
  messages: z.number().int().nonnegative(),
  fetchedMessages: z.number().int().nonnegative(),
  historyRequests: z.number().int().nonnegative(),
  fromCache: z.boolean(),
  deliveredMessageIds: z.array(z.number().int()),
});

/** Job data of a stats request. */
export const statsJobDataSchema = z.object({
  schemaVersion: z.literal(STATS_JOB_SCHEMA_VERSION),
  requester: z.object({ userId: z.number().int(), languageCode: z.string().nullable() }),
  target: statsTargetSchema,
  reply: statsReplySchema,
  options: statsOptionsSchema,
  checkpoint: statsCheckpointSchema.nullable().default(null),
  /**
   * The chat's forget generation when the job first resolved it (see
   * ChatFence); a /forget since then stops the job. Null before that.
   */
  fenceGeneration: z.number().int().nonnegative().nullable().default(null),
  /**
   * Set as soon as the report is delivered: an attempt that finds it (the one
   * before lost its lock to a Redis outage after delivering) returns it
   * instead of delivering again.
   */
  delivered: statsJobResultSchema.nullable().default(null),
});

/** Which chat a stats job reports on. */
export type StatsTarget = z.infer<typeof statsTargetSchema>;
/** A stats job's data, as parsed. */
export type StatsJobData = z.infer<typeof statsJobDataSchema>;
/** A stats job's data as the bot adds it (defaults left out). */
export type StatsJobInput = z.input<typeof statsJobDataSchema>;
/** A stats job's checkpoint as the job data stores it (its aggregates unchecked). */
export type StatsCheckpoint = z.infer<typeof statsCheckpointSchema>;
/** What a finished stats job returns. */
export type StatsJobResult = z.infer<typeof statsJobResultSchema>;

/** A job's data failed its schema; the message names the first wrong field. */
export class InvalidJobDataError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    const first = issues[0];
    super(
      `Invalid job data${first === undefined ? "" : ` at ${first.path.join(".") || "(root)"}: ${first.message}`}. ` +
        "Producer and worker must run the same tgstats version.",
    );
    this.name = "InvalidJobDataError";
  }
}

/** Parses job data, throwing {@link InvalidJobDataError} on a mismatch. */
export function parseStatsJobData(data: unknown): StatsJobData {
  const parsed = statsJobDataSchema.safeParse(data);
  if (!parsed.success) throw new InvalidJobDataError(parsed.error.issues);
  return parsed.data;
}
