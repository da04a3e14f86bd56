import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TelegramEmulator, createEmulatedClient } from "@tgstats/sandbox/telegram-emulator";
import { logIn, type LoginPrompts } from "@tgstats/worker/mtproto";

const account = { id: 4242, username: "new_reader", firstName: "New" };

describe("logIn", () => {
  it("asks phone then code, asks again after a wrong code, and returns the account", async () => {
    const emulator = new TelegramEmulator({
      account,
      chats: [],
      authorized: false,
      loginCode: "24680",
    });
    const asked: string[] = [];
    const errors: string[] = [];
    const codes = ["11111", "24680"];
    const prompts: LoginPrompts = {
      phoneNumber: () => (asked.push("phone"), Promise.resolve("+44 7700 900123")),
      phoneCode: () => (asked.push("code"), Promise.resolve(codes.shift() ?? "")),
      password: () => Promise.reject(new Error("no 2FA on this account")),
      onError: (message) => errors.push(message),
    };
    const client = createEmulatedClient(emulator);
    const result = await logIn(client, prompts);
    expect(asked).toEqual(["phone", "code", "code"]);
    expect(errors).toEqual(["That code is wrong; type the code Telegram just sent."]);
    expect({ userId: result.userId, username: result.username }).toEqual({
      userId: 4242,
      username: "new_reader",
    });
    const sendCode = emulator.requestLog.find((request) => request.method === "auth.SendCode");
    expect(sendCode?.params.phoneNumber).toBe("+44 7700 900123");
    expect(emulator.requestLog.filter((request) => request.method === "auth.SignIn")).toHaveLength(
      2,
    );
    await client.destroy();
  });
});

describe("tgstats login", () => {
  it("rejects a malformed api_hash with the fix, before contacting Telegram", () => {
    const run = spawnSync(process.execPath, [path.resolve("apps/cli/bin/tgstats.js"), "login"], {
      env: { ...process.env, TG_API_ID: "12345", TG_API_HASH: "not-a-hash" },
      encoding: "utf8",
      input: "",
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      "tgstats: api_hash is 32 hex characters; copy it from my.telegram.org.",
    );
  });
});
