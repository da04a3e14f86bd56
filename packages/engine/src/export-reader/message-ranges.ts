import { open, type FileHandle } from "node:fs/promises";
import type { ChatInfo } from "../model/message.js";
import {
  COMMA,
  LBRACE,
  RBRACE,
  detectArrayLayout,
  isWhitespace,
  type ArrayLayout,
} from "./json-bytes.js";
import type { ExportChat } from "./types.js";
import { CONTAINER_MAGIC_BYTES, sniffContainer } from "./container-magic.js";

/** Bytes `[start, end)` of a `messages` array: whole messages and the commas between them. */
export interface MessageRange {
  start: number;
  end: number;
}

/** What a thread needs to read ranges of one chat's messages on its own. */
export interface RangeChat {
  /** The result.json to read. */
  path: string;
  info: ChatInfo;
  /** The chat's `id` as written (see {@link MessagesLocation.rawChatId}). */
  rawChatId: number;
  /** The array's line layout: where tdesktop ends each message. */
  elementEnd: string;
}

/** A chat's messages cut into ranges that can be read apart, in file order. */
export interface RangePlan {
  chat: RangeChat;
  ranges: MessageRange[];
  /** Bytes of all ranges together (for progress). */
  totalBytes: number;
}

/** How far past a cut point to look for the next message boundary before giving up on the cut. */
const BOUNDARY_WINDOW_BYTES = 4 << 20;
/** How much of the file's end is read to find the array's closing bracket. */
const TAIL_BYTES = 4096;
/** How much of a message's start is read to tell whether it may lack a date. */
const HEAD_BYTES = 512;

/**
 * Cuts the messages of a single-chat export into ranges of about `rangeBytes`
 * each, at message boundaries, so that each can be read by its own thread.
 * The cuts depend on the file and `rangeBytes` only (not on how many threads
 * read them), which keeps a report the same whatever the thread count.
 *
 * Only tdesktop's layout is cut (one message per indented block, `messages`
 * the last key): there, a message ends with a line `}` at the elements'
 * indentation, which no string can contain (JSON strings hold no raw line
 * break). Anything else returns null and is read in one pass.
 *
 * @param chat the export's only chat, as {@link readExportChats} yields it
 * @param signal aborts between reads
 */
export async function planMessageRanges(
  chat: ExportChat,
  rangeBytes: number,
  signal?: AbortSignal,
): Promise<RangePlan | null> {
  if (chat.section !== "single") return null;
  const { location } = chat;
  const file = await open(location.path, "r");
  try {
    // A gzipped export has no byte offsets to cut at: it is read in one pass.
    if (sniffContainer(await readAt(file, 0, CONTAINER_MAGIC_BYTES)) !== null) return null;
    const size = (await file.stat()).size;
    const head = await readAt(file, location.arrayOffset, HEAD_BYTES);
    let first = 0;
    while (first < head.length && isWhitespace(head[first]!)) first++;
    if (head[first] !== LBRACE) return null;
    const layout = detectArrayLayout(head, first, location.arrayIndent);
    if (layout === null || layout === undefined) return null;
    const start = location.arrayOffset + first;
    const end = await arrayContentEnd(file, size, layout);
    if (end === null || end <= start) return null;
    const ranges: MessageRange[] = [];
    let rangeStart = start;
    for (let target = start + rangeBytes; target < end; target += rangeBytes) {
      signal?.throwIfAborted();
      if (target <= rangeStart) continue;
      const cut = await boundaryAfter(file, target, end, layout);
      if (cut === null) break;
      ranges.push({ start: rangeStart, end: cut.end });
      rangeStart = cut.next;
      target = Math.max(target, rangeStart - rangeBytes);
    }
    ranges.push({ start: rangeStart, end });
    const chatOf: RangeChat = {
      path: location.path,
      info: chat.info,
      rawChatId: location.rawChatId,
      elementEnd: layout.elementEnd.toString("latin1"),
    };
    return { chat: chatOf, ranges, totalBytes: end - start };
  } finally {
    await file.close();
  }
}

/**
 * The offset just past the last message's `}`, when the file ends with the
 * array's `]`, the root's `}` and whitespace only; null otherwise.
 */
async function arrayContentEnd(
  file: FileHandle,
  size: number,
  layout: ArrayLayout,
): Promise<number | null> {
  const tailStart = Math.max(0, size - TAIL_BYTES);
  const tail = await readAt(file, tailStart, size - tailStart);
  let i = tail.length - 1;
  while (i >= 0 && isWhitespace(tail[i]!)) i--;
  if (tail[i] !== RBRACE) return null;
  const arrayEnd = tail.lastIndexOf(layout.arrayEnd, i);
  if (arrayEnd < 0) return null;
  for (let j = arrayEnd + layout.arrayEnd.length; j < i; j++)
    if (!isWhitespace(tail[j]!)) return null;
  // The last message ends right before the array's closing line.
  const lastElementStart = arrayEnd - layout.elementEnd.length;
  if (lastElementStart < 0 || !tail.subarray(lastElementStart, arrayEnd).equals(layout.elementEnd))
    return null;
  return tailStart + arrayEnd;
}

/**
 * The first boundary after `target`: where the message ending there ends, and
 * where the next one starts. Skips a next message that may lack its own date
 * (`unsupported` records take the previous message's), so that no range has
 * to know what came before it.
 */
async function boundaryAfter(
  file: FileHandle,
  target: number,
  end: number,
  layout: ArrayLayout,
): Promise<{ end: number; next: number } | null> {
  const window = await readAt(file, target, Math.min(BOUNDARY_WINDOW_BYTES, end - target));
  const marker = layout.elementEnd;
  for (let at = window.indexOf(marker); at >= 0; at = window.indexOf(marker, at + 1)) {
    let next = at + marker.length;
    while (next < window.length && isWhitespace(window[next]!)) next++;
    if (window[next] !== COMMA) continue;
    next++;
    while (next < window.length && isWhitespace(window[next]!)) next++;
    if (window[next] !== LBRACE) continue;
    const head = window.subarray(next, next + HEAD_BYTES).toString("latin1");
    if (head.includes('"unsupported"') || !head.includes('"date')) continue;
    return { end: target + at + marker.length, next: target + next };
  }
  return null;
}

async function readAt(file: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(Math.max(0, length));
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, offset + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}
