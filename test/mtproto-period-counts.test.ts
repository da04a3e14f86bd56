/**
 * Counting messages per period without reading history: GetHistory's
 * `offset_date` positions on the Telegram emulator.
 */
import { describe, expect, it } from "vitest";
import type { ChatInfo, Message } from "@tgstats/engine";
import {
  connectTelegramAccountWithClient,
  createMemoryAccessHashStore,
} from "@tgstats/worker/mtproto";
import {
  TelegramEmulator,
  createEmulatedClient,
  type EmulatedChat,
} from "@tgstats/sandbox/telegram-emulator";
import { makeMessage } from "./helpers/messages.js";

const ACCOUNT = { id: 4242, username: "stats_reader", firstName: "Stats Reader" };
const unix = (iso: string) => Date.parse(iso) / 1000;

/** A chat whose messages are at the given instants, in order. */
function chat(info: ChatInfo, dates: string[], extra: Partial<EmulatedChat> = {}): EmulatedChat {
  const messages: Message[] = dates.map((date, index) =>
    makeMessage({
      id: index + 1,
      dateUnix: unix(date),
      sender: { kind: "user", id: 7, name: "Ann" },
      text: `m${index}`,
    }),
  );
  return {
    info,
    username: null,
    accessHash: BigInt(info.id) * 31n,
    accountIsMember: true,
    messages,
    ...extra,
  };
}

const GROWING: ChatInfo = {
  kind: "channel",
  id: 1_900_000_001,
  name: "Growing",
  type: "private_supergroup",
};
const DYING: ChatInfo = { kind: "chat", id: 910_001, name: "Dying", type: "private_group" };
const HIDDEN: ChatInfo = {
  kind: "channel",
  id: 1_900_000_002,
  name: "Hidden",
  type: "private_supergroup",
};

function emulator(): TelegramEmulator {
  return new TelegramEmulator({
    account: ACCOUNT,
    chats: [
      chat(GROWING, [
        "2026-01-15T10:00:00Z",
        // Exactly on the February boundary: February's, not January's.
        "2026-02-01T00:00:00Z",
        "2026-02-20T10:00:00Z",
        "2026-03-02T10:00:00Z",
        "2026-03-03T10:00:00Z",
        "2026-03-04T10:00:00Z",
      ]),
      chat(DYING, [
        "2025-12-01T10:00:00Z",
        "2025-12-02T10:00:00Z",
        "2026-01-01T10:00:00Z",
        "2026-01-31T23:59:59Z",
      ]),
    ],
  });
}

async function connect(target: TelegramEmulator) {
  return connectTelegramAccountWithClient(createEmulatedClient(target), {
    accessHashes: createMemoryAccessHashStore(),
  });
}

const BOUNDARIES = ["2026-01-01", "2026-02-01", "2026-03-01"].map((day) =>
  unix(`${day}T00:00:00Z`),
);

describe("accountPeriodCounts", () => {
  it("counts each dialog per month with one GetHistory per boundary plus one, reading no page", async () => {
    const target = emulator();
    const account = await connect(target);
    const chats = await account.accountPeriodCounts(BOUNDARIES);
    const byName = new Map(chats.map((entry) => [entry.name, entry]));
    // Growing: Jan 15 | Feb 1 00:00, Feb 20 | Mar 2, 3, 4.
    expect(byName.get("Growing")).toMatchObject({ messages: 6, counts: [1, 2, 3] });
    // Dying: two in December (before the first boundary, not counted), Jan 1 and Jan 31 23:59:59.
    expect(byName.get("Dying")).toMatchObject({ messages: 4, counts: [2, 0, 0] });
    const histories = target.requestLog.filter((entry) => entry.method === "messages.GetHistory");
    // 2 dialogs × (1 count + 3 boundaries).
    expect(histories).toHaveLength(8);
    expect(histories.every((entry) => entry.params.limit === 1)).toBe(true);
  });

  it("counts what the account can see of a chat joined with the history hidden", async () => {
    const target = new TelegramEmulator({
      account: ACCOUNT,
      chats: [
        chat(HIDDEN, [
          "2026-01-05T10:00:00Z",
          "2026-01-06T10:00:00Z",
          "2026-02-05T10:00:00Z",
          "2026-03-05T10:00:00Z",
        ]),
      ],
    });
    // Joined after message 2: the account sees messages 3 and 4 only.
    target.hideHistoryUpTo({ kind: "channel", id: HIDDEN.id }, 2);
    const account = await connect(target);
    const [hidden] = await account.accountPeriodCounts(BOUNDARIES);
    expect(hidden).toMatchObject({ name: "Hidden", messages: 2, counts: [0, 1, 1] });
  });
});
