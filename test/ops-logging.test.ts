/**
 * Secrets are redacted by the logger itself: a line carrying a session,
 * token or phone (top level or one object down) never prints the value.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@tgstats/shared";

/** A logger writing into an array of parsed JSON lines. */
function capturedLogger(): {
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
  return { lines, logger: createLogger({ name: "worker", level: "info", destination }) };
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
