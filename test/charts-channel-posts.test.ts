/**
 * The channel post charts: the best-time heat map (mean views per post by
 * weekday × hour, blank hours without posts) and views by kind and length,
 * both left out of reports without views.
 */
import { describe, expect, it } from "vitest";
import type { HeatmapSeriesOption } from "echarts";
import {
  ReportBuilder,
  createMessage,
  toReportJson,
  type Message,
  type ReportJson,
} from "@tgstats/engine";
import { bestTimeSpec, planReportCharts, postViewsSpec, type ChartSpec } from "@tgstats/charts";
import { emptyReport, sampleReport } from "@tgstats/sandbox";

const NEWS = { kind: "channel" as const, id: 77, name: "News" };
/** Monday 2024-01-01 00:00 UTC. */
const MONDAY_UNIX = 1_704_067_200;

/**
 * `count` posts: Mondays 09:00 with 100 and 300 views in turn (kind photo),
 * one Tuesday 18:00 text post with a link and 40 views.
 */
function channelReport(count: number, language: "en" | "ru" = "en"): ReportJson {
  const messages: Message[] = Array.from({ length: count - 1 }, (_, i) =>
    createMessage({
      id: i + 1,
      dateUnix: MONDAY_UNIX + i * 7 * 86_400 + 9 * 3600,
      sender: NEWS,
      kind: "photo",
      views: i % 2 === 0 ? 100 : 300,
      forwards: 0,
    }),
  );
  messages.push(
    createMessage({
      id: count,
      dateUnix: MONDAY_UNIX + 86_400 + 18 * 3600,
      sender: NEWS,
      text: "https://example.com",
      entities: [{ type: "link", value: "https://example.com" }],
      views: 40,
      forwards: 1,
    }),
  );
  const builder = new ReportBuilder({ timeZone: "UTC" });
  builder.addBatch(messages);
  return toReportJson(builder.state, {
    chat: { id: 77, name: "News", type: "public_channel" },
    language,
  });
}

function heatCells(spec: ChartSpec): unknown[] {
  return (spec.option.series as HeatmapSeriesOption[])[0]!.data as unknown[];
}

function yLabels(spec: ChartSpec, index: number): unknown[] {
  const axes = spec.option.yAxis as { data: unknown[] }[];
  return axes[index]!.data;
}

describe("the best time to post", () => {
  it("draws mean views per post by weekday × hour, hours without posts blank", () => {
    // 9 Monday posts: 5 × 100 + 4 × 300 = 1,700 → 188.9 → 189; Tuesday 18:00: 40.
    const spec = bestTimeSpec(channelReport(10))!;
    const cells = heatCells(spec);
    expect(cells).toHaveLength(7 * 24);
    expect(cells[9]).toEqual([9, 0, 189]);
    expect(cells[24 + 18]).toEqual([18, 1, 40]);
    expect(cells[10]).toEqual([10, 0, "-"]);
    expect(spec.caption).toMatch(/^Best time to post: views per post · UTC — News/);
  });

  it("is left out with fewer than 10 posts, without views, and for groups", () => {
    expect(bestTimeSpec(channelReport(9))).toBeNull();
    expect(bestTimeSpec(emptyReport())).toBeNull();
    const plan = planReportCharts(emptyReport()).map((chart) => chart.name);
    expect(plan.filter((name) => /best-time|post-views/.test(name))).toEqual([]);
  });
});

describe("views per post by kind and length", () => {
  it("draws mean views per kind and per length group, with their posts", () => {
    const spec = postViewsSpec(channelReport(10, "ru"))!;
    // Photos: 9 posts, mean 188.89 → 189; the link post: 1, 40. Lengths: 9 without text, 1 of 19.
    expect(yLabels(spec, 0)).toEqual(["Фото (9)", "Текст со ссылкой (1)"]);
    expect(yLabels(spec, 1)).toEqual(["Без текста (9)", "1–100 (1)"]);
    const series = spec.option.series as { data: { value: number }[] }[];
    expect(series.map((entry) => entry.data.map((point) => point.value))).toEqual([
      [189, 40],
      [189, 40],
    ]);
  });

  it("is in the album of a channel with views, after the channel chart", () => {
    const names = planReportCharts(sampleReport({ withChannelStats: true })).map(
      (chart) => chart.name,
    );
    const slugs = names.map((name) => name.replace(/^\d+-|\.png$/g, ""));
    expect(slugs.indexOf("best-time-to-post")).toBe(slugs.indexOf("channel") + 1);
    expect(slugs.indexOf("post-views")).toBe(slugs.indexOf("channel") + 2);
  });
});
