import cliProgress from "cli-progress";

/** Files smaller than this finish before a bar would be worth drawing. */
const MIN_BYTES_FOR_BAR = 20 * 1024 * 1024;

/** A progress display for reading a file. */
export interface FileProgress {
  update: (bytesRead: number, totalBytes: number) => void;
  stop: () => void;
}

/**
 * A progress bar on `stream` for large files, only when it is a terminal (never
 * in pipes, CI logs or `--json` output captured by another tool).
 */
export function createProgress(stream: NodeJS.WritableStream): FileProgress {
  const isTerminal = "isTTY" in stream && stream.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(bytesRead, totalBytes) {
      if (!isTerminal || totalBytes < MIN_BYTES_FOR_BAR) return;
      if (bar === null) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: "Reading export [{bar}] {percentage}% | {value}/{total} MB | ETA {eta}s",
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.round(totalBytes / 1e6), 0);
      }
      bar.update(Math.round(bytesRead / 1e6));
    },
    stop() {
      bar?.stop();
    },
  };
}
