import { Api, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { makePng } from "./helpers/png.js";
import { startFakeBotApi, type FakeBotApi } from "@tgstats/sandbox";
import { canonicalPartHeaders } from "../packages/sandbox/src/fake-bot-api/request-params.js";
import { readImageHeader } from "@tgstats/sandbox";

const TOKEN = "777:media";
const GROUP = -1001000000001;

let server: FakeBotApi | null = null;

async function start(): Promise<{ server: FakeBotApi; api: Api }> {
  server = await startFakeBotApi({ token: TOKEN });
  server.addChat({ id: GROUP, type: "supergroup", title: "Team" });
  return { server, api: new Api(TOKEN, { apiRoot: server.apiRoot }) };
}

afterEach(async () => {
  await server?.close();
  server = null;
});

/** SOI, an APP0 segment, then an SOF0 frame header with the size. */
function jpeg(widthPx: number, heightPx: number): Buffer {
  const app0 = [
    0xff,
    0xe0,
    0x00,
    0x10,
    ...Buffer.from("JFIF\0", "latin1"),
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
  ];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    heightPx >> 8,
    heightPx & 0xff,
    widthPx >> 8,
    widthPx & 0xff,
    3,
  ];
  return Buffer.from([
    0xff,
    0xd8,
    ...app0,
    ...sof0,
    ...Array.from({ length: 9 }, () => 0),
    0xff,
    0xd9,
  ]);
}

describe("image headers", () => {
  it("reads PNG and JPEG sizes and refuses other bytes", () => {
    expect(readImageHeader(makePng(1600, 900))).toEqual({
      format: "png",
      widthPx: 1600,
      heightPx: 900,
    });
    expect(readImageHeader(jpeg(640, 480))).toEqual({
      format: "jpeg",
      widthPx: 640,
      heightPx: 480,
    });
    expect(readImageHeader(Buffer.from("GIF89a"))).toBeNull();
    expect(readImageHeader(makePng(10, 10).subarray(0, 20))).toBeNull();
  });
});

