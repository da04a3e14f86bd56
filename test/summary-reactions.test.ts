import { describe, expect, it } from "vitest";
import {
  customEmojiTail,
  formatSummaryMarkdown,
  reactionText,
  ReportBuilder,
  toReportJson,
  type Message,
  type Reaction,
  type ReportJson,
} from "@tgstats/engine";
import { emptyReport } from "@tgstats/sandbox";
import { formatDeliverySummary } from "@tgstats/worker";
import { alice, bob, makeMessage, unix } from "./helpers/messages.js";

const CUSTOM = "5368324170671202286";
const JAN = unix("2024-01-10T12:00:00Z");
const thumbs = (count: number): Reaction => ({ type: "emoji", emoji: "👍", count });

const MESSAGES: Message[] = [
  makeMessage({
    id: 1,
    dateUnix: JAN,
    sender: alice,
    reactions: [thumbs(3), { type: "emoji", emoji: "❤️", count: 2 }],
  }),
  makeMessage({ id: 2, dateUnix: JAN + 60, sender: alice }),
  makeMessage({
    id: 3,
    dateUnix: JAN + 120,
    sender: alice,
    reactions: [{ type: "paid", count: 4 }],
  }),
  makeMessage({ id: 4, dateUnix: JAN + 180, sender: bob, reactions: [thumbs(1)] }),
  makeMessage({
    id: 5,
    dateUnix: JAN + 240,
    sender: bob,
    reactions: [{ type: "custom_emoji", documentId: CUSTOM, count: 6 }],
  }),
];

function report(language: "en" | "ru", username?: string): ReportJson {
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(MESSAGES);
  const type = username === undefined ? "private_supergroup" : "public_supergroup";
  return {
    ...toReportJson(builder.state, {
      chat: { id: 777, name: "Club", type, ...(username === undefined ? {} : { username }) },
      language,
    }),
    customEmoji: { [CUSTOM]: "👍" },
  };
}

/** The lines of one `## heading` section of summary.md, without the blank ones. */
function section(markdown: string, heading: string): string[] {
  const start = markdown.split("\n").indexOf(`## ${heading}`);
  expect(start).toBeGreaterThan(-1);
  const rest = markdown.split("\n").slice(start + 2);
  const end = rest.indexOf("");
  return end === -1 ? rest : rest.slice(0, end);
}

describe("reaction names", () => {
  it("names stars, custom emoji by their emoji, and unknown custom emoji by their id's end", () => {
    expect(reactionText("paid", "en")).toBe("⭐ Stars");
    expect(reactionText("paid", "ru")).toBe("⭐ Звёзды");
    expect(reactionText(`custom:${CUSTOM}`, "en", { [CUSTOM]: "👍" })).toBe("👍 (custom)");
    expect(reactionText(`custom:${CUSTOM}`, "ru", { [CUSTOM]: "👍" })).toBe("👍 (свой)");
    expect(reactionText(`custom:${CUSTOM}`, "en")).toBe("custom emoji …2286");
    expect(reactionText(`custom:${CUSTOM}`, "ru")).toBe("свой эмодзи …2286");
    // An export names the downloaded file, or nothing.
    expect(reactionText("custom:chats/chat_004/stickers/sticker (62).webp", "en")).toBe(
      "custom emoji sticker (62)",
    );
    expect(reactionText("custom:(unavailable)", "en")).toBe("custom emoji");
    expect(reactionText("custom:", "en")).toBe("custom emoji");
    expect(reactionText("❤", "en")).toBe("❤");
    expect(customEmojiTail("77")).toBe("77");
  });
});

