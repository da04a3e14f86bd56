export * from "./model/message.js";
export * from "./time/zone-clock.js";
export * from "./engine/index.js";
export * from "./summary/summary-markdown.js";
export * from "./summary/summary-strings.js";
export * from "./export-reader/index.js";
export * from "./synthetic/index.js";
export * from "./charts/index.js";
