import { Api } from "telegram";
import type { MessageKind } from "@tgstats/engine";

/** Kind and sticker emoji of a message's media, as the export reader derives them. */
export interface MediaFacts {
  kind: MessageKind;
  stickerEmoji: string | null;
  /** A poll's question: the export reader uses it as the text of a poll without a caption. */
  headline: string | null;
}

const TEXT: MediaFacts = { kind: "text", stickerEmoji: null, headline: null };

/**
 * What a message's media is, in the export reader's terms. Link previews
 * (web pages) are text, as tdesktop exports them. Dice and stories are told
 * apart here, while exports show them as text (tdesktop writes no media for them).
 */
export function mediaFacts(media: Api.TypeMessageMedia | undefined): MediaFacts {
  if (media == null) return TEXT;
  if (media instanceof Api.MessageMediaPhoto) return facts("photo");
  if (media instanceof Api.MessageMediaDocument) return documentFacts(media.document);
  if (media instanceof Api.MessageMediaPoll)
    return { kind: "poll", stickerEmoji: null, headline: media.poll.question.text };
  if (media instanceof Api.MessageMediaVenue) return facts("venue");
  if (media instanceof Api.MessageMediaGeo || media instanceof Api.MessageMediaGeoLive)
    return facts("location");
  if (media instanceof Api.MessageMediaContact) return facts("contact");
  if (media instanceof Api.MessageMediaGame) return facts("game");
  if (media instanceof Api.MessageMediaInvoice) return facts("invoice");
  if (media instanceof Api.MessageMediaGiveaway || media instanceof Api.MessageMediaGiveawayResults)
    return facts("giveaway");
  if (media instanceof Api.MessageMediaDice) return facts("dice");
  if (media instanceof Api.MessageMediaStory) return facts("story");
  if (media instanceof Api.MessageMediaUnsupported) return facts("unsupported");
  if (media instanceof Api.MessageMediaPaidMedia) return paidMediaFacts(media);
  return TEXT;
}

function facts(kind: MessageKind): MediaFacts {
  return { kind, stickerEmoji: null, headline: null };
}

/**
 * tdesktop's media type of a document, checked in its order: a video sticker
 * is a sticker, a round video a video message, a GIF (animated + video) an animation.
 */
function documentFacts(document: Api.TypeDocument | undefined): MediaFacts {
  if (!(document instanceof Api.Document)) return facts("file");
  let sticker: string | null | undefined;
  let round = false;
  let voice = false;
  let animated = false;
  let video = false;
  let audio = false;
  for (const attribute of document.attributes) {
    if (attribute instanceof Api.DocumentAttributeSticker) sticker = attribute.alt;
    else if (attribute instanceof Api.DocumentAttributeAnimated) animated = true;
    else if (attribute instanceof Api.DocumentAttributeVideo) {
      if (attribute.roundMessage === true) round = true;
      else video = true;
    } else if (attribute instanceof Api.DocumentAttributeAudio) {
      if (attribute.voice === true) voice = true;
      else audio = true;
    }
  }
  if (sticker !== undefined)
    return { kind: "sticker", stickerEmoji: sticker === "" ? null : sticker, headline: null };
  if (round) return facts("video_note");
  if (voice) return facts("voice");
  if (animated) return facts("animation");
  if (video) return facts("video");
  return facts(audio ? "audio" : "file");
}

function paidMediaFacts(media: Api.MessageMediaPaidMedia): MediaFacts {
  const first = media.extendedMedia[0];
  if (first instanceof Api.MessageExtendedMedia) return mediaFacts(first.media);
  return facts("file");
}
