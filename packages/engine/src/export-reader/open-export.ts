import { open, stat, type FileHandle } from "node:fs/promises";
import type { Stats } from "node:fs";
import nodePath from "node:path";
import type { PositionalReader } from "./byte-source.js";
import { CONTAINER_MAGIC_BYTES, sniffContainer } from "./container-magic.js";
import { exportErrors, type ExportFormatError } from "./errors.js";
import { GunzipReader } from "./gunzip-reader.js";

/** An export file opened for reading. */
export interface OpenedExport {
  /** The file actually read (result.json inside a folder that was passed). */
  path: string;
  /** Its bytes; decompressed for a gzipped file. */
  handle: PositionalReader;
  /** Bytes to read, for progress: of the decompressed data for gzip (modulo 4 GiB, as gzip records it). */
  size: number;
}

/**
 * Opens the export at `inputPath`: a result.json, possibly gzipped, or the
 * folder that holds it. HTML exports, zip archives, missing files and folders
 * without result.json fail here with an {@link ExportFormatError}; the content
 * itself is checked by the reader.
 */
export async function openExport(inputPath: string): Promise<OpenedExport> {
  const path = await resolveExportFile(inputPath);
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw accessError(error, path);
  }
  let size: number;
  let container;
  try {
    size = (await handle.stat()).size;
    container = sniffContainer(await readAt(handle, 0, CONTAINER_MAGIC_BYTES));
    if (container === "gzip")
      size = size < 18 ? 0 : (await readAt(handle, size - 4, 4)).readUInt32LE(0);
  } catch (error) {
    await handle.close();
    throw accessError(error, path);
  }
  if (container === null) return { path, handle, size };
  await handle.close();
  if (container === "zip") throw exportErrors.zip(path);
  return { path, handle: new GunzipReader(path), size };
}

/** Up to `length` bytes at `offset` (fewer at the end of the file). */
async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

async function resolveExportFile(inputPath: string): Promise<string> {
  const info = await statOrNull(inputPath);
  if (info === null) throw exportErrors.notFound(inputPath);
  if (info.isDirectory()) {
    const result = await siblingResult(nodePath.join(inputPath, "result.json"));
    if (result !== null) return result;
    if ((await statOrNull(nodePath.join(inputPath, "messages.html")))?.isFile() === true)
      throw exportErrors.html(inputPath);
    throw exportErrors.folderWithoutResult(inputPath);
  }
  if (!/\.html?$/i.test(inputPath)) return inputPath;
  // "HTML and JSON" exports (≥ 4.9.6) put result.json next to messages.html.
  const result = await siblingResult(nodePath.join(nodePath.dirname(inputPath), "result.json"));
  if (result === null) throw exportErrors.html(inputPath);
  return result;
}

async function siblingResult(path: string): Promise<string | null> {
  return (await statOrNull(path))?.isFile() === true ? path : null;
}

/** `stat`, with null for a path that does not exist. */
async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return null;
    throw accessError(error, path);
  }
}

function accessError(error: unknown, path: string): ExportFormatError {
  const code = errorCode(error);
  if (code === "ENOENT" || code === "ENOTDIR") return exportErrors.notFound(path);
  return exportErrors.unreadable(
    path,
    code ?? (error instanceof Error ? error.message : "unknown error"),
  );
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
