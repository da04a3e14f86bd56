/**
 * The same history through two sources must give the same report: a synthetic
 * tdesktop export read by the export reader, and the same export served by the
 * Telegram emulator and read back through the MTProto adapter.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ReportBuilder,
  ZoneClock,
  readExportChats,
  toReportJson,
  type ChatInfo,
  type MemberRef,
  type Message,
  type ReportJson,
} from "@tgstats/engine";
import { writeSyntheticExport, type SyntheticExportOptions } from "@tgstats/sandbox";
import {
  ChatNotReportableError,
  botApiIdOf,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
  type TelegramAccount,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  emulatedChatsFromExport,
  type EmulatedAccount,
} from "@tgstats/sandbox/telegram-emulator";

const ZONE = "Europe/Moscow";
const directory = mkdtempSync(join(tmpdir(), "tgstats-mtproto-roundtrip-"));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface Source {
  info: ChatInfo;
  messages: Message[];
}

async function readWithExportReader(path: string): Promise<Source> {
  for await (const chat of readExportChats(path, { assumedTimeZone: new ZoneClock(ZONE) })) {
    const messages: Message[] = [];
    for await (const batch of chat.batches()) messages.push(...batch);
    return { info: chat.info, messages };
  }
  throw new Error(`no chat in ${path}`);
}

/** Fetches the whole history the way the worker does: pages of 100 from the newest. */
async function readWithAdapter(
  path: string,
  account: EmulatedAccount,
): Promise<Source & { telegram: TelegramAccount; emulator: TelegramEmulator }> {
  const chats = await emulatedChatsFromExport(path, {});
  const emulator = new TelegramEmulator({ account, chats });
  const telegram = await connectTelegramAccountWithClient(createEmulatedClient(emulator), {
    accessHashes: createMemoryAccessHashStore(),
  });
  const chat = await telegram.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(chats[0]!.info) });
  const messages: Message[] = [];
  for (let offsetId: number | null = 0; offsetId !== null;) {
    const page = await telegram.fetchHistoryPage(chat, { offsetId, limit: 100 });
    messages.push(...page.messages);
    offsetId = page.nextOffsetId;
  }
  return { info: chat.info, messages, telegram, emulator };
}

/**
 * Both reports with inviters known to the export by name only (a link's
 * inviter) named the same way on both sides: MTProto gives their ids, which
 * also moves them among equals. Checks each such inviter has an id there.
 */
function sameInviterNames(
  fromTelegram: ReportJson,
  fromExport: ReportJson,
): [ReportJson, ReportJson] {
  const nameOnly = new Set(
    (fromExport.members?.topInviters ?? []).filter((i) => i.id === null).map((i) => i.name),
  );
  const normalize = (report: ReportJson, side: "telegram" | "export"): ReportJson => {
    if (report.members === null) return report;
    const inviters = report.members.topInviters.map((inviter) => {
      if (!nameOnly.has(inviter.name)) return inviter;
      if (side === "telegram") expect(inviter.id).not.toBeNull();
      return { ...inviter, id: null };
    });
    inviters.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { ...report, members: { ...report.members, topInviters: inviters } };
  };
  return [normalize(fromTelegram, "telegram"), normalize(fromExport, "export")];
}

function report(source: Source): ReportJson {
  const builder = new ReportBuilder({ timeZone: ZONE });
  builder.addBatch(source.messages);
  return toReportJson(builder.state, { chat: source.info });
}

/** The raw JSON of an export, with tdesktop's `\xHH` escapes made valid, messages by id. */
function rawMessages(path: string): Map<number, Record<string, unknown>> {
  const text = readFileSync(path, "utf8").replace(/\\x([0-9A-F]{2})/g, "\\u00$1");
  const parsed = JSON.parse(text) as { messages: Record<string, unknown>[] };
  return new Map(parsed.messages.map((message) => [message.id as number, message]));
}

