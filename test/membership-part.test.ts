/**
 * Member figures computed by hand: joins, leaves, sources ("came back"),
 * inviters and titles, through the report builder and the public report.
 */
import { describe, expect, it } from "vitest";
import {
  formatSummaryMarkdown,
  ReportBuilder,
  ReportState,
  toReportJson,
  type MemberRef,
  type Message,
  type ReportStateJson,
  type Sender,
  type ServiceDetails,
} from "@tgstats/engine";
import { formatDeliverySummary } from "@tgstats/worker";
import { makeMessage, unix } from "./helpers/messages.js";

const ALICE: Sender = { kind: "user", id: 1, name: "Alice" };
const BOB: Sender = { kind: "user", id: 2, name: "Bob" };
const DAN: Sender = { kind: "user", id: 4, name: "Dan" };
const EVE: Sender = { kind: "user", id: 5, name: "Eve" };
const FRANK: Sender = { kind: "user", id: 6, name: "Frank" };
/** An anonymous admin acts as the group itself. */
const GROUP_AS_ADMIN: Sender = { kind: "channel", id: 100, name: "Group" };
const NEWS_CHANNEL: MemberRef = { peer: { kind: "channel", id: 9 }, name: "News" };
const ref = (sender: Sender): MemberRef => ({
  peer: { kind: sender.kind, id: sender.id },
  name: sender.name,
});
/** Carol is named by name only, as an export names members added or removed by someone else. */
const CAROL: MemberRef = { peer: null, name: "Carol" };

let nextId = 1;
function service(iso: string, actor: Sender, details: ServiceDetails): Message {
  return makeMessage({
    id: nextId++,
    dateUnix: unix(iso),
    sender: actor,
    kind: "service",
    serviceAction: "any",
    service: details,
  });
}

const HISTORY: Message[] = [
  // 1. Alice adds Bob (Monday 2024-03-04).
  service("2024-03-04T10:00:00Z", ALICE, { type: "members_added", members: [ref(BOB)] }),
  // 2. Bob leaves on his own (Sunday 2024-03-10).
  service("2024-03-10T10:00:00Z", BOB, { type: "members_removed", members: [ref(BOB)] }),
  // 3. Bob comes back through Alice's link; the export names the inviter only.
  service("2024-04-02T10:00:00Z", BOB, {
    type: "joined_by_link",
    inviter: { peer: null, name: "Alice" },
  }),
  // 4. An anonymous admin adds Carol: a join, credited to nobody.
  service("2024-04-03T10:00:00Z", GROUP_AS_ADMIN, { type: "members_added", members: [CAROL] }),
  // 5. Dan joins a public group on his own.
  service("2024-04-05T10:00:00Z", DAN, { type: "members_added", members: [ref(DAN)] }),
  // 6. Eve's request is approved.
  service("2024-04-06T10:00:00Z", EVE, { type: "joined_by_request" }),
  // 7. Alice removes Carol (Sunday 2024-04-07).
  service("2024-04-07T10:00:00Z", ALICE, { type: "members_removed", members: [CAROL] }),
  // 8. Alice adds Carol again: she came back.
  service("2024-04-08T10:00:00Z", ALICE, { type: "members_added", members: [CAROL] }),
  // 9. A channel named as a member is no person: not counted.
  service("2024-04-08T11:00:00Z", ALICE, { type: "members_added", members: [NEWS_CHANNEL] }),
  // 10. Alice renames the chat.
  service("2024-04-09T12:00:00Z", ALICE, { type: "title_changed", title: "Club" }),
  // 11. Frank joins by a link whose maker is unknown.
  service("2024-04-10T10:00:00Z", FRANK, { type: "joined_by_link", inviter: null }),
  // 12. A pin: no membership figure.
  service("2024-04-10T11:00:00Z", ALICE, { type: "message_pinned", messageId: 3 }),
];

function fold(messages: readonly Message[]): ReportState {
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(messages);
  return builder.state;
}

