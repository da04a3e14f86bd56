import { crc32 } from "node:zlib";

/**
 * A minimal PNG: signature, IHDR with the given size, IEND — all the fake Bot
 * API reads — padded with zeros to `sizeBytes` when that is larger.
 */
export function makePng(widthPx: number, heightPx: number, sizeBytes = 0): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthPx, 0);
  header.writeUInt32BE(heightPx, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return sizeBytes > bytes.length
    ? Buffer.concat([bytes, Buffer.alloc(sizeBytes - bytes.length)])
    : bytes;
}
