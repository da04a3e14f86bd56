import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { createLoginClient, logIn, type LoginPrompts } from "@tgstats/worker/mtproto";
import { UsageError } from "../cli-error.js";
import type { CommandOutput } from "./report-command.js";

/** Terminal streams of `tgstats login`. */
export interface LoginTerminal extends CommandOutput {
  stdin: NodeJS.ReadableStream;
}

/**
 * `tgstats login`: signs a Telegram account in (phone, code, 2FA password)
 * and prints the session string for TG_SESSION. Questions go to stderr, the
 * session alone to stdout, so `tgstats login > session.txt` works.
 */
export async function runLoginCommand(
  terminal: LoginTerminal,
  env: Record<string, string | undefined>,
): Promise<void> {
  const asker = createAsker(terminal);
  try {
    const apiId = Number(
      env.TG_API_ID ?? (await asker.ask("api_id (from my.telegram.org → API development tools): ")),
    );
    if (!Number.isInteger(apiId) || apiId <= 0)
      throw new UsageError(
        "api_id is a number; copy it from my.telegram.org → API development tools.",
      );
    const apiHash = (env.TG_API_HASH ?? (await asker.ask("api_hash: "))).trim();
    if (!/^[0-9a-f]{32}$/.test(apiHash))
      throw new UsageError("api_hash is 32 hex characters; copy it from my.telegram.org.");
    const prompts: LoginPrompts = {
      phoneNumber: () => asker.ask("Phone number (international format, e.g. +44 7700 900123): "),
      phoneCode: () => asker.ask("The code Telegram sent you: "),
      password: (hint) =>
        asker.askHidden(`Two-step verification password${hint ? ` (hint: ${hint})` : ""}: `),
      onError: (message) => terminal.stderr.write(`${message}\n`),
    };
    const client = createLoginClient(apiId, apiHash);
    try {
      const account = await logIn(client, prompts);
      terminal.stderr.write(
        `\nLogged in as ${account.username === null ? `user ${account.userId}` : `@${account.username}`}.\n` +
          "The line below is the session string: it is FULL ACCESS to this Telegram account.\n" +
          "Put it in .env as TG_SESSION=…, never share it or commit it, and revoke it in Telegram\n" +
          "(Settings → Devices) if it leaks. Use one session per worker process.\n\n",
      );
      terminal.stdout.write(`${account.session}\n`);
    } finally {
      await client.destroy();
    }
  } finally {
    asker.close();
  }
}

/** Questions on stderr; a hidden variant for the password (nothing echoed). */
function createAsker(terminal: LoginTerminal): {
  ask(q: string): Promise<string>;
  askHidden(q: string): Promise<string>;
  close(): void;
} {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) terminal.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({
    input: terminal.stdin,
    output,
    terminal: "isTTY" in terminal.stdin && terminal.stdin.isTTY === true,
  });
  return {
    ask: async (question) => (await rl.question(question)).trim(),
    askHidden: async (question) => {
      terminal.stderr.write(question);
      muted = true;
      try {
        return await rl.question("");
      } finally {
        muted = false;
        terminal.stderr.write("\n");
      }
    },
    close: () => rl.close(),
  };
}
