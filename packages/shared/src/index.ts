export * from "./core.js";
export * from "./i18n/fluent-texts.js";
export * from "./export-reader/index.js";
export * from "./synthetic/index.js";
export * from "./charts/index.js";
export * from "./offline/export-report.js";