const EXPECTED_MEMBERS = {
  // Joins: Bob (1), Bob (3), Carol (4), Dan (5), Eve (6), Carol (8), Frank (11) = 7; the channel (9) is none.
  joins: 7,
  // Leaves: Bob (2), Carol (7) = 2.
  leaves: 2,
  net: 5, // 7 − 2
  leftOnTheirOwn: 1, // Bob
  removed: 1, // Carol, by Alice
  joinsBySource: {
    added: 2, // Bob (1), Carol (4)
    self: 1, // Dan (5)
    link: 1, // Frank (11); Bob's link join (3) came after his leave
    request: 1, // Eve (6)
    cameBack: 2, // Bob (3) after (2), Carol (8) after (7)
  }, // 2 + 1 + 1 + 1 + 2 = 7 joins
  monthly: {
    "2024-03": { joins: 1, leaves: 1, net: 0 }, // (1), (2)
    "2024-04": { joins: 6, leaves: 1, net: 5 }, // (3)(4)(5)(6)(8)(11), (7)
  },
  // The history spans 2024-03-04..2024-04-10 = 38 days ≤ 92: weeks by their Monday.
  weekly: {
    "2024-03-04": { joins: 1, leaves: 1, net: 0 }, // Mon 03-04 (1), Sun 03-10 (2)
    "2024-04-01": { joins: 4, leaves: 1, net: 3 }, // Tue (3), Wed (4), Fri (5), Sat (6); Sun (7)
    "2024-04-08": { joins: 2, leaves: 0, net: 2 }, // Mon (8), Wed (11)
  },
  // Alice added Bob (1) and Carol (8), and her link brought Bob (3): the name-only
  // inviter "Alice" is the one inviter known by id with that name.
  topInviters: [{ id: "user1", name: "Alice", added: 2, byLink: 1 }],
  titles: [{ date: "2024-04-09T12:00:00+00:00", title: "Club" }],
};

describe("member figures", () => {
  it("counts joins, leaves, sources, inviters and titles as computed by hand", () => {
    const report = toReportJson(fold(HISTORY), {
      chat: { id: 100, name: "Club", type: "private_supergroup" },
    });
    expect(report.members).toEqual(EXPECTED_MEMBERS);
    // Service messages stay out of the message counts and the senders.
    expect(report.totals.messages).toBe(0);
    expect(report.senders).toEqual([]);
  });

  it("finds the same figures in any order and any split, merged either way", () => {
    const whole = fold(HISTORY).membership.toJSON();
    expect(fold([...HISTORY].reverse()).membership.toJSON()).toEqual(whole);
    for (let cut = 0; cut <= HISTORY.length; cut++) {
      const first = fold(HISTORY.slice(0, cut));
      const second = fold(HISTORY.slice(cut));
      expect(first.merge(second).membership.toJSON()).toEqual(whole);
      expect(second.merge(first).membership.toJSON()).toEqual(whole);
      const restored = ReportState.fromJSON(
        JSON.parse(JSON.stringify(first.toJSON())) as ReportStateJson,
      );
      expect(restored.merge(second).membership.toJSON()).toEqual(whole);
    }
  });

  it("matches a person by id or by display name, as exports name re-added members by name only", () => {
    const members = (messages: Message[]) =>
      toReportJson(fold(messages), { chat: { id: 100, name: "Club", type: "private_supergroup" } })
        .members?.joinsBySource;
    // Bob leaves on his own (id and name), then Alice re-adds "Bob" (name only): he came back.
    expect(
      members([
        service("2024-01-01T10:00:00Z", BOB, { type: "members_removed", members: [ref(BOB)] }),
        service("2024-01-02T10:00:00Z", ALICE, {
          type: "members_added",
          members: [{ peer: null, name: "Bob" }],
        }),
        // A deleted account (no id, no name) left and one joined: nobody to match.
        service("2024-01-03T10:00:00Z", ALICE, {
          type: "members_removed",
          members: [{ peer: null, name: null }],
        }),
        service("2024-01-04T10:00:00Z", ALICE, {
          type: "members_added",
          members: [{ peer: null, name: null }],
        }),
        // A join before the person's only leave is no came-back join.
        service("2024-01-05T10:00:00Z", ALICE, { type: "members_added", members: [ref(EVE)] }),
        service("2024-01-06T10:00:00Z", EVE, { type: "members_removed", members: [ref(EVE)] }),
      ]),
    ).toEqual({ added: 2, self: 0, link: 0, request: 0, cameBack: 1 });
    // Joins: Bob (2nd), the deleted account (4th), Eve (5th) = 3 = 2 added + 1 came back.
  });

  it("credits a link's inviter known by id (MTProto) and keeps a longer report without weeks", () => {
    const report = toReportJson(
      fold([
        service("2024-01-01T10:00:00Z", BOB, { type: "joined_by_link", inviter: ref(ALICE) }),
        service("2024-01-02T10:00:00Z", EVE, { type: "joined_by_link", inviter: ref(ALICE) }),
        // The anonymous admin's link: no person to credit.
        service("2024-06-01T10:00:00Z", DAN, {
          type: "joined_by_link",
          inviter: ref(GROUP_AS_ADMIN),
        }),
      ]),
      { chat: { id: 100, name: "Club", type: "private_supergroup" } },
    );
    expect(report.members?.topInviters).toEqual([
      { id: "user1", name: "Alice", added: 0, byLink: 2 },
    ]);
    expect(report.members?.joinsBySource).toEqual({
      added: 0,
      self: 0,
      link: 3,
      request: 0,
      cameBack: 0,
    });
    // 2024-01-01..2024-06-01 is 153 days > 92.
    expect(report.members?.weekly).toBeNull();
  });

  it("gives weeks for a date filter of at most 92 days, and no member figures without events", () => {
    const builder = new ReportBuilder({
      timeZone: "UTC",
      fromDate: "2024-03-01",
      toDate: "2024-05-31",
    });
    builder.addBatch(HISTORY);
    // 2024-03-01..2024-05-31: 31 + 30 + 31 = 92 days.
    const report = toReportJson(builder.state, {
      chat: { id: 100, name: "Club", type: "private_supergroup" },
      filters: { from: "2024-03-01", to: "2024-05-31", sender: null },
    });
    expect(report.members?.weekly).toEqual(EXPECTED_MEMBERS.weekly);
    expect(
      toReportJson(fold([makeMessage({ id: 1, dateUnix: 1, sender: ALICE, text: "hi" })]), {
        chat: { id: 100, name: "Club", type: "private_supergroup" },
      }).members,
    ).toBeNull();
  });
});

