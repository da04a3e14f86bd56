/**
 * The CLI loads what a command needs: `--help` and `report --json` load no
 * chart package (ECharts, Skia, fonts), no sandbox and no GramJS. Checked on
 * the modules a real `tgstats` process resolves.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modulesMatching, recordImports } from "./helpers/imported-modules.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const CLI = path.resolve("apps/cli/bin/tgstats.js");
const FIXTURE = path.resolve("test/fixtures/export/2025-modern.json");
const HEAVY = [
  /\/echarts\//,
  /@napi-rs\/canvas/,
  /\/packages\/charts\//,
  /\/packages\/sandbox\//,
  /\/node_modules\/telegram\//,
];

/** Runs `tgstats` with `args`; returns its exit code and every module URL it resolved. */
function loadedBy(...args: string[]): { status: number | null; modules: string[] } {
  const record = recordImports();
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...record.env },
  });
  return { status: run.status, modules: record.modules() };
}

function heavyAmong(modules: string[]): string[] {
  return modulesMatching(modules, HEAVY);
}

describe("tgstats loads only what a command needs", () => {
  it("--help loads no chart package, sandbox, GramJS or engine", () => {
    const { status, modules } = loadedBy("--help");
    expect(status).toBe(0);
    expect(heavyAmong(modules)).toEqual([]);
    expect(modules.filter((url) => url.includes("/packages/engine/"))).toEqual([]);
  });

  it("report --json reads with the engine and loads no chart package, sandbox or GramJS", () => {
    const { status, modules } = loadedBy("report", FIXTURE, "--json");
    expect(status).toBe(0);
    expect(
      modules.some((url) => url.endsWith("/packages/engine/src/engine/report-builder.ts")),
    ).toBe(true);
    expect(heavyAmong(modules)).toEqual([]);
  });

  it("report with charts does load the charts (the check can see them)", () => {
    const out = makeTempDir("tgstats-lazy-report-");
    const { status, modules } = loadedBy("report", FIXTURE, "--out", out);
    expect(status).toBe(0);
    expect(heavyAmong(modules).some((url) => url.includes("/packages/charts/"))).toBe(true);
  });
});
