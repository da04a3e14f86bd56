import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { startTestRedis, type TestRedis } from "./helpers/redis-server.js";
import { BOT_TOKEN, writeSeedExport, type SeedExport } from "./helpers/worker-harness.js";
import { startWorkerProcess, waitUntil, type WorkerProcess } from "./helpers/worker-process.js";

let redis: TestRedis;
let admin: Redis;
let seed: SeedExport;
let botApi: FakeBotApi;

interface Tracked {
  process: WorkerProcess;
  holder?: string;
  killedAtMs?: number;
}

beforeAll(async () => {
  redis = await startTestRedis();
  admin = new Redis(redis.url);
  seed = await writeSeedExport({ messages: 300, spanDays: 10, people: 4 });
  botApi = await startFakeBotApi({ token: BOT_TOKEN });
}, 60_000);

afterAll(async () => {
  admin.disconnect();
  await botApi.close();
  await redis.stop();
});

function start(): Tracked {
  return {
    process: startWorkerProcess({
      REDIS_URL: redis.url,
      BOT_TOKEN,
      BOT_API_ROOT: botApi.apiRoot,
      TG_EMULATOR_EXPORT: seed.path,
      TG_SESSIONS: "session-alpha-for-tests,session-beta-for-tests",
      LEASE_TTL_MS: "1500",
      LEASE_WAIT_MS: "30000",
    }),
  };
}

/** Waits until the process has logged the lease it took, and records its holder id. */
async function leased(tracked: Tracked): Promise<void> {
  tracked.holder = await waitUntil(
    () =>
      /"msg":"session leased"/.test(tracked.process.output())
        ? /"holder":"([^"]+)"/.exec(tracked.process.output())?.[1]
        : undefined,
    30_000,
    "a worker to lease a session",
  );
}

describe("session leases across worker processes", () => {
  it("never gives one session to two live processes while workers restart and are killed", async () => {
    const all: Tracked[] = [];
    let running = [start(), start()];
    all.push(...running);
    await Promise.all(running.map(leased));
    for (let round = 0; round < 6; round++) {
      const victim = running[round % 2]!;
      const replacement = start();
      all.push(replacement);
      if (round % 2 === 0) {
        victim.killedAtMs = Date.now();
        victim.process.child.kill("SIGKILL");
      } else victim.process.child.kill("SIGTERM");
      await victim.process.exited;
      await leased(replacement);
      running = running.map((tracked) => (tracked === victim ? replacement : tracked));
    }
    for (const tracked of running) tracked.process.child.kill("SIGTERM");
    expect(await Promise.all(running.map((tracked) => tracked.process.exited))).toEqual([0, 0]);

    const killedAt = new Map(
      all.filter((t) => t.killedAtMs !== undefined).map((t) => [t.holder!, t.killedAtMs!]),
    );
    const events = (await admin.xrange("tgstats:lease:log", "-", "+")).map(([, fields]) => {
      const record: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
      return record as { session: string; holder: string; event: string; atMs: string };
    });
    expect(events.filter((e) => e.event === "acquired")).toHaveLength(all.length);
    // Replay every transition: a session is taken over only from a released holder or a dead one.
    const holderOf = new Map<string, string>();
    for (const event of events) {
      const current = holderOf.get(event.session);
      if (event.event === "acquired") {
        if (current !== undefined) {
          expect(
            killedAt.has(current),
            `${event.holder} took ${event.session} from live ${current}`,
          ).toBe(true);
          expect(Number(event.atMs)).toBeGreaterThanOrEqual(killedAt.get(current)!);
        }
        holderOf.set(event.session, event.holder);
      } else {
        expect(current).toBe(event.holder);
        holderOf.delete(event.session);
      }
    }
    expect([...holderOf.values()]).toEqual([]);
  }, 240_000);
});
