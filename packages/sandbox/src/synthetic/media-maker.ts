/**
 * Media of synthetic messages, shaped like an export made with tdesktop's
 * default settings: photos are downloaded (relative paths), every other file
 * is skipped with the exporter's "(File not included…)" string.
 */

import { DOCUMENTS, PLACES, POLLS, SONGS, STICKER_EMOJI } from "./corpus.js";
import type {
  ContactMedia,
  DocumentMedia,
  FileRef,
  LocationMedia,
  PhotoMedia,
  PollMedia,
  VenueMedia,
} from "./message-draft.js";
import { zipfTable, type Prng } from "./prng.js";

/** tdesktop's skip string for file types left out of the export settings. */
export const FILE_NOT_INCLUDED = "(File not included. Change data exporting settings to download.)";

const PHOTO_SIZES: readonly (readonly [number, number])[] = [
  [1280, 960],
  [960, 1280],
  [1280, 720],
  [720, 1280],
  [1080, 1080],
  [1280, 1280],
  [1280, 853],
  [591, 1280],
  [1280, 591],
];
const VIDEO_SIZES: readonly (readonly [number, number])[] = [
  [1280, 720],
  [720, 1280],
  [1920, 1080],
  [1080, 1920],
  [848, 480],
  [480, 848],
];
const GIF_SIZES: readonly (readonly [number, number])[] = [
  [480, 270],
  [320, 320],
  [498, 280],
  [640, 360],
  [220, 220],
];

/** Builds media drafts from the export's PRNG. */
export class MediaMaker {
  private readonly stickerEmoji = zipfTable(STICKER_EMOJI, 1.1);
  private photoCount = 0;
  private videoCount = 0;

  constructor(private readonly prng: Prng) {}

  /**
   * A downloaded photo at tdesktop's path `photos/photo_N@DD-MM-YYYY_HH-MM-SS.jpg`.
   *
   * @param localDate the message's local `date` (`YYYY-MM-DDTHH:MM:SS`).
   */
  photo(localDate: string): PhotoMedia {
    const [width, height] = this.prng.pick(PHOTO_SIZES);
    return {
      kind: "photo",
      file: { path: this.photoPath(localDate), sizeBytes: this.around(width * height * 0.11) },
      width,
      height,
      ...(this.prng.chance(0.01) ? { spoiler: true } : {}),
    };
  }

  /** A group photo change: always 640×640. */
  groupPhoto(localDate: string): { file: FileRef; width: number; height: number } {
    return {
      file: { path: this.photoPath(localDate), sizeBytes: this.around(60_000) },
      width: 640,
      height: 640,
    };
  }

  /** A sticker: static WebP, animated TGS or video WebM. */
  sticker(): DocumentMedia {
    const { prng } = this;
    const roll = prng.next();
    const emoji = this.stickerEmoji.sample(prng);
    const base = { kind: "document", mediaType: "sticker", stickerEmoji: emoji } as const;
    const thumbnail = this.skipped(this.around(5_000));
    if (roll < 0.6) {
      return {
        ...base,
        file: this.skipped(this.around(30_000)),
        fileName: "sticker.webp",
        thumbnail,
        mimeType: "image/webp",
        width: 512,
        height: prng.chance(0.7) ? 512 : prng.int(340, 511),
      };
    }
    if (roll < 0.85) {
      return {
        ...base,
        file: this.skipped(this.around(25_000)),
        fileName: "AnimatedSticker.tgs",
        thumbnail,
        mimeType: "application/x-tgsticker",
        width: 512,
        height: 512,
      };
    }
    return {
      ...base,
      file: this.skipped(this.around(120_000)),
      fileName: "sticker.webm",
      thumbnail,
      mimeType: "video/webm",
      durationSeconds: 3,
      width: 512,
      height: 512,
    };
  }

  /** A voice message (no file name: Telegram clients do not set one). */
  voice(): DocumentMedia {
    const duration = clamp(Math.round(this.prng.logNormal(9, 0.9)), 1, 900);
    return {
      kind: "document",
      file: this.skipped(this.around(duration * 3_000)),
      mediaType: "voice_message",
      mimeType: "audio/ogg",
      durationSeconds: duration,
    };
  }

  /** A round video message. */
  videoMessage(): DocumentMedia {
    const duration = clamp(Math.round(this.prng.logNormal(14, 0.6)), 1, 60);
    const side = this.prng.chance(0.8) ? 400 : 384;
    return {
      kind: "document",
      file: this.skipped(this.around(duration * 90_000)),
      thumbnail: this.skipped(this.around(12_000)),
      mediaType: "video_message",
      mimeType: "video/mp4",
      durationSeconds: duration,
      width: side,
      height: side,
    };
  }

  /** A GIF (an MP4 without sound, as Telegram stores GIFs). */
  animation(): DocumentMedia {
    const { prng } = this;
    const [width, height] = prng.pick(GIF_SIZES);
    const fileName = prng.chance(0.8)
      ? prng.pick(["giphy.mp4", "IMG_2048.MP4", "video.mp4", "animation.gif.mp4"])
      : undefined;
    return {
      kind: "document",
      file: this.skipped(this.around(900_000)),
      ...(fileName === undefined ? {} : { fileName }),
      thumbnail: this.skipped(this.around(15_000)),
      mediaType: "animation",
      mimeType: "video/mp4",
      durationSeconds: prng.int(1, 12),
      width,
      height,
    };
  }

