/** Sizes of a {@link TermCounter}. */
export interface TermCounterOptions {
  /** Distinct terms counted exactly; one more turns the counter into a sketch. */
  exactLimit: number;
  /** Counters a sketch keeps after each reduction; it holds at most 2× this many. */
  capacity: number;
}

/** 100k distinct terms cover all but the largest chats exactly; a 20k-counter sketch stays a few MB. */
export const DEFAULT_TERM_COUNTER_OPTIONS: Readonly<TermCounterOptions> = {
  exactLimit: 100_000,
  capacity: 20_000,
};

/** A {@link TermCounter} as plain JSON, for caches and job checkpoints. */
export interface TermCounterJson {
  exactLimit: number;
  capacity: number;
  /** Sum of all counts added. */
  total: number;
  /** The sketch's share of {@link TermCounter.errorBound}. */
  sketchErrorBound: number;
  /** The share of {@link TermCounter.errorBound} cut by {@link TermCounter.withoutRare}. */
  rareErrorBound: number;
  /** Held terms; `counts[i]` is the count of `terms[i]`, `messages[i]` how many messages it was seen in. */
  terms: string[];
  counts: number[];
  messages: number[];
}

/** True for a whole number from `min` to the largest safe integer. */
function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}

/**
 * What is wrong with a stored counter state, or null when nothing is.
 * Checked by hand rather than with a zod schema: zod adds ~15 MB to every
 * range thread, which folds counters but never reads one back.
 */
function termCounterJsonFault(json: unknown): string | null {
  if (typeof json !== "object" || json === null) return "not an object";
  const fields = json as Record<string, unknown>;
  for (const key of ["exactLimit", "total", "sketchErrorBound", "rareErrorBound"])
    if (!isCount(fields[key], 0)) return `${key} is not a whole number ≥ 0`;
  if (!isCount(fields.capacity, 1)) return "capacity is not a whole number ≥ 1";
  const { terms, counts, messages } = fields;
  if (!Array.isArray(terms) || !terms.every((term) => typeof term === "string"))
    return "terms is not a list of strings";
  for (const [key, list] of [
    ["counts", counts],
    ["messages", messages],
  ] as const)
    if (!Array.isArray(list) || !list.every((count) => isCount(count, 1)))
      return `${key} is not a list of whole numbers ≥ 1`;
  const [countList, messageList] = [counts as number[], messages as number[]];
  if (terms.length !== countList.length || terms.length !== messageList.length)
    return "terms, counts and messages differ in length";
  if (!messageList.every((count, index) => count <= countList[index]!))
    return "a term is in more messages than its count";
  if (new Set(terms).size !== terms.length) return "a term occurs twice";
  return null;
}

/** Bad options, a bad count or a bad JSON state given to a {@link TermCounter}. */
export class TermCounterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TermCounterError";
  }
}

/**
 * Counts terms for "top words": exact (a Map) up to `exactLimit` distinct
 * terms, then a Misra–Gries summary of at most 2×`capacity` counters, so memory
 * stays bounded however large the vocabulary. Mergeable (Agarwal et al.,
 * "Mergeable summaries", 2012) and serialisable, so partial counts of a chat
 * can be cached, checkpointed and combined.
 *
 * Each term also carries how many distinct messages it was seen in (a lower
 * bound once a sketch), so that {@link withoutRare} can drop the terms of
 * one-off messages before a count is stored.
 *
 * Hand-written because no maintained npm package offers a mergeable
 * Misra–Gries summary with serialisation (Apache DataSketches' frequent-items
 * sketch has no JavaScript port; npm count-min sketches overcount and do not
 * list their heavy hitters).
 *
 * @example
 * const words = new TermCounter();
 * for (const term of ["cat", "dog", "cat"]) words.add(term);
 * words.top(1); // [{ term: "cat", count: 2 }]
 */
export class TermCounter {
  readonly options: Readonly<TermCounterOptions>;
  private counts = new Map<string, TermEntry>();
  private error = 0;
  private rareError = 0;
  private totalCount = 0;
  /** Number of the message being added; entries remember the last one that counted them. */
  private message = 0;

  /** @param options sizes; defaults in {@link DEFAULT_TERM_COUNTER_OPTIONS}. */
  constructor(options: Partial<TermCounterOptions> = {}) {
    this.options = validOptions({ ...DEFAULT_TERM_COUNTER_OPTIONS, ...options });
  }

  /** True while no count has been cut, i.e. every count is the true count. */
  get exact(): boolean {
    return this.error === 0 && this.rareError === 0;
  }

  /**
   * How much any count (held or not: a missing term counts 0) may be below the
   * true count; 0 when exact. The sum of {@link sketchErrorBound} and
   * {@link rareErrorBound}: the two cuts add up at worst.
   */
  get errorBound(): number {
    return this.error + this.rareError;
  }

  /** The sketch's share of {@link errorBound}: never above `total / (capacity + 1)`. */
  get sketchErrorBound(): number {
    return this.error;
  }

