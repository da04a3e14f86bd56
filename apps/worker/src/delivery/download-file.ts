import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import type { Api } from "grammy";
import { apiSignal } from "@tgstats/platform";

/** A downloaded file in a private temp folder; `dispose()` deletes it. */
export interface DownloadedFile {
  path: string;
  dispose(): Promise<void>;
}

/** Downloads a file a user sent the bot (a result.json): getFile, then the file URL. */
export type FileDownloader = (fileId: string, signal: AbortSignal) => Promise<DownloadedFile>;

/**
 * A downloader through the Bot API. Files stay on disk only while the job
 * reads them: exports hold message text, which tgstats never keeps.
 *
 * @param apiRoot the Bot API server (`https://api.telegram.org` by default)
 */
export function createFileDownloader(
  api: Api,
  token: string,
  apiRoot = "https://api.telegram.org",
): FileDownloader {
  return async (fileId, signal) => {
    const file = await api.getFile(fileId, apiSignal(signal));
    if (file.file_path === undefined)
      throw new Error("Telegram returned no download path for the file; send it again.");
    const dir = await mkdtemp(path.join(os.tmpdir(), "tgstats-upload-"));
    const target = path.join(dir, "result.json");
    const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
    try {
      const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, { signal });
      if (!response.ok || response.body === null)
        throw new Error(`Downloading the file failed with HTTP ${response.status}; send it again.`);
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        createWriteStream(target),
        { signal },
      );
      return { path: target, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  };
}
