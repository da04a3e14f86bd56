import { describe, expect, it } from "vitest";

import {
  generateSyntheticExport,
  SyntheticExportOptionsError,
  type SyntheticExportOptions,
} from "@tgstats/sandbox";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface TextPart {
  type: string;
  text: string;
}

/** True when `text` has a control character other than a line feed. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

interface ChatExport {
  name: string | null;
  type: string;
  id: number;
  messages: JsonObject[];
}

function generate(options: SyntheticExportOptions): string {
  let text = "";
  for (const chunk of generateSyntheticExport(options)) text += chunk;
  return text;
}

function parse(text: string): ChatExport {
  return JSON.parse(text) as ChatExport;
}

/** Plain text of a message (`text` is a string or an array of strings and parts). */
function plainText(message: JsonObject): string {
  const text = message.text;
  if (typeof text === "string") return text;
  if (!Array.isArray(text)) return "";
  return text
    .map((part) => (typeof part === "string" ? part : (part as unknown as TextPart).text))
    .join("");
}

function isoLocal(unix: number, offsetSeconds: number): string {
  return new Date((unix + offsetSeconds) * 1000).toISOString().slice(0, 19);
}

/**
 * An independent pretty-printer following tdesktop's rules: one space per
 * level, `text_entities: []` inline, coordinates with six decimals, and the
 * exporter's extra level of indentation inside `reactions`.
 */
function tdesktopLayout(value: Json, indent: number, key = ""): string {
  const pad = (n: number) => " ".repeat(n);
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    return key === "latitude" || key === "longitude" ? value.toFixed(6) : String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0 && key === "text_entities") return "[]";
    const items = value.map((item) => pad(indent + 1) + tdesktopLayout(item, indent + 1));
    return `[\n${items.join(",\n")}\n${pad(indent)}]`;
  }
  const fields = Object.entries(value).map(([name, item]) => {
    const itemIndent = name === "reactions" ? indent + 2 : indent + 1;
    return `${pad(indent + 1)}"${name}": ${tdesktopLayout(item, itemIndent, name)}`;
  });
  return `{\n${fields.join(",\n")}\n${pad(indent)}}`;
}

/** Key orders tdesktop writes (export_output_json.cpp), per media kind. */
const HEAD = ["id", "type", "date", "date_unixtime", "edited", "edited_unixtime"];
const SENDER = [
  "from",
  "from_id",
  "author",
  "forwarded_from",
  "saved_from",
  "reply_to_message_id",
  "via_bot",
];
const MEDIA: Record<string, string[]> = {
  photo: ["photo", "photo_file_size", "width", "height", "media_spoiler"],
  file: [
    "file",
    "file_name",
    "file_size",
    "thumbnail",
    "thumbnail_file_size",
    "media_type",
    "sticker_emoji",
    "performer",
    "title",
    "mime_type",
    "duration_seconds",
    "width",
    "height",
    "media_spoiler",
  ],
  contact_information: ["contact_information", "contact_vcard"],
  place_name: ["place_name", "address", "location_information"],
  location_information: ["location_information", "live_location_period_seconds"],
  poll: ["poll"],
};
const TAIL = ["text", "text_entities", "reactions"];
const SERVICE = [
  "actor",
  "actor_id",
  "action",
  "title",
  "members",
  "inviter",
  "photo",
  "photo_file_size",
  "width",
  "height",
  "message_id",
  "duration_seconds",
  "discard_reason",
  "duration",
  "text",
  "text_entities",
];

function expectedKeyOrder(message: JsonObject): string[] {
  const keys = Object.keys(message);
  if (message.type === "unsupported") return ["id", "type"];
  const mediaKey = Object.keys(MEDIA).find((key) => key in message);
  const canonical =
    message.type === "service"
      ? [...HEAD, ...SERVICE]
      : [...HEAD, ...SENDER, ...(mediaKey ? MEDIA[mediaKey]! : []), ...TAIL];
  return canonical.filter((key) => keys.includes(key));
}

type Kind = "text" | "photo" | "sticker" | "otherMedia" | "service" | "other";

function kindOf(message: JsonObject): Kind {
  if (message.type === "service") return "service";
  if (message.type !== "message") return "other";
  if ("photo" in message) return "photo";
  if (message.media_type === "sticker") return "sticker";
  if ("file" in message) return "otherMedia";
  if ("poll" in message || "location_information" in message || "contact_information" in message) {
    return "other";
  }
  return "text";
}

const N = 2000;
const validText = generate({ messages: N, seed: 1234, tdesktopEscapes: false });
const escapedText = generate({ messages: N, seed: 1234 });
const chat = parse(validText);

