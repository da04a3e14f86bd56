import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FlowProducer, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import {
  ChatDirectory,
  DEFAULT_KEY_PREFIX,
  STATS_JOB_SCHEMA_VERSION,
  STATS_QUEUE,
  accountQueueName,
  packJson,
  type StatsJobData,
} from "@tgstats/platform";
import { MonthBuckets } from "@tgstats/platform/month-buckets";
import {
  createMessage,
  formatChange,
  ReportBuilder,
  toReportJson,
  type Message,
} from "@tgstats/engine";
import { planReportCharts } from "@tgstats/charts";
import { emulatedChatsFromExport } from "@tgstats/sandbox/telegram-emulator";
import { SplitPartStore, formatDeliverySummary } from "@tgstats/worker";
import { expectedBatches } from "./helpers/album-batches.js";
import { readAll } from "./helpers/read-export.js";
import {
  ACCOUNT,
  KEYS,
  historyPages,
  reportFromExport,
  runJob,
  useWorkerRig,
  statsJob,
  writeSeedExport,
} from "./helpers/worker-harness.js";

const rig = useWorkerRig(() => writeSeedExport({ messages: 1500, spanDays: 120, people: 12 }));

/** A regular text message from a person, as the MTProto adapter would produce it. */
function newMessage(id: number, dateUnix: number): Message {
  return createMessage({
    id,
    dateUnix,
    sender: { kind: "user", id: 9001, name: "Late Joiner" },
    text: "fresh news",
  });
}

/** A sync checkpoint 300 messages into the walk, with `partial` as the job data would hold it. */
function syncCheckpointAt700(partial: unknown) {
  return {
    phase: "sync" as const,
    walkIndex: 0,
    offsetId: 700,
    fetchedMessages: 300,
    totalMessages: 5,
    historyRequests: 4,
    partial,
  };
}

