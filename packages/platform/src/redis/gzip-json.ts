import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { z } from "zod";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * A value as gzipped JSON, the form tgstats keeps aggregates in Redis (the
 * chat cache, checkpoints, split parts): a fifth of the JSON's size.
 */
export async function packJson(value: unknown): Promise<Buffer> {
  return gzipAsync(JSON.stringify(value ?? null));
}

/** The value of gzipped JSON written by {@link packJson}, unchecked: parse it with a schema. */
export async function unpackJson(packed: Buffer): Promise<unknown> {
  return JSON.parse((await gunzipAsync(packed)).toString("utf8")) as unknown;
}

/** The value of gzipped JSON checked against `schema`, or null when it does not match. */
export async function unpackJsonAs<Schema extends z.ZodType>(
  packed: Buffer,
  schema: Schema,
): Promise<z.infer<Schema> | null> {
  const parsed = schema.safeParse(await unpackJson(packed));
  return parsed.success ? parsed.data : null;
}