describe("reactions in summary.md", () => {
  it("names reactions and lists karma and the most reacted messages with links", () => {
    const markdown = formatSummaryMarkdown(report("en"));
    // 👍 counts 3 + 1 = 4; "paid" sorts before "👍" at equal counts.
    expect(section(markdown, "Top reactions")).toEqual(["👍 (custom) 6  ⭐ Stars 4  👍 4  ❤ 2"]);
    expect(section(markdown, "Reactions received")).toEqual([
      "1. Alice: 9 reactions (3 per message)", // (3+2) + 4 over 3 messages
      "2. Bob: 7 reactions (3.5 per message)", // 1 + 6 over 2 messages
    ]);
    expect(section(markdown, "Most reacted messages")).toEqual([
      "1. [Bob, 2024-01-10](https://t.me/c/777/5): 6 reactions, mostly 👍 (custom)",
      "2. [Alice, 2024-01-10](https://t.me/c/777/1): 5 reactions, mostly 👍",
      "3. [Alice, 2024-01-10](https://t.me/c/777/3): 4 reactions, mostly ⭐ Stars",
      "4. [Bob, 2024-01-10](https://t.me/c/777/4): 1 reaction, mostly 👍",
    ]);
  });

  it("writes Russian, with a public chat's links", () => {
    const markdown = formatSummaryMarkdown(report("ru", "club_chat"));
    expect(section(markdown, "Реакции на сообщения")).toEqual([
      "1. Alice: 9 реакций (3 на сообщение)",
      "2. Bob: 7 реакций (3,5 на сообщение)",
    ]);
    expect(section(markdown, "Сообщения с наибольшим числом реакций")[0]).toBe(
      "1. [Bob, 2024-01-10](https://t.me/club_chat/5): 6 реакций, больше всего 👍 (свой)",
    );
  });

  it("leaves the link out where the chat has none and escapes brackets in names", () => {
    const json = report("en");
    json.reactionsReceived.topMessages = [
      { ...json.reactionsReceived.topMessages[0]!, senderName: "[Bob]" },
      { ...json.reactionsReceived.topMessages[1]!, link: null },
    ];
    expect(section(formatSummaryMarkdown(json), "Most reacted messages")).toEqual([
      "1. [\\[Bob\\], 2024-01-10](https://t.me/c/777/5): 6 reactions, mostly 👍 (custom)",
      "2. Alice, 2024-01-10: 5 reactions, mostly 👍",
    ]);
  });
});

describe("reactions in the sent summary", () => {
  it("lists the top 3 by reactions received and links the top 3 messages", () => {
    const lines = formatDeliverySummary(report("en")).split("\n");
    const start = lines.indexOf("<b>Reactions received</b>");
    expect(lines.slice(start)).toEqual([
      "<b>Reactions received</b>",
      "1. Alice: 9 reactions (3 per message)",
      "2. Bob: 7 reactions (3.5 per message)",
      "<b>Most reacted messages</b>",
      '1. <a href="https://t.me/c/777/5">Bob, Jan 10, 2024</a>: 6 reactions, mostly 👍 (custom)',
      '2. <a href="https://t.me/c/777/1">Alice, Jan 10, 2024</a>: 5 reactions, mostly 👍',
      '3. <a href="https://t.me/c/777/3">Alice, Jan 10, 2024</a>: 4 reactions, mostly ⭐ Stars',
    ]);
  });

  it("writes Russian plurals and leaves the link out where the chat has none", () => {
    const json = report("ru");
    json.reactionsReceived.topMessages = json.reactionsReceived.topMessages
      .slice(3)
      .map((message) => ({ ...message, link: null }));
    const lines = formatDeliverySummary(json).split("\n");
    expect(lines.slice(lines.indexOf("<b>Сообщения с наибольшим числом реакций</b>"))).toEqual([
      "<b>Сообщения с наибольшим числом реакций</b>",
      "1. Bob, 10 янв. 2024 г.: 1 реакция, больше всего 👍",
    ]);
  });

  it("stays short with the longest names", () => {
    const long = "<&>".repeat(100);
    const json = emptyReport({ totals: { ...emptyReport().totals, messages: 5 } });
    json.chat.name = long;
    json.reactionsReceived = {
      total: 30,
      messages: 3,
      karma: [1, 2, 3].map((n) => ({
        id: `user${n}`,
        name: long,
        received: 10,
        messages: 1,
        perMessage: 10,
      })),
      topMessages: [1, 2, 3].map((n) => ({
        id: n,
        chatId: 1,
        senderId: `user${n}`,
        senderName: long,
        date: "2024-03-01T09:15:00+03:00",
        reactions: 10,
        topReaction: "paid",
        link: `https://t.me/c/1234567890/${n}`,
      })),
    };
    // Six names cut to 24 characters, "<&>" escaped to 13 characters per 3: 6 × 24 × 13 / 3 = 624.
    expect(formatDeliverySummary(json).length).toBeLessThan(1500);
  });
});
