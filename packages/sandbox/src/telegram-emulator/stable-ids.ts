import { createHash } from "node:crypto";

/**
 * A stable positive 63-bit number for a text: access hashes and file ids the
 * emulator makes up must be the same in every answer and every run.
 *
 * @example stableLong("user42") === stableLong("user42") // true
 */
export function stableLong(text: string): bigint {
  const digest = createHash("sha256").update(text).digest();
  return digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
}

/** Largest signed 64-bit value: custom emoji ids in exports are decimal TL longs. */
const MAX_LONG = 0x7fff_ffff_ffff_ffffn;

/**
 * A custom emoji document id as a TL long. Exports since 4.1.2 write a file
 * path (or `""`) instead of the id; such values get a stable made-up id, so an
 * emulated chat reads back a decimal string where its export had a path.
 */
export function documentIdOf(value: string): bigint {
  if (/^\d{1,19}$/.test(value)) {
    const id = BigInt(value);
    if (id <= MAX_LONG) return id;
  }
  return stableLong(`document:${value}`);
}
