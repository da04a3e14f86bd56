/**
 * A supergroup upgraded from a basic group: Telegram keeps the old group's
 * history apart (`channelFull.migrated_from_chat_id`), while a tdesktop export
 * lists both in one chat, the old ids shifted by −10⁹. The report of the
 * supergroup must count both, the same as the export, and be cached.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StatsJobData } from "@tgstats/platform";
import { makeTempDir } from "./helpers/temp-dir.js";
import {
  ACCOUNT,
  KEYS,
  reportFromExport,
  runJob,
  useWorkerRig,
  statsJob,
  writeSeedExport,
  type SeedExport,
} from "./helpers/worker-harness.js";

const SHIFT = 1_000_000_000;
/** Messages of the seed that were written before the upgrade, in the basic group. */
const OLD_GROUP_MESSAGES = 250;

interface ExportMessage {
  id: number;
  reply_to_message_id?: number;
}

/**
 * The seed export as tdesktop writes an upgraded group: its first messages
 * get the old group's shifted ids; replies never cross from one to the other.
 */
function asMigratedExport(source: SeedExport): SeedExport {
  const json = JSON.parse(readFileSync(source.path, "utf8")) as { messages: ExportMessage[] };
  const oldIds = new Set(json.messages.slice(0, OLD_GROUP_MESSAGES).map((m) => m.id));
  json.messages = json.messages.map((message, index) => {
    const inOld = index < OLD_GROUP_MESSAGES;
    const reply = message.reply_to_message_id;
    const moved: ExportMessage = { ...message, id: inOld ? message.id - SHIFT : message.id };
    delete moved.reply_to_message_id;
    if (reply !== undefined && oldIds.has(reply) === inOld)
      moved.reply_to_message_id = inOld ? reply - SHIFT : reply;
    return moved;
  });
  const file = path.join(makeTempDir("tgstats-migrated-"), "result.json");
  writeFileSync(file, JSON.stringify(json));
  return { ...source, path: file };
}

const rig = useWorkerRig(async () =>
  asMigratedExport(
    await writeSeedExport({ messages: 700, spanDays: 90, people: 8, tdesktopEscapes: false }),
  ),
);

