import { describe, expect, it } from "vitest";

import type { MessageDraft } from "../packages/sandbox/src/synthetic/message-draft.js";
import {
  LocalDateFormatter,
  serializeMessage,
  tdesktopString,
} from "../packages/sandbox/src/synthetic/tdesktop-json.js";
import { flatten } from "../packages/sandbox/src/synthetic/text-maker.js";

const moscow = { tdesktopEscapes: true, dates: new LocalDateFormatter("Europe/Moscow") };

describe("tdesktopString", () => {
  it("escapes like tdesktop's SerializeString", () => {
    expect(tdesktopString('a"b\\c\nd\re\tf', true)).toBe('"a\\"b\\\\c\\nd\\re\\tf"');
    expect(tdesktopString("x\u0001y\u001bz", true)).toBe('"x\\x01y\\x1Bz"');
    expect(tdesktopString("x\u0001y\u001bz", false)).toBe('"x\\u0001y\\u001bz"');
    expect(tdesktopString("a\u2028b\u2029c", true)).toBe('"a\\u2028b\\u2029c"');
    expect(tdesktopString("привет 👨‍👩‍👧‍👦", true)).toBe('"привет 👨‍👩‍👧‍👦"');
  });
});

describe("LocalDateFormatter", () => {
  it("writes Qt::ISODate local time without offset", () => {
    expect(new LocalDateFormatter("Europe/Moscow").format(0)).toBe("1970-01-01T03:00:00");
    // 2024-11-17T20:22:41Z is 21:22:41 in Berlin (UTC+1 in winter).
    expect(new LocalDateFormatter("Europe/Berlin").format(1_731_874_961)).toBe(
      "2024-11-17T21:22:41",
    );
    expect(new LocalDateFormatter("UTC").format(1_640_995_199)).toBe("2021-12-31T23:59:59");
  });
});

