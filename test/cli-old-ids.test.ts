import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chatIdMatches, senderIdKeys } from "@tgstats/engine";
import { makeTempDir } from "./helpers/temp-dir.js";
import { oneLineError, tgstats, type CliRun } from "./helpers/cli-run.js";

function messagesOf(run: CliRun): number {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as { totals: { messages: number } }).totals.messages;
}

// Telegram Desktop 2.4.1–2.7.1 wrote ids shifted: user = 2^32 + id, chat or channel = 2^33 + id
// (a real one: tg2md's channel 1292077344 was written as 9882011936 = 8589934592 + 1292077344).
const CHANNEL_ID = 702979445;
const CHANNEL_WRITTEN = 9292914037; // 8589934592 + 702979445
const ANNA_ID = 302373742;
const ANNA_WRITTEN = 4597341038; // 4294967296 + 302373742
const BORIS_WRITTEN = 4597341039; // 4294967296 + 302373743

function message(id: number, fromId: number, from: string, text: string): object {
  return { id, type: "message", date: `2021-03-0${id}T12:00:00`, from, from_id: fromId, text };
}

const shiftedExport = {
  name: "Old Club",
  type: "private_supergroup",
  id: CHANNEL_WRITTEN,
  messages: [
    message(1, ANNA_WRITTEN, "Anna", "hello"),
    message(2, ANNA_WRITTEN, "Anna", "again"),
    message(3, BORIS_WRITTEN, "Boris", "hi"),
    // An anonymous admin posts as the group itself.
    message(4, CHANNEL_WRITTEN, "Old Club", "rules"),
  ],
};

// Before 2.4.1 `from_id` was the bare user id; the chat id was already shifted.
const rawFullExport = {
  about: "",
  chats: {
    about: "",
    list: [
      {
        name: "Bare Group",
        type: "private_group",
        id: 8589934592 + 555, // a basic group: 2^33 + 555
        messages: [
          message(1, ANNA_ID, "Anna", "one"),
          message(2, 302373743, "Boris", "two"),
          message(3, ANNA_ID, "Anna", "three"),
        ],
      },
      shiftedExport,
    ],
  },
};

const dir = makeTempDir("tgstats-old-ids-");
const shifted = path.join(dir, "shifted.json");
const full = path.join(dir, "full.json");

beforeAll(() => {
  writeFileSync(shifted, JSON.stringify(shiftedExport, null, 1));
  writeFileSync(full, JSON.stringify(rawFullExport, null, 1));
});

describe("--chat takes every id form of a chat", () => {
  it.each([
    String(CHANNEL_WRITTEN), // as written in the file
    String(CHANNEL_ID), // unshifted
    `channel${CHANNEL_ID}`,
    `-100${CHANNEL_ID}`, // Bot API
    "old club",
  ])("%s picks the old supergroup", (filter) => {
    expect(messagesOf(tgstats("report", full, "--json", "--chat", filter))).toBe(4);
  });

  it.each(["8589935147", "555", "chat555", "-555"])("%s picks the basic group", (filter) => {
    // 8589935147 = 8589934592 + 555
    expect(messagesOf(tgstats("report", full, "--json", "--chat", filter))).toBe(3);
  });

  it("names the forms of the nearest chat when none matches", () => {
    const line = oneLineError(tgstats("report", full, "--chat", "9292914038"));
    expect(line).toContain('No chat "9292914038"');
    expect(line).toContain("Bare Group (8589935147), Old Club (9292914037)");
    expect(line).toContain(
      "For Old Club, pass the chat's id as in the file (9292914037), 702979445, channel702979445 or -100702979445, or its name.",
    );
  });
});

describe("--sender takes every id form of a sender", () => {
  it.each([String(ANNA_WRITTEN), String(ANNA_ID), `user${ANNA_ID}`, "anna"])(
    "%s picks Anna in a shifted export",
    (filter) => {
      expect(messagesOf(tgstats("report", shifted, "--json", "--sender", filter))).toBe(2);
    },
  );

  it.each([
    String(CHANNEL_WRITTEN),
    String(CHANNEL_ID),
    `channel${CHANNEL_ID}`,
    `-100${CHANNEL_ID}`,
  ])("%s picks the group's own posts", (filter) => {
    expect(messagesOf(tgstats("report", shifted, "--json", "--sender", filter))).toBe(1);
  });

  it("takes a bare numeric from_id of an export before 2.4.1", () => {
    // Anna wrote messages 1 and 3 of the basic group.
    expect(
      messagesOf(tgstats("report", full, "--json", "--chat", "555", "--sender", String(ANNA_ID))),
    ).toBe(2);
  });

  it("says which forms a sender can be given in when none matches", () => {
    const line = oneLineError(tgstats("report", shifted, "--sender", "302373799"));
    expect(line).toContain("No messages match the filters (sender 302373799)");
    expect(line).toContain("302373742 or user302373742");
    expect(line).toContain("-1001292077344");
  });
});

describe("id forms", () => {
  const basic = { kind: "chat" as const, id: 1005, name: "G", type: "private_group" as const };
  it("reads a basic group's Bot API id even when it starts with 100", () => {
    expect(chatIdMatches(basic, 1005, "-1005")).toBe(true);
    expect(chatIdMatches(basic, 1005, "-5")).toBe(false);
    expect(chatIdMatches(basic, 1005, "channel1005")).toBe(false);
  });
  it("unshifts sender ids by 2^32 for users and 2^33 for groups and channels", () => {
    expect(senderIdKeys("4597341038")).toContain("user302373742");
    expect(senderIdKeys("9292914037")).toContain("channel702979445");
    expect(senderIdKeys("Anna")).toBeNull();
  });
});