describe("a supergroup upgraded from a basic group", () => {
  it("reports the messages of both histories, as the export does, and answers a repeat from the cache", async () => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const firstStart = harness.emulator.requestLog.length;
    const first = await runJob(harness, statsJob(rig.seed));
    expect(first.messages).toBe(reference.totals.messages);
    // Both histories were read: pages of the supergroup and of the old group.
    const peers = new Set(
      harness.emulator.requestLog
        .slice(firstStart)
        .filter((r) => r.method === "messages.GetHistory")
        .map((r) => String(r.params.peer)),
    );
    expect([...peers].sort()).toEqual([
      `channel${rig.seed.chatId}`,
      expect.stringMatching(/^chat\d+$/),
    ]);

    const before = harness.emulator.requestLog.length;
    const repeat = await runJob(harness, statsJob(rig.seed));
    expect(repeat.messages).toBe(reference.totals.messages);
    expect(repeat.fromCache).toBe(true);
    expect(repeat.fetchedMessages).toBe(0);
    const repeatRequests = harness.emulator.requestLog.slice(before);
    // At most two per history, as for any cached chat; the upgrade link is known from the first job.
    expect(
      repeatRequests.filter((r) => r.method === "messages.GetHistory").length,
    ).toBeLessThanOrEqual(4);
    expect(repeatRequests.filter((r) => r.method === "channels.GetFullChannel")).toHaveLength(0);
  });

  it("resumes a read delayed by flood waits in either history and counts every message once", async () => {
    const harness = await rig.start({
      floodPolicy: { "messages.GetHistory": { requests: 3, perSeconds: 1 } },
      floodSleepThresholdSeconds: 0,
      checkpointEveryPages: 1,
    });
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const job = await harness.queue.add("stats", statsJob(rig.seed) as StatsJobData);
    const delayedIn: Promise<boolean | undefined>[] = [];
    const queue = harness.queue;
    harness.events.on("delayed", ({ jobId }) => {
      delayedIn.push(queue.getJob(jobId).then((found) => found?.data.checkpoint?.migratedFrom));
    });
    const result = await job.waitUntilFinished(harness.events, 120_000);
    expect(result.messages).toBe(reference.totals.messages);
    // Both caches hold each month once: a repeat from them gives the same count.
    const repeat = await runJob(harness, statsJob(rig.seed));
    expect(repeat).toMatchObject({ fromCache: true, messages: reference.totals.messages });
    // Delays struck while reading each history.
    const where = await Promise.all(delayedIn);
    expect(where).toContain(true);
    expect(where.some((inOld) => inOld !== true)).toBe(true);
  }, 180_000);

  it("/forget of the supergroup forgets the old group's cached months too", async () => {
    const harness = await rig.start();
    await runJob(harness, statsJob(rig.seed));
    const own = `${KEYS.cache}:channel${rig.seed.chatId}`;
    const cached = (await harness.redis.keys(`${own}*`)).sort();
    expect(cached).toEqual([
      own,
      expect.stringMatching(new RegExp(`^${own}:migrated:account${ACCOUNT.id}:chat\\d+$`)),
    ]);
    expect(await harness.cache.forgetBotChat(rig.seed.botApiChatId)).toBe(2);
    expect(await harness.redis.keys(`${own}*`)).toEqual([]);
  });

  it("reports the supergroup alone when the account cannot read the old group", async () => {
    const harness = await rig.start();
    const supergroupOnly = path.join(makeTempDir("tgstats-migrated-"), "result.json");
    const json = JSON.parse(readFileSync(rig.seed.path, "utf8")) as { messages: ExportMessage[] };
    json.messages = json.messages.filter((message) => message.id > 0);
    writeFileSync(supergroupOnly, JSON.stringify(json));
    const reference = await reportFromExport(supergroupOnly, { timeZone: "UTC" });
    const supergroup = await harness.account.resolveChat({
      kind: "bot-chat",
      chatId: rig.seed.botApiChatId,
    });
    const oldGroup = await harness.account.migratedFrom(supergroup);
    harness.emulator.setMembership(oldGroup!.info, false);
    const result = await runJob(harness, statsJob(rig.seed));
    expect(result.messages).toBe(reference.totals.messages);
  });

  it("never reads the old group for a stranger naming the supergroup by @username", async () => {
    const harness = await rig.start();
    const json = JSON.parse(readFileSync(rig.seed.path, "utf8")) as { messages: ExportMessage[] };
    json.messages = json.messages.filter((message) => message.id > 0);
    const supergroupOnly = path.join(makeTempDir("tgstats-migrated-"), "result.json");
    writeFileSync(supergroupOnly, JSON.stringify(json));
    const reference = await reportFromExport(supergroupOnly, { timeZone: "UTC" });
    harness.emulator.setUsername({ kind: "channel", id: rig.seed.chatId }, "made_public");
    harness.botApi.addChat({ id: 4_000_001, type: "private", first_name: "Stranger" });
    const start = harness.emulator.requestLog.length;
    const fromStranger: StatsJobData = {
      ...(statsJob(rig.seed) as StatsJobData),
      target: { kind: "username", username: "made_public", chatId: rig.seed.botApiChatId },
      reply: { chatId: 4_000_001, statusMessageId: null, language: "en", htmlPage: true },
    };
    const result = await runJob(harness, fromStranger);
    expect(result.messages).toBe(reference.totals.messages);
    const peers = harness.emulator.requestLog
      .slice(start)
      .filter((r) => r.method === "messages.GetHistory")
      .map((r) => String(r.params.peer));
    expect(new Set(peers)).toEqual(new Set([`channel${rig.seed.chatId}`]));
  });
});
