import { gunzipSync } from "node:zlib";
import type { Redis } from "ioredis";

/**
 * Every key of a Redis database with everything it holds as text: strings,
 * hash fields and values, list, set and sorted-set members, stream entries.
 * Gzipped values (a cache month, a checkpoint) are unpacked first, so a
 * search of the text finds what they hold.
 */
export async function dumpRedisText(redis: Redis): Promise<Map<string, string>> {
  const dump = new Map<string, string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scanBuffer(cursor, "COUNT", 500);
    cursor = next.toString();
    for (const keyBuffer of keys) {
      const key = keyBuffer.toString("utf8");
      dump.set(key, (await valueParts(redis, keyBuffer)).map(asText).join("\n"));
    }
  } while (cursor !== "0");
  return dump;
}

/** The keys whose name or content contains `needle` (case-insensitive). */
export function keysContaining(dump: ReadonlyMap<string, string>, needle: string): string[] {
  const wanted = needle.toLowerCase();
  return [...dump]
    .filter(([key, text]) => `${key}\n${text}`.toLowerCase().includes(wanted))
    .map(([key]) => key);
}

async function valueParts(redis: Redis, key: Buffer): Promise<(Buffer | string)[]> {
  const type = await redis.type(key);
  switch (type) {
    case "string":
      return [(await redis.getBuffer(key)) ?? Buffer.alloc(0)];
    case "hash":
      return Object.entries(await redis.hgetallBuffer(key)).flat();
    case "list":
      return redis.lrangeBuffer(key, 0, -1);
    case "set":
      return redis.smembersBuffer(key);
    case "zset":
      return redis.zrangeBuffer(key, "0", "-1");
    case "stream": {
      const entries = (await redis.xrangeBuffer(key, "-", "+")) as [Buffer, Buffer[]][];
      return entries.flatMap(([id, fields]) => [id, ...fields]);
    }
    default:
      return [Buffer.from(`(${type})`)];
  }
}

function asText(value: Buffer | string): string {
  const buffer = typeof value === "string" ? Buffer.from(value) : value;
  if (buffer.length > 2 && buffer[0] === 0x1f && buffer[1] === 0x8b)
    return asText(gunzipSync(buffer));
  return buffer.toString("utf8");
}
