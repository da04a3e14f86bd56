import { Api } from "telegram";
import type { Message, PeerRef } from "@tgstats/engine";
import { toLong, type Long } from "@tgstats/worker/mtproto";
import { peerOf } from "./emulated-chat.js";
import { stableLong } from "./stable-ids.js";

/**
 * A media object of the message's kind, as Telegram would send it (files are
 * made up: the model keeps no file data). Returns undefined for text. To-do
 * lists have no constructor in GramJS's layer, so they arrive the way Telegram
 * sends newer media to an older layer: MessageMediaUnsupported.
 */
export function apiMedia(message: Message, chat: PeerRef): Api.TypeMessageMedia | undefined {
  const key = `${chat.kind}${chat.id}/${message.id}`;
  switch (message.kind) {
    case "text":
    case "service":
      return undefined;
    case "photo":
      return new Api.MessageMediaPhoto({ photo: photo(key, message.dateUnix) });
    case "sticker":
      return documentMedia(key, message, "image/webp", [
        new Api.DocumentAttributeSticker({
          alt: message.stickerEmoji ?? "",
          stickerset: new Api.InputStickerSetEmpty(),
        }),
        new Api.DocumentAttributeImageSize({ w: 512, h: 512 }),
      ]);
    case "video":
      return documentMedia(key, message, "video/mp4", [
        new Api.DocumentAttributeVideo({ duration: 12, w: 1280, h: 720, supportsStreaming: true }),
        new Api.DocumentAttributeFilename({ fileName: "video.mp4" }),
      ]);
    case "animation":
      return documentMedia(key, message, "video/mp4", [
        new Api.DocumentAttributeAnimated(),
        new Api.DocumentAttributeVideo({ duration: 3, w: 480, h: 270, nosound: true }),
      ]);
    case "video_note":
      return documentMedia(key, message, "video/mp4", [
        new Api.DocumentAttributeVideo({ duration: 9, w: 400, h: 400, roundMessage: true }),
      ]);
    case "voice":
      return documentMedia(key, message, "audio/ogg", [
        new Api.DocumentAttributeAudio({ duration: 7, voice: true }),
      ]);
    case "audio":
      return documentMedia(key, message, "audio/mpeg", [
        new Api.DocumentAttributeAudio({ duration: 200, title: "Track", performer: "Artist" }),
        new Api.DocumentAttributeFilename({ fileName: "Artist - Track.mp3" }),
      ]);
    case "file":
      return documentMedia(key, message, "application/pdf", [
        new Api.DocumentAttributeFilename({ fileName: "document.pdf" }),
      ]);
    case "poll":
      return poll(key, message.text);
    case "location":
      return new Api.MessageMediaGeo({ geo: geoPoint(key) });
    case "venue":
      return new Api.MessageMediaVenue({
        geo: geoPoint(key),
        title: "Place",
        address: "Street 1",
        provider: "",
        venueId: "",
        venueType: "",
      });
    case "contact":
      return new Api.MessageMediaContact({
        phoneNumber: "",
        firstName: "Contact",
        lastName: "",
        vcard: "",
        userId: toLong(0),
      });
    case "game":
      return new Api.MessageMediaGame({
        game: new Api.Game({
          id: toLong(stableLong(`game:${key}`)),
          accessHash: toLong(1),
          shortName: "game",
          title: "Game",
          description: "",
          photo: new Api.PhotoEmpty({ id: toLong(0) }),
        }),
      });
    case "invoice":
      return new Api.MessageMediaInvoice({
        title: "Invoice",
        description: "",
        currency: "XTR",
        totalAmount: toLong(1),
        startParam: "",
      });
    case "giveaway":
      return new Api.MessageMediaGiveaway({
        channels: [toLong(chat.id)],
        quantity: 1,
        untilDate: message.dateUnix + 86_400,
      });
    case "dice":
      return new Api.MessageMediaDice({ value: 1, emoticon: "🎲" });
    case "story":
      return new Api.MessageMediaStory({ peer: peerOf(message.sender ?? chat), id: 1 });
    case "todo":
    case "unsupported":
      return new Api.MessageMediaUnsupported();
  }
}

function photo(key: string, dateUnix: number): Api.Photo {
  return new Api.Photo({
    id: toLong(stableLong(`photo:${key}`)),
    accessHash: toLong(1),
    fileReference: Buffer.alloc(0),
    date: dateUnix,
    sizes: [new Api.PhotoSize({ type: "x", w: 1280, h: 960, size: 120_000 })],
    dcId: 2,
  });
}

function documentMedia(
  key: string,
  message: Message,
  mimeType: string,
  attributes: Api.TypeDocumentAttribute[],
): Api.MessageMediaDocument {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: toLong(stableLong(`document:${key}`)),
      accessHash: toLong(1),
      fileReference: Buffer.alloc(0),
      date: message.dateUnix,
      mimeType,
      size: toLong(100_000),
      dcId: 2,
      attributes,
    }),
  });
}

/**
 * The documents `messages.getCustomEmojiDocuments` answers with: one per id
 * the emulator knows (in `alts`, by document id), in the order asked; unknown
 * ids are left out, as Telegram leaves out documents it does not find. Each
 * carries the custom emoji's `alt` among the attributes a real one has.
 */
export function customEmojiDocuments(
  documentIds: readonly Long[],
  alts: Readonly<Record<string, string>>,
): Api.Document[] {
  return documentIds.flatMap((documentId) => {
    const alt = Object.hasOwn(alts, documentId.toString())
      ? alts[documentId.toString()]
      : undefined;
    if (alt === undefined) return [];
    return [
      new Api.Document({
        id: documentId,
        accessHash: toLong(1),
        fileReference: Buffer.alloc(0),
        date: 1_700_000_000,
        mimeType: "application/x-tgsticker",
        size: toLong(20_000),
        dcId: 2,
        attributes: [
          new Api.DocumentAttributeImageSize({ w: 100, h: 100 }),
          new Api.DocumentAttributeCustomEmoji({ alt, stickerset: new Api.InputStickerSetEmpty() }),
          new Api.DocumentAttributeFilename({ fileName: "AnimatedSticker.tgs" }),
        ],
      }),
    ];
  });
}

/** A poll whose question is the message text (the export reader reads a poll's question as its text). */
function poll(key: string, question: string): Api.MessageMediaPoll {
  const answer = (text: string, option: number) =>
    new Api.PollAnswer({
      text: new Api.TextWithEntities({ text, entities: [] }),
      option: Buffer.from([option]),
    });
  return new Api.MessageMediaPoll({
    poll: new Api.Poll({
      id: toLong(stableLong(`poll:${key}`)),
      question: new Api.TextWithEntities({ text: question, entities: [] }),
      answers: [answer("Yes", 0), answer("No", 1)],
    }),
    results: new Api.PollResults({}),
  });
}

function geoPoint(key: string): Api.GeoPoint {
  return new Api.GeoPoint({
    long: 37.6176,
    lat: 55.7558,
    accessHash: toLong(stableLong(`geo:${key}`)),
  });
}
