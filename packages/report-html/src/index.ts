/**
 * The interactive HTML report: the PNG album's charts (from the same specs)
 * with tooltips and zoom, sortable tables of the report's aggregates, in one
 * self-contained file.
 */
export {
  interactiveOption,
  pageCharts,
  PAGE_FONT_FAMILY,
  serialiseOption,
  UnportableOptionError,
} from "./chart-payload.js";
export { PAGE_DATA_ELEMENT_ID } from "./page-data.js";
export type {
  JsonValue,
  PageCell,
  PageChart,
  PageData,
  PageTable,
  ReportHandle,
} from "./page-data.js";
export { PageScriptMissingError, pageScript } from "./page-script.js";
export { pageTables } from "./page-tables.js";
export {
  PAGE_MIN_TERM_COUNT,
  pageData,
  pageReport,
  renderReportHtml,
  REPORT_HTML_FILE,
} from "./report-html.js";