describe("generateSyntheticExport: determinism", () => {
  it("gives identical bytes for the same seed and different bytes for another seed", () => {
    expect(generate({ messages: N, seed: 1234 })).toBe(escapedText);
    expect(generate({ messages: N, seed: 1235 })).not.toBe(escapedText);
  });

  it("keeps the rest of the export when chatId or chatName is overridden", () => {
    const options = { messages: 300, seed: 9, tdesktopEscapes: false };
    const renamedText = generate({ ...options, chatId: 42, chatName: "Test chat" });
    const originalText = generate(options);
    const original = parse(originalText);
    expect(parse(renamedText).id).toBe(42);
    expect(parse(renamedText).name).toBe("Test chat");
    const restored = renamedText
      .replaceAll("Test chat", original.name!)
      .replace('"id": 42,', `"id": ${original.id},`)
      .replaceAll('"channel42"', `"channel${original.id}"`);
    expect(restored).toBe(originalText);
  });
});

describe("generateSyntheticExport: structure (tdesktopEscapes: false)", () => {
  it("is valid JSON with the requested number of messages in ascending, unique id order", () => {
    expect(chat.type).toBe("private_supergroup");
    expect(chat.messages).toHaveLength(N);
    const ids = chat.messages.map((message) => message.id as number);
    for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
  });

  it("is laid out exactly like tdesktop's pretty print", () => {
    expect(validText.startsWith('{\n "name": ')).toBe(true);
    expect(tdesktopLayout(chat as unknown as Json, 0)).toBe(validText);
  });

  it("writes keys in tdesktop's order", () => {
    for (const message of chat.messages)
      expect(Object.keys(message)).toEqual(expectedKeyOrder(message));
  });

  it("writes date_unixtime as a string, non-decreasing, and date as Moscow local time", () => {
    let previous = 0;
    for (const message of chat.messages) {
      if (message.type === "unsupported") continue;
      expect(typeof message.date_unixtime).toBe("string");
      const unix = Number(message.date_unixtime);
      expect(unix).toBeGreaterThanOrEqual(previous);
      expect(message.date).toBe(isoLocal(unix, 3 * 3600));
      if ("edited_unixtime" in message) {
        expect(Number(message.edited_unixtime)).toBeGreaterThan(unix);
        expect(message.edited).toBe(isoLocal(Number(message.edited_unixtime), 3 * 3600));
      }
      previous = unix;
    }
  });

  it("has the expected mix of message kinds, replies, reactions and edits", () => {
    const counts: Record<Kind, number> = {
      text: 0,
      photo: 0,
      sticker: 0,
      otherMedia: 0,
      service: 0,
      other: 0,
    };
    for (const message of chat.messages) counts[kindOf(message)] += 1;
    const share = (count: number) => count / N;
    expect(share(counts.text)).toBeGreaterThan(0.55);
    expect(share(counts.text)).toBeLessThan(0.75);
    expect(share(counts.photo)).toBeGreaterThan(0.04);
    expect(share(counts.photo)).toBeLessThan(0.14);
    expect(share(counts.sticker)).toBeGreaterThan(0.03);
    expect(share(counts.sticker)).toBeLessThan(0.1);
    expect(share(counts.otherMedia)).toBeGreaterThan(0.08);
    expect(share(counts.otherMedia)).toBeLessThan(0.22);
    expect(share(counts.service)).toBeGreaterThan(0.01);
    expect(share(counts.service)).toBeLessThan(0.06);
    const regular = chat.messages.filter((message) => message.type === "message");
    const rate = (predicate: (message: JsonObject) => boolean) =>
      regular.filter(predicate).length / regular.length;
    expect(rate((message) => "reply_to_message_id" in message)).toBeGreaterThan(0.15);
    expect(rate((message) => "reply_to_message_id" in message)).toBeLessThan(0.35);
    expect(rate((message) => "reactions" in message)).toBeGreaterThan(0.08);
    expect(rate((message) => "reactions" in message)).toBeLessThan(0.25);
    expect(rate((message) => "edited" in message)).toBeGreaterThan(0.02);
    expect(rate((message) => "edited" in message)).toBeLessThan(0.1);
    expect(rate((message) => Array.isArray(message.text))).toBeGreaterThan(0.02);
  });

  it("only replies to and pins messages that appear earlier in the file", () => {
    const seen = new Set<number>();
    let farReplies = 0;
    for (const [position, message] of chat.messages.entries()) {
      for (const key of ["reply_to_message_id", "message_id"]) {
        const target = message[key];
        if (typeof target !== "number") continue;
        expect(seen.has(target)).toBe(true);
        const targetPosition = chat.messages.findIndex((other) => other.id === target);
        if (position - targetPosition > 60) farReplies += 1;
      }
      seen.add(message.id as number);
    }
    expect(farReplies).toBeGreaterThan(0);
  });

  it("keeps text and text_entities consistent, with tdesktop's trailing empty part", () => {
    for (const message of chat.messages) {
      if (message.type === "unsupported") continue;
      const entities = message.text_entities as unknown as TextPart[];
      expect(entities.map((entity) => entity.text).join("")).toBe(plainText(message));
      if (typeof message.text === "string") {
        expect(entities.length).toBeLessThanOrEqual(1);
        continue;
      }
      const parts = message.text as Json[];
      expect(parts.length).toBe(entities.length);
      parts.forEach((part, index) => {
        const entity = entities[index]!;
        if (typeof part === "string") expect(entity).toEqual({ type: "plain", text: part });
        else expect(part).toEqual(entity);
      });
      if (parts[parts.length - 1] === "") {
        expect(typeof parts[parts.length - 2]).toBe("object");
        expect(/[\u0080-\uffff]/.test(plainText(message))).toBe(true);
      }
    }
  });

  it("uses prefixed peer ids, channel senders with author, and a few null names", () => {
    const senders = chat.messages.filter((message) => message.type === "message");
    for (const message of senders) expect(message.from_id).toMatch(/^(user|channel)\d+$/);
    const anonymous = senders.filter((message) => message.from_id === `channel${chat.id}`);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.some((message) => "author" in message)).toBe(true);
    const names = chat.messages.flatMap((message) => [
      message.from,
      message.actor,
      message.inviter,
      ...(Array.isArray(message.members) ? message.members : []),
    ]);
    expect(names.filter((name) => name === null).length).toBeGreaterThan(0);
  });

  it("writes reactions in the ≥5.6 shape", () => {
    const reactions = chat.messages.flatMap((message) =>
      Array.isArray(message.reactions) ? (message.reactions as JsonObject[]) : [],
    );
    expect(reactions.length).toBeGreaterThan(0);
    for (const reaction of reactions) {
      expect(["emoji", "custom_emoji", "paid"]).toContain(reaction.type);
      expect(reaction.count).toBeGreaterThanOrEqual(1);
      if (reaction.type === "emoji") expect(typeof reaction.emoji).toBe("string");
      for (const recent of (reaction.recent ?? []) as JsonObject[]) {
        expect(Object.keys(recent)).toEqual(["from", "from_id", "date"]);
        expect(recent.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      }
    }
  });
});