/**
 * The adapter's messages with member ids dropped where the export has none:
 * tdesktop names members added or removed by someone else, and a link's
 * inviter, by display name only, while MTProto gives every id. Checks that
 * each dropped id was there and the names agree.
 */
function withExportMemberIds(fromTelegram: Message[], fromExport: Message[]): Message[] {
  const exported = new Map(fromExport.map((message) => [message.id, message]));
  return fromTelegram.map((message) => {
    const details = message.service;
    const original = exported.get(message.id)?.service;
    if (details === null || original === null || original === undefined) return message;
    const erase = (member: MemberRef, exportedMember: MemberRef | null | undefined): MemberRef => {
      if (exportedMember?.peer !== null) return member;
      expect(member.peer).not.toBeNull();
      expect(member.name).toBe(exportedMember.name);
      return { peer: null, name: member.name };
    };
    if ("members" in details && "members" in original)
      return {
        ...message,
        service: {
          ...details,
          members: details.members.map((member, index) => erase(member, original.members[index])),
        },
      };
    if (details.type === "joined_by_link" && original.type === "joined_by_link")
      return {
        ...message,
        service: {
          ...details,
          inviter: details.inviter === null ? null : erase(details.inviter, original.inviter),
        },
      };
    return message;
  });
}

const READER: EmulatedAccount = { id: 42, username: "stats_reader", firstName: "Reader" };

describe("a 10k-message supergroup through the emulator and the adapter", () => {
  const path = join(directory, "supergroup.json");
  let fromExport: Source;
  let fromTelegram: Awaited<ReturnType<typeof readWithAdapter>>;

  beforeAll(async () => {
    await writeSyntheticExport(path, { messages: 10_000, seed: 20_240_601 });
    fromExport = await readWithExportReader(path);
    fromTelegram = await readWithAdapter(path, READER);
  }, 60_000);

  it("gives exactly the report the export reader gives", () => {
    expect(fromTelegram.info).toEqual(fromExport.info);
    const [telegramReport, exportReport] = sameInviterNames(
      report(fromTelegram),
      report(fromExport),
    );
    expect(telegramReport).toEqual(exportReport);
  });

  it("gives every message exactly as the export reader does, newest first", () => {
    expect(fromTelegram.messages).toHaveLength(10_000);
    expect(withExportMemberIds(fromTelegram.messages, fromExport.messages)).toEqual(
      [...fromExport.messages].reverse(),
    );
  });

  it("takes one history request per 100 messages, plus one that finds the end", () => {
    // 10 000 messages in pages of 100, then an empty page: only a short page ends the walk.
    expect(fromTelegram.telegram.requestCounts.get("messages.GetHistory")).toBe(101);
    expect(fromTelegram.emulator.requestCount("messages.GetHistory")).toBe(101);
  });

  it("maps chosen messages field by field as the raw export JSON says", () => {
    const raw = rawMessages(path);
    const byId = new Map(fromTelegram.messages.map((message) => [message.id, message]));
    const pick = (test: (message: Record<string, unknown>) => boolean) => {
      const found = [...raw.values()].find(test);
      if (found === undefined)
        throw new Error("the synthetic export lacks a message this test needs");
      return { raw: found, mapped: byId.get(found.id as number)! };
    };

    const sticker = pick((m) => m.media_type === "sticker");
    expect(sticker.mapped.kind).toBe("sticker");
    expect(sticker.mapped.stickerEmoji).toBe(sticker.raw.sticker_emoji);
    expect(sticker.mapped.sender).toEqual({
      kind: "user",
      id: Number(String(sticker.raw.from_id).slice(4)),
      name: sticker.raw.from,
    });

    const reply = pick(
      (m) => typeof m.reply_to_message_id === "number" && typeof m.text === "string",
    );
    expect(reply.mapped.replyToId).toBe(reply.raw.reply_to_message_id);
    expect(reply.mapped.text).toBe(reply.raw.text);
    expect(reply.mapped.dateUnix).toBe(Number(reply.raw.date_unixtime));

    const edited = pick((m) => m.edited_unixtime !== undefined);
    expect(edited.mapped.editedDateUnix).toBe(Number(edited.raw.edited_unixtime));

    const hashtag = pick(
      (m) =>
        Array.isArray(m.text_entities) &&
        (m.text_entities as { type: string }[]).some((part) => part.type === "hashtag"),
    );
    const tags = (hashtag.raw.text_entities as { type: string; text: string }[])
      .filter((part) => part.type === "hashtag")
      .map((part) => ({ type: "hashtag", value: part.text }));
    expect(hashtag.mapped.entities.filter((entity) => entity.type === "hashtag")).toEqual(tags);

    const reacted = pick(
      (m) => Array.isArray(m.reactions) && (m.reactions as unknown[]).length > 1,
    );
    expect(reacted.mapped.reactions).toEqual(
      (
        reacted.raw.reactions as {
          type: string;
          count: number;
          emoji?: string;
          document_id?: string;
        }[]
      ).map((r) =>
        r.type === "emoji"
          ? { type: "emoji", emoji: r.emoji, count: r.count }
          : r.type === "custom_emoji"
            ? { type: "custom_emoji", documentId: r.document_id, count: r.count }
            : { type: "paid", count: r.count },
      ),
    );

    const viaBot = pick((m) => m.via_bot !== undefined);
    expect(viaBot.mapped.viaBot).toBe(viaBot.raw.via_bot);
    expect(viaBot.mapped.kind).toBe("animation");

    const forwarded = pick((m) => m.forwarded_from !== undefined && m.forwarded_from !== null);
    expect(forwarded.mapped.forwardedFrom).toEqual({
      name: forwarded.raw.forwarded_from,
      peer: null,
    });

    const join = pick((m) => m.action === "join_group_by_link");
    expect(join.mapped).toMatchObject({
      kind: "service",
      serviceAction: "join_group_by_link",
      text: "",
    });
    expect(join.mapped.sender?.name).toBe(join.raw.actor);

    const anonymousAdmin = pick(
      (m) => m.from_id === `channel${fromExport.info.id}` && m.author !== undefined,
    );
    expect(anonymousAdmin.mapped.sender).toEqual({
      kind: "channel",
      id: fromExport.info.id,
      name: fromExport.info.name,
    });
    expect(anonymousAdmin.mapped.authorSignature).toBe(anonymousAdmin.raw.author);
  });
});