describe("multipart as grammY writes it", () => {
  it("is rewritten into headers undici parses, part bytes unchanged", async () => {
    const boundary = "----------abc123";
    const bytes = Buffer.from([0x89, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n-100\r\n--${boundary}\r\n`,
      ),
      Buffer.from(
        `content-disposition:form-data;name="x1";filename=01 top senders.png\r\ncontent-type:application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const request = new Request("http://local/", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body: canonicalPartHeaders(body, boundary),
    });
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await request.formData();
    expect(form.get("chat_id")).toBe("-100");
    const file = form.get("x1");
    if (!(file instanceof File)) throw new Error("expected a file part");
    expect(file.name).toBe("01 top senders.png");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
  });
});

describe("fake Bot API: sendPhoto", () => {
  it("stores an uploaded PNG with its name, bytes and size", async () => {
    const { api, server } = await start();
    const bytes = makePng(1600, 900);
    const message = await api.sendPhoto(GROUP, new InputFile(bytes, "01-top-senders.png"), {
      caption: "Top senders",
    });
    expect(message.photo).toEqual([
      expect.objectContaining({ width: 1600, height: 900, file_size: bytes.length }),
    ]);
    expect(message.caption).toBe("Top senders");
    const call = server.calls.at(-1)!;
    expect(call).toMatchObject({
      method: "sendPhoto",
      chatId: GROUP,
      caption: "Top senders",
      ok: true,
    });
    expect(call.files).toEqual([{ name: "01-top-senders.png", bytes }]);
    expect(server.chatMessages(GROUP)[0]?.file?.bytes).toEqual(bytes);
  });

  it("accepts JPEG and re-sends a photo by file_id", async () => {
    const { api } = await start();
    const first = await api.sendPhoto(GROUP, new InputFile(jpeg(640, 480), "a.jpg"));
    const again = await api.sendPhoto(GROUP, first.photo[0]!.file_id);
    expect(again.photo[0]).toMatchObject({ width: 640, height: 480 });
  });

  it("refuses what Telegram refuses", async () => {
    const { api } = await start();
    const send = (bytes: Buffer, caption?: string): Promise<unknown> =>
      api.sendPhoto(GROUP, new InputFile(bytes, "x.png"), caption === undefined ? {} : { caption });
    await expect(send(Buffer.from("not an image at all"))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: IMAGE_PROCESS_FAILED",
    });
    await expect(send(makePng(9000, 1001))).rejects.toMatchObject({
      description: "Bad Request: PHOTO_INVALID_DIMENSIONS",
    });
    await expect(send(makePng(2100, 100))).rejects.toMatchObject({
      description: "Bad Request: PHOTO_INVALID_DIMENSIONS",
    });
    await expect(send(makePng(9000, 1000))).resolves.toBeDefined();
    const tooBig = 10 * 1024 * 1024 + 1;
    await expect(send(makePng(100, 100, tooBig))).rejects.toMatchObject({
      description: `Bad Request: file of size ${tooBig} bytes is too big for a photo; the maximum size is 10485760 bytes`,
    });
    await expect(send(makePng(100, 100), "c".repeat(1025))).rejects.toMatchObject({
      description: "Bad Request: message caption is too long",
    });
    await expect(send(makePng(100, 100), "c".repeat(1024))).resolves.toBeDefined();
    await expect(api.sendPhoto(GROUP, "no-such-file-id")).rejects.toMatchObject({
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
  });
});

describe("fake Bot API: sendMediaGroup", () => {
  const photos = (count: number, caption?: string) =>
    Array.from({ length: count }, (_, index) => ({
      type: "photo" as const,
      media: new InputFile(makePng(800, 600 + index), `${String(index + 1).padStart(2, "0")}.png`),
      ...(index === 0 && caption !== undefined ? { caption } : {}),
    }));

  it("sends 2–10 photos as one album, caption on the first", async () => {
    const { api, server } = await start();
    const messages = await api.sendMediaGroup(GROUP, photos(3, "Team — statistics"));
    expect(messages.map((m) => m.message_id)).toEqual([1, 2, 3]);
    const groupIds = new Set(server.chatMessages(GROUP).map((m) => m.mediaGroupId));
    expect(groupIds.size).toBe(1);
    expect([...groupIds][0]).toEqual(expect.any(String));
    expect(server.chatMessages(GROUP).map((m) => [m.kind, m.caption, m.file?.heightPx])).toEqual([
      ["photo", "Team — statistics", 600],
      ["photo", null, 601],
      ["photo", null, 602],
    ]);
    const call = server.calls.at(-1)!;
    expect(call.caption).toBe("Team — statistics");
    expect(call.files.map((f) => f.name)).toEqual(["01.png", "02.png", "03.png"]);
  });

  it("refuses albums of 0, 1 and 11 items", async () => {
    const { api } = await start();
    await expect(api.sendMediaGroup(GROUP, [])).rejects.toMatchObject({
      description: "Bad Request: there are no messages to send",
    });
    await expect(api.sendMediaGroup(GROUP, photos(1))).rejects.toMatchObject({
      description: "Bad Request: media group must include 2-10 items",
    });
    await expect(api.sendMediaGroup(GROUP, photos(11))).rejects.toMatchObject({
      description: "Bad Request: too many messages to send as an album",
    });
    await expect(api.sendMediaGroup(GROUP, photos(10))).resolves.toHaveLength(10);
  });

  it("names the album item that is not an image, and checks every caption", async () => {
    const { api, server } = await start();
    const items = photos(3);
    items[1] = { type: "photo", media: new InputFile(Buffer.from("text"), "02.png") };
    await expect(api.sendMediaGroup(GROUP, items)).rejects.toMatchObject({
      description:
        'Bad Request: failed to send message #2 with the error message "IMAGE_PROCESS_FAILED"',
    });
    const long = photos(2);
    long[1] = {
      type: "photo",
      media: new InputFile(makePng(10, 10), "b.png"),
      caption: "c".repeat(1025),
    };
    await expect(api.sendMediaGroup(GROUP, long)).rejects.toMatchObject({
      description: "Bad Request: message caption is too long",
    });
    expect(server.chatMessages(GROUP)).toEqual([]);
  });

  it("answers a missing attach:// part", async () => {
    const { server } = await start();
    const form = new FormData();
    form.set("chat_id", String(GROUP));
    form.set(
      "media",
      JSON.stringify([
        { type: "photo", media: "attach://one" },
        { type: "photo", media: "attach://two" },
      ]),
    );
    form.set("one", new Blob([makePng(10, 10)]), "one.png");
    const response = await fetch(`${server.apiRoot}/bot${TOKEN}/sendMediaGroup`, {
      method: "POST",
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: can't parse InputMedia: media not found",
    });
  });
});

describe("fake Bot API: documents and files", () => {
  it("serves a registered file through getFile and the download URL", async () => {
    const { api, server } = await start();
    const json = Buffer.from('{"name":"Team","messages":[]}');
    const fileId = server.addFile("result-json-1", json, "result.json");
    expect(fileId).toBe("result-json-1");
    const file = await api.getFile(fileId);
    expect(file).toMatchObject({ file_id: fileId, file_size: json.length });
    const response = await fetch(`${server.apiRoot}/file/bot${TOKEN}/${file.file_path!}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(json);
    expect((await fetch(`${server.apiRoot}/file/bot${TOKEN}/documents/none.json`)).status).toBe(
      404,
    );
    await expect(api.getFile("nope")).rejects.toMatchObject({
      description: "Bad Request: invalid file_id",
    });
  });

  it("refuses downloads over 20 MB, as the cloud Bot API does", async () => {
    const { api, server } = await start();
    const fileId = server.addFile("big", Buffer.alloc(20 * 1024 * 1024 + 1), "result.json");
    await expect(api.getFile(fileId)).rejects.toMatchObject({
      description: "Bad Request: file is too big",
    });
  });

  it("puts a pushed document message into the chat with its file", async () => {
    const { server } = await start();
    const fileId = server.addFile("doc-1", Buffer.from("{}"), "result.json");
    server.pushUpdate({
      message: {
        chat: { id: 5, type: "private", first_name: "Alice" },
        from: { id: 5, is_bot: false, first_name: "Alice" },
        document: { file_id: fileId, file_unique_id: "u1", file_name: "result.json" },
      },
    });
    const [message] = server.chatMessages(5);
    expect(message).toMatchObject({ messageId: 1, kind: "document", fromBot: false });
    expect(message?.file?.name).toBe("result.json");
  });

  it("sends a document upload and records it", async () => {
    const { api, server } = await start();
    const bytes = Buffer.from("a,b\n1,2\n");
    const message = await api.sendDocument(GROUP, new InputFile(bytes, "stats.csv"), {
      caption: "CSV",
    });
    expect(message.document).toMatchObject({ file_name: "stats.csv", file_size: bytes.length });
    expect(server.calls.at(-1)?.files).toEqual([{ name: "stats.csv", bytes }]);
  });

  it("keeps a document's non-ASCII name as sent (the worker's report.html of a Cyrillic chat)", async () => {
    const { api, server } = await start();
    const bytes = Buffer.from("<!doctype html>");
    const name = "tgstats-Ёлка__-и-друзья-2024-03-01_2024-12-31.html";
    const message = await api.sendDocument(GROUP, new InputFile(bytes, name), { caption: "Page" });
    expect(message.document).toMatchObject({ file_name: name, file_size: bytes.length });
    expect(server.calls.at(-1)).toMatchObject({ method: "sendDocument", caption: "Page" });
    expect(server.calls.at(-1)?.files).toEqual([{ name, bytes }]);
  });
});
