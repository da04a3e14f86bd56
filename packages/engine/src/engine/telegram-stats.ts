/**
 * Telegram's own statistics of a supergroup or channel (`stats.getMegagroupStats`,
 * `stats.getBroadcastStats`), as the reader account is shown them when it is an
 * admin with `can_view_stats`. The MTProto adapter hands over the TL values and
 * each graph's JSON text untouched; this module checks Telegram's chart format
 * and turns it into the plain figures of `report.json`. A graph that does not
 * parse is dropped, never thrown: the statistics are an extra of the report.
 */
import { z } from "zod";

/** A figure of Telegram's period and of the period of the same length before it (`statsAbsValueAndPrev`). */
export interface TelegramStatsValue {
  current: number;
  previous: number;
}

/** A graph as the adapter received it: Telegram's chart JSON (`statsGraph.json.data`), or null when none came. */
export type TelegramGraphJson = string | null;

/** Fields both kinds of statistics share, as Telegram sent them. */
interface TelegramStatsInputBase {
  /** `period`: the first and last day Telegram's figures cover, Unix seconds. */
  period: { minDateUnix: number; maxDateUnix: number };
}

/** A supergroup's `stats.megagroupStats`, as the adapter read it. */
export interface SupergroupStatsInput extends TelegramStatsInputBase {
  kind: "supergroup";
  members: TelegramStatsValue;
  messages: TelegramStatsValue;
  viewers: TelegramStatsValue;
  posters: TelegramStatsValue;
  graphs: {
    growth: TelegramGraphJson;
    newBySource: TelegramGraphJson;
    languages: TelegramGraphJson;
  };
}

/** A channel's `stats.broadcastStats`, as the adapter read it. */
export interface ChannelStatsInput extends TelegramStatsInputBase {
  kind: "channel";
  followers: TelegramStatsValue;
  viewsPerPost: TelegramStatsValue;
  sharesPerPost: TelegramStatsValue;
  reactionsPerPost: TelegramStatsValue;
  /** `enabled_notifications`: followers with notifications on (`part`) of all (`total`). */
  enabledNotifications: { part: number; total: number };
  graphs: {
    growth: TelegramGraphJson;
    newBySource: TelegramGraphJson;
    languages: TelegramGraphJson;
    viewsBySource: TelegramGraphJson;
  };
}

/** Telegram's statistics of a chat as the adapter read them (see {@link telegramStatsJson}). */
export type TelegramStatsInput = SupergroupStatsInput | ChannelStatsInput;

/** Members (followers) day by day, from Telegram's growth graph. */
export interface TelegramGrowthJson {
  /** Days, `YYYY-MM-DD` in UTC (Telegram's graphs are by UTC day), ascending. */
  dates: string[];
  /** The count on each day. */
  values: number[];
}

/** One part of a breakdown graph (a source, a language) over the graph's days. */
export interface TelegramShareJson {
  /** Telegram's name of the series (e.g. `URL`, `English`), in the language Telegram answered in. */
  name: string;
  /** The series' values summed over the graph's days. */
  total: number;
  /** `total` / all series' totals, 4 decimals. */
  share: number;
}

/** Fields of both kinds in `report.json`. */
interface TelegramStatsJsonBase {
  /** Telegram's period, `YYYY-MM-DD` in UTC, both ends inclusive. */
  period: { from: string; to: string };
  /** Null when Telegram sent no growth graph or it did not parse. */
  growth: TelegramGrowthJson | null;
  /** New members (followers) by how they came, most first; empty without the graph. */
  newBySource: TelegramShareJson[];
  /** Members (followers) by language, most first; empty without the graph. */
  languages: TelegramShareJson[];
}

/** A supergroup's statistics in `report.json`. */
export interface SupergroupStatsJson extends TelegramStatsJsonBase {
  kind: "supergroup";
  members: TelegramStatsValue;
  messages: TelegramStatsValue;
  viewers: TelegramStatsValue;
  posters: TelegramStatsValue;
}

/** A channel's statistics in `report.json`. */
export interface ChannelStatsJson extends TelegramStatsJsonBase {
  kind: "channel";
  followers: TelegramStatsValue;
  viewsPerPost: TelegramStatsValue;
  sharesPerPost: TelegramStatsValue;
  reactionsPerPost: TelegramStatsValue;
  /** Null when Telegram gave a total of 0. */
  notifications: {
    /** Followers with notifications on. */
    enabled: number;
    total: number;
    /** `enabled / total`, 4 decimals. */
    enabledShare: number;
    /** `1 − enabled / total`, 4 decimals. */
    muteRate: number;
  } | null;
  /** Views by where they came from, most first; empty without the graph. */
  viewsBySource: TelegramShareJson[];
}

/** Telegram's own statistics in `report.json`; see README "Telegram's own statistics". */
export type TelegramStatsJson = SupergroupStatsJson | ChannelStatsJson;