describe("member figures in the summaries", () => {
  const withMessage = [
    ...HISTORY,
    makeMessage({
      id: 99,
      dateUnix: unix("2024-04-10T12:00:00Z"),
      sender: ALICE,
      text: "hello all",
    }),
  ];
  const reportIn = (language: "en" | "ru") =>
    toReportJson(fold(withMessage), {
      chat: { id: 100, name: "Club", type: "private_supergroup" },
      language,
    });

  it("summary.md lists joins, leaves, sources, inviters and titles (en and ru)", () => {
    expect(formatSummaryMarkdown(reportIn("en"))).toContain(
      [
        "## Members",
        "",
        "- Joined: 7, left: 2, net +5",
        "- Left on their own: 1, removed: 1",
        "- Added: 2, joined on their own: 1, by link: 1, by request: 1, came back: 2",
        "",
        "## Brought the most members",
        "",
        "1. Alice: added 2, by link 1",
        "",
        "## Chat titles",
        "",
        "- 2024-04-09: Club",
      ].join("\n"),
    );
    expect(formatSummaryMarkdown(reportIn("ru"))).toContain(
      [
        "## Участники",
        "",
        "- Пришли: 7, ушли: 2, итог +5",
        "- Вышли сами: 1, удалены: 1",
        "- Добавлены: 2, вступили сами: 1, по ссылке: 1, по заявке: 1, вернулись: 2",
        "",
        "## Больше всех привели",
        "",
        "1. Alice: добавлено 2, по ссылке 1",
      ].join("\n"),
    );
  });

  it("the sent summary shows the same figures and the top inviters", () => {
    expect(formatDeliverySummary(reportIn("en"))).toContain(
      [
        "<b>Members</b>",
        "Joined: 7, left: 2, net +5",
        "Left on their own: 1, removed: 1",
        "Added: 2, joined on their own: 1, by link: 1, by request: 1, came back: 2",
        "Brought the most members: Alice: added 2, by link 1",
      ].join("\n"),
    );
    expect(formatDeliverySummary(reportIn("ru"))).toContain("Пришли: 7, ушли: 2, итог +5");
  });
});
