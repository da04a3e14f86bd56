import { TelegramClient, sessions } from "telegram";
import { LogLevel } from "telegram/extensions/Logger.js";
import { Logger } from "telegram";

/** The questions `tgstats login` asks in the terminal. */
export interface LoginPrompts {
  phoneNumber(): Promise<string>;
  /** The code Telegram sent to the account's other devices (or by SMS). */
  phoneCode(): Promise<string>;
  /** The two-step verification password, when the account has one. */
  password(hint: string | undefined): Promise<string>;
  /** A wrong answer (bad code, bad password): the question is asked again. */
  onError(message: string): void;
}

/** The account a login signed in. */
export interface LoggedInAccount {
  /** StringSession: full access to the account. Goes to TG_SESSION, never to a log. */
  session: string;
  userId: number;
  username: string | null;
}

const MAX_WRONG_ANSWERS = 3;

/** A client for logging in, with a fresh StringSession and GramJS's logging off. */
export function createLoginClient(apiId: number, apiHash: string): TelegramClient {
  return new TelegramClient(new sessions.StringSession(""), apiId, apiHash, {
    connectionRetries: 3,
    baseLogger: new Logger(LogLevel.NONE),
  });
}

/**
 * Logs an account in interactively (phone, code, 2FA password) and returns
 * its session string. Gives up after three wrong answers.
 */
export async function logIn(
  client: TelegramClient,
  prompts: LoginPrompts,
): Promise<LoggedInAccount> {
  let wrongAnswers = 0;
  await client.start({
    phoneNumber: () => prompts.phoneNumber(),
    phoneCode: () => prompts.phoneCode(),
    password: (hint) => prompts.password(hint),
    onError: (error) => {
      prompts.onError(describeLoginError(error));
      return Promise.resolve(++wrongAnswers >= MAX_WRONG_ANSWERS);
    },
  });
  const me = await client.getMe();
  const session = client.session instanceof sessions.StringSession ? client.session.save() : "";
  return { session, userId: Number(me.id), username: me.username ?? null };
}

function describeLoginError(error: Error): string {
  const code = (error as Error & { errorMessage?: string }).errorMessage ?? error.message;
  if (code === "PHONE_CODE_INVALID") return "That code is wrong; type the code Telegram just sent.";
  if (code === "PHONE_CODE_EXPIRED")
    return "That code has expired; start again with `tgstats login`.";
  if (code === "PHONE_NUMBER_INVALID")
    return "Telegram does not know that phone number; use the international format, e.g. +44 7700 900123.";
  if (code === "PASSWORD_HASH_INVALID") return "That two-step verification password is wrong.";
  return `Telegram answered ${code}.`;
}
