/**
 * The HTML report's script, run in the browser: draws the album's charts from
 * their serialised options with ECharts (only the parts the specs use), keeps
 * them scaled to the column and in the reader's colour scheme, and builds the
 * sortable tables. Everything is written with textContent: names are data.
 */
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import {
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { PortableFunction } from "../../charts/src/portable-function.js";
import {
  PAGE_DATA_ELEMENT_ID,
  type JsonValue,
  type PageCell,
  type PageChart,
  type PageData,
  type PageTable,
  type ReportHandle,
} from "../src/page-data.js";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

declare global {
  interface Window {
    tgstatsReport?: ReportHandle;
  }
}

const LOCALES = { en: "en-US", ru: "ru-RU" } as const;
type Language = keyof typeof LOCALES;

/**
 * Rebuilds a function tagged with `portable()` on the Node side. A time axis
 * label falls back to a short date of its key: shown once zoomed in, where the
 * album's few labels may all be out of view.
 */
function reviveFunction(description: PortableFunction, language: Language): unknown {
  switch (description.kind) {
    case "compact": {
      const format = new Intl.NumberFormat(LOCALES[description.language], {
        notation: "compact",
        maximumFractionDigits: 1,
      });
      return (value: number) => format.format(value);
    }
    case "count": {
      const format = new Intl.NumberFormat(LOCALES[description.language], {
        maximumFractionDigits: 1,
      });
      return (value: number) => format.format(value);
    }
    case "cellTooltip": {
      const { columns, rows } = description;
      const format = new Intl.NumberFormat(LOCALES[description.language], {
        maximumFractionDigits: 1,
      });
      // Plain text: ECharts renders a formatter's string as HTML, and these are axis labels.
      return (params: { value?: unknown }) => {
        const [column, row, count] = Array.isArray(params.value) ? (params.value as number[]) : [];
        if (column === undefined || row === undefined || count === undefined) return "";
        return escapeHtml(`${rows[row] ?? ""} · ${columns[column] ?? ""}: ${format.format(count)}`);
      };
    }
    case "hasLabel": {
      const shown = new Set(description.labels.map(([key]) => key));
      return (_index: number, key: string) => shown.has(key);
    }
    case "labelAt": {
      const labels = new Map(description.labels);
      return (key: string) => labels.get(key) ?? shortDate(key, language);
    }
  }
}

function escapeHtml(text: string): string {
  const node = document.createElement("span");
  node.textContent = text;
  return node.innerHTML;
}

const dayFormats = { en: dateFormat("en", true), ru: dateFormat("ru", true) };
const monthFormats = { en: dateFormat("en", false), ru: dateFormat("ru", false) };

function dateFormat(language: Language, withDay: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: "UTC",
    month: "short",
    ...(withDay ? { day: "numeric" } : { year: "numeric" }),
  });
}

/** "30 Oct" for a `YYYY-MM-DD` key, "Oct 2023" for `YYYY-MM`. */
function shortDate(key: string, language: Language): string {
  const [year = 0, month = 1, day] = key.split("-").map(Number);
  const format = day === undefined ? monthFormats[language] : dayFormats[language];
  return format.format(Date.UTC(year, month - 1, day ?? 1));
}

/** The option with every `{ $fn }` turned back into a function. */
function reviveOption(value: JsonValue, language: Language): unknown {
  if (Array.isArray(value)) return value.map((item) => reviveOption(item, language));
  if (value === null || typeof value !== "object") return value;
  const fn = value.$fn;
  if (fn !== undefined) return reviveFunction(fn as unknown as PortableFunction, language);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, reviveOption(item, language)]),
  );
}

