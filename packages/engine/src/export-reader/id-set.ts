const PAGE_BITS = 4096;
const PAGE_WORDS = PAGE_BITS / 32;

/**
 * A set of integer ids as a sparse bitset: 512-byte pages of 4096 ids each,
 * created on first use. Message ids of a chat are dense runs, so a million ids
 * take about 128 KB instead of the ~40 MB of a `Set<number>`. Negative ids
 * (migrated basic-group messages, id − 10^9) work the same way.
 *
 * @example
 * const seen = new IdSet();
 * seen.add(5); // true
 * seen.add(5); // false (already there)
 */
export class IdSet {
  private readonly pages: Map<number, Uint32Array>;
  private lastKey = Number.NaN;
  private lastPage: Uint32Array | undefined;

  /** @param pages pages of {@link toPages}, e.g. from another thread; owned by the set from now on. */
  constructor(pages = new Map<number, Uint32Array>()) {
    this.pages = pages;
  }

  /** The set as plain pages, to send it to another thread (structured clone keeps typed arrays). */
  toPages(): Map<number, Uint32Array> {
    return this.pages;
  }

  /** Adds every id of `other`; returns how many of them were already here. */
  addAll(other: IdSet): number {
    let overlap = 0;
    for (const [key, page] of other.pages) {
      const mine = this.pages.get(key);
      if (mine === undefined) {
        this.pages.set(key, page.slice());
        continue;
      }
      for (let word = 0; word < PAGE_WORDS; word++) {
        overlap += bitCount(mine[word]! & page[word]!);
        mine[word] = mine[word]! | page[word]!;
      }
    }
    this.lastKey = Number.NaN;
    return overlap;
  }

  /** Adds a safe integer; false when it was already in the set. */
  add(id: number): boolean {
    const key = Math.floor(id / PAGE_BITS);
    let page = key === this.lastKey ? this.lastPage : this.pages.get(key);
    if (page === undefined) {
      page = new Uint32Array(PAGE_WORDS);
      this.pages.set(key, page);
    }
    this.lastKey = key;
    this.lastPage = page;
    const bit = id - key * PAGE_BITS;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    const current = page[word]!;
    if ((current & mask) !== 0) return false;
    page[word] = current | mask;
    return true;
  }
}

/** Set bits of a 32-bit integer (SWAR popcount). */
function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
