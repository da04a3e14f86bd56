/**
 * Secrets are redacted by the logger itself: a line carrying a session,
 * token or phone (top level or one object down) never prints the value.
 */
import { Writable } from "node:stream";
import { Api, GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import {
  configSecrets,
  createLogger,
  createSecretScrubber,
  type NamedSecret,
} from "@tgstats/platform";
import { freePort } from "./helpers/redis-server.js";

/** A logger writing into an array of parsed JSON lines. */
function capturedLogger(secrets: readonly NamedSecret[] = []): {
  lines: Record<string, unknown>[];
  logger: ReturnType<typeof createLogger>;
} {
  const lines: Record<string, unknown>[] = [];
  let pending = "";
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString("utf8");
      const complete = pending.split("\n");
      pending = complete.pop() ?? "";
      for (const line of complete) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return {
    lines,
    logger: createLogger({
      name: "worker",
      level: "info",
      destination,
      scrubber: createSecretScrubber(secrets),
    }),
  };
}

const SESSION = "1BAAOMTQ5LjE1NC4xNjcuOTEAUJ8vZ3Jh-not-a-real-session";
const TOKEN = "123456:AAE-not-a-real-token";
const PHONE = "+79991234567";

describe("createLogger redaction", () => {
  it("blanks session, token, phone and password fields, at the top level and one object down", () => {
    const { lines, logger } = capturedLogger();
    logger.info(
      {
        jobId: "42",
        chatId: -1001650000001,
        session: SESSION,
        token: TOKEN,
        phone: PHONE,
        account: { id: 777000001, phoneNumber: PHONE, sessionString: SESSION },
        bot: { botToken: TOKEN, password: "hunter2" },
      },
      "job started",
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      name: "worker",
      msg: "job started",
      jobId: "42",
      chatId: -1001650000001,
      session: "[redacted]",
      token: "[redacted]",
      phone: "[redacted]",
      account: { id: 777000001, phoneNumber: "[redacted]", sessionString: "[redacted]" },
      bot: { botToken: "[redacted]", password: "[redacted]" },
    });
    const raw = JSON.stringify(line);
    for (const secret of [SESSION, TOKEN, PHONE, "hunter2"]) expect(raw).not.toContain(secret);
  });

  it("redacts in child loggers' bindings too (the worker logs per job through children)", () => {
    const { lines, logger } = capturedLogger();
    logger.child({ jobId: "7", session: SESSION }).warn({ step: "fetch" }, "reading history");
    expect(lines[0]).toMatchObject({ jobId: "7", step: "fetch", session: "[redacted]" });
  });

  it("blanks every value under `config`, so a logged configuration leaks nothing", () => {
    const { lines, logger } = capturedLogger();
    logger.info({ config: { BOT_TOKEN: TOKEN, TG_SESSION: SESSION, LOG_LEVEL: "info" } }, "config");
    expect(lines[0]?.config).toEqual({
      BOT_TOKEN: "[redacted]",
      TG_SESSION: "[redacted]",
      LOG_LEVEL: "[redacted]",
    });
  });
});

describe("createLogger and Bot API errors", () => {
  it("logs what went wrong with a call, never what the call sent (texts, names, files)", () => {
    const { lines, logger } = capturedLogger();
    const error = new GrammyError(
      "Call to 'sendMessage' failed! (502: Bad Gateway)",
      { ok: false, error_code: 502, description: "Bad Gateway" },
      "sendMessage",
      { chat_id: 4242, text: "Members who never wrote:\nAlice Lurker\nBob Silent" },
    );
    logger.warn({ step: "member-names", err: new Error("wrapped", { cause: error }) }, "failed");
    logger.warn({ step: "member-names", err: error }, "failed");
    const raw = JSON.stringify(lines);
    expect(raw).not.toContain("Alice Lurker");
    expect(lines[1]).toMatchObject({
      err: { type: "GrammyError", method: "sendMessage", error_code: 502 },
    });
    expect(lines[1]?.err).not.toHaveProperty("payload");
  });
});

describe("createLogger scrubbing secret values", () => {
  const BOT_TOKEN = "7061234567:AAHk3v9xQz-Lm2Pq8sT4uW6yB1cD0eF5gJ7";
  const API_HASH = "b3f9c2a1d4e5f60718293a4b5c6d7e8f";
  const secrets = configSecrets({
    BOT_TOKEN,
    TG_API_HASH: API_HASH,
    TG_SESSIONS: `${SESSION},${SESSION}-second`,
    REDIS_URL: "redis://:r3dis-Pa55@127.0.0.1:6379",
  });

  it("scrubs the token from a real Bot API network error, nested in the logged error", async () => {
    const { lines, logger } = capturedLogger(secrets);
    // Nothing listens on this port: grammY throws an HttpError wrapping the fetch error and its URL.
    const api = new Api(BOT_TOKEN, { apiRoot: `http://127.0.0.1:${await freePort()}` });
    const error = await api.sendMessage(1, "hi").then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(JSON.stringify((error as HttpError).error, ["message"])).toContain(BOT_TOKEN);
    logger.warn({ jobId: "9", err: error }, "job failed");
    expect(lines).toHaveLength(1);
    const raw = JSON.stringify(lines[0]);
    expect(raw).not.toContain(BOT_TOKEN);
    expect(raw).not.toContain(encodeURIComponent(BOT_TOKEN));
    expect(raw).toContain("/bot[redacted]/sendMessage");
  });

  it("scrubs messages, fields, bindings, causes and stacks, whatever their names", () => {
    const { lines, logger } = capturedLogger(secrets);
    const cause = new Error(`auth with ${API_HASH} and r3dis-Pa55 refused`);
    logger.child({ holder: `lease of ${SESSION}-second` }).error(
      {
        note: `hash=${API_HASH}`,
        nested: { list: [`x${SESSION}x`] },
        err: new Error("outer", { cause }),
      },
      `session ${SESSION} failed`,
    );
    const line = lines[0]!;
    expect(line).toMatchObject({
      msg: "session [redacted] failed",
      holder: "lease of [redacted]",
      note: "hash=[redacted]",
      nested: { list: ["x[redacted]x"] },
    });
    const raw = JSON.stringify(line);
    for (const secret of [SESSION, API_HASH, "r3dis-Pa55"]) expect(raw).not.toContain(secret);
    expect(raw).toContain("auth with [redacted] and [redacted] refused");
  });

  it("warns once at start about a secret too short to scrub, naming its setting", () => {
    const { lines } = capturedLogger(configSecrets({ REDIS_URL: "redis://:pw@127.0.0.1:6379" }));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        settings: ["REDIS_URL password"],
        msg: "These secrets are shorter than 6 characters, so logs cannot be scrubbed of them; use longer ones.",
      }),
    ]);
  });
});
