/**
 * Secrets shaped like real ones (a BotFather token, GramJS session strings,
 * an api_hash, passwords) for tests that check none of them leaks.
 */

/** A session string as `tgstats login` prints it: "1" + base64 of dc, address, port and a 256-byte key. */
function sessionString(seed: number): string {
  const bytes = Buffer.from(
    Array.from({ length: 263 }, (_, i) => (i * 37 + seed * 101 + 11) % 256),
  );
  return `1${bytes.toString("base64")}`;
}

/** The secrets, by the setting that holds them. */
export const SECRETS = {
  BOT_TOKEN: "7061234567:AAHk3v9xQz-Lm2Pq8sT4uW6yB1cD0eF5gJ7",
  TG_API_HASH: "b3f9c2a1d4e5f60718293a4b5c6d7e8f",
  SESSION_A: sessionString(1),
  SESSION_B: sessionString(2),
  REDIS_PASSWORD: "r3dis/Pa55-w0rd",
} as const;

/** Each secret of {@link SECRETS} found in `text`, raw or URL-encoded (as in a request URL). */
export function leakedSecrets(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value)))
    .map(([name]) => name);
}