/** One series of a parsed graph. */
export interface TelegramGraphSeries {
  /** The column key, e.g. `y0`. */
  key: string;
  /** `names[key]`, else the key. */
  name: string;
  values: number[];
}

/** A graph of Telegram's chart format as plain series over UTC days. */
export interface TelegramGraph {
  /** The x column's timestamps as UTC days, `YYYY-MM-DD`. */
  dates: string[];
  series: TelegramGraphSeries[];
}

/** Longest series name kept. */
const MAX_SERIES_NAME_CHARS = 48;
const columnSchema = z.tuple([z.string()], z.number());
const graphSchema = z.object({
  columns: z.array(columnSchema).min(1),
  types: z.record(z.string(), z.string()),
  names: z.record(z.string(), z.string()).optional(),
});

/**
 * Telegram's chart JSON (`{"columns":[["x",ms…],["y0",…]],"types":{"x":"x","y0":"line"},"names":{…}}`)
 * as plain series; null when it is not JSON, lacks the x column, or a series'
 * length differs from it.
 *
 * @example parseTelegramGraph('{"columns":[["x",0],["y0",5]],"types":{"x":"x","y0":"line"},"names":{"y0":"Members"}}')
 * // { dates: ["1970-01-01"], series: [{ key: "y0", name: "Members", values: [5] }] }
 */
export function parseTelegramGraph(json: string): TelegramGraph | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = graphSchema.safeParse(data);
  if (!parsed.success) return null;
  const { columns, types, names } = parsed.data;
  const x = columns.find(([key]) => types[key] === "x");
  if (x === undefined) return null;
  const [, ...timestamps] = x;
  const series: TelegramGraphSeries[] = [];
  for (const [key, ...values] of columns) {
    if (types[key] === "x") continue;
    if (values.length !== timestamps.length) return null;
    // Telegram names its series briefly; the cut only bounds what a summary line can hold.
    series.push({ key, name: (names?.[key] ?? key).slice(0, MAX_SERIES_NAME_CHARS), values });
  }
  const dates = timestamps.map(utcDay);
  if (dates.includes(null)) return null;
  return { dates: dates as string[], series };
}

/**
 * The figures of `report.json` from what the adapter read: headline values
 * as Telegram gave them (2 decimals), graphs parsed, each one that does not
 * parse left out.
 */
export function telegramStatsJson(input: TelegramStatsInput): TelegramStatsJson {
  const period = {
    from: utcDay(input.period.minDateUnix * 1000) ?? "",
    to: utcDay(input.period.maxDateUnix * 1000) ?? "",
  };
  const base = {
    period,
    growth: growthOf(input.graphs.growth),
    newBySource: sharesOf(input.graphs.newBySource),
    languages: sharesOf(input.graphs.languages),
  };
  if (input.kind === "supergroup")
    return {
      kind: "supergroup",
      ...base,
      members: rounded(input.members),
      messages: rounded(input.messages),
      viewers: rounded(input.viewers),
      posters: rounded(input.posters),
    };
  const { part, total } = input.enabledNotifications;
  return {
    kind: "channel",
    ...base,
    followers: rounded(input.followers),
    viewsPerPost: rounded(input.viewsPerPost),
    sharesPerPost: rounded(input.sharesPerPost),
    reactionsPerPost: rounded(input.reactionsPerPost),
    notifications:
      total > 0
        ? {
            enabled: part,
            total,
            enabledShare: round(part / total, 4),
            muteRate: round(1 - part / total, 4),
          }
        : null,
    viewsBySource: sharesOf(input.graphs.viewsBySource),
  };
}

/** The first series of the growth graph, day by day; null without one. */
function growthOf(json: TelegramGraphJson): TelegramGrowthJson | null {
  const graph = json === null ? null : parseTelegramGraph(json);
  const first = graph?.series[0];
  if (graph === null || first === undefined || graph.dates.length === 0) return null;
  return { dates: graph.dates, values: first.values };
}

/** Each series summed over the days, with its share of the sum of all; series summing to 0 left out. */
function sharesOf(json: TelegramGraphJson): TelegramShareJson[] {
  const graph = json === null ? null : parseTelegramGraph(json);
  if (graph === null) return [];
  const totals = graph.series.map((series) => ({
    name: series.name,
    total: round(
      series.values.reduce((sum, value) => sum + value, 0),
      2,
    ),
  }));
  const all = totals.reduce((sum, entry) => sum + entry.total, 0);
  if (all <= 0) return [];
  return totals
    .filter((entry) => entry.total > 0)
    .map((entry) => ({ ...entry, share: round(entry.total / all, 4) }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function rounded(value: TelegramStatsValue): TelegramStatsValue {
  return { current: round(value.current, 2), previous: round(value.previous, 2) };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** `YYYY-MM-DD` of a time in ms, in UTC; null for a time Date cannot hold. */
function utcDay(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}
