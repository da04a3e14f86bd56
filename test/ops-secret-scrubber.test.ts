/**
 * Secrets are scrubbed by value: whatever string carries the token, a session
 * or a password (an error message, a URL, a cause, a stack, a JSON line) comes
 * out with "[redacted]" in its place.
 */
import { describe, expect, it } from "vitest";
import { configSecrets, createSecretScrubber } from "@tgstats/platform";

const TOKEN = "7061234567:AAHk3v9xQz-Lm2Pq8sT4uW6yB1cD0eF5gJ7";
const SESSION_A = `1BAAOMTQ5LjE1NC4xNjcuOTEAUJ8vZ3Jh${"Qk9wX2Zha2Vfa2V5".repeat(8)}=`;
const SESSION_B = `1BAAOMTQ5LjE1NC4xNjcuNTEAU${"bW9yZV9zZXNzaW9u".repeat(8)}+/w==`;
const API_HASH = "b3f9c2a1d4e5f60718293a4b5c6d7e8f";
const PASSWORD = 'p"ss\\w0rd/with:odd&chars';

describe("configSecrets", () => {
  it("names every secret of a configuration, each session of the pool and the Redis password", () => {
    const secrets = configSecrets({
      BOT_TOKEN: TOKEN,
      TG_API_HASH: API_HASH,
      TG_SESSION: undefined,
      TG_SESSIONS: `${SESSION_A},\n${SESSION_B}`,
      DASHBOARD_PASSWORD: PASSWORD,
      REDIS_URL: "redis://tgstats:s3cr%2Ft-pass@10.0.0.5:6379/0",
      LOG_LEVEL: "info",
    });
    expect(secrets).toEqual([
      { setting: "BOT_TOKEN", value: TOKEN },
      { setting: "TG_API_HASH", value: API_HASH },
      { setting: "DASHBOARD_PASSWORD", value: PASSWORD },
      { setting: "TG_SESSIONS[0]", value: SESSION_A },
      { setting: "TG_SESSIONS[1]", value: SESSION_B },
      { setting: "REDIS_URL password", value: "s3cr%2Ft-pass" },
      { setting: "REDIS_URL password", value: "s3cr/t-pass" },
    ]);
  });

  it("finds nothing in a configuration without secrets (a Redis URL without a password)", () => {
    expect(configSecrets({ REDIS_URL: "redis://127.0.0.1:6379", LOG_LEVEL: "info" })).toEqual([]);
  });
});

describe("createSecretScrubber", () => {
  const scrubber = createSecretScrubber(
    configSecrets({
      BOT_TOKEN: TOKEN,
      TG_API_HASH: API_HASH,
      TG_SESSIONS: `${SESSION_A} ${SESSION_B}`,
      DASHBOARD_PASSWORD: PASSWORD,
    }),
  );

  it("replaces a token in a request URL, raw and URL-encoded in either case", () => {
    const encoded = encodeURIComponent(TOKEN); // the ':' becomes %3A
    expect(
      scrubber.scrub(
        `request to http://127.0.0.1:9/bot${TOKEN}/sendMediaGroup failed; retry bot${encoded}/x and bot${encoded.replace("%3A", "%3a")}/y`,
      ),
    ).toBe(
      "request to http://127.0.0.1:9/bot[redacted]/sendMediaGroup failed; retry bot[redacted]/x and bot[redacted]/y",
    );
  });

  it("replaces each session of the pool, the api_hash and a password with regex characters", () => {
    expect(scrubber.scrub(`a=${SESSION_A} b=${SESSION_B} h=${API_HASH} p=${PASSWORD}.`)).toBe(
      "a=[redacted] b=[redacted] h=[redacted] p=[redacted].",
    );
  });

  it("scrubs JSON lines in their escaped form and keeps them valid JSON", () => {
    const line = JSON.stringify({
      msg: `failed: ${PASSWORD}`,
      // A newline right before the hash: the hash must still go.
      detail: `line\n${API_HASH}`,
      // "n" + the hash's tail is not a secret: the escape before it must stay intact.
      other: `\n${API_HASH.slice(1)}`,
    });
    const scrubbed = scrubber.scrubJson(line);
    expect(JSON.parse(scrubbed)).toEqual({
      msg: "failed: [redacted]",
      detail: "line\n[redacted]",
      other: `\n${API_HASH.slice(1)}`,
    });
  });

  it("scrubs an error in place: message, stack, cause chain and nested errors, keeping its class", () => {
    class ApiFailure extends Error {
      constructor(
        message: string,
        readonly error: Error,
      ) {
        super(message);
      }
    }
    const fetchError = new Error(`request to http://x/bot${TOKEN}/getMe failed`);
    const root = new Error(`session ${SESSION_A} refused`, { cause: fetchError });
    const error = new ApiFailure("Network request for 'getMe' failed!", root);
    const aggregate = new AggregateError([new Error(`hash ${API_HASH}`)], "several");
    expect(scrubber.scrubError(error)).toBe(error);
    scrubber.scrubError(aggregate);
    expect(error).toBeInstanceOf(ApiFailure);
    expect(root.message).toBe("session [redacted] refused");
    expect(root.stack).toContain("session [redacted] refused");
    expect(fetchError.message).toBe("request to http://x/bot[redacted]/getMe failed");
    expect((aggregate.errors[0] as Error).message).toBe("hash [redacted]");
    for (const text of [root.stack, fetchError.stack, (aggregate.errors[0] as Error).stack])
      for (const secret of [TOKEN, SESSION_A, API_HASH]) expect(text).not.toContain(secret);
  });

  it("leaves short secrets alone and names their settings, so a start-up can warn", () => {
    const short = createSecretScrubber([
      { setting: "REDIS_URL password", value: "pw1" },
      { setting: "BOT_TOKEN", value: TOKEN },
    ]);
    expect(short.tooShort).toEqual(["REDIS_URL password"]);
    expect(short.scrub("pw1 is kept")).toBe("pw1 is kept");
  });

  it("without secrets returns every text as it was", () => {
    const none = createSecretScrubber([]);
    expect(none.isEmpty).toBe(true);
    expect(none.scrubJson('{"msg":"a\\nb"}')).toBe('{"msg":"a\\nb"}');
  });
});