describe("stats job on the emulator", () => {
  it("reports the same figures as the export reader, and delivers album and summary", async () => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const result = await runJob(harness, statsJob(rig.seed));
    expect(result.messages).toBe(reference.totals.messages);
    expect(result.fromCache).toBe(false);
    // One count, then pages of 100 down to the oldest message, ended by a short page.
    const total = reference.totals.messages + reference.totals.serviceMessages;
    expect(historyPages(harness.emulator)).toHaveLength(Math.floor(total / 100) + 1);
    const calls = harness.botApi.calls.filter((call) => call.ok);
    const batches = expectedBatches(planReportCharts(reference).length);
    const sent = (method: string) => calls.filter((call) => call.method === method);
    expect(sent("sendMediaGroup").map((album) => album.files.length)).toEqual(batches.albums);
    expect(sent("sendPhoto")).toHaveLength(batches.photos);
    const summary = calls.filter((call) => call.method === "sendMessage").at(-1);
    expect(summary?.text).toContain(new Intl.NumberFormat("en").format(reference.totals.messages));
    expect(summary?.text).toContain(reference.senders[0]!.name!);
  });

  it("names the zone in the summary as the request spelled it (Europe/Kyiv, not ICU's Europe/Kiev)", async () => {
    const harness = await rig.start();
    const data = statsJob(rig.seed);
    await runJob(harness, { ...data, options: { ...data.options, timeZone: "Europe/Kyiv" } });
    const summary = harness.botApi.calls.filter((call) => call.method === "sendMessage").at(-1);
    expect(summary?.text).toContain("Europe/Kyiv");
    expect(summary?.text).not.toContain("Europe/Kiev");
  });

  it("answers a repeat request from the cache with at most 2 history requests, then fetches only new messages", async () => {
    const harness = await rig.start();
    const first = await runJob(harness, statsJob(rig.seed));
    const before = harness.emulator.requestLog.length;
    const repeat = await runJob(harness, statsJob(rig.seed));
    const repeatRequests = harness.emulator.requestLog
      .slice(before)
      .filter((r) => r.method === "messages.GetHistory");
    expect(repeatRequests.length).toBeLessThanOrEqual(2);
    expect(repeat.messages).toBe(first.messages);
    expect(repeat.fromCache).toBe(true);
    expect(repeat.fetchedMessages).toBe(0);

    const [seedChat] = await emulatedChatsFromExport(rig.seed.path, {});
    const maxId = Math.max(...seedChat!.messages.map((m) => m.id));
    const afterHistory = Math.floor(Date.UTC(2030, 0, 1) / 1000);
    const fresh = Array.from({ length: 50 }, (_, i) =>
      newMessage(maxId + 1 + i, afterHistory + i * 60),
    );
    harness.emulator.addMessages(seedChat!.info.id, fresh);
    const pagesBefore = historyPages(harness.emulator).length;
    const third = await runJob(harness, statsJob(rig.seed));
    const pages = historyPages(harness.emulator).slice(pagesBefore);
    expect(pages).toHaveLength(1);
    expect(Number(pages[0]!.minId)).toBe(maxId);
    expect(third.fetchedMessages).toBe(50);
    expect(third.messages).toBe(first.messages + 50);
  });

  it("answers a date range from cached months plus re-read partial months, equal to a direct fold", async () => {
    const harness = await rig.start();
    await runJob(harness, statsJob(rig.seed)); // fills the cache
    const range = { fromDate: "2022-02-10", toDate: "2022-03-31" };
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC", ...range });
    const result = await runJob(harness, statsJob(rig.seed, range));
    expect(result.messages).toBe(reference.totals.messages);
    expect(result.fromCache).toBe(false); // February is cut, so it was re-read
  });

  it("sends a ranged summary with the change against the previous period, from a direct walk and from the cache", async () => {
    const harness = await rig.start();
    const range = { fromDate: "2022-03-01", toDate: "2022-03-14" };
    // The reference: every message of the export, the days before the range in the days part only.
    const [chat] = await readAll(rig.seed.path);
    const builder = new ReportBuilder({ timeZone: "UTC", ...range });
    builder.addBatch(chat!.messages);
    const reference = toReportJson(builder.state, {
      chat: chat!.info,
      filters: { from: range.fromDate, to: range.toDate, sender: null },
    }).period!;
    // 14 days: the previous period is 2022-02-15 … 2022-02-28.
    expect(reference.previousFrom).toBe("2022-02-15");
    const { figures } = reference;
    expect(figures.messages.previous).toBeGreaterThan(0);
    const lastSummary = (): string =>
      harness.botApi.calls.filter((call) => call.ok && call.method === "sendMessage").at(-1)
        ?.text ?? "";
    const heading = [
      "<b>Against the previous period</b>",
      "Mar 1, 2022 — Mar 14, 2022 against Feb 15, 2022 — Feb 28, 2022",
      `Messages: ${formatChange(figures.messages, "en")}`,
      `Active people: ${formatChange(figures.activePeople, "en")}`,
    ].join("\n");
    // Uncached: one walk down to the previous period's start, which does not reach the
    // chat's first message, so newcomers are left out.
    await runJob(harness, statsJob(rig.seed, range));
    expect(lastSummary()).toContain(heading);
    expect(lastSummary()).not.toContain("Newcomers:");
    // Cached: every month's days part holds the whole history, so newcomers are known.
    await runJob(harness, statsJob(rig.seed)); // fills the cache
    await runJob(harness, statsJob(rig.seed, range));
    expect(figures.newcomers).not.toBeNull();
    expect(lastSummary()).toContain(
      `${heading}\nNewcomers: ${formatChange(figures.newcomers!, "en")}`,
    );
  });

  it("filters by sender with a direct walk", async () => {
    const harness = await rig.start();
    const whole = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const sender = whole.senders[1]!;
    const result = await runJob(harness, statsJob(rig.seed, { sender: sender.id }));
    expect(result.messages).toBe(sender.messages);
  });

  it("answers a sender's job with their member card: its charts first, the card as the summary", async () => {
    const harness = await rig.start();
    const whole = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const sender = whole.senders[2]!;
    const reference = await reportFromExport(rig.seed.path, {
      timeZone: "UTC",
      sender: sender.id,
    });
    // The same card as the export reader's: the worker folds the whole chat beside the sender.
    expect(reference.card).toMatchObject({
      id: sender.id,
      rank: 3,
      messages: { member: sender.messages, group: whole.totals.messages },
    });
    await runJob(harness, statsJob(rig.seed, { sender: sender.id }));
    const calls = harness.botApi.calls.filter((call) => call.ok);
    const album = calls.find((call) => call.method === "sendMediaGroup")!;
    expect(album.files.slice(0, 2).map((file) => file.name)).toEqual([
      "01-card-punchcard.png",
      "02-card-kinds.png",
    ]);
    const summary = calls.filter((call) => call.method === "sendMessage").at(-1)!;
    const filtered = { ...reference, filters: { ...reference.filters, sender: sender.id } };
    expect(summary.text).toBe(formatDeliverySummary(filtered));
    expect(summary.text).toContain(`<b>${sender.name!} — member card</b>`);
    const count = new Intl.NumberFormat("en");
    expect(summary.text).toContain(
      `Messages: ${count.format(sender.messages)} of ${count.format(whole.totals.messages)}`,
    );
  });

  it("turns a long FLOOD_WAIT into a job delay and resumes from the checkpoint without fetching a page twice", async () => {
    const harness = await rig.start({
      floodPolicy: { "messages.GetHistory": { requests: 4, perSeconds: 1 } },
      floodSleepThresholdSeconds: 0,
      checkpointEveryPages: 1,
    });
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const job = await harness.queue.add("stats", statsJob(rig.seed) as StatsJobData);
    let delayed = 0;
    const checkpointsSeen: Promise<unknown>[] = [];
    harness.events.on("delayed", ({ jobId }) => {
      if (jobId !== job.id) return;
      delayed++;
      checkpointsSeen.push(harness.queue.getJob(jobId).then((found) => found?.data.checkpoint));
    });
    const result = await job.waitUntilFinished(harness.events, 90_000);
    expect(delayed).toBeGreaterThan(0);
    // The job data holds a reference; the aggregates wait in their own key, deleted once delivered.
    const storedAt = `${DEFAULT_KEY_PREFIX}:checkpoint:${STATS_QUEUE}:${job.id}`;
    expect(await checkpointsSeen[0]).toMatchObject({ phase: "sync", partial: { storedAt } });
    expect(await harness.redis.exists(storedAt)).toBe(0);
    expect(result.messages).toBe(reference.totals.messages);
    // Every page was read once; the only repeats are the requests Telegram refused with FLOOD_WAIT.
    const offsets = historyPages(harness.emulator).map((page) => String(page.offsetId));
    const total = reference.totals.messages + reference.totals.serviceMessages;
    expect(new Set(offsets).size).toBe(Math.floor(total / 100) + 1);
    expect(offsets.length).toBe(Math.floor(total / 100) + 1 + delayed);
    const notices = harness.botApi.calls.filter(
      (c) => c.ok && c.text?.startsWith("Telegram asked to wait"),
    );
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]!.text).toMatch(/continuing at \d\d:\d\d \(UTC\)/);
  }, 120_000);

  it("resumes a sender's walk after a FLOOD_WAIT with the same member card", async () => {
    const harness = await rig.start({
      floodPolicy: { "messages.GetHistory": { requests: 4, perSeconds: 1 } },
      floodSleepThresholdSeconds: 0,
      checkpointEveryPages: 1,
    });
    const whole = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const sender = whole.senders[0]!.id;
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC", sender });
    const job = await harness.queue.add("stats", statsJob(rig.seed, { sender }) as StatsJobData);
    const checkpointsSeen: Promise<unknown>[] = [];
    harness.events.on("delayed", ({ jobId }) => {
      if (jobId === job.id)
        checkpointsSeen.push(harness.queue.getJob(jobId).then((found) => found?.data.checkpoint));
    });
    await job.waitUntilFinished(harness.events, 90_000);
    expect(checkpointsSeen.length).toBeGreaterThan(0);
    expect(await checkpointsSeen[0]).toMatchObject({ phase: "direct" });
    // The group's fold went through the checkpoints too: the card counts every message. Word
    // counts alone may be lower: a checkpoint keeps a word only from 3 messages on (README).
    const summary = harness.botApi.calls.filter((c) => c.ok && c.method === "sendMessage").at(-1)!;
    const filtered = { ...reference, filters: { ...reference.filters, sender } };
    const withoutWords = (text: string): string[] =>
      text.split("\n").filter((line) => !line.startsWith("Top words:"));
    expect(withoutWords(summary.text!)).toEqual(withoutWords(formatDeliverySummary(filtered)));
    expect(withoutWords(summary.text!)).toHaveLength(15); // header 3, card title, 11 figures
  }, 120_000);

  // An older worker's checkpoint (its report state of version 1) and one whose stored
  // aggregates expired: neither can be resumed, so the read starts over from the newest page.
  it.each([
    {
      name: "an older version",
      partial: {
        baseHighId: 0,
        fold: { months: { "2024-01": { state: { version: 1 }, ids: { minId: 1, maxId: 9 } } } },
      },
    },
    { name: "expired aggregates", partial: { storedAt: `${DEFAULT_KEY_PREFIX}:checkpoint:gone` } },
  ])("starts the walk over when the checkpoint is $name", async ({ partial }) => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const checkpoint = syncCheckpointAt700(partial);
    const result = await runJob(harness, { ...statsJob(rig.seed), checkpoint });
    const total = reference.totals.messages + reference.totals.serviceMessages;
    const pages = historyPages(harness.emulator);
    expect(pages).toHaveLength(Math.floor(total / 100) + 1);
    expect(Number(pages[0]!.offsetId)).toBe(0);
    expect(result.messages).toBe(reference.totals.messages);
    expect(result.fetchedMessages).toBe(total);
    // One count, then every page.
    expect(result.historyRequests).toBe(Math.floor(total / 100) + 2);
  });

  // Job data names where its aggregates are; a reference to any key but the job's own
  // (here: another job's checkpoint, of another chat) must not be read into this report.
  it("starts the walk over, reading nothing of it, when the checkpoint names another job's key", async () => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const foreign = new MonthBuckets("UTC");
    for (let id = 1; id <= 50; id++) foreign.add(newMessage(id, 1_600_000_000 + id * 60));
    const foreignKey = `${DEFAULT_KEY_PREFIX}:checkpoint:${STATS_QUEUE}:another-job`;
    await harness.redis.set(foreignKey, await packJson({ baseHighId: 0, fold: foreign.toJSON() }));
    const checkpoint = syncCheckpointAt700({ storedAt: foreignKey });
    const result = await runJob(harness, { ...statsJob(rig.seed), checkpoint });
    const total = reference.totals.messages + reference.totals.serviceMessages;
    const pages = historyPages(harness.emulator);
    expect(Number(pages[0]!.offsetId)).toBe(0);
    expect(result.messages).toBe(reference.totals.messages);
    expect(result.fetchedMessages).toBe(total);
    // Neither read nor deleted: it is another job's.
    expect(await harness.redis.exists(foreignKey)).toBe(1);
  });

  it("starts the walk over, not failing every attempt, when the stored aggregates are damaged", async () => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const jobId = "damaged-checkpoint";
    const ownKey = `${DEFAULT_KEY_PREFIX}:checkpoint:${STATS_QUEUE}:${jobId}`;
    await harness.redis.set(ownKey, "not gzip");
    const checkpoint = syncCheckpointAt700({ storedAt: ownKey });
    const data = { ...statsJob(rig.seed), checkpoint } as StatsJobData;
    const job = await harness.queue.add("stats", data, { jobId, attempts: 1 });
    const result = await job.waitUntilFinished(harness.events, 60_000);
    expect(Number(historyPages(harness.emulator)[0]!.offsetId)).toBe(0);
    expect(result.messages).toBe(reference.totals.messages);
  });

  // Parts whose jobs already finished (kept a day under their fixed ids) leave nothing to
  // wait for, so the coordinator reads them itself at once; a flood wait then stops it,
  // and the next attempt must not take the split for one whose parts were never added.
  it("reads the parts of a split itself across flood waits: says once that the split started, and reads each message once", async () => {
    const coordinatorId = "split-coordinator";
    const otherAccountId = 5555;
    const client = new Redis(rig.redis.url, { maxRetriesPerRequest: null });
    const partQueues = new Map<number, Queue>();
    const accountQueue = (accountId: number): Queue => {
      let queue = partQueues.get(accountId);
      if (queue === undefined) {
        queue = new Queue(accountQueueName(accountId), {
          connection: { url: rig.redis.url, maxRetriesPerRequest: null },
          prefix: DEFAULT_KEY_PREFIX,
        });
        partQueues.set(accountId, queue);
      }
      return queue;
    };
    const harness = await rig.start({
      floodPolicy: { "messages.GetHistory": { requests: 6, perSeconds: 1 } },
      floodSleepThresholdSeconds: 0,
      checkpointEveryPages: 1,
      split: {
        directory: new ChatDirectory(client, KEYS.readers),
        accountQueue,
        parts: new SplitPartStore(client, KEYS.split),
        minMessages: 100,
      },
    });
    try {
      const directory = new ChatDirectory(client, KEYS.readers);
      for (const id of [ACCOUNT.id, otherAccountId])
        await directory.publish({ id, username: null }, [rig.seed.botApiChatId], 600_000);
      // Both parts (one per account, ids sorted) already ran to an end with no buckets.
      for (const [index, accountId] of [otherAccountId, ACCOUNT.id].entries()) {
        const queue = accountQueue(accountId);
        await queue.add("history-range", {}, { jobId: `${coordinatorId}-part-${index}` });
        const worker = new Worker(queue.name, () => Promise.resolve({}), {
          connection: { url: rig.redis.url, maxRetriesPerRequest: null },
          prefix: DEFAULT_KEY_PREFIX,
        });
        while ((await queue.getJobState(`${coordinatorId}-part-${index}`)) !== "completed")
          await new Promise((resolve) => setTimeout(resolve, 20));
        await worker.close();
      }
      await harness.queue.add("stats", statsJob(rig.seed) as StatsJobData, {
        jobId: coordinatorId,
      });
      let delayed = 0;
      harness.events.on("delayed", ({ jobId }) => {
        if (jobId === coordinatorId) delayed++;
      });
      // The second attempt resumes from the checkpoint the first took while reading a part.
      const deadlineMs = Date.now() + 60_000;
      while (delayed < 2 && Date.now() < deadlineMs)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(delayed).toBeGreaterThanOrEqual(2);
      const started = harness.botApi.calls.filter(
        (call) => call.ok && call.text?.startsWith("Reading the history with 2 accounts"),
      );
      expect(started).toHaveLength(1);
      // Each attempt resumes the part where the last one stopped: a restart from the part's
      // top would read it again every time, and at this pace never reach its end.
      const job = await harness.queue.getJob(coordinatorId);
      const result = await job!.waitUntilFinished(harness.events, 90_000);
      const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
      expect(result.fetchedMessages).toBe(
        reference.totals.messages + reference.totals.serviceMessages,
      );
      expect(result.messages).toBe(reference.totals.messages);
    } finally {
      await Promise.all([...partQueues.values()].map((queue) => queue.close()));
      client.disconnect();
    }
  }, 180_000);

  // A split part the coordinator was reading itself when it stopped, which its account then
  // finished after all (a failed part retried from the dashboard): the coordinator's buckets
  // already hold the part's newest messages, so it reads on rather than take the part's buckets.
  it("reads on a part it was reading when that part's own buckets turn up meanwhile, counting each message once", async () => {
    const coordinatorId = "split-resumed-part";
    const otherAccountId = 5556;
    const client = new Redis(rig.redis.url, { maxRetriesPerRequest: null });
    const connection = { url: rig.redis.url, maxRetriesPerRequest: null };
    const store = new SplitPartStore(client, KEYS.split);
    const flow = new FlowProducer({ connection, prefix: DEFAULT_KEY_PREFIX });
    const [chat] = await readAll(rig.seed.path);
    const messages = chat!.messages;
    const topId = Math.max(...messages.map((message) => message.id));
    const cutId = Math.floor(topId / 2);
    const resumeAtId = Math.floor(cutId / 2);
    const bucketsOf = (keep: (id: number) => boolean): MonthBuckets => {
      const buckets = new MonthBuckets("UTC");
      for (const message of messages) if (keep(message.id)) buckets.add(message);
      return buckets;
    };
    const parts = [
      { index: 0, minId: 0, maxId: cutId, accountId: otherAccountId },
      { index: 1, minId: cutId, maxId: topId, accountId: ACCOUNT.id },
    ];
    const checkpoint = {
      phase: "split" as const,
      walkIndex: 0,
      offsetId: resumeAtId,
      fetchedMessages: 0,
      totalMessages: messages.length,
      historyRequests: 0,
      partial: {
        baseHighId: 0,
        totalMessages: messages.length,
        parts,
        partsAdded: true,
        // Part 0 read here from its top down to `resumeAtId` (exclusive of what is below).
        merge: {
          parts: [],
          buckets: bucketsOf((id) => id >= resumeAtId && id <= cutId).toJSON(),
          reading: { index: 0, offsetId: resumeAtId },
        },
      },
    };
    const harness = await rig.start({
      split: {
        directory: new ChatDirectory(client, KEYS.readers),
        accountQueue: () => {
          throw new Error("the parts exist: none is added");
        },
        parts: store,
        minMessages: 100,
      },
    });
    const partWorkers: Worker[] = [];
    try {
      for (const part of parts)
        await store.save(
          coordinatorId,
          part.index,
          bucketsOf((id) => id > part.minId && id <= part.maxId).toJSON(),
        );
      await flow.add({
        name: "stats",
        queueName: STATS_QUEUE,
        data: { ...statsJob(rig.seed), checkpoint },
        opts: { jobId: coordinatorId },
        children: parts.map((part) => ({
          name: "history-range",
          queueName: accountQueueName(part.accountId),
          data: { index: part.index },
          opts: { jobId: `${coordinatorId}-part-${part.index}` },
        })),
      });
      for (const part of parts)
        partWorkers.push(
          new Worker(
            accountQueueName(part.accountId),
            () =>
              Promise.resolve({
                schemaVersion: STATS_JOB_SCHEMA_VERSION,
                part: part.index,
                accountId: part.accountId,
                fetchedMessages: 0,
                historyRequests: 0,
              }),
            { connection, prefix: DEFAULT_KEY_PREFIX },
          ),
        );
      const job = (await harness.queue.getJob(coordinatorId))!;
      const result = await job.waitUntilFinished(harness.events, 60_000);
      const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
      expect(result.messages).toBe(reference.totals.messages);
      // Only the rest of part 0 was read here, from where the checkpoint stopped.
      expect(Number(historyPages(harness.emulator)[0]!.offsetId)).toBe(resumeAtId);
    } finally {
      await Promise.all(partWorkers.map((worker) => worker.close()));
      await flow.close();
      client.disconnect();
    }
  }, 120_000);

  it("fails at once and tells the requester when the account cannot read the chat", async () => {
    const harness = await rig.start({ accountIsMember: false });
    const job = await harness.queue.add("stats", statsJob(rig.seed) as StatsJobData, {
      attempts: 3,
    });
    await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(/@tgstats_reader/);
    const failed = await harness.queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1); // UnrecoverableError: no retries
    const told = harness.botApi.calls.filter(
      (c) => c.ok && c.text?.includes("Add @tgstats_reader to the group"),
    );
    expect(told).toHaveLength(1);
  });

  it("reports on a result.json a user sent as a document, and deletes the download", async () => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const fileId = harness.botApi.addFile("doc-1", readFileSync(rig.seed.path), "result.json");
    const data = {
      ...statsJob(rig.seed),
      target: { kind: "export-file" as const, fileId, fileName: "result.json", fileSizeBytes: 1 },
    };
    const before = readdirSync(os.tmpdir()).filter((name) =>
      name.startsWith("tgstats-upload-"),
    ).length;
    const result = await runJob(harness, data);
    expect(result.messages).toBe(reference.totals.messages);
    expect(historyPages(harness.emulator)).toHaveLength(0);
    expect(
      readdirSync(os.tmpdir()).filter((name) => name.startsWith("tgstats-upload-")).length,
    ).toBe(before);
  });

  it("reports on a gzipped result.json.gz just as on the plain file", async () => {
    const harness = await rig.start();
    const reference = await reportFromExport(rig.seed.path, { timeZone: "UTC" });
    const packed = gzipSync(readFileSync(rig.seed.path));
    const fileId = harness.botApi.addFile("doc-gz", packed, "result.json.gz");
    const data = {
      ...statsJob(rig.seed),
      target: {
        kind: "export-file" as const,
        fileId,
        fileName: "result.json.gz",
        fileSizeBytes: packed.length,
      },
    };
    const result = await runJob(harness, data);
    expect(reference.totals.messages).toBeGreaterThan(0);
    expect(result.messages).toBe(reference.totals.messages);
  });

  it("tells the sender what is wrong with a document that is not a JSON export", async () => {
    const harness = await rig.start();
    const fileId = harness.botApi.addFile(
      "doc-2",
      Buffer.from("<!DOCTYPE html><html></html>"),
      "messages.html",
    );
    const data = {
      ...statsJob(rig.seed),
      target: {
        kind: "export-file" as const,
        fileId,
        fileName: "messages.html",
        fileSizeBytes: 30,
      },
    };
    const job = await harness.queue.add("stats", data as StatsJobData, { attempts: 3 });
    // The reason kept in Redis names the error, not the file: the sender alone is told the details.
    await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow(
      "ExportFormatError: the requester was told why",
    );
    const told = harness.botApi.calls.filter((c) => c.ok && c.text?.includes("JSON"));
    expect(told.length).toBeGreaterThan(0);
    expect((await harness.queue.getJob(job.id!))?.attemptsMade).toBe(1);
  });

  it("names a sent file that is not JSON by its own name, never by the server's upload path", async () => {
    const harness = await rig.start();
    const fileId = harness.botApi.addFile("doc-3", Buffer.from("id,name\n1,alice\n"), "chat.json");
    const data = {
      ...statsJob(rig.seed),
      target: { kind: "export-file" as const, fileId, fileName: "chat.json", fileSizeBytes: 17 },
    };
    const job = await harness.queue.add("stats", data as StatsJobData);
    await expect(job.waitUntilFinished(harness.events, 30_000)).rejects.toThrow();
    const expected =
      '"chat.json" is not JSON (it starts with "id,name\\x0a1,alice\\x0a"). Pass the result.json of a ' +
      "Telegram Desktop export; to make one, re-export as JSON: Telegram Desktop → Export chat " +
      "history → Format: Machine-readable JSON.";
    expect(harness.botApi.chatMessages(rig.seed.botApiChatId).map((m) => m.text)).toEqual([
      expected,
    ]);
    const failed = await harness.queue.getJob(job.id!);
    // The job keeps no text of the export at all: the reason goes into the event stream too.
    expect(failed?.failedReason).toBe("ExportFormatError: the requester was told why");
    // The upload folder is the server's own (the project itself may live under the temp folder).
    expect(JSON.stringify(failed?.stacktrace)).not.toContain(`${os.tmpdir()}/tgstats-upload-`);
  });
});
