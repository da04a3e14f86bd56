import { describe, expect, it } from "vitest";
import { messageLink } from "@tgstats/engine";

describe("messageLink", () => {
  it("links a private supergroup or channel message through t.me/c/", () => {
    expect(messageLink({ kind: "channel", id: 1_234_567_890 }, 42)).toBe(
      "https://t.me/c/1234567890/42",
    );
  });

  it("links a public chat's message through its username", () => {
    expect(messageLink({ kind: "channel", id: 1, username: "tgstats_demo" }, 7)).toBe(
      "https://t.me/tgstats_demo/7",
    );
  });

  it("has no link for basic groups, private chats or a malformed username", () => {
    expect(messageLink({ kind: "chat", id: 5 }, 7)).toBeNull();
    expect(messageLink({ kind: "user", id: 5 }, 7)).toBeNull();
    expect(messageLink({ kind: "channel", id: 9, username: "a/b" }, 7)).toBe("https://t.me/c/9/7");
    expect(messageLink({ kind: "channel", id: 9 }, 0)).toBeNull();
  });
});
