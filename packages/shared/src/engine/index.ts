export * from "./report-json.js";
export * from "./report-options.js";
export * from "./report-state.js";
export * from "./report-builder.js";
export * from "./to-report-json.js";
export type { MessageFacts } from "./message-facts.js";
export { DEFAULT_REPLY_WINDOW_IDS } from "./parts/replies-part.js";
export { DELAY_PRECISION } from "./delay-histogram.js";
export * from "./text/index.js";
