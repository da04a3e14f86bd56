import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GrammyError, HttpError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryApi, truncateChars } from "@tgstats/worker";

const TOKEN = "557:api";
const ME = { id: 557, is_bot: true, first_name: "tgstats", username: "tgstats_bot" };

let server: Server | null = null;

/** A Bot API stand-in that drops the first `dropCount` connections without an answer. */
async function flakyServer(
  dropCount: number,
): Promise<{ apiRoot: string; requests: () => number }> {
  let requests = 0;
  server = createServer((request, response) => {
    requests += 1;
    if (requests <= dropCount) {
      request.socket.destroy();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ ok: true, result: ME }));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, requests: () => requests };
}

/** A Bot API stand-in whose first answer is a 502 (a gateway that may have passed the request on). */
async function badGatewayOnce(): Promise<{ apiRoot: string; requests: () => number }> {
  let requests = 0;
  server = createServer((_request, response) => {
    requests += 1;
    const first = requests === 1;
    response.writeHead(first ? 502 : 200, { "content-type": "application/json" });
    response.end(
      JSON.stringify(
        first
          ? { ok: false, error_code: 502, description: "Bad Gateway" }
          : { ok: true, result: ME },
      ),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, requests: () => requests };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

describe("createDeliveryApi", () => {
  it("retries a call whose connection failed", async () => {
    const flaky = await flakyServer(1);
    const api = createDeliveryApi(TOKEN, { apiRoot: flaky.apiRoot });
    await expect(api.getMe()).resolves.toEqual(ME);
    expect(flaky.requests()).toBe(2);
  });

  it("gives up on the network after 3 attempts instead of retrying forever", async () => {
    const flaky = await flakyServer(Infinity);
    const api = createDeliveryApi(TOKEN, { apiRoot: flaky.apiRoot });
    const error: unknown = await api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(flaky.requests()).toBe(3);
  });

  it("does not send a message again when the connection broke after the request went out", async () => {
    const flaky = await flakyServer(1);
    const api = createDeliveryApi(TOKEN, { apiRoot: flaky.apiRoot });
    const error: unknown = await api.sendMessage(-100, "hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(flaky.requests()).toBe(1);
  });

  it("does not send a message again after a 5xx: the message may have been posted", async () => {
    const gateway = await badGatewayOnce();
    const api = createDeliveryApi(TOKEN, { apiRoot: gateway.apiRoot });
    const error: unknown = await api.sendMessage(-100, "hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(502);
    expect(gateway.requests()).toBe(1);
  });

  it("sends a message again when the connection was refused (nothing went out)", async () => {
    const flaky = await flakyServer(0);
    const apiRoot = flaky.apiRoot;
    // Nobody listens for the first attempt; the server is back before the retry (1 s later).
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const api = createDeliveryApi(TOKEN, { apiRoot });
    const port = Number(new URL(apiRoot).port);
    const sent = api.sendMessage(-100, "hello").catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    expect(await sent).toEqual(ME);
    expect(flaky.requests()).toBe(1);
  });
});

describe("truncateChars", () => {
  it("counts code points, as Telegram does", () => {
    expect(truncateChars("abcdef", 4)).toBe("abc…");
    expect(truncateChars("😀😀😀", 3)).toBe("😀😀😀");
    expect(truncateChars("😀😀😀😀", 3)).toBe("😀😀…");
  });
});
