import { open, stat, type FileHandle } from "node:fs/promises";
import type { Stats } from "node:fs";
import nodePath from "node:path";
import { exportErrors, type ExportFormatError } from "./errors.js";

/** An export file opened for reading. */
export interface OpenedExport {
  /** The file actually read (result.json inside a folder that was passed). */
  path: string;
  handle: FileHandle;
  size: number;
}

/**
 * Opens the export at `inputPath`: a result.json, or the folder that holds it.
 * HTML exports, missing files and folders without result.json fail here with
 * an {@link ExportFormatError}; the content itself is checked by the reader.
 */
export async function openExport(inputPath: string): Promise<OpenedExport> {
  const path = await resolveExportFile(inputPath);
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw accessError(error, path);
  }
  try {
    const { size } = await handle.stat();
    return { path, handle, size };
  } catch (error) {
    await handle.close();
    throw accessError(error, path);
  }
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
