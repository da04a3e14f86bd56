/**
 * `@tgstats/engine/primitives`: the message model, time zones and text
 * cutting on their own, for code that parses a command, names a chat or keys
 * a cache (the bot) without loading the report engine, the export reader and
 * their word lists.
 */
export * from "./model/message.js";
export * from "./time/zone-clock.js";
export * from "./text/cut-text.js";
