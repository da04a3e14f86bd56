import { Composer, type Filter } from "grammy";
import { BOT_API_DOWNLOAD_LIMIT_BYTES } from "@tgstats/platform";
import type { BotContext } from "../context.js";
import { answer } from "../reply.js";
import { parseStatsArguments } from "../stats/parse-stats-arguments.js";
import { requestStats } from "../stats/request-stats.js";
import { answerArgumentError } from "../stats/argument-error-answer.js";

const BYTES_PER_MB = 1024 * 1024;

/** Names and types of a JSON export, plain or gzipped (the reader tells them apart by their first bytes). */
const EXPORT_NAME = /\.json(\.gz)?$/i;
const EXPORT_TYPES: ReadonlySet<string> = new Set([
  "application/json",
  "application/gzip",
  "application/x-gzip",
]);
/** A zip of an export folder: the reader cannot open it, the user can unpack it. */
const ZIP_NAME = /\.zip$/i;

/**
 * A `result.json` (Telegram Desktop export, or its `.json.gz`) sent in
 * private chat becomes a report job; the caption may hold a period, a zone
 * and a @member like `/stats`. Files the Bot API would not let the worker
 * download get a pointer to gzip and the offline CLI; a zip gets told to
 * unpack it; other files get a hint.
 */
export const exportFileFeature = new Composer<BotContext>();

exportFileFeature.chatType("private").on("message:document", handleDocument);

async function handleDocument(ctx: Filter<BotContext, "message:document">): Promise<void> {
  const document = ctx.message.document;
  const fileName = document.file_name ?? "";
  if (ZIP_NAME.test(fileName) || document.mime_type === "application/zip") {
    await answer(ctx, ctx.t("export-zip"));
    return;
  }
  if (!EXPORT_NAME.test(fileName) && !EXPORT_TYPES.has(document.mime_type ?? "")) {
    await answer(ctx, ctx.t("export-not-json"));
    return;
  }
  const sizeBytes = document.file_size ?? 0;
  if (sizeBytes > BOT_API_DOWNLOAD_LIMIT_BYTES) {
    await answer(
      ctx,
      ctx.t("export-too-big", {
        sizeMb: Math.round((sizeBytes / BYTES_PER_MB) * 10) / 10,
        limitMb: BOT_API_DOWNLOAD_LIMIT_BYTES / BYTES_PER_MB,
      }),
    );
    return;
  }
  const parsed = parseStatsArguments(ctx.message.caption ?? "", {
    now: ctx.services.clock.now(),
    timeZone: ctx.chatSettings.timeZone ?? ctx.services.config.DEFAULT_TIME_ZONE,
    place: "export",
  });
  if (!parsed.ok) return answerArgumentError(ctx, parsed.error.code, parsed.error.token);
  const { user } = parsed.value;
  const userId = user === null ? null : await ctx.services.users.lookup(user, ctx.redisSignal);
  if (user !== null && userId === null) return answerArgumentError(ctx, "unknown-user", user);
  await requestStats(ctx, {
    target: { kind: "export-file", fileId: document.file_id, fileName, fileSizeBytes: sizeBytes },
    timeZone: parsed.value.timeZone,
    fromDate: parsed.value.fromDate,
    toDate: parsed.value.toDate,
    sender: userId === null ? null : `user${userId}`,
  });
}
