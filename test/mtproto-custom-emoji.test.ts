/**
 * Custom emoji reactions named by the emoji they stand for: the adapter asks
 * `messages.getCustomEmojiDocuments` (answered by the emulator with real TL
 * documents, through the wire format) and the report and summary name them.
 */
import { describe, expect, it } from "vitest";
import { ReportBuilder, toReportJson, type ChatInfo, type Message } from "@tgstats/engine";
import {
  TelegramEmulator,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import {
  botApiIdOf,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import { customEmojiIds, formatDeliverySummary } from "@tgstats/worker";
import { alice, makeMessage, unix } from "./helpers/messages.js";

const THUMBS = "5368324170671202286";
const UNKNOWN = "5370000000000000001";
const GROUP: ChatInfo = {
  kind: "channel",
  id: 1_500_000_001,
  name: "Club",
  type: "public_supergroup",
};
const ME = { id: 42, username: "me_reader", firstName: "Me" };

const MESSAGES: Message[] = [
  makeMessage({
    id: 7,
    dateUnix: unix("2024-05-01T10:00:00Z"),
    sender: alice,
    text: "first",
    reactions: [
      { type: "custom_emoji", documentId: THUMBS, count: 5 },
      { type: "emoji", emoji: "🔥", count: 1 },
    ],
  }),
  makeMessage({
    id: 8,
    dateUnix: unix("2024-05-01T10:05:00Z"),
    sender: alice,
    text: "second",
    reactions: [{ type: "custom_emoji", documentId: UNKNOWN, count: 2 }],
  }),
];

async function connect(customEmoji: Record<string, string>) {
  const chat: EmulatedChat = {
    info: GROUP,
    username: "club_chat",
    accessHash: 99n,
    accountIsMember: true,
    messages: MESSAGES,
  };
  const emulator = new TelegramEmulator({ account: ME, chats: [chat], customEmoji });
  const account = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
  });
  return { emulator, account };
}

describe("custom emoji through the adapter", () => {
  it("names the custom emoji Telegram knows, in one request, and skips ids that are no number", async () => {
    const { emulator, account } = await connect({ [THUMBS]: "👍" });
    const alts = await account.customEmojiAlts([
      THUMBS,
      UNKNOWN,
      "stickers/sticker (1).webp",
      THUMBS,
    ]);
    expect([...alts]).toEqual([[THUMBS, "👍"]]);
    expect(emulator.requestCount("messages.GetCustomEmojiDocuments")).toBe(1);
    const request = emulator.requestLog.find(
      (entry) => entry.method === "messages.GetCustomEmojiDocuments",
    );
    expect(request?.params.documentId).toEqual([THUMBS, UNKNOWN]);
    expect(await account.customEmojiAlts([])).toEqual(new Map());
    expect(emulator.requestCount("messages.GetCustomEmojiDocuments")).toBe(1);
  });

  it("asks for at most 200 ids at a time", async () => {
    const { emulator, account } = await connect({ [THUMBS]: "👍" });
    const ids = Array.from({ length: 201 }, (_, index) =>
      String(6_000_000_000_000_000_000n + BigInt(index)),
    );
    const alts = await account.customEmojiAlts([...ids, THUMBS]);
    expect(alts.get(THUMBS)).toBe("👍");
    // 202 ids: 200 + 2.
    expect(emulator.requestCount("messages.GetCustomEmojiDocuments")).toBe(2);
  });

  it("reads the history, links the public chat's messages by username and names the reactions", async () => {
    const { account } = await connect({ [THUMBS]: "👍" });
    const chat = await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) });
    expect(chat.username).toBe("club_chat");
    const page = await account.fetchHistoryPage(chat, { offsetId: 0 });
    const builder = new ReportBuilder({ timeZone: "UTC" });
    builder.addBatch(page.messages);
    const report = toReportJson(builder.state, {
      chat: { ...chat.info, username: chat.username },
    });
    expect(customEmojiIds(report)).toEqual([THUMBS, UNKNOWN]);
    const named = {
      ...report,
      customEmoji: Object.fromEntries(await account.customEmojiAlts(customEmojiIds(report))),
    };
    expect(named.customEmoji).toEqual({ [THUMBS]: "👍" });
    const lines = formatDeliverySummary(named).split("\n");
    expect(lines.slice(lines.indexOf("<b>Most reacted messages</b>"))).toEqual([
      "<b>Most reacted messages</b>",
      // 5 + 1 = 6 reactions, the custom 👍 most given; then 2 of the unknown one.
      '1. <a href="https://t.me/club_chat/7">Alice, May 1, 2024</a>: 6 reactions, mostly 👍 (custom)',
      '2. <a href="https://t.me/club_chat/8">Alice, May 1, 2024</a>: 2 reactions, mostly custom emoji …0001',
    ]);
  });
});
