import type { ReportJson } from "@tgstats/engine";

/**
 * The interactive page (report.html) as the delivery sends it: built in
 * memory and uploaded from there, never written to disk.
 */
export interface ReportPage {
  /** The document's name in the chat, see {@link reportPageFileName}. */
  fileName: string;
  html: string;
}

/** Longest chat-name part of a page's file name, in characters. */
const MAX_SLUG_CHARS = 64;

/**
 * The page's file name: the chat's name and the period it covers,
 * `tgstats-<name>-<first day>_<last day>.html` (days in the report's zone).
 * The name keeps letters, digits, `-` and `_` (any script), everything else
 * becomes `-`; a name with none of them (emoji only, or no name) gives way to
 * the chat's id, `fallbackChatId` when the report has none.
 *
 * @example reportPageFileName(report, -1001650000001) // "tgstats-Team-chat-2024-03-01_2024-12-31.html"
 */
export function reportPageFileName(report: ReportJson, fallbackChatId: number): string {
  const name =
    slug(report.chat.name ?? "") || slug(String(report.chat.id ?? fallbackChatId)) || "chat";
  const first = report.totals.firstDate?.slice(0, 10);
  const last = report.totals.lastDate?.slice(0, 10);
  const period = first === undefined || last === undefined ? "" : `-${first}_${last}`;
  return `tgstats-${name}${period}.html`;
}

/**
 * Letters (with their combining marks), digits, `-` and `_`, runs of anything
 * else as one `-`, no `-` at either end. Written here rather than taken from a
 * slug library: those transliterate to ASCII (a Cyrillic name would be
 * spelled in Latin), and the rule is one expression.
 */
function slug(text: string): string {
  const cut = Array.from(
    text
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^[-\p{M}]+|-+$/gu, ""),
  )
    .slice(0, MAX_SLUG_CHARS)
    .join("");
  return cut.replace(/-+$/, "");
}
