/**
 * Chart rendering speed: ms per chart (median of 20 after a warm-up) and for
 * the whole album, against the targets of ≤ 150 ms per chart and ≤ 1 s per
 * album. "sync" is the part that holds the event loop (ECharts layout and Skia
 * drawing); PNG encoding runs on libuv's thread pool.
 *
 * Run: node --conditions=source --import tsx bench/charts-bench.ts
 */
import { availableParallelism } from "node:os";
import { planReportCharts, renderChart, renderReportCharts } from "@tgstats/charts";
import { sampleReport } from "@tgstats/sandbox";
import { median } from "./helpers/bench-processes.js";

const RUNS = 20;
const CHART_TARGET_MS = 150;
const ALBUM_TARGET_MS = 1000;
/** Longest acceptable single block of the event loop. */
const SYNC_LIMIT_MS = 200;

function verdict(value: number, limit: number): string {
  return value <= limit ? "ok" : `OVER ${limit} ms`;
}

const report = sampleReport({ language: "ru", withChannelStats: true });
const planned = planReportCharts(report);
console.log(
  `Charts benchmark: ${report.senders.length} senders, ${Object.keys(report.daily).length} active days, ` +
    `${report.emojis.length} emoji, ${planned.length} charts; ${availableParallelism()} CPUs, Node ${process.version}`,
);

const coldStart = performance.now();
const first = planned[0]!.spec;
await renderChart(first.option, { widthPx: first.widthPx, heightPx: first.heightPx });
console.log(
  `cold first chart (fonts, ECharts setup): ${(performance.now() - coldStart).toFixed(0)} ms\n`,
);

console.log("chart                        total ms   sync ms   PNG px");
let worstSyncMs = 0;
for (const { name, spec } of planned) {
  const options = { widthPx: spec.widthPx, heightPx: spec.heightPx };
  await renderChart(spec.option, options);
  const totals: number[] = [];
  const syncs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    // Everything before renderChart's first await (the encode) runs synchronously.
    const pending = renderChart(spec.option, options);
    syncs.push(performance.now() - start);
    await pending;
    totals.push(performance.now() - start);
  }
  worstSyncMs = Math.max(worstSyncMs, ...syncs);
  const size = `${spec.widthPx * 2}×${spec.heightPx * 2}`;
  console.log(
    `${name.padEnd(28)} ${median(totals).toFixed(1).padStart(8)}   ${median(syncs).toFixed(1).padStart(7)}   ${size.padEnd(10)} ${verdict(median(totals), CHART_TARGET_MS)}`,
  );
}

await renderReportCharts(report);
const albums: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  await renderReportCharts(report);
  albums.push(performance.now() - start);
}
console.log(
  `\nalbum (${planned.length} charts): ${median(albums).toFixed(0)} ms median  ${verdict(median(albums), ALBUM_TARGET_MS)}`,
);
console.log(
  `longest synchronous block: ${worstSyncMs.toFixed(1)} ms  ${verdict(worstSyncMs, SYNC_LIMIT_MS)}`,
);
