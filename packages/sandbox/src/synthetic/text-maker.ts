/**
 * Message texts: chat-style sentences from the embedded word lists, emoji, and
 * rich texts with entities laid out the way tdesktop flattens them.
 */

import {
  CJK_LINES,
  ENGLISH_WORDS,
  HASHTAGS,
  LINK_TEMPLATES,
  PHRASES,
  RUSSIAN_WORDS,
  SHORT_REPLIES,
  TEXT_EMOJI,
  TEXT_LINK_LABELS,
  UKRAINIAN_WORDS,
  type CorpusLanguage,
} from "./corpus.js";
import type { TextPart, TextPartType } from "./message-draft.js";
import { WeightedTable, zipfTable, type Prng } from "./prng.js";

/** How a person writes: language, apostrophe habit (' ’ ʼ), emoji appetite. */
export interface WritingStyle {
  language: CorpusLanguage;
  apostrophe: string;
  emojiRate: number;
}

/** Someone who can be mentioned in a rich text. */
export interface Mentionable {
  userId: number;
  username: string | null;
  firstName: string | null;
}

/** Flatter than a pure Zipf law (exponent 1): the top word is ~6% of words, as in real chats. */
const WORD_ZIPF_EXPONENT = 0.7;

const SLUG_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

type RichTemplate =
  | "link"
  | "mention"
  | "hashtag"
  | "bold"
  | "text_link"
  | "mention_name"
  | "italic"
  | "code"
  | "strikethrough"
  | "spoiler"
  | "underline"
  | "custom_emoji"
  | "bot_command";

/** Builds texts; one instance per export, sharing the export's PRNG. */
export class TextMaker {
  private readonly words: Record<CorpusLanguage, WeightedTable<string>>;
  private readonly emoji = zipfTable(TEXT_EMOJI, 1.05);
  private readonly endings: Record<CorpusLanguage, WeightedTable<string>>;
  private readonly richTemplates = new WeightedTable<RichTemplate>([
    ["link", 30],
    ["mention", 20],
    ["hashtag", 12],
    ["bold", 10],
    ["text_link", 8],
    ["mention_name", 6],
    ["italic", 4],
    ["code", 3],
    ["strikethrough", 2],
    ["spoiler", 2],
    ["underline", 1],
    ["custom_emoji", 2],
    ["bot_command", 1],
  ]);

  constructor(private readonly prng: Prng) {
    this.words = {
      ru: zipfTable(RUSSIAN_WORDS, WORD_ZIPF_EXPONENT),
      uk: zipfTable(UKRAINIAN_WORDS, WORD_ZIPF_EXPONENT),
      en: zipfTable(ENGLISH_WORDS, WORD_ZIPF_EXPONENT),
    };
    const slavic: [string, number][] = [
      ["", 45],
      [".", 14],
      ["!", 8],
      ["?", 12],
      ["…", 3],
      [")", 7],
      ["))", 6],
      ["!!!", 2],
      ["?!", 2],
    ];
    this.endings = {
      ru: new WeightedTable(slavic),
      uk: new WeightedTable(slavic),
      en: new WeightedTable(slavic.filter(([ending]) => !ending.startsWith(")"))),
    };
  }

  /** A chat message text: short replies, emoji-only lines, phrases or a few sentences. */
  message(style: WritingStyle): string {
    const { prng } = this;
    const roll = prng.next();
    let text: string;
    if (roll < 0.003) return prng.pick(CJK_LINES);
    if (roll < 0.15) text = prng.pick(SHORT_REPLIES[style.language]);
    else if (roll < 0.18) return this.emojiRun();
    else if (roll < 0.22) text = this.phrase(style);
    else
      text = this.sentences(style, 1 + (prng.chance(0.3) ? prng.int(1, 3) : 0), prng.chance(0.15));
    return this.decorate(text, style);
  }

  /** A media caption: one short sentence, sometimes with emoji. */
  caption(style: WritingStyle): string {
    return this.decorate(this.sentence(style, 0.6), style);
  }

  /** A channel post: several sentences in paragraphs. */
  post(style: WritingStyle): string {
    return this.sentences(style, this.prng.int(2, 6), true).replaceAll("\n", "\n\n");
  }

  /** A text with one entity (link, mention, bold…), flattened as tdesktop writes it. */
  rich(style: WritingStyle, people: readonly Mentionable[], premium: boolean): TextPart[] {
    const { prng } = this;
    let template = this.richTemplates.sample(prng);
    if (template === "custom_emoji" && !premium) template = "bold";
    const before = prng.chance(0.6) ? `${this.sentence(style, 0.5)} ` : "";
    const after = prng.chance(0.3) ? ` ${this.sentence(style, 0.2)}` : "";
    const parts = this.richParts(template, style, people, before, after);
    return flatten(parts);
  }

