/**
 * The data the HTML report's page reads: chart options serialised to JSON and
 * the tables' cells, already formatted. Shared by the Node side that writes it
 * and the page script that reads it (type imports only on the page's side).
 */
import type { ECharts } from "echarts";

/** A JSON value; a function of a chart option travels as `{ $fn: PortableFunction }`. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One chart of the album, in both colour schemes. */
export interface PageChart {
  /** The PNG's file name, e.g. `03-timeline.png`: the same chart in the album. */
  name: string;
  title: string;
  /** Logical size the option was laid out for; the page scales it to the column. */
  widthPx: number;
  heightPx: number;
  light: JsonValue;
  dark: JsonValue;
}

/** A table cell: the text shown and the value it sorts by. */
export interface PageCell {
  text: string;
  /** Number for counts, text (compared in the report's language) for names. */
  sort: number | string;
}

/** A sortable table. */
export interface PageTable {
  id: string;
  title: string;
  columns: { title: string; numeric: boolean }[];
  rows: PageCell[][];
}

/** Everything the page shows. */
export interface PageData {
  language: "en" | "ru";
  title: string;
  /** "Period: … (time zone …)". */
  subtitle: string;
  /** Label and value pairs at the top (messages, people, words, active days). */
  totals: { label: string; value: string }[];
  charts: PageChart[];
  tables: PageTable[];
  notesTitle: string;
  notes: string[];
  /** Said under the table headings: a click sorts. */
  sortHint: string;
  footer: string;
}

/** What the page's script leaves on `window.tgstatsReport`, for tests and the curious. */
export interface ReportHandle {
  charts: { name: string; chart: ECharts }[];
}

/** Id of the `<script type="application/json">` element holding {@link PageData}. */
export const PAGE_DATA_ELEMENT_ID = "tgstats-report-data";