  /**
   * The share of {@link errorBound} cut by {@link withoutRare}: for each cut,
   * the largest count it dropped, summed over every cut that went into this
   * counter (merging adds them).
   */
  get rareErrorBound(): number {
    return this.rareError;
  }

  /** Sum of all counts added. */
  get total(): number {
    return this.totalCount;
  }

  /** Distinct terms held now: at most `exactLimit` while exact-mode, below 2×`capacity` once a sketch. */
  get size(): number {
    return this.counts.size;
  }

  /**
   * Counts `term` `count` more times, as the terms of one more message.
   * @param count a positive integer, 1 by default.
   */
  add(term: string, count = 1): void {
    if (!Number.isSafeInteger(count) || count <= 0) {
      throw new TermCounterError(`Cannot add ${count} × "${term}": pass a positive integer count.`);
    }
    this.addOne(term, count, ++this.message);
  }

  /**
   * Counts the terms of one message: every occurrence adds to a term's count,
   * and each distinct term is one more message for it.
   */
  addMessage(terms: readonly string[]): void {
    const message = ++this.message;
    for (const term of terms) this.addOne(term, 1, message);
  }

  /** How many distinct messages `term` was seen in (0 when not held; a lower bound once a sketch). */
  messagesOf(term: string): number {
    return this.counts.get(term)?.messages ?? 0;
  }

  /**
   * A new counter without the terms seen in fewer than `minMessages` distinct
   * messages: what may be stored. The counts it keeps are unchanged; the
   * largest count it drops is added to {@link rareErrorBound}. Applying it
   * twice drops nothing more.
   */
  withoutRare(minMessages: number): TermCounter {
    if (!Number.isSafeInteger(minMessages) || minMessages < 1) {
      throw new TermCounterError(`minMessages ${minMessages} is invalid: pass an integer ≥ 1.`);
    }
    const kept = new TermCounter(this.options);
    let largestDropped = 0;
    for (const [term, entry] of this.counts) {
      if (entry.messages >= minMessages) kept.counts.set(term, copyEntry(entry));
      else largestDropped = Math.max(largestDropped, entry.count);
    }
    kept.totalCount = this.totalCount;
    kept.error = this.error;
    kept.rareError = this.rareError + largestDropped;
    return kept;
  }

  /**
   * A new counter of both inputs (which are not changed): counts added, then
   * reduced like {@link add} does. Exact and equal to one counter of all input
   * while the union stays within `exactLimit`; associative then. As a sketch
   * the result depends on the merge order but always keeps the error bound
   * `sketchErrorBound ≤ total / (capacity + 1)`. Different options: the smaller of each wins.
   */
  merge(other: TermCounter): TermCounter {
    const merged = new TermCounter({
      exactLimit: Math.min(this.options.exactLimit, other.options.exactLimit),
      capacity: Math.min(this.options.capacity, other.options.capacity),
    });
    const [larger, smaller] = this.size >= other.size ? [this, other] : [other, this];
    for (const [term, entry] of larger.counts) merged.counts.set(term, copyEntry(entry));
    merged.totalCount = larger.totalCount;
    merged.error = larger.error;
    merged.rareError = larger.rareError;
    merged.addCounts(smaller);
    return merged;
  }

  /**
   * {@link merge} into this counter, for one only the caller holds: the same
   * result without copying this counter's terms. `other` is not changed.
   * @throws {TermCounterError} when the two were made with different options
   */
  absorb(other: TermCounter): void {
    const { exactLimit, capacity } = this.options;
    if (other.options.exactLimit !== exactLimit || other.options.capacity !== capacity)
      throw new TermCounterError(
        `Cannot absorb a counter with other options (${other.options.exactLimit}/${other.options.capacity} against ${exactLimit}/${capacity}); use merge().`,
      );
    this.message = 0;
    for (const entry of this.counts.values()) entry.lastMessage = 0;
    this.addCounts(other);
  }

  /** Adds the counts of `other` (a disjoint set of messages), then reduces like {@link add}. */
  private addCounts(other: TermCounter): void {
    for (const [term, entry] of other.counts) {
      const current = this.counts.get(term);
      if (current === undefined) this.counts.set(term, copyEntry(entry));
      else {
        // Two inputs never share a message, so their message counts add up.
        current.count += entry.count;
        current.messages += entry.messages;
      }
    }
    this.totalCount += other.totalCount;
    this.error += other.error;
    this.rareError += other.rareError;
    this.reduceIfSketch();
  }

  /** The `n` largest counts, count descending, then term ascending by code unit (a total order). */
  top(n: number): { term: string; count: number }[] {
    const limit = Math.floor(n);
    if (!(limit > 0)) return [];
    let entries = [...this.counts].map(([term, entry]): [string, number] => [term, entry.count]);
    if (limit < entries.length) {
      const cut = kthLargest(
        Float64Array.from(entries, ([, count]) => count),
        limit - 1,
      );
      entries = entries.filter(([, count]) => count >= cut);
    }
    entries.sort(compareEntries);
    return entries.slice(0, limit).map(([term, count]) => ({ term, count }));
  }

