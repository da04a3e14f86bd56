/**
 * A mergeable histogram of delays in seconds, for median reply times.
 *
 * Exact below one minute, log-scaled above it with buckets 5 % wide, so the
 * median of any merge is within {@link DELAY_PRECISION} of the true one while a
 * reply pair stores a few dozen numbers instead of every delay. Hand-written:
 * it is twenty lines, where an HDR histogram or t-digest package would bring a
 * dependency for the same result.
 */

/** Relative width of a bucket above one minute. */
export const DELAY_PRECISION = 0.05;
const EXACT_BELOW_SECONDS = 60;
const LOG_BASE = Math.log1p(DELAY_PRECISION);

/** Bucket number of a delay. */
export function delayBucket(delaySeconds: number): number {
  const delay = Math.max(0, Math.floor(delaySeconds));
  if (delay < EXACT_BELOW_SECONDS) return delay;
  return EXACT_BELOW_SECONDS + Math.floor(Math.log(delay / EXACT_BELOW_SECONDS) / LOG_BASE);
}

/** The delay a bucket stands for: exact below a minute, else the geometric middle of the bucket. */
export function bucketDelaySeconds(bucket: number): number {
  if (bucket < EXACT_BELOW_SECONDS) return bucket;
  const low = EXACT_BELOW_SECONDS * Math.pow(1 + DELAY_PRECISION, bucket - EXACT_BELOW_SECONDS);
  return Math.round(low * Math.sqrt(1 + DELAY_PRECISION));
}

/** Sparse histogram: bucket → count. */
export type DelayHistogram = Map<number, number>;

/** Adds one delay in place. */
export function addDelay(histogram: DelayHistogram, delaySeconds: number): void {
  const bucket = delayBucket(delaySeconds);
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
}

/** A new histogram with both inputs' counts. */
export function mergeHistograms(a: DelayHistogram, b: DelayHistogram): DelayHistogram {
  const merged = new Map(a);
  for (const [bucket, count] of b) merged.set(bucket, (merged.get(bucket) ?? 0) + count);
  return merged;
}

/** The lower median (the ⌈n/2⌉-th smallest delay); null when empty. */
export function medianDelaySeconds(histogram: DelayHistogram): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((x, y) => x - y)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketDelaySeconds(bucket);
  }
  return null;
}
