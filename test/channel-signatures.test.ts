import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  REPORT_STATE_VERSION,
  ReportBuilder,
  ReportState,
  formatSummaryMarkdown,
  reportFromExport,
  toReportJson,
  type Message,
  type Sender,
} from "@tgstats/engine";
import { alice, makeMessage } from "./helpers/messages.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const channel: Sender = { kind: "channel", id: 500, name: "News" };
const SIGNATURES = ["Anna", "Борис", "Chen", " ", ""] as const;

/** Posts of the channel (signed or not) mixed with a person's messages. */
const postsArbitrary = fc
  .array(
    fc.record({
      byChannel: fc.boolean(),
      signature: fc.option(fc.constantFrom(...SIGNATURES)),
    }),
    { minLength: 0, maxLength: 40 },
  )
  .map((rows) =>
    rows.map((row, index): Message =>
      makeMessage({
        id: index + 1,
        dateUnix: 1_700_000_000 + index * 600,
        sender: row.byChannel ? channel : alice,
        authorSignature: row.signature,
        text: "post",
      }),
    ),
  );

function fold(messages: readonly Message[]): ReportState {
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(messages);
  return builder.state;
}

/** The expected counts, tallied here without the engine. */
function tally(messages: readonly Message[]): { signed: Map<string, number>; unsigned: number } {
  const signed = new Map<string, number>();
  let unsigned = 0;
  for (const message of messages) {
    if (message.sender?.kind !== "channel") continue;
    const signature = (message.authorSignature ?? "").trim();
    if (signature === "") unsigned++;
    else signed.set(signature, (signed.get(signature) ?? 0) + 1);
  }
  return { signed, unsigned };
}

describe("posts per signature", () => {
  it("merging two halves equals the whole, and both equal a tally by hand", () => {
    fc.assert(
      fc.property(postsArbitrary, fc.nat(), (posts, cut) => {
        const at = cut % (posts.length + 1);
        const whole = fold(posts);
        const merged = fold(posts.slice(0, at)).merge(fold(posts.slice(at)));
        expect(merged.channel.toJSON()).toEqual(whole.channel.toJSON());
        const expected = tally(posts);
        expect(Object.fromEntries(whole.channel.signedPosts)).toEqual(
          Object.fromEntries(expected.signed),
        );
        expect(whole.channel.unsignedPosts).toBe(expected.unsigned);
      }),
    );
  });

  it("survives a JSON round trip of the state, whose version is bumped", () => {
    fc.assert(
      fc.property(postsArbitrary, (posts) => {
        const state = fold(posts);
        const json = JSON.parse(JSON.stringify(state.toJSON())) as ReturnType<
          ReportState["toJSON"]
        >;
        expect(json.version).toBe(REPORT_STATE_VERSION);
        expect(ReportState.fromJSON(json).channel.toJSON()).toEqual(state.channel.toJSON());
      }),
    );
    expect(REPORT_STATE_VERSION).toBe(7);
  });

  it("lists signatures most first in the JSON, null when no post is signed", () => {
    const posts = [
      ...["Anna", "Борис", "Anna", " Anna "].map((signature, i) =>
        makeMessage({
          id: i + 1,
          dateUnix: 1_700_000_000 + i,
          sender: channel,
          authorSignature: signature,
        }),
      ),
      makeMessage({ id: 5, dateUnix: 1_700_000_010, sender: channel, authorSignature: null }),
      // A person's message is no post, signed or not.
      makeMessage({ id: 6, dateUnix: 1_700_000_020, sender: alice, authorSignature: "Anna" }),
    ];
    const chat = { id: 500, name: "News", type: "public_channel" as const };
    const report = toReportJson(fold(posts), { chat });
    // Anna: posts 1, 3 and 4 (" Anna " trimmed) = 3; Борис: post 2 = 1; unsigned: post 5 = 1.
    expect(report.signatures).toEqual({
      signed: 4,
      unsigned: 1,
      bySignature: [
        { signature: "Anna", posts: 3 },
        { signature: "Борис", posts: 1 },
      ],
    });
    const unsigned = [makeMessage({ id: 1, dateUnix: 1_700_000_000, sender: channel })];
    expect(toReportJson(fold(unsigned), { chat }).signatures).toBeNull();
  });
});

describe("signatures of an export's channel posts", () => {
  it("are counted from `author` and shown in summary.md", async () => {
    const dir = makeTempDir("tgstats-signatures-");
    const file = path.join(dir, "result.json");
    const post = (id: number, author?: string): object => ({
      id,
      type: "message",
      date: "2024-05-04T10:00:00",
      date_unixtime: String(1714816800 + id * 60),
      from: "News",
      from_id: "channel500",
      ...(author === undefined ? {} : { author }),
      text: "news",
      text_entities: [{ type: "plain", text: "news" }],
    });
    const messages = [post(1, "Anna"), post(2, "Anna"), post(3, "Борис"), post(4)];
    writeFileSync(
      file,
      JSON.stringify({ name: "News", type: "public_channel", id: 500, messages }),
    );
    const report = await reportFromExport(file, { report: { timeZone: "UTC" } });
    expect(report.signatures).toEqual({
      signed: 3,
      unsigned: 1,
      bySignature: [
        { signature: "Anna", posts: 2 },
        { signature: "Борис", posts: 1 },
      ],
    });
    // Shares of the 4 posts: 2/4 = 50 %, 1/4 = 25 %, 1/4 = 25 %.
    expect(formatSummaryMarkdown(report)).toContain(
      [
        "## Posts by signature",
        "",
        "1. Anna: 2 posts (50%)",
        "2. Борис: 1 post (25%)",
        "- no signature: 1 post (25%)",
      ].join("\n"),
    );
    const ru = formatSummaryMarkdown({ ...report, language: "ru" });
    expect(ru).toContain("## Публикации по подписи");
    expect(ru).toContain("- без подписи: 1 публ. (25\u00a0%)"); // Intl puts a no-break space before % in Russian
  });
});
