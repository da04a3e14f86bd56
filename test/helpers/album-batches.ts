/**
 * How an album of `charts` charts goes out, by the rule the worker states:
 * albums of 10, then the rest as one album when 2 or more, as a photo when 1.
 * Written apart from the worker's own `albumBatches`, so tests check it.
 */
export function expectedBatches(charts: number): { albums: number[]; photos: number } {
  const rest = charts % 10;
  return {
    albums: [...Array<number>(Math.floor(charts / 10)).fill(10), ...(rest >= 2 ? [rest] : [])],
    photos: rest === 1 ? 1 : 0,
  };
}