describe("serializeMessage", () => {
  it("reproduces a real tdesktop 5.x message with a reaction byte for byte", () => {
    // From a public result.json excerpt (tdesktop, Nov 2024), exported in UTC+1.
    // Note the reaction objects sitting one level deeper than their siblings.
    const draft: MessageDraft = {
      kind: "message",
      id: 786944,
      dateUnix: 1_731_874_961,
      editedUnix: 1_731_874_972,
      from: { name: "Airat", id: "user409474295" },
      replyToId: 786940,
      text: [{ type: "plain", text: "эх, а я вот в Мюнхене уже" }],
      reactions: [
        {
          type: "emoji",
          count: 1,
          emoji: "❤",
          recent: [{ from: { name: "Alina", id: "user1263460953" }, dateUnix: 1_731_874_972 }],
        },
      ],
    };
    const expected = [
      "{",
      '   "id": 786944,',
      '   "type": "message",',
      '   "date": "2024-11-17T21:22:41",',
      '   "date_unixtime": "1731874961",',
      '   "edited": "2024-11-17T21:22:52",',
      '   "edited_unixtime": "1731874972",',
      '   "from": "Airat",',
      '   "from_id": "user409474295",',
      '   "reply_to_message_id": 786940,',
      '   "text": "эх, а я вот в Мюнхене уже",',
      '   "text_entities": [',
      "    {",
      '     "type": "plain",',
      '     "text": "эх, а я вот в Мюнхене уже"',
      "    }",
      "   ],",
      '   "reactions": [',
      "     {",
      '      "type": "emoji",',
      '      "count": 1,',
      '      "emoji": "❤",',
      '      "recent": [',
      "       {",
      '        "from": "Alina",',
      '        "from_id": "user1263460953",',
      '        "date": "2024-11-17T21:22:52"',
      "       }",
      "      ]",
      "     }",
      "    ]",
      "  }",
    ].join("\n");
    const berlin = { tdesktopEscapes: true, dates: new LocalDateFormatter("Europe/Berlin") };
    expect(serializeMessage(draft, berlin)).toBe(expected);
  });

  it("writes rich text as bare strings plus entity objects, and text_entities as objects", () => {
    const draft: MessageDraft = {
      kind: "message",
      id: 5,
      dateUnix: 0,
      from: { name: null, id: "user7" },
      text: [
        { type: "plain", text: "см. " },
        { type: "text_link", text: "тут", href: "https://a.b/c" },
        { type: "plain", text: "" },
      ],
    };
    expect(serializeMessage(draft, moscow)).toBe(
      [
        "{",
        '   "id": 5,',
        '   "type": "message",',
        '   "date": "1970-01-01T03:00:00",',
        '   "date_unixtime": "0",',
        '   "from": null,',
        '   "from_id": "user7",',
        '   "text": [',
        '    "см. ",',
        "    {",
        '     "type": "text_link",',
        '     "text": "тут",',
        '     "href": "https://a.b/c"',
        "    },",
        '    ""',
        "   ],",
        '   "text_entities": [',
        "    {",
        '     "type": "plain",',
        '     "text": "см. "',
        "    },",
        "    {",
        '     "type": "text_link",',
        '     "text": "тут",',
        '     "href": "https://a.b/c"',
        "    },",
        "    {",
        '     "type": "plain",',
        '     "text": ""',
        "    }",
        "   ]",
        "  }",
      ].join("\n"),
    );
  });

  it("writes a service message with members (including a deleted account) and empty text", () => {
    const draft: MessageDraft = {
      kind: "service",
      id: 9,
      dateUnix: 60,
      actor: { name: "Оля", id: "user1" },
      action: "invite_members",
      members: ["Петя", null],
    };
    expect(serializeMessage(draft, moscow)).toBe(
      [
        "{",
        '   "id": 9,',
        '   "type": "service",',
        '   "date": "1970-01-01T03:01:00",',
        '   "date_unixtime": "60",',
        '   "actor": "Оля",',
        '   "actor_id": "user1",',
        '   "action": "invite_members",',
        '   "members": [',
        '    "Петя",',
        "    null",
        "   ],",
        '   "text": "",',
        '   "text_entities": []',
        "  }",
      ].join("\n"),
    );
  });

  it("writes a document in tdesktop's media key order and coordinates with six decimals", () => {
    const voice: MessageDraft = {
      kind: "message",
      id: 1,
      dateUnix: 0,
      from: { name: "A", id: "user1" },
      media: {
        kind: "document",
        file: {
          path: "(File not included. Change data exporting settings to download.)",
          sizeBytes: 0,
        },
        mediaType: "voice_message",
        mimeType: "audio/ogg",
        durationSeconds: 7,
      },
      text: [],
    };
    const body = serializeMessage(voice, moscow);
    expect(body).toContain(
      [
        '   "file": "(File not included. Change data exporting settings to download.)",',
        '   "file_size": 0,',
        '   "media_type": "voice_message",',
        '   "mime_type": "audio/ogg",',
        '   "duration_seconds": 7,',
        '   "text": "",',
        '   "text_entities": []',
      ].join("\n"),
    );
    const pin: MessageDraft = {
      kind: "message",
      id: 2,
      dateUnix: 0,
      from: { name: "A", id: "user1" },
      media: { kind: "location", latitude: 55.75, longitude: -73.968285 },
      text: [],
    };
    expect(serializeMessage(pin, moscow)).toContain(
      '   "location_information": {\n    "latitude": 55.750000,\n    "longitude": -73.968285\n   },',
    );
  });

  it("writes an unsupported message as id and type only", () => {
    expect(serializeMessage({ kind: "unsupported", id: 3 }, moscow)).toBe(
      '{\n   "id": 3,\n   "type": "unsupported"\n  }',
    );
  });
});

describe("flatten", () => {
  it("merges plain parts and adds tdesktop's trailing empty part after a final entity in non-ASCII text", () => {
    expect(
      flatten([
        { type: "plain", text: "a " },
        { type: "plain", text: "б " },
        { type: "bold", text: "x" },
      ]),
    ).toEqual([
      { type: "plain", text: "a б " },
      { type: "bold", text: "x" },
      { type: "plain", text: "" },
    ]);
    // ASCII only: UTF-8 and UTF-16 lengths agree, so tdesktop adds nothing.
    expect(
      flatten([
        { type: "plain", text: "see " },
        { type: "link", text: "x.io" },
      ]),
    ).toEqual([
      { type: "plain", text: "see " },
      { type: "link", text: "x.io" },
    ]);
    expect(
      flatten([
        { type: "mention", text: "@a" },
        { type: "plain", text: "" },
      ]),
    ).toEqual([{ type: "mention", text: "@a" }]);
  });
});