  /** A video file, named like a phone camera would name it. */
  video(localDate: string): DocumentMedia {
    const { prng } = this;
    const [width, height] = prng.pick(VIDEO_SIZES);
    const number = ++this.videoCount;
    const compact = localDate.replaceAll("-", "").replaceAll(":", "").replace("T", "_");
    const roll = prng.next();
    const fileName =
      roll < 0.35
        ? `IMG_${String(1000 + ((number * 37) % 9000))}.MOV`
        : roll < 0.75
          ? `VID_${compact}.mp4`
          : undefined;
    return {
      kind: "document",
      file: this.skipped(this.around(8_000_000)),
      ...(fileName === undefined ? {} : { fileName }),
      thumbnail: this.skipped(this.around(30_000)),
      mediaType: "video_file",
      mimeType: fileName?.endsWith(".MOV") ? "video/quicktime" : "video/mp4",
      durationSeconds: clamp(Math.round(prng.logNormal(25, 1.0)), 1, 3600),
      width,
      height,
    };
  }

  /** A music file with performer and title. */
  audio(): DocumentMedia {
    const { prng } = this;
    const song = prng.pick(SONGS);
    return {
      kind: "document",
      file: this.skipped(this.around(6_000_000)),
      fileName: `${song.performer} - ${song.title}.mp3`,
      ...(prng.chance(0.4) ? { thumbnail: this.skipped(this.around(40_000)) } : {}),
      mediaType: "audio_file",
      performer: song.performer,
      title: song.title,
      mimeType: "audio/mpeg",
      durationSeconds: prng.int(150, 330),
    };
  }

  /** A document; JPEGs sent as files keep their thumbnail and size. */
  file(): DocumentMedia {
    const document = this.prng.pick(DOCUMENTS);
    const isImage = document.mime === "image/jpeg";
    return {
      kind: "document",
      file: this.skipped(this.around(document.sizeBytes)),
      fileName: document.name,
      ...(isImage ? { thumbnail: this.skipped(this.around(20_000)) } : {}),
      mimeType: document.mime,
      ...(isImage ? { width: 4032, height: 3024 } : {}),
    };
  }

  /** A poll whose answers add up to the voter count. */
  poll(maxVoters: number): PollMedia {
    const { prng } = this;
    const template = prng.pick(POLLS);
    const totalVoters = prng.int(1, Math.max(1, maxVoters));
    const shares = template.answers.map(() => prng.next() + 0.1);
    const shareSum = shares.reduce((sum, share) => sum + share, 0);
    const voters = shares.map((share) => Math.floor((totalVoters * share) / shareSum));
    voters[0]! += totalVoters - voters.reduce((sum, count) => sum + count, 0);
    const chosen = prng.chance(0.5) ? prng.int(0, template.answers.length - 1) : -1;
    return {
      kind: "poll",
      question: template.question,
      closed: prng.chance(0.3),
      totalVoters,
      answers: template.answers.map((text, index) => ({
        text,
        voters: voters[index]!,
        chosen: index === chosen,
      })),
    };
  }

  /** A venue, a pin, or a live location. */
  location(): LocationMedia | VenueMedia {
    const { prng } = this;
    const place = prng.pick(PLACES);
    const latitude = place.latitude + (prng.next() - 0.5) / 100;
    const longitude = place.longitude + (prng.next() - 0.5) / 100;
    const roll = prng.next();
    if (roll < 0.5) {
      return { kind: "venue", placeName: place.name, address: place.address, latitude, longitude };
    }
    return roll < 0.85
      ? { kind: "location", latitude, longitude }
      : { kind: "location", latitude, longitude, livePeriodSeconds: prng.pick([900, 3600, 28800]) };
  }

  /** A shared contact card with a formatted phone number. */
  contact(firstName: string, lastName: string): ContactMedia {
    const { prng } = this;
    const digits = () => String(prng.int(0, 99)).padStart(2, "0");
    return {
      kind: "contact",
      firstName,
      lastName,
      phoneNumber: `+7 9${digits()} ${prng.int(100, 999)} ${digits()} ${digits()}`,
    };
  }

  private photoPath(localDate: string): string {
    // tdesktop's PreparePhotoFileName: photo_<n>@dd-MM-yyyy_HH-mm-ss.jpg
    const [date = "", time = ""] = localDate.split("T");
    const [year, month, day] = date.split("-");
    return `photos/photo_${++this.photoCount}@${day}-${month}-${year}_${time.replaceAll(":", "-")}.jpg`;
  }

  private skipped(sizeBytes: number): FileRef {
    return { path: FILE_NOT_INCLUDED, sizeBytes };
  }

  /** A size near `typical` (log-normal spread), in whole bytes. */
  private around(typical: number): number {
    return Math.max(1, Math.round(this.prng.logNormal(typical, 0.45)));
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
