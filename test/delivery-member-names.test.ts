import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import {
  deliverMemberNames,
  type DeliveryStepRecord,
  type JobDeliveryJournal,
  type MemberNamesDelivery,
} from "@tgstats/worker";

// The names go out once per job, like the report's steps: a retried or resumed attempt
// finds them recorded and sends nothing again.

const TOKEN = "557:names";
const GROUP = -1004000000001;
const ADMIN = 71;

/** A journal in memory, with Redis's claim semantics (a step is claimed once). */
function memoryJournal(): JobDeliveryJournal & { records: Map<string, DeliveryStepRecord> } {
  const records = new Map<string, DeliveryStepRecord>();
  return {
    records,
    read: () => Promise.resolve(new Map(records)),
    claim: (step) => {
      if (records.has(step)) return Promise.resolve(false);
      records.set(step, { state: "sending", atMs: 0 });
      return Promise.resolve(true);
    },
    begin: (step) => {
      records.set(step, { state: "sending", atMs: 0 });
      return Promise.resolve();
    },
    complete: (step, messageIds) => {
      records.set(step, { state: "sent", messageIds: [...messageIds] });
      return Promise.resolve();
    },
    release: (step) => {
      records.delete(step);
      return Promise.resolve();
    },
    clear: () => {
      records.clear();
      return Promise.resolve();
    },
  };
}

let server: FakeBotApi | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(): Promise<{ server: FakeBotApi; api: Api }> {
  server = await startFakeBotApi({ token: TOKEN });
  server.addChat({ id: GROUP, type: "supergroup", title: "Team" });
  server.addUser({ id: ADMIN, is_bot: false, first_name: "Admin" });
  server.setChatMember(GROUP, ADMIN, "administrator");
  return { server, api: new Api(TOKEN, { apiRoot: server.apiRoot }) };
}

function delivery(journal: JobDeliveryJournal): MemberNamesDelivery {
  return {
    chatId: GROUP,
    chatName: "Team",
    requesterId: ADMIN,
    replyChatId: GROUP,
    neverWrote: [{ id: 5, name: "Eve" }],
    silent: [],
    silentDays: 90,
    language: "en",
    journal,
  };
}

const sends = (fake: FakeBotApi) =>
  fake.calls.filter((call) => call.method === "sendMessage" && call.ok).map((call) => call.chatId);

describe("the member names delivery", () => {
  it("sends the names once: a second attempt finds them sent", async () => {
    const { server: fake, api } = await start();
    fake.addChat({ id: ADMIN, type: "private", first_name: "Admin" });
    const journal = memoryJournal();
    expect(await deliverMemberNames(api, delivery(journal))).toBe("sent");
    expect(await deliverMemberNames(api, delivery(journal))).toBe("sent");
    expect(sends(fake)).toEqual([ADMIN]);
  });

  it("sends the note once when the admin never started the bot", async () => {
    const { server: fake, api } = await start();
    const journal = memoryJournal();
    expect(await deliverMemberNames(api, delivery(journal))).toBe("not-started");
    expect(await deliverMemberNames(api, delivery(journal))).toBe("not-started");
    // The refused private message is recorded with no message; the note went to the group once.
    expect(journal.records.get("member-names")).toEqual({ state: "sent", messageIds: [] });
    expect(sends(fake)).toEqual([GROUP]);
  });

  it("never sends again what an attempt that died may have sent", async () => {
    const { server: fake, api } = await start();
    fake.addChat({ id: ADMIN, type: "private", first_name: "Admin" });
    const journal = memoryJournal();
    journal.records.set("member-names", { state: "sending", atMs: 0 });
    expect(await deliverMemberNames(api, delivery(journal))).toBe("uncertain");
    expect(sends(fake)).toEqual([]);
  });

  it("sends nothing to someone who is no admin of the chat", async () => {
    const { server: fake, api } = await start();
    fake.setChatMember(GROUP, ADMIN, "member");
    fake.addChat({ id: ADMIN, type: "private", first_name: "Admin" });
    expect(await deliverMemberNames(api, delivery(memoryJournal()))).toBe("not-admin");
    expect(sends(fake)).toEqual([]);
  });
});