describe("generateSyntheticExport: tdesktop's \\xHH escapes", () => {
  it("writes \\x01 and \\x1B (each in text and text_entities) and differs from valid JSON only there", () => {
    expect(escapedText.match(/\\x[0-9A-F]{2}/g)).toEqual(["\\x01", "\\x01", "\\x1B", "\\x1B"]);
    expect(() => JSON.parse(escapedText) as unknown).toThrow(SyntaxError);
    expect(escapedText.replaceAll("\\x01", "\\u0001").replaceAll("\\x1B", "\\u001b")).toBe(
      validText,
    );
  });

  it("puts the control characters in the messages at ⌊n/3⌋ and ⌊2n/3⌋ only", () => {
    const withControl = chat.messages
      .map((message, position) => ({ position, text: plainText(message) }))
      .filter(({ text }) => hasControlCharacter(text));
    expect(withControl.map(({ position }) => position)).toEqual([666, 1333]);
    expect(withControl[0]!.text).toContain("\u0001");
    expect(withControl[1]!.text).toContain("\u001b");
  });
});

describe("generateSyntheticExport: content variety", () => {
  const big = parse(generate({ messages: 20_000, seed: 77, tdesktopEscapes: false }));
  const allText = big.messages.map(plainText).join("\n");

  it("contains ZWJ sequences, flags, skin tones, keycaps, ❤️ and bare ❤", () => {
    for (const emoji of ["👨‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇦", "🇷🇺", "🇺🇸", "👍🏽", "1️⃣", "❤️"]) {
      expect(allText).toContain(emoji);
    }
    expect(/❤(?!\uFE0F)/.test(allText)).toBe(true);
  });

  it("contains Russian, Ukrainian apostrophes in all three styles, English and CJK", () => {
    expect(allText).toMatch(/[а-яё]{4}/);
    expect(allText).toMatch(/[їєі]/);
    for (const apostrophe of ["'", "’", "ʼ"]) expect(allText).toContain(`п${apostrophe}ят`);
    expect(allText).toMatch(/\b(the|and|you)\b/);
    expect(allText).toMatch(/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/);
  });

  it("contains every entity type the generator promises", () => {
    const types = new Set(
      big.messages.flatMap((message) =>
        ((message.text_entities ?? []) as JsonObject[]).map((entity) => entity.type),
      ),
    );
    for (const type of [
      "plain",
      "link",
      "mention",
      "hashtag",
      "bold",
      "text_link",
      "mention_name",
    ]) {
      expect(types).toContain(type);
    }
  });

  it("contains every media kind, polls, locations and the main service actions", () => {
    const mediaTypes = new Set(big.messages.map((message) => message.media_type));
    for (const type of [
      "sticker",
      "voice_message",
      "video_message",
      "animation",
      "video_file",
      "audio_file",
    ]) {
      expect(mediaTypes).toContain(type);
    }
    expect(big.messages.some((message) => "poll" in message)).toBe(true);
    expect(big.messages.some((message) => "location_information" in message)).toBe(true);
    const actions = new Set(big.messages.map((message) => message.action));
    for (const action of [
      "join_group_by_link",
      "invite_members",
      "pin_message",
      "remove_members",
    ]) {
      expect(actions).toContain(action);
    }
  });
});

