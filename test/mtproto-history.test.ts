/**
 * The emulator's messages.getHistory against Telegram's documented paging
 * (core.telegram.org/api/offsets), with expectations worked out by hand on a
 * small history, and the adapter's counts and incremental fetches on top.
 */
import { describe, expect, it } from "vitest";
import { Api } from "telegram";
import type { ChatInfo, Message } from "@tgstats/engine";
import { toLong } from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  sliceHistory,
  type HistoryQuery,
} from "@tgstats/sandbox/telegram-emulator";
import {
  botApiIdOf,
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import { makeMessage } from "./helpers/messages.js";

/** Ids 1..20 with gaps: 1-5, 8-12, 15-24 (20 messages), one a minute from t = 1000. */
const IDS = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
const HISTORY = IDS.map((id, index) =>
  makeMessage({
    id,
    dateUnix: 1000 + 60 * index,
    sender: { kind: "user", id: 5, name: "Ann" },
    text: `m${id}`,
  }),
);
const query = (fields: Partial<HistoryQuery>): HistoryQuery => ({
  offsetId: 0,
  offsetDate: 0,
  addOffset: 0,
  limit: 100,
  maxId: 0,
  minId: 0,
  ...fields,
});
const idsOf = (fields: Partial<HistoryQuery>) =>
  sliceHistory(HISTORY, query(fields)).indexes.map((i) => IDS[i]);

describe("sliceHistory (getHistory paging)", () => {
  it("pages from the newest, below offset_id", () => {
    expect(idsOf({ limit: 3 })).toEqual([24, 23, 22]);
    expect(idsOf({ offsetId: 22, limit: 3 })).toEqual([21, 20, 19]);
    // An id that does not exist (a gap) starts below it all the same.
    expect(idsOf({ offsetId: 14, limit: 3 })).toEqual([12, 11, 10]);
    expect(idsOf({ offsetId: 3, limit: 5 })).toEqual([2, 1]);
    expect(idsOf({ offsetId: 1, limit: 5 })).toEqual([]);
  });

  it("shifts by add_offset: negative values reach newer messages, clipped at the newest", () => {
    // offsetFromID(10) = 13 messages with id ≥ 10; −2 → starts at the 12th newest (id 11).
    expect(idsOf({ offsetId: 10, addOffset: -2, limit: 4 })).toEqual([11, 10, 9, 8]);
    expect(idsOf({ offsetId: 10, addOffset: 2, limit: 2 })).toEqual([5, 4]);
    // Starting 2 before the newest: only the part inside the list is returned.
    expect(idsOf({ offsetId: 0, addOffset: -2, limit: 4 })).toEqual([24, 23]);
  });

  it("filters the slice with max_id and min_id, both exclusive", () => {
    expect(idsOf({ limit: 10, minId: 20 })).toEqual([24, 23, 22, 21]);
    expect(idsOf({ offsetId: 12, limit: 10, minId: 3 })).toEqual([11, 10, 9, 8, 5, 4]);
    // The slice is taken first: max_id below the newest 3 leaves nothing of them.
    expect(idsOf({ limit: 3, maxId: 20 })).toEqual([]);
    expect(idsOf({ offsetId: 20, limit: 3, maxId: 19 })).toEqual([18, 17]);
  });

  it("starts at offset_date when no offset_id is given", () => {
    // Message index 10 (id 15) is at t = 1600; "before 1600" starts at id 12.
    expect(idsOf({ offsetDate: 1600, limit: 2 })).toEqual([12, 11]);
    expect(idsOf({ offsetDate: 1601, limit: 2 })).toEqual([15, 12]);
  });

  it("reports the whole count and how many messages are newer than the offset", () => {
    expect(sliceHistory(HISTORY, query({ limit: 1 }))).toEqual({
      indexes: [19],
      count: 20,
      offsetIdOffset: undefined,
    });
    expect(sliceHistory(HISTORY, query({ offsetId: 22, limit: 3 })).offsetIdOffset).toBe(3);
    // add_offset does not move it: 13 messages have ids ≥ 10.
    expect(
      sliceHistory(HISTORY, query({ offsetId: 10, addOffset: -2, limit: 4 })).offsetIdOffset,
    ).toBe(13);
    // 10 messages are dated at or after 1600.
    expect(sliceHistory(HISTORY, query({ offsetDate: 1600, limit: 1 })).offsetIdOffset).toBe(10);
    // min_id does not change the count.
    expect(sliceHistory(HISTORY, query({ minId: 20, limit: 1 })).count).toBe(20);
    // limit is capped at 100 and 0 means Telegram's default of 20.
    expect(sliceHistory(HISTORY, query({ limit: 0 })).indexes).toHaveLength(20);
  });
});

const GROUP: ChatInfo = {
  kind: "channel",
  id: 1_234_567,
  name: "Group",
  type: "private_supergroup",
};
const BASIC: ChatInfo = { kind: "chat", id: 4_567, name: "Basic", type: "private_group" };

function emulator(messages: Message[] = HISTORY): TelegramEmulator {
  return new TelegramEmulator({
    account: { id: 42, username: "reader", firstName: "Reader" },
    chats: [
      { info: GROUP, username: null, accessHash: 555n, accountIsMember: true, messages },
      {
        info: BASIC,
        username: null,
        accessHash: 0n,
        accountIsMember: true,
        messages: HISTORY.slice(0, 3),
      },
    ],
  });
}

function history(fields: Partial<HistoryQuery>, peer: Api.TypeInputPeer) {
  const q = query(fields);
  return new Api.messages.GetHistory({ peer, ...q, hash: toLong(0) });
}

describe("the emulator's GetHistory answers", () => {
  const channelPeer = new Api.InputPeerChannel({
    channelId: toLong(GROUP.id),
    accessHash: toLong(555n),
  });

  it("answers channels with ChannelMessages carrying count and offsetIdOffset", async () => {
    const answer = (await emulator().invoke(
      history({ offsetId: 22, limit: 3 }, channelPeer),
    )) as Api.messages.ChannelMessages;
    expect(answer).toBeInstanceOf(Api.messages.ChannelMessages);
    expect(answer.messages.map((message) => message.id)).toEqual([21, 20, 19]);
    expect(answer.count).toBe(20);
    expect(answer.offsetIdOffset).toBe(3);
    expect(answer.users.map((user) => user.id.toString())).toEqual(["5"]);
  });

  it("answers basic groups with Messages when all fit and MessagesSlice otherwise", async () => {
    const peer = new Api.InputPeerChat({ chatId: toLong(BASIC.id) });
    const all = await emulator().invoke(history({ limit: 10 }, peer));
    const some = (await emulator().invoke(
      history({ limit: 2 }, peer),
    )) as Api.messages.MessagesSlice;
    expect(all).toBeInstanceOf(Api.messages.Messages);
    expect(some).toBeInstanceOf(Api.messages.MessagesSlice);
    expect(some.count).toBe(3);
  });

  it("refuses a wrong access hash like Telegram does", async () => {
    const wrong = new Api.InputPeerChannel({
      channelId: toLong(GROUP.id),
      accessHash: toLong(556n),
    });
    await expect(emulator().invoke(history({ limit: 1 }, wrong))).rejects.toMatchObject({
      errorMessage: "CHANNEL_INVALID",
      code: 400,
    });
  });
});

describe("counts and incremental fetches through the adapter", () => {
  async function connect(target: TelegramEmulator) {
    const account = await connectTelegramAccountWithClient(createEmulatedClient(target), {
      accessHashes: createMemoryAccessHashStore(),
    });
    return {
      account,
      chat: await account.resolveChat({ kind: "bot-chat", chatId: botApiIdOf(GROUP) }),
    };
  }

  it("counts the whole history, or only what is newer than minId, in one request each", async () => {
    const target = emulator();
    const { account, chat } = await connect(target);
    const before = target.requestCount("messages.GetHistory");
    expect(await account.countMessages(chat)).toBe(20);
    expect(await account.countMessages(chat, { minId: 20 })).toBe(4);
    expect(await account.countMessages(chat, { minId: 13 })).toBe(10);
    expect(await account.countMessages(chat, { minId: 24 })).toBe(0);
    expect(await account.countMessages(chat, { minId: 0 })).toBe(20);
    expect(target.requestCount("messages.GetHistory") - before).toBe(5);
  });

  it("counts a basic group's newer messages from MessagesSlice and Messages answers", async () => {
    const target = new TelegramEmulator({
      account: { id: 42, username: "reader", firstName: "Reader" },
      chats: [
        {
          info: BASIC,
          username: null,
          accessHash: 0n,
          accountIsMember: true,
          messages: HISTORY.slice(0, 3),
        },
        {
          info: { ...BASIC, id: 4_568 },
          username: null,
          accessHash: 0n,
          accountIsMember: true,
          messages: HISTORY.slice(0, 1),
        },
      ],
    });
    const account = await connectTelegramAccountWithClient(createEmulatedClient(target), {
      accessHashes: createMemoryAccessHashStore(),
    });
    const basic = await account.resolveChat({ kind: "bot-chat", chatId: -BASIC.id });
    expect(await account.countMessages(basic)).toBe(3);
    expect(await account.countMessages(basic, { minId: 1 })).toBe(2);
    expect(await account.countMessages(basic, { minId: 3 })).toBe(0);
    // A one-message chat: the message at or below minId comes back as messages.Messages.
    const single = await account.resolveChat({ kind: "bot-chat", chatId: -4_568 });
    expect(await account.countMessages(single, { minId: 1 })).toBe(0);
    expect(await account.countMessages(single, { minId: 0 })).toBe(1);
  });

  it("pages to the end, ending on a short page, and ranges with maxId", async () => {
    const { account, chat } = await connect(emulator());
    const first = await account.fetchHistoryPage(chat, { offsetId: 0, limit: 8 });
    expect(first.messages.map((m) => m.id)).toEqual([24, 23, 22, 21, 20, 19, 18, 17]);
    expect(first.nextOffsetId).toBe(17);
    const full = await account.fetchHistoryPage(chat, { offsetId: 4, limit: 3 });
    // Ids 3, 2, 1 are the last three, but a full page cannot tell; the next, empty one ends it.
    expect(full.messages.map((m) => m.id)).toEqual([3, 2, 1]);
    expect(full.nextOffsetId).toBe(1);
    expect(await account.fetchHistoryPage(chat, { offsetId: 1, limit: 3 })).toEqual({
      messages: [],
      nextOffsetId: null,
    });
    const range = await account.fetchHistoryPage(chat, { offsetId: 0, maxId: 10, limit: 3 });
    expect(range.messages.map((m) => m.id)).toEqual([9, 8, 5]);
  });

  it("refetches an unchanged chat in at most 2 requests, then only the 50 new messages", async () => {
    const target = emulator();
    const { account, chat } = await connect(target);
    const requests = () => target.requestCount("messages.GetHistory");
    const start = requests();
    expect(await account.countMessages(chat, { minId: 24 })).toBe(0);
    const unchanged = await account.fetchHistoryPage(chat, { offsetId: 0, minId: 24 });
    expect(unchanged).toEqual({ messages: [], nextOffsetId: null });
    expect(requests() - start).toBe(2);

    const fresh = Array.from({ length: 50 }, (_, i) =>
      makeMessage({
        id: 25 + i,
        dateUnix: 5000 + i,
        sender: { kind: "user", id: 5, name: "Ann" },
        text: `new ${i}`,
      }),
    );
    target.addMessages(GROUP.id, fresh);
    expect(await account.countMessages(chat, { minId: 24 })).toBe(50);
    const fetched: number[] = [];
    for (let offsetId: number | null = 0; offsetId !== null;) {
      const page = await account.fetchHistoryPage(chat, { offsetId, minId: 24, limit: 20 });
      fetched.push(...page.messages.map((m) => m.id));
      offsetId = page.nextOffsetId;
    }
    expect(fetched).toEqual(Array.from({ length: 50 }, (_, i) => 74 - i));
    // 1 count + pages of 20, 20 and 10 (the short page ends the walk).
    expect(requests() - start).toBe(2 + 1 + 3);
  });
});