  private richParts(
    template: RichTemplate,
    style: WritingStyle,
    people: readonly Mentionable[],
    before: string,
    after: string,
  ): TextPart[] {
    const { prng } = this;
    const plain = (text: string): TextPart => ({ type: "plain", text });
    const wrap = (type: TextPartType, text: string): TextPart[] => [
      plain(before),
      { type, text },
      plain(after),
    ];
    switch (template) {
      case "link":
        return wrap("link", this.link());
      case "mention": {
        const withName = people.filter((person) => person.username !== null);
        if (withName.length === 0) return wrap("bold", this.words[style.language].sample(prng));
        const mention = `@${prng.pick(withName).username!}`;
        return prng.chance(0.5)
          ? [{ type: "mention", text: mention }, plain(` ${this.sentence(style, 0.3)}`)]
          : wrap("mention", mention);
      }
      case "hashtag": {
        const tags: TextPart[] = [{ type: "hashtag", text: `#${prng.pick(HASHTAGS)}` }];
        if (prng.chance(0.25))
          tags.push(plain(" "), { type: "hashtag", text: `#${prng.pick(HASHTAGS)}` });
        return [plain(`${this.sentence(style, 0.6)} `), ...tags];
      }
      case "text_link":
        return [
          plain(before),
          { type: "text_link", text: prng.pick(TEXT_LINK_LABELS), href: this.link(true) },
          plain(after),
        ];
      case "mention_name": {
        const person = prng.pick(people);
        return [
          {
            type: "mention_name",
            text: person.firstName ?? "Deleted Account",
            userId: person.userId,
          },
          plain(`, ${this.sentence(style, 0.2)}`),
        ];
      }
      case "custom_emoji":
        // The sticker file of a custom emoji is not exported with default settings.
        return [
          plain(before),
          { type: "custom_emoji", text: this.emoji.sample(prng), documentId: "" },
        ];
      case "bot_command":
        return [
          { type: "bot_command", text: prng.pick(["/start", "/stats", "/help", "/roll@dice_bot"]) },
        ];
      case "code":
        return wrap(
          "code",
          prng.pick(["npm i", "git push -f", "sudo reboot", "ls -la", "SELECT 1;"]),
        );
      default:
        return wrap(template, this.fewWords(style, prng.int(1, 4)));
    }
  }

  private link(alwaysFull = false): string {
    const { prng } = this;
    let template = prng.pick(LINK_TEMPLATES);
    if (alwaysFull && !template.includes("*")) template = "https://example.com/*";
    let slug = "";
    const length = prng.int(6, 11);
    for (let i = 0; i < length; i++)
      slug += SLUG_ALPHABET.charAt(prng.int(0, SLUG_ALPHABET.length - 1));
    return template.replace("*", slug);
  }

  private emojiRun(): string {
    const { prng } = this;
    const first = this.emoji.sample(prng);
    if (prng.chance(0.4)) return first.repeat(prng.int(1, 3));
    let run = first;
    for (let n = prng.int(0, 2); n > 0; n--) run += this.emoji.sample(prng);
    return run;
  }

  private phrase(style: WritingStyle): string {
    const { prng } = this;
    const phrase = prng.pick(PHRASES[style.language]);
    const capitalised = prng.chance(0.5) ? capitalise(phrase) : phrase;
    return prng.chance(0.5)
      ? `${capitalised}${prng.pick(["!", "", "?", " "])}`.trimEnd()
      : capitalised;
  }

  private decorate(text: string, style: WritingStyle): string {
    const { prng } = this;
    if (prng.chance(style.emojiRate)) {
      return `${text}${prng.chance(0.6) ? " " : ""}${this.emojiRun()}`;
    }
    if (prng.chance(style.emojiRate / 5)) {
      const space = text.indexOf(" ");
      if (space > 0)
        return `${text.slice(0, space)} ${this.emoji.sample(prng)}${text.slice(space)}`;
    }
    return text;
  }

  private sentences(style: WritingStyle, count: number, newLines: boolean): string {
    const list: string[] = [];
    for (let i = 0; i < count; i++) list.push(this.sentence(style, 0.55));
    return list.join(newLines ? "\n" : " ");
  }

  private sentence(style: WritingStyle, capitaliseRate: number): string {
    const { prng } = this;
    const table = this.words[style.language];
    const length = Math.min(30, 1 + Math.floor(prng.logNormal(4.5, 0.55)));
    let previous = prng.chance(0.08) ? prng.pick(PHRASES[style.language]) : table.sample(prng);
    let sentence = previous;
    for (let i = 1; i < length; i++) {
      let word = table.sample(prng);
      if (word === previous) word = table.sample(prng); // "и и" is rare in real chats
      sentence += prng.chance(0.07) ? `, ${word}` : ` ${word}`;
      previous = word;
    }
    if (style.apostrophe !== "'" && sentence.includes("'")) {
      sentence = sentence.replaceAll("'", style.apostrophe);
    }
    if (prng.chance(capitaliseRate)) sentence = capitalise(sentence);
    return sentence + this.endings[style.language].sample(prng);
  }

  private fewWords(style: WritingStyle, count: number): string {
    const table = this.words[style.language];
    const list: string[] = [];
    for (let i = 0; i < count; i++) list.push(table.sample(this.prng));
    return list.join(" ");
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Merges adjacent plain parts, drops empty ones, then adds tdesktop's trailing
 * `""`: its `ParseText` compares UTF-16 offsets with the UTF-8 byte length, so
 * when an entity ends the text and the text has any non-ASCII character, an
 * empty plain part is appended (real exports show exactly this).
 */
export function flatten(parts: readonly TextPart[]): TextPart[] {
  const result: TextPart[] = [];
  for (const part of parts) {
    const last = result[result.length - 1];
    if (part.type === "plain") {
      if (part.text === "") continue;
      if (last?.type === "plain") {
        result[result.length - 1] = { type: "plain", text: last.text + part.text };
        continue;
      }
    }
    result.push(part);
  }
  const last = result[result.length - 1];
  if (last !== undefined && last.type !== "plain") {
    const fullText = result.map((part) => part.text).join("");
    if (/[\u0080-\uffff]/.test(fullText)) result.push({ type: "plain", text: "" });
  }
  return result;
}
