import { describe, expect, it } from "vitest";
import type { HeatmapSeriesOption } from "echarts";
import type { ReportJson } from "@tgstats/engine";
import { emptyReplies, emptyReport } from "@tgstats/sandbox";
import { planReportCharts, replyMatrixSpec } from "@tgstats/charts";

function withMatrix(names: (string | null)[], counts: number[][]): ReportJson {
  const people = names.map((name, index) => ({ id: `user${index + 1}`, name }));
  return emptyReport({ replies: { ...emptyReplies(), matrix: { people, counts } } });
}

function cells(report: ReportJson): unknown[] {
  const spec = replyMatrixSpec(report)!;
  const series = (spec.option.series as HeatmapSeriesOption[])[0]!;
  return (series.data as { value: number[] }[]).map((cell) => cell.value);
}

describe("replyMatrixSpec", () => {
  it("draws rows as who replies and columns as to whom, leaving out the diagonal", () => {
    // Alice → Bob 4, Bob → Alice 1: cells are [column, row, count].
    const report = withMatrix(
      ["Alice", "Bob"],
      [
        [0, 4],
        [1, 0],
      ],
    );
    expect(cells(report)).toEqual([
      [1, 0, 4],
      [0, 1, 1],
    ]);
    expect(replyMatrixSpec(report)!.title).toBe("Who answers whom");
    expect(replyMatrixSpec(report, { language: "ru" })!.title).toBe("Кто кому отвечает");
  });

  it("cuts long names and names deleted accounts", () => {
    const spec = replyMatrixSpec(
      withMatrix(
        ["Alexandra Konstantinopolskaya", null],
        [
          [0, 3],
          [2, 0],
        ],
      ),
    )!;
    const yAxis = spec.option.yAxis as { data: string[] };
    const xAxis = spec.option.xAxis as { data: string[] };
    expect(yAxis.data).toEqual(["Alexandra K…", "Deleted acc…"]);
    expect(xAxis.data).toEqual(["Alexandra…", "Deleted a…"]);
  });

  it("is left out of the album with fewer than 5 replies or fewer than 2 people", () => {
    // 2 + 2 = 4 replies: one short.
    const few = withMatrix(
      ["Alice", "Bob"],
      [
        [0, 2],
        [2, 0],
      ],
    );
    expect(replyMatrixSpec(few)).toBeNull();
    expect(replyMatrixSpec(withMatrix(["Alice"], [[9]]))).toBeNull();
    const enough = withMatrix(
      ["Alice", "Bob"],
      [
        [0, 3],
        [2, 0],
      ],
    );
    expect(planReportCharts(enough).map((chart) => chart.name)).toEqual(["01-reply-matrix.png"]);
  });
});
