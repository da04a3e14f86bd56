/**
 * Entry of a range thread: folds the ranges the main thread hands it, one at
 * a time, and posts each fold back. Started by {@link foldRangesInThreads}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { RangeReadError } from "../export-reader/read-message-range.js";
import { foldMessageRange } from "./range-fold.js";
import type { RangeReply, RangeTask, RangeWorkerData } from "./range-protocol.js";

const port = parentPort;
if (port === null)
  throw new Error("range-worker.js runs as a worker thread; start it with new Worker().");
const data = workerData as RangeWorkerData;

/** Bytes are reported in steps, not per read, to keep messages few. */
const BYTES_STEP = 8 << 20;

function post(reply: RangeReply): void {
  port!.postMessage(reply);
}

async function fold(index: number): Promise<void> {
  const range = data.ranges[index];
  if (range === undefined)
    throw new Error(`No range ${index}: the plan has ${data.ranges.length}.`);
  let unreported = 0;
  try {
    const result = await foldMessageRange(data.chat, range, data.options, undefined, (bytes) => {
      unreported += bytes;
      if (unreported < BYTES_STEP) return;
      post({ kind: "bytes", bytes: unreported });
      unreported = 0;
    });
    if (unreported > 0) post({ kind: "bytes", bytes: unreported });
    post({
      kind: "folded",
      index,
      fold: {
        state: result.state.toTransferJSON(),
        group: result.group?.toTransferJSON() ?? null,
        stats: result.stats,
        idPages: result.idPages,
      },
    });
  } catch (error) {
    if (!(error instanceof RangeReadError)) throw error;
    post({ kind: "unreadable", index, reason: error.message });
  }
}

// Tasks run one after another: the main thread sends the next one ahead, so this thread never waits for it.
let queue = Promise.resolve();
port.on("message", (task: RangeTask) => {
  queue = queue.then(() => (task.kind === "stop" ? port.close() : fold(task.index)));
});
post({ kind: "ready" });
