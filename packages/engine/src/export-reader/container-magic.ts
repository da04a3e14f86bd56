/**
 * Compressed containers an export may come in, told by their first bytes (a
 * file's name says nothing reliable: `result.json` may be gzipped, and a
 * browser or messenger may rename a download).
 */

/** What wraps the export's JSON: gzip, a zip archive, or nothing. */
export type ExportContainer = "gzip" | "zip" | null;

/** Bytes needed by {@link sniffContainer}. */
export const CONTAINER_MAGIC_BYTES = 4;

/**
 * The container of a file from its first bytes: gzip starts with 1f 8b (RFC
 * 1952), a zip archive with "PK" and 03 04 (a local file), 05 06 (an empty
 * archive) or 07 08 (a spanned one).
 */
export function sniffContainer(head: Uint8Array): ExportContainer {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x50 && head[1] === 0x4b) {
    const kind = `${head[2]},${head[3]}`;
    if (kind === "3,4" || kind === "5,6" || kind === "7,8") return "zip";
  }
  return null;
}
