import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { chartedSenderIds } from "@tgstats/charts";
import type { ReportJson } from "@tgstats/engine";
import type { ReportHandle } from "@tgstats/report-html";
import { launchChromium } from "./helpers/chromium.js";
import { makeTempDir } from "./helpers/temp-dir.js";

/** Where the screenshots are copied for a person to look at. */
const SHOTS_DIR = "/tmp/html-out";
const dir = makeTempDir("tgstats-html-browser-");
const out = path.join(dir, "demo");
const pageFile = path.join(out, "report.html");
const pageUrl = pathToFileURL(pageFile).href;
let browser: Browser;

/** The page's globals the tests read (the tests are type-checked without the DOM's types). */
interface PageGlobals {
  /** Set by the page's script (packages/report-html/page/main.ts). */
  tgstatsReport?: ReportHandle;
}
let report: ReportJson;

beforeAll(async () => {
  const run = spawnSync(process.execPath, ["apps/cli/bin/tgstats.js", "demo", "--out", out], {
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain(`Interactive report: ${pageFile}\n`);
  report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as ReportJson;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

/** What a page did while it loaded. */
interface Visit {
  page: Page;
  errors: string[];
  requests: string[];
  openMs: number;
}

async function visit(widthPx: number, colorScheme: "light" | "dark"): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: widthPx, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  await page.emulateMedia({ colorScheme });
  await page.goto(pageUrl);
  await page.waitForFunction('document.documentElement.dataset.ready === "true"');
  const openMs = await page.evaluate(() => performance.now());
  return { page, errors, requests, openMs };
}

/**
 * Per chart: its name, how many pixels differ from the top-left one (the
 * background) and that pixel, read from the PNG of all its canvas layers.
 */
async function chartPixels(page: Page) {
  const images = await page.evaluate(() =>
    ((globalThis as unknown as PageGlobals).tgstatsReport?.charts ?? []).map(({ name, chart }) => ({
      name,
      url: chart.getConnectedDataURL({ type: "png", pixelRatio: 1 }),
    })),
  );
  return Promise.all(
    images.map(async ({ name, url }) => {
      const image = await loadImage(Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
      const context = createCanvas(image.width, image.height).getContext("2d");
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let drawn = 0;
      for (let at = 0; at < pixels.length; at += 4)
        if (
          pixels[at] !== pixels[0] ||
          pixels[at + 1] !== pixels[1] ||
          pixels[at + 2] !== pixels[2]
        )
          drawn += 1;
      const hex = [pixels[0], pixels[1], pixels[2]]
        .map((value) => (value ?? 0).toString(16).padStart(2, "0"))
        .join("");
      return { name, drawn, total: pixels.length / 4, background: `#${hex}` };
    }),
  );
}

/** The timeline's zoom windows, [start %, end %] per dataZoom (wheel and slider). */
function timelineZoom(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => {
    const timeline = (globalThis as unknown as PageGlobals).tgstatsReport?.charts.find(({ name }) =>
      name.endsWith("-timeline.png"),
    );
    const option = timeline?.chart.getOption() as
      { dataZoom?: { start: number; end: number }[] } | undefined;
    return (option?.dataZoom ?? []).map(({ start, end }): [number, number] => [start, end]);
  });
}

/** The first column of a table's body rows, as shown. */
function firstColumn(page: Page, table: string): Promise<string[]> {
  return page.locator(`[data-table="${table}"] tbody tr td:first-child`).allTextContents();
}

async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  mkdirSync(SHOTS_DIR, { recursive: true });
  copyFileSync(file, path.join(SHOTS_DIR, `${name}.png`));
}

describe("report.html in Chromium", () => {
  it("is one file of at most 1.5 MB", () => {
    const bytes = statSync(pageFile).size;
    console.log(`report.html of the demo: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });

  for (const widthPx of [390, 1280])
    for (const scheme of ["light", "dark"] as const)
      it(`draws every chart, sorts and zooms at ${widthPx} px, ${scheme}`, async () => {
        const { page, errors, requests, openMs } = await visit(widthPx, scheme);
        console.log(`report.html ready after ${Math.round(openMs)} ms at ${widthPx} px, ${scheme}`);
        // Nothing but the page itself was requested: no script, font, style or image.
        expect(requests).toEqual([pageUrl]);

        // Every PNG of the album is on the page, drawn, in the scheme's background.
        const album = readdirSync(out)
          .filter((file) => file.endsWith(".png"))
          .sort();
        // At least the six charts every chat with text has; parts added later add theirs.
        expect(album.length).toBeGreaterThanOrEqual(6);
        const charts = await chartPixels(page);
        expect(charts.map((chart) => chart.name)).toEqual(album);
        for (const chart of charts) {
          expect(chart.total, chart.name).toBeGreaterThan(0);
          // Bars, labels and titles: far more than a blank canvas' zero.
          expect(chart.drawn / chart.total, chart.name).toBeGreaterThan(0.02);
          // The charts' palettes (chart-base.ts): white in light, #17212b in dark.
          expect(chart.background, chart.name).toBe(scheme === "light" ? "#ffffff" : "#17212b");
        }

        // People: most messages first as written; a click on "Words" sorts by words, most
        // first, a second click reverses. Expected orders come from report.json itself.
        const people = [...report.senders, ...report.channelSenders].filter((sender) =>
          chartedSenderIds(report).has(sender.id),
        );
        const nameOf = (sender: { name: string | null }) => sender.name ?? "Deleted account";
        const byWords = [...people].sort((a, b) => b.words - a.words).map(nameOf);
        expect(await firstColumn(page, "people")).toEqual(
          [...people].sort((a, b) => b.messages - a.messages).map(nameOf),
        );
        const wordsHeading = page.locator('[data-table="people"] th button', {
          hasText: /^Words$/u,
        });
        await wordsHeading.click();
        expect(await firstColumn(page, "people")).toEqual(byWords);
        // The demo's three wordiest people, read off its report.json.
        expect(byWords.slice(0, 3)).toEqual(["Полина Смирнова", "dimon", "Ирина Козлова"]);
        await wordsHeading.click();
        expect(await firstColumn(page, "people")).toEqual([...byWords].reverse());
        expect(
          await page.locator('[data-table="people"] th[aria-sort="ascending"]').textContent(),
        ).toBe("Words");

        // Only charts over time zoom: the timeline, active people per month and members.
        const zoomable = await page.evaluate(() =>
          ((globalThis as unknown as PageGlobals).tgstatsReport?.charts ?? [])
            .filter(
              ({ chart }) =>
                ((chart.getOption() as { dataZoom?: unknown[] }).dataZoom ?? []).length > 0,
            )
            .map(({ name }) => name),
        );
        expect(zoomable.map((name) => name.replace(/^\d+-/, ""))).toEqual([
          "timeline.png",
          "active-people.png",
          "members.png",
        ]);

        // The timeline shows everything, then a wheel turn over it zooms in.
        expect(await timelineZoom(page)).toEqual([
          [0, 100],
          [0, 100],
        ]);
        const timeline = page.locator('[data-chart="03-timeline.png"]');
        await timeline.scrollIntoViewIfNeeded();
        const box = (await timeline.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.5);
        await page.mouse.wheel(0, -600);
        // ECharts applies a wheel turn on its next frame.
        await expect
          .poll(async () => (await timelineZoom(page))[0], { timeout: 10_000 })
          .not.toEqual([0, 100]);
        const [inside, slider] = await timelineZoom(page);
        expect(inside).toBeDefined();
        const [start, end] = inside ?? [0, 100];
        expect(end - start).toBeLessThan(100);
        // The slider follows the wheel: one visible range.
        expect(slider).toEqual(inside);

        await page.evaluate("window.scrollTo(0, 0)");
        await screenshot(page, `report-${widthPx}-${scheme}`);
        expect(errors).toEqual([]);
        await page.context().close();
      });
});
