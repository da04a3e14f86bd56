import { describe, expect, it } from "vitest";
import { ConfigError } from "@tgstats/platform";
import { loadBotConfig, parseRateLimit } from "@tgstats/bot";

describe("parseRateLimit", () => {
  it.each([
    ["3/10m", { points: 3, durationSeconds: 600 }],
    ["10/1h", { points: 10, durationSeconds: 3600 }],
    ["5/30s", { points: 5, durationSeconds: 30 }],
    ["100/d", { points: 100, durationSeconds: 86_400 }],
    [" 2 / 5M ", { points: 2, durationSeconds: 300 }],
  ])("reads %s", (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected);
  });

  it.each(["3", "3/10", "0/10m", "3/0m", "three/10m", "3/10w"])("refuses %s", (text) => {
    expect(parseRateLimit(text)).toBeNull();
  });
});

describe("loadBotConfig", () => {
  it("fills in defaults around the token", () => {
    expect(loadBotConfig({ BOT_TOKEN: "123:abc" })).toEqual({
      BOT_TOKEN: "123:abc",
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: "tgstats",
      OPS_PORT: 9102,
      OPS_HOST: "127.0.0.1",
      OWNER_IDS: [],
      RATE_LIMIT_USER: { points: 3, durationSeconds: 600 },
      RATE_LIMIT_CHAT: { points: 10, durationSeconds: 600 },
      READABLE_CHATS_REFRESH_MS: 600_000,
      DEFAULT_TIME_ZONE: "UTC",
      LOG_LEVEL: "info",
    });
  });

  it("reads every setting", () => {
    const config = loadBotConfig({
      BOT_TOKEN: "123:abc",
      REDIS_URL: "redis://redis:6380",
      BOT_API_ROOT: "http://127.0.0.1:8081",
      REDIS_KEY_PREFIX: "tgstats-staging",
      OWNER_IDS: "12345, 67890",
      RATE_LIMIT_USER: "5/1h",
      RATE_LIMIT_CHAT: "20/1h",
      READER_ACCOUNT: "@my_reader",
      READABLE_CHATS_REFRESH_MS: "120000",
      DEFAULT_TIME_ZONE: "Europe/Moscow",
      LOG_LEVEL: "debug",
      READER_UNUSED: "ignored",
    });
    expect(config).toEqual({
      BOT_TOKEN: "123:abc",
      REDIS_URL: "redis://redis:6380",
      BOT_API_ROOT: "http://127.0.0.1:8081",
      REDIS_KEY_PREFIX: "tgstats-staging",
      OPS_PORT: 9102,
      OPS_HOST: "127.0.0.1",
      OWNER_IDS: [12345, 67890],
      RATE_LIMIT_USER: { points: 5, durationSeconds: 3600 },
      RATE_LIMIT_CHAT: { points: 20, durationSeconds: 3600 },
      READER_ACCOUNT: "my_reader",
      READABLE_CHATS_REFRESH_MS: 120_000,
      DEFAULT_TIME_ZONE: "Europe/Moscow",
      LOG_LEVEL: "debug",
    });
  });

  it("treats empty variables as unset", () => {
    expect(
      loadBotConfig({ BOT_TOKEN: "123:abc", READER_ACCOUNT: "", OWNER_IDS: "" }),
    ).toMatchObject({
      OWNER_IDS: [],
    });
  });

  it("names every wrong variable and what to do, without echoing values", () => {
    let error: unknown;
    try {
      loadBotConfig({
        BOT_TOKEN: "not-a-token",
        OWNER_IDS: "12,abc",
        RATE_LIMIT_USER: "lots",
        DEFAULT_TIME_ZONE: "Mars/Olympus",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "BOT_TOKEN: does not look like a bot token (123456:ABC…); copy it from @BotFather",
      "OWNER_IDS: must be Telegram user ids separated by commas, e.g. 12345,67890",
      "RATE_LIMIT_USER: write it as count/duration, e.g. 3/10m (units s, m, h, d)",
      "DEFAULT_TIME_ZONE: must be an IANA time zone such as UTC or Europe/Moscow",
    ]);
    expect((error as Error).message).not.toContain("not-a-token");
  });

  it("says where to get a missing token", () => {
    expect(() => loadBotConfig({})).toThrow(
      "BOT_TOKEN is missing: set it to the token @BotFather gave you (123456:ABC…)",
    );
  });

  it("stops on an old QUEUE_PREFIX that differs from the key prefix, saying what to do", () => {
    expect(() => loadBotConfig({ BOT_TOKEN: "123:abc", QUEUE_PREFIX: "staging" })).toThrow(
      'QUEUE_PREFIX is replaced by REDIS_KEY_PREFIX, which now prefixes every tgstats key: give REDIS_KEY_PREFIX its value and remove QUEUE_PREFIX (the README\'s "Redis keys" says how to move the other keys)',
    );
    expect(
      loadBotConfig({ BOT_TOKEN: "123:abc", QUEUE_PREFIX: "staging", REDIS_KEY_PREFIX: "staging" })
        .REDIS_KEY_PREFIX,
    ).toBe("staging");
    expect(loadBotConfig({ BOT_TOKEN: "123:abc", QUEUE_PREFIX: "tgstats" }).REDIS_KEY_PREFIX).toBe(
      "tgstats",
    );
  });

  it("refuses a key prefix that would break the key layout", () => {
    expect(() => loadBotConfig({ BOT_TOKEN: "123:abc", REDIS_KEY_PREFIX: "a:b" })).toThrow(
      "REDIS_KEY_PREFIX: letters, digits, -, _ and braces only, e.g. tgstats or {tgstats}",
    );
  });
});
