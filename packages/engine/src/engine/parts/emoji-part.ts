import { increment, mergeCounts } from "../count-map.js";
import type { MessageFacts } from "../message-facts.js";
import { emojiKey } from "../text/index.js";
import type { Reaction } from "../../model/message.js";

/** Serialised {@link EmojiPart}. */
export interface EmojiJson {
  emojis: Record<string, number>;
  stickers: Record<string, number>;
  reactions: Record<string, number>;
}

/** Emoji in message text, sticker emoji and reactions, each counted apart. */
export class EmojiPart {
  emojis = new Map<string, number>();
  stickers = new Map<string, number>();
  reactions = new Map<string, number>();

  /** Folds one regular message in. */
  add({ message, text }: MessageFacts): void {
    for (const emoji of text.emojis) increment(this.emojis, emoji);
    if (message.kind === "sticker" && message.stickerEmoji !== null && message.stickerEmoji !== "")
      increment(this.stickers, emojiKey(message.stickerEmoji));
    for (const reaction of message.reactions)
      increment(this.reactions, reactionKey(reaction), reaction.count);
  }

  /** A new part with both inputs' counts added. */
  merge(other: EmojiPart): EmojiPart {
    const merged = new EmojiPart();
    merged.emojis = mergeCounts(this.emojis, other.emojis);
    merged.stickers = mergeCounts(this.stickers, other.stickers);
    merged.reactions = mergeCounts(this.reactions, other.reactions);
    return merged;
  }

  toJSON(): EmojiJson {
    return {
      emojis: Object.fromEntries(this.emojis),
      stickers: Object.fromEntries(this.stickers),
      reactions: Object.fromEntries(this.reactions),
    };
  }

  static fromJSON(json: EmojiJson): EmojiPart {
    const part = new EmojiPart();
    part.emojis = new Map(Object.entries(json.emojis));
    part.stickers = new Map(Object.entries(json.stickers));
    part.reactions = new Map(Object.entries(json.reactions));
    return part;
  }
}

/** `👍` for emoji (U+FE0F removed), `custom:<id>` for custom emoji, `paid` for star reactions. */
export function reactionKey(reaction: Reaction): string {
  switch (reaction.type) {
    case "emoji":
      return emojiKey(reaction.emoji);
    case "custom_emoji":
      return `custom:${reaction.documentId}`;
    case "paid":
      return "paid";
  }
}
