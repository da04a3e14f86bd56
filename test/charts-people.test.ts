import { describe, expect, it } from "vitest";
import {
  activePeopleSpec,
  MAX_COHORT_ROWS,
  renderChart,
  retentionSpec,
  shownCohorts,
} from "@tgstats/charts";
import type { PeopleMonth, ReportJson, RetentionCohort } from "@tgstats/engine";
import { emptyReport } from "@tgstats/sandbox";

function month(key: string, newcomers: number, regulars: number): PeopleMonth {
  return { month: key, active: newcomers + regulars, newcomers, regulars, wentQuiet: 0 };
}

function cohort(key: string, size: number, active: number[]): RetentionCohort {
  return { month: key, size, active, shares: active.map((people) => people / size) };
}

function withPeople(people: Partial<ReportJson["people"]>): ReportJson {
  const report = emptyReport();
  report.people = { ...report.people, ...people };
  return report;
}

interface SeriesLike {
  name?: string;
  stack?: string;
  data?: unknown[];
}

describe("active people chart", () => {
  it("stacks regulars and newcomers per month", () => {
    const spec = activePeopleSpec(
      withPeople({ monthly: [month("2024-01", 3, 0), month("2024-02", 1, 2)] }),
    )!;
    const series = spec.option.series as SeriesLike[];
    expect(series.map(({ name, stack, data }) => ({ name, stack, data }))).toEqual([
      { name: "Regulars", stack: "people", data: [0, 2] },
      { name: "Newcomers", stack: "people", data: [3, 1] },
    ]);
    expect(spec.title).toBe("Active people per month");
  });

  it("is left out for one month or nobody active", () => {
    expect(activePeopleSpec(withPeople({ monthly: [month("2024-01", 3, 0)] }))).toBeNull();
    expect(
      activePeopleSpec(withPeople({ monthly: [month("2024-01", 0, 0), month("2024-02", 0, 0)] })),
    ).toBeNull();
  });
});

describe("retention heat map", () => {
  it("draws one row per cohort and one cell per month after, as whole percentages", () => {
    const spec = retentionSpec(
      withPeople({ cohorts: [cohort("2024-01", 4, [4, 1, 3]), cohort("2024-02", 2, [2, 1])] }),
    )!;
    const [series] = spec.option.series as {
      data: { value: number[]; label: { formatter: string } }[];
    }[];
    expect(series!.data.map((cell) => cell.value)).toEqual([
      [0, 0, 1],
      [1, 0, 0.25],
      [2, 0, 0.75],
      [0, 1, 1],
      [1, 1, 0.5],
    ]);
    expect(series!.data.map((cell) => cell.label.formatter)).toEqual([
      "100",
      "25",
      "75",
      "100",
      "50",
    ]);
    const yAxis = spec.option.yAxis as { data: string[] };
    expect(yAxis.data).toEqual(["Jan 24 · 4", "Feb 24 · 2"]);
  });

  it("keeps the latest cohorts and at most 13 columns, so a phone can read it", () => {
    // 30 monthly cohorts of 1, Jan 2022 … Jun 2024, each active every month to the end.
    const cohorts = Array.from({ length: 30 }, (_, index) => {
      const key = `${2022 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
      return cohort(key, 1, Array<number>(30 - index).fill(1));
    });
    const report = withPeople({ cohorts });
    expect(shownCohorts(report).map((row) => row.month)).toEqual(
      cohorts.slice(-MAX_COHORT_ROWS).map((row) => row.month),
    );
    expect(shownCohorts(report)[0]!.month).toBe("2023-01"); // 30 − 18 = 12 rows dropped
    const spec = retentionSpec(report)!;
    expect((spec.option.xAxis as { data: string[] }).data).toHaveLength(13); // months 0…12
  });

  it("is left out with one cohort", () => {
    expect(retentionSpec(withPeople({ cohorts: [cohort("2024-01", 3, [3, 1])] }))).toBeNull();
  });

  it("renders at its laid-out size in both themes", async () => {
    const report = withPeople({
      cohorts: [cohort("2024-01", 4, [4, 1, 3]), cohort("2024-02", 2, [2, 1])],
    });
    for (const theme of ["light", "dark"] as const) {
      const spec = retentionSpec(report, { theme })!;
      const png = await renderChart(spec.option, {
        widthPx: spec.widthPx,
        heightPx: spec.heightPx,
        theme,
      });
      expect(png.readUInt32BE(16)).toBe(spec.widthPx * 2);
      expect(png.readUInt32BE(20)).toBe(spec.heightPx * 2);
    }
  });
});