describe("generateSyntheticExport: chat types and options", () => {
  it("writes a channel whose posts all come from the channel itself", () => {
    const channel = parse(
      generate({ messages: 400, seed: 3, chatType: "public_channel", tdesktopEscapes: false }),
    );
    expect(channel.type).toBe("public_channel");
    expect(channel.messages[0]!.action).toBe("create_channel");
    for (const message of channel.messages) {
      if (message.type === "message") expect(message.from_id).toBe(`channel${channel.id}`);
      if (message.type === "service") expect(message.actor_id).toBe(`channel${channel.id}`);
      for (const reaction of (message.reactions ?? []) as JsonObject[])
        expect(reaction.recent).toBeUndefined();
    }
  });

  it("writes a personal chat between exactly two people, named after the other one", () => {
    const personal = parse(
      generate({ messages: 400, seed: 4, chatType: "personal_chat", tdesktopEscapes: false }),
    );
    const senders = new Map<string, Json>();
    for (const message of personal.messages) {
      if (message.type === "message") senders.set(message.from_id as string, message.from!);
      if (message.type === "service")
        expect(["phone_call", "pin_message"]).toContain(message.action);
    }
    expect(senders.size).toBe(2);
    expect(senders.get(`user${personal.id}`)).toBe(personal.name);
  });

  it("writes a basic group that starts with create_group and has only user senders", () => {
    const group = parse(
      generate({ messages: 400, seed: 5, chatType: "private_group", tdesktopEscapes: false }),
    );
    expect(group.messages[0]!.action).toBe("create_group");
    expect(group.id).toBeLessThan(1_000_000_000);
    for (const message of group.messages) {
      if (message.type === "message") expect(message.from_id).toMatch(/^user\d+$/);
    }
  });

  it("honours startDateUnix, spanDays and timeZone", () => {
    const start = 1_700_000_000;
    const utc = parse(
      generate({
        messages: 500,
        seed: 6,
        startDateUnix: start,
        spanDays: 10,
        timeZone: "UTC",
        tdesktopEscapes: false,
      }),
    );
    const times = utc.messages.filter((message) => message.type !== "unsupported");
    for (const message of times) {
      const unix = Number(message.date_unixtime);
      expect(unix).toBeGreaterThanOrEqual(start);
      expect(unix).toBeLessThan(start + 12 * 86_400);
      expect(message.date).toBe(isoLocal(unix, 0));
    }
  });

  it("writes an empty messages array for zero messages", () => {
    expect(generate({ messages: 0, seed: 1, chatName: "X", chatId: 5 })).toBe(
      '{\n "name": "X",\n "type": "private_supergroup",\n "id": 5,\n "messages": [\n ]\n}',
    );
  });

  it("rejects invalid options at call time with a message that says the fix", () => {
    expect(() => generateSyntheticExport({ messages: -1, seed: 1 })).toThrow(
      SyntheticExportOptionsError,
    );
    expect(() => generateSyntheticExport({ messages: 1.5, seed: 1 })).toThrow(
      /messages.*whole number/,
    );
    expect(() => generateSyntheticExport({ messages: 10, seed: Number.NaN })).toThrow(/seed/);
    expect(() => generateSyntheticExport({ messages: 10, seed: 1, people: 0 })).toThrow(/people/);
    expect(() => generateSyntheticExport({ messages: 10, seed: 1, spanDays: 0 })).toThrow(
      /spanDays/,
    );
    expect(() => generateSyntheticExport({ messages: 10, seed: 1, timeZone: "Mars/Base" })).toThrow(
      /timeZone.*IANA/,
    );
  });
});
