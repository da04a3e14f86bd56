import { ExportFormatError, UnknownChatError, reportFromExport } from "@tgstats/engine";
import type { StatsJobData, StatsJobResult } from "@tgstats/platform";
import type { FileDownloader } from "../../delivery/index.js";
import type { Refusal, JobAttempt } from "../job-attempt.js";
import type { StatsReply } from "../stats-reply.js";

/** An export-file job's target. */
type ExportFileTarget = Extract<StatsJobData["target"], { kind: "export-file" }>;

/**
 * Reports on a Telegram Desktop export (result.json) a user sent the bot:
 * downloaded, read, delivered; the server's copy is removed in any case.
 */
export async function reportExportFile(
  target: ExportFileTarget,
  deps: { accountId: number; downloadFile: FileDownloader },
  attempt: JobAttempt<StatsJobData>,
  reply: StatsReply,
): Promise<StatsJobResult> {
  const { data, log, signal } = attempt;
  log.info({ step: "export-file", bytes: target.fileSizeBytes }, "reading a sent export");
  const file = await deps.downloadFile(target.fileId, signal);
  let report;
  try {
    report = await reportFromExport(file.path, {
      report: { ...data.options },
      language: data.reply.language,
      signal,
      // A worker shares its cores with its other jobs and scales by processes, not threads.
      threads: 1,
    });
  } finally {
    await file.dispose();
  }
  const ids = await reply.deliver(report);
  return reply.delivered({
    accountId: deps.accountId,
    chatId: report.chat.id ?? 0,
    messages: report.totals.messages,
    fetchedMessages: 0,
    historyRequests: 0,
    fromCache: false,
    deliveredMessageIds: ids,
  });
}

/**
 * An export the reader refuses, told by the file's own name (the operator's
 * log keeps the server's path); null for any other error.
 */
export function exportFileRefusal(target: ExportFileTarget, error: unknown): Refusal | null {
  if (!(error instanceof ExportFormatError || error instanceof UnknownChatError)) return null;
  const name = target.fileName === "" ? "result.json" : target.fileName;
  const text = error instanceof ExportFormatError ? error.describe(name) : error.message;
  // Not the message: it may list the export's chat names, and the reason goes into the event stream.
  return { text, reason: `${error.name}: the requester was told why` };
}