  /**
   * The state as plain JSON; {@link TermCounter.fromJSON} restores it. Terms
   * are sorted by code unit, so equal states give equal JSON whatever order
   * the terms came in.
   */
  toJSON(): TermCounterJson {
    return this.jsonOf([...this.counts.keys()].sort()); // default sort: by UTF-16 code unit
  }

  /**
   * {@link toJSON} with the terms in no particular order, for a counter that
   * goes to another thread and is read back at once: sorting 100k terms costs
   * more than sending them.
   */
  toUnsortedJSON(): TermCounterJson {
    return this.jsonOf([...this.counts.keys()]);
  }

  private jsonOf(terms: string[]): TermCounterJson {
    return {
      ...this.options,
      total: this.totalCount,
      sketchErrorBound: this.error,
      rareErrorBound: this.rareError,
      terms,
      counts: terms.map((term) => this.counts.get(term)!.count),
      messages: terms.map((term) => this.counts.get(term)!.messages),
    };
  }

  /** Restores {@link TermCounter.toJSON} output; throws {@link TermCounterError} on a malformed state. */
  static fromJSON(json: TermCounterJson): TermCounter {
    const fault = termCounterJsonFault(json);
    if (fault !== null)
      throw new TermCounterError(
        `Not a TermCounter state (${fault}); drop the cached state and recount.`,
      );
    const {
      exactLimit,
      capacity,
      total,
      sketchErrorBound,
      rareErrorBound,
      terms,
      counts,
      messages,
    } = json;
    const counter = new TermCounter({ exactLimit, capacity });
    for (const [index, term] of terms.entries())
      counter.counts.set(term, new TermEntry(counts[index]!, messages[index]!, 0));
    counter.totalCount = total;
    counter.error = sketchErrorBound;
    counter.rareError = rareErrorBound;
    return counter;
  }

  private addOne(term: string, count: number, message: number): void {
    this.totalCount += count;
    const entry = this.counts.get(term);
    if (entry !== undefined) {
      entry.count += count;
      if (entry.lastMessage !== message) {
        entry.messages++;
        entry.lastMessage = message;
      }
      return;
    }
    this.counts.set(term, new TermEntry(count, 1, message));
    if (this.counts.size >= 2 * this.options.capacity) this.reduceIfSketch();
  }

  /** A sketch: any count has been cut, or there are more distinct terms than `exactLimit`. */
  private get isSketch(): boolean {
    return this.error > 0 || this.counts.size > this.options.exactLimit;
  }

  /**
   * Misra–Gries reduction, batched: at 2×capacity counters, subtract the
   * (capacity+1)-th largest count c from all and drop those left ≤ 0. At least
   * capacity+1 counters lose c each, so the cuts sum to at most
   * total/(capacity+1), and at most `capacity` counters remain. A message
   * count above the cut count is lowered to it: still a lower bound.
   */
  private reduceIfSketch(): void {
    const { capacity } = this.options;
    if (this.counts.size < 2 * capacity || !this.isSketch) return;
    const counts = Float64Array.from(this.counts.values(), (entry) => entry.count);
    const cut = kthLargest(counts, capacity);
    for (const [term, entry] of this.counts) {
      if (entry.count <= cut) this.counts.delete(term);
      else {
        entry.count -= cut;
        entry.messages = Math.min(entry.messages, entry.count);
      }
    }
    this.error += cut;
  }
}

/** One held term: its count, its distinct messages and the last message that counted it. */
class TermEntry {
  constructor(
    public count: number,
    public messages: number,
    public lastMessage: number,
  ) {}
}

/** A copy for another counter: its message numbering starts over, so no message is remembered. */
function copyEntry(entry: TermEntry): TermEntry {
  return new TermEntry(entry.count, entry.messages, 0);
}

/** Count descending, then term ascending by code unit (locale-free, so every machine agrees). */
function compareEntries(
  [termA, countA]: [string, number],
  [termB, countB]: [string, number],
): number {
  if (countA !== countB) return countB - countA;
  return termA < termB ? -1 : termA > termB ? 1 : 0;
}

function validOptions(options: TermCounterOptions): TermCounterOptions {
  const { exactLimit, capacity } = options;
  if (!Number.isSafeInteger(exactLimit) || exactLimit < 0) {
    throw new TermCounterError(`exactLimit ${exactLimit} is invalid: pass an integer ≥ 0.`);
  }
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new TermCounterError(`capacity ${capacity} is invalid: pass an integer ≥ 1.`);
  }
  return { exactLimit, capacity };
}

/**
 * The value at index `k` of `values` sorted descending (k = 0: the largest),
 * by quickselect (Hoare partition: expected O(n), fine with many equal
 * values). Reorders `values`.
 */
export function kthLargest(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = medianOfThree(values[left]!, values[(left + right) >>> 1]!, values[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
