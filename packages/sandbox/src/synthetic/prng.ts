/**
 * Seeded pseudo-random numbers for the synthetic export.
 *
 * Hand-written on purpose: mulberry32 is six lines, has a 32-bit state that is
 * trivially reproducible across Node versions, and is fast on the hot path; a
 * dependency would add nothing but a version to pin.
 */

/** A seeded source of uniform numbers plus the few distributions the generator needs. */
export class Prng {
  private state: number;

  /** @param seed any finite number; the same seed always gives the same sequence. */
  constructor(seed: number) {
    // Fold fractions and large values into 32 bits so every finite seed is usable.
    this.state = (Math.trunc(seed) ^ Math.trunc(seed / 4294967296) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** Draws items with fixed relative weights (cumulative sums + binary search). */
export class WeightedTable<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  /** @param entries `[item, weight]` pairs; weights must be ≥ 0 and not all zero. */
  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], index) => {
      sum += weight;
      this.cumulative[index] = sum;
    });
    if (!(sum > 0)) throw new RangeError("WeightedTable needs at least one positive weight.");
    this.total = sum;
  }

  /** Number of items in the table. */
  get size(): number {
    return this.items.length;
  }

  /** One item, with probability proportional to its weight. */
  sample(prng: Prng): T {
    return this.items[this.sampleIndex(prng)]!;
  }

  /** Index of one item, with probability proportional to its weight. */
  sampleIndex(prng: Prng): number {
    const target = prng.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}

/**
 * A Zipf-like table over a ranked list: the item at rank r gets weight 1/(r+1)^exponent.
 *
 * @example zipfTable(["the", "a", "of"], 1).sample(prng) // "the" about half the time
 */
export function zipfTable<T>(ranked: readonly T[], exponent: number): WeightedTable<T> {
  return new WeightedTable(ranked.map((item, rank) => [item, 1 / Math.pow(rank + 1, exponent)]));
}
