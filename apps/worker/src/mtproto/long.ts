import { helpers, type Api } from "telegram";

/** GramJS's 64-bit integer type (a `big-integer` BigInteger), as TL objects carry it. */
export type Long = Api.PeerChannel["channelId"];

/**
 * A TL `long` from a native value.
 *
 * @example toLong(1234567890n).toString() // "1234567890"
 */
export function toLong(value: bigint | number | string): Long {
  return helpers.returnBigInt(value);
}

/** A TL `long` as a native bigint (access hashes, document ids). */
export function longToBigint(value: Long): bigint {
  return BigInt(value.toString());
}

/** A TL `long` that holds a peer id as a number: Telegram keeps peer ids below 2^53. */
export function longToNumber(value: Long): number {
  return value.toJSNumber();
}