describe("other chat types round-trip with identical reports", () => {
  const cases: [string, Partial<SyntheticExportOptions>][] = [
    ["a broadcast channel (posts without from_id, signatures)", { chatType: "private_channel" }],
    ["a basic group (messages.MessagesSlice)", { chatType: "private_group" }],
    ["a public supergroup", { chatType: "public_supergroup" }],
  ];
  it.each(cases)("%s", async (_name, options) => {
    const path = join(directory, `${options.chatType}.json`);
    await writeSyntheticExport(path, { messages: 2_000, seed: 77, ...options });
    const fromExport = await readWithExportReader(path);
    const fromTelegram = await readWithAdapter(path, READER);
    expect(fromTelegram.info).toEqual(fromExport.info);
    expect(withExportMemberIds(fromTelegram.messages, fromExport.messages)).toEqual(
      [...fromExport.messages].reverse(),
    );
    const [telegramReport, exportReport] = sameInviterNames(
      report(fromTelegram),
      report(fromExport),
    );
    expect(telegramReport).toEqual(exportReport);
  });

  it("a private chat is never read: the adapter refuses to resolve it", async () => {
    const path = join(directory, "personal_chat.json");
    await writeSyntheticExport(path, { messages: 200, seed: 77, chatType: "personal_chat" });
    await expect(readWithAdapter(path, READER)).rejects.toThrow(ChatNotReportableError);
  });
});