/** The album's interval of each x axis label (a function on time axes). */
function labelIntervals(option: { xAxis?: unknown }): unknown[] {
  const axes = (Array.isArray(option.xAxis) ? option.xAxis : [option.xAxis]) as (
    { axisLabel?: { interval?: unknown } } | undefined
  )[];
  return axes.map((axis) => axis?.axisLabel?.interval);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

/** A chart card: the option laid out at its logical size, scaled to the card's width. */
function drawChart(
  spec: PageChart,
  language: Language,
  parent: HTMLElement,
  handle: ReportHandle,
): void {
  const card = element("section", "card");
  card.setAttribute("aria-label", spec.title);
  card.dataset.chart = spec.name;
  const box = element("div", "chart-box");
  const canvas = element("div", "chart-canvas");
  canvas.style.width = `${spec.widthPx}px`;
  canvas.style.height = `${spec.heightPx}px`;
  box.append(canvas);
  card.append(box);
  parent.append(card);
  const fit = () => {
    const scale = box.clientWidth / spec.widthPx;
    canvas.style.transform = `scale(${scale})`;
    box.style.height = `${spec.heightPx * scale}px`;
  };
  fit();
  const chart = echarts.init(canvas, null, { renderer: "canvas" });
  let option: { xAxis?: unknown } = {};
  let zoomed = false;
  const paint = () => {
    option = reviveOption(darkScheme.matches ? spec.dark : spec.light, language) as typeof option;
    zoomed = false;
    chart.setOption(option, { notMerge: true });
  };
  paint();
  // Zoomed in, a time axis labels what fits ("auto", short dates); back at full
  // range, the album's own few labels again.
  chart.on("datazoom", () => {
    const zoom = (chart.getOption() as { dataZoom?: { start: number; end: number }[] }).dataZoom;
    const now = zoom?.[0] !== undefined && (zoom[0].start > 0 || zoom[0].end < 100);
    if (now === zoomed) return;
    zoomed = now;
    chart.setOption({
      xAxis: labelIntervals(option).map((interval) => ({
        axisLabel: { interval: zoomed ? "auto" : interval },
      })),
    });
  });
  darkScheme.addEventListener("change", paint);
  new ResizeObserver(fit).observe(box);
  handle.charts.push({ name: spec.name, chart });
}

function compareCells(a: PageCell, b: PageCell, collator: Intl.Collator): number {
  if (typeof a.sort === "number" && typeof b.sort === "number") return a.sort - b.sort;
  return collator.compare(String(a.sort), String(b.sort));
}

/** A table whose column headings sort it: numbers largest first, names A to Z, again to reverse. */
function drawTable(table: PageTable, parent: HTMLElement, collator: Intl.Collator): void {
  const card = element("section", table.columns.length > 3 ? "card wide" : "card");
  card.dataset.table = table.id;
  card.append(element("h3", undefined, table.title));
  const scroll = element("div", "scroll");
  const tableElement = element("table");
  const head = element("tr");
  const body = element("tbody");
  const rows = table.rows.map((cells, order) => {
    const row = element("tr");
    cells.forEach((cell, index) => {
      row.append(element("td", table.columns[index]?.numeric ? "num" : undefined, cell.text));
    });
    return { cells, order, row };
  });
  let sorted: { column: number; descending: boolean } | null = null;
  const headings = table.columns.map((column, index) => {
    const heading = element("th", column.numeric ? "num" : undefined);
    heading.scope = "col";
    const button = element("button", undefined, column.title);
    button.type = "button";
    button.addEventListener("click", () => {
      const descending = sorted?.column === index ? !sorted.descending : column.numeric;
      sorted = { column: index, descending };
      rows.sort((a, b) => {
        const order = compareCells(a.cells[index]!, b.cells[index]!, collator);
        return (descending ? -order : order) || a.order - b.order;
      });
      body.replaceChildren(...rows.map((entry) => entry.row));
      headings.forEach((other) => {
        other.removeAttribute("aria-sort");
      });
      heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
    });
    heading.append(button);
    head.append(heading);
    return heading;
  });
  body.append(...rows.map((entry) => entry.row));
  tableElement.append(element("thead"), body);
  tableElement.tHead!.append(head);
  scroll.append(tableElement);
  card.append(scroll);
  parent.append(card);
}

function main(): void {
  const source = document.getElementById(PAGE_DATA_ELEMENT_ID)?.textContent ?? "null";
  const data = JSON.parse(source) as PageData;
  const root = document.getElementById("report")!;
  const header = element("header");
  header.append(element("h1", undefined, data.title), element("div", "sub", data.subtitle));
  const totals = element("ul", "totals");
  for (const total of data.totals) {
    const item = element("li", undefined, total.label);
    item.prepend(element("b", undefined, total.value));
    totals.append(item);
  }
  header.append(totals);
  const charts = element("div", "grid");
  const tables = element("div", "grid tables");
  root.replaceChildren(header, charts);
  const handle: ReportHandle = { charts: [] };
  window.tgstatsReport = handle;
  for (const chart of data.charts) drawChart(chart, data.language, charts, handle);
  if (data.tables.length > 0) {
    root.append(element("p", "hint", data.sortHint), tables);
    const collator = new Intl.Collator(data.language);
    for (const table of data.tables) drawTable(table, tables, collator);
  }
  if (data.notes.length > 0) {
    const notes = element("ul", "notes");
    for (const note of data.notes) notes.append(element("li", undefined, note));
    root.append(element("h2", undefined, data.notesTitle), notes);
  }
  root.append(element("footer", undefined, data.footer));
  document.documentElement.dataset.ready = "true";
}

main();
