/**
 * A span of time as Telegram's counting searches take it: from its first
 * second up to (not including) `toUnix`, or to now when `toUnix` is null.
 */
export interface DateRangeUnix {
  fromUnix: number;
  toUnix: number | null;
}
