/**
 * What Telegram checks of an uploaded photo before accepting it: a readable
 * image and its size. Why by hand: only two header fields are needed (PNG IHDR,
 * JPEG SOF), not a decoder, and the CLI has no image library of its own.
 */

/** Format and size of an image, read from its header. */
export interface ImageHeader {
  format: "png" | "jpeg";
  widthPx: number;
  heightPx: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads the format and size of a PNG or JPEG; null for anything else or a
 * header too broken to read.
 *
 * @example readImageHeader(png) // { format: "png", widthPx: 1600, heightPx: 900 }
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return readPng(buffer);
  if (buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return readJpeg(buffer);
  return null;
}

function readPng(buffer: Buffer): ImageHeader | null {
  // The first chunk must be IHDR: length (4), type (4), width (4), height (4).
  if (buffer.length < 24 || buffer.toString("latin1", 12, 16) !== "IHDR") return null;
  return { format: "png", widthPx: buffer.readUInt32BE(16), heightPx: buffer.readUInt32BE(20) };
}

function readJpeg(buffer: Buffer): ImageHeader | null {
  let offset = 2;
  while (offset + 9 <= buffer.length) {
    if (buffer[offset] !== 0xff) return null;
    const marker = buffer[offset + 1] ?? 0;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = buffer.readUInt16BE(offset + 2);
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return {
        format: "jpeg",
        heightPx: buffer.readUInt16BE(offset + 5),
        widthPx: buffer.readUInt16BE(offset + 7),
      };
    offset += 2 + length;
  }
  return null;
}
