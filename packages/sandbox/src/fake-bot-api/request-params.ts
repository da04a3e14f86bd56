import type { IncomingMessage } from "node:http";
import { BAD_REQUEST, badRequest, entityTooLarge } from "./bot-api-error.js";

/** Telegram's limit for a multipart upload to the cloud Bot API. */
export const MAX_REQUEST_BYTES = 50 * 1024 * 1024;

/**
 * The parameters of one Bot API call, merged from the query string and the
 * body (JSON, urlencoded or multipart), as Telegram accepts all of them.
 * JSON bodies keep their types; the other forms carry strings, and fields
 * holding objects (`media`, `reply_markup`…) are JSON text.
 */
export class RequestParams {
  constructor(private readonly values: ReadonlyMap<string, unknown>) {}

  /** Whether the parameter was given (a JSON `null` counts as absent). */
  has(name: string): boolean {
    const value = this.values.get(name);
    return value !== undefined && value !== null;
  }

  /** A text parameter; numbers are turned into text, as Telegram does. */
  string(name: string): string | null {
    const value = this.values.get(name);
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return null;
  }

  /** An integer parameter, or null when absent; anything else that is not an integer answers 400. */
  integer(name: string): number | null {
    const value = this.values.get(name);
    if (value === undefined || value === null || value === "") return null;
    const number = typeof value === "number" ? value : Number(value);
    if (!Number.isSafeInteger(number)) throw badRequest(BAD_REQUEST.badInteger(name));
    return number;
  }

  /** A boolean flag (`true`, `"true"`, `1`, `"1"`). */
  boolean(name: string): boolean {
    const value = this.values.get(name);
    return value === true || value === "true" || value === 1 || value === "1";
  }

  /** An object or array parameter: a JSON value, or JSON text in a form field. */
  json(name: string): unknown {
    const value = this.values.get(name);
    if (typeof value !== "string") return value ?? null;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(BAD_REQUEST.badJson(name));
    }
  }

  /** An uploaded part under `name` (the field itself, or the target of `attach://name`). */
  file(name: string): File | null {
    const value = this.values.get(name);
    return value instanceof File ? value : null;
  }
}

/**
 * Reads the parameters of a request: query string plus body.
 *
 * @param request the incoming HTTP request (its body is consumed)
 * @param url the parsed request URL
 */
export async function readParams(request: IncomingMessage, url: URL): Promise<RequestParams> {
  const values = new Map<string, unknown>(url.searchParams);
  const body = await readBody(request);
  if (body.length === 0) return new RequestParams(values);
  const contentType = request.headers["content-type"] ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON encoded request");
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      for (const [key, value] of Object.entries(parsed)) values.set(key, value);
  } else if (mediaType === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) values.set(key, value);
  } else if (mediaType === "multipart/form-data") {
    for (const [key, value] of await parseMultipart(body, contentType)) values.set(key, value);
  }
  return new RequestParams(values);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > MAX_REQUEST_BYTES) throw entityTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw entityTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a multipart body with the platform's own parser (undici's `Request#formData`). */
async function parseMultipart(body: Buffer, contentType: string): Promise<FormData> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary === undefined) throw badRequest("can't parse multipart/form-data: no boundary");
  const request = new Request("http://fake-bot-api.local/", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body: canonicalPartHeaders(body, boundary),
  });
  try {
    // Deprecated in undici's typings for servers (they suggest @fastify/busboy); the
    // platform's parser is the one installed, and uploads here are small and trusted.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    return await request.formData();
  } catch {
    throw badRequest("can't parse multipart/form-data request");
  }
}

/**
 * Rewrites the header lines of each part into the spelling undici accepts.
 * Why by hand: grammY writes `content-disposition:form-data;name="x";filename=y.png`
 * (no spaces, unquoted file name), which Telegram accepts but Node 20's undici
 * refuses ("Failed to parse body as FormData"). Only the header blocks that
 * follow a boundary line are touched; part contents pass through unchanged,
 * and the actual parsing stays undici's.
 */
export function canonicalPartHeaders(body: Buffer, boundary: string): Buffer {
  // latin1 maps every byte to one char and back, so binary parts survive the round trip.
  const text = body.toString("latin1");
  const delimiter = `--${boundary}\r\n`;
  const pieces: string[] = [];
  let copiedUpTo = 0;
  let searchFrom = 0;
  for (;;) {
    const start = text.indexOf(delimiter, searchFrom);
    if (start === -1) break;
    searchFrom = start + delimiter.length;
    // A boundary line starts the body or follows a CRLF; a header block follows it.
    if (start !== 0 && !text.startsWith("\r\n", start - 2)) continue;
    if (text.startsWith("\r\n", searchFrom)) continue;
    const headersEnd = text.indexOf("\r\n\r\n", searchFrom);
    if (headersEnd === -1) break;
    pieces.push(text.slice(copiedUpTo, searchFrom));
    pieces.push(text.slice(searchFrom, headersEnd).split("\r\n").map(canonicalHeader).join("\r\n"));
    copiedUpTo = headersEnd;
    searchFrom = headersEnd;
  }
  pieces.push(text.slice(copiedUpTo));
  return Buffer.from(pieces.join(""), "latin1");
}

/** `name:value` → `Name: value`, with Content-Disposition parameters spaced and quoted. */
function canonicalHeader(line: string): string {
  const colon = line.indexOf(":");
  if (colon === -1) return line;
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  if (name.toLowerCase() !== "content-disposition") return `${name}: ${value}`;
  const fieldName = /;\s*name=(?:"([^"]*)"|([^;]*))/i.exec(value);
  // An unquoted file name runs to the end of the line (grammY puts it last).
  const fileName = /;\s*filename=(?:"([^"]*)"|(.*))/i.exec(value);
  let disposition = `Content-Disposition: form-data; name="${quoted(fieldName?.[1] ?? fieldName?.[2] ?? "")}"`;
  if (fileName !== null) disposition += `; filename="${quoted(fileName[1] ?? fileName[2] ?? "")}"`;
  return disposition;
}

/** Escapes a double quote the way HTML forms do inside a quoted parameter. */
function quoted(value: string): string {
  return value.trim().replaceAll('"', "%22");
}
